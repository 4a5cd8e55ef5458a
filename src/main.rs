//! The `clipdex` binary: parse the command line, run it, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

use clipdex::app::{self, EXIT_ERROR, EXIT_OK};
use clipdex::cli::Cli;

/// mimalloc hands freed memory back to the system: tantivy's indexing buffers are
/// returned after each flush instead of staying in the process (and it allocates faster).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match app::run(cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::from(EXIT_OK),
        Err(err) => {
            eprintln!("clipdex: error: {err:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// `clipdex search ... | head` closes the pipe early; that is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
