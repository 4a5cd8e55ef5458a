//! Times the prose analyzer alone (split, fold, stem through the memo) over a folder of
//! clippings, as the index writer runs it on every title and body.
//!
//! ```text
//! cargo run --release --example bench_prose -- /tmp/clipdex-bench/jsonl-100000-s0
//! ```
//!
//! Files are loaded first (not timed); then every title and body goes through the
//! analyzer three times, on one thread, and the fastest pass is reported with a checksum
//! of the terms, so that a change meant to be faster can be shown to give the same terms.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clipdex::index::schema::{self, PROSE_ANALYZER};
use clipdex::ingest;
use tantivy::Index;

// The binary's allocator, so that the figures are the ones `clipdex index` sees.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [root] = args.as_slice() else {
        eprintln!("usage: bench_prose FOLDER");
        return ExitCode::from(2);
    };
    let found = ingest::walk(&PathBuf::from(root), None);
    let mut texts: Vec<String> = Vec::new();
    for file in &found.files {
        if let Ok(loaded) = ingest::load(&file.path) {
            for entry in loaded.parsed.entries {
                texts.push(entry.article.title);
                texts.push(entry.article.body);
            }
        }
    }
    let (fields_schema, _) = schema::build();
    let index = Index::create_in_ram(fields_schema);
    schema::register_analyzers(&index);
    let Some(mut analyzer) = index.tokenizers().get(PROSE_ANALYZER) else {
        eprintln!("the prose analyzer is not registered");
        return ExitCode::FAILURE;
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut best = f64::MAX;
    let (mut tokens, mut checksum) = (0usize, 0u64);
    for _ in 0..3 {
        let started = Instant::now();
        (tokens, checksum) = (0, 0);
        for text in &texts {
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                let token = stream.token();
                tokens += 1;
                let mut hasher = rustc_hash::FxHasher::default();
                token.text.hash(&mut hasher);
                (token.position, token.offset_from, token.offset_to).hash(&mut hasher);
                checksum = checksum.rotate_left(1) ^ hasher.finish();
            }
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!(
        "{} texts, {:.1} MB, {tokens} tokens, checksum {checksum:016x}: {:.3} s ({:.1} MB/s, {:.1} ns/token)",
        texts.len(),
        bytes as f64 / 1e6,
        best,
        bytes as f64 / 1e6 / best,
        best * 1e9 / tokens.max(1) as f64
    );
    ExitCode::SUCCESS
}
