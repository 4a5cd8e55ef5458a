//! Times speaker extraction alone over a folder of clippings.
//!
//! ```text
//! cargo run --release --example bench_extract -- ../shared/corpora/reuters21578
//! ```
//!
//! Files are loaded first (not timed); then every article goes through
//! `speakers::extract` three times and the fastest pass is reported. With
//! `--dump FILE`, every article's speakers are also written to FILE as JSON lines, so
//! that a change meant to be faster can be shown to find exactly the same speakers.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clipdex::ingest;
use clipdex::model::Article;
use clipdex::speakers::extract;

// The binary's allocator, so that the figures are the ones `clipdex index` sees.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (root, dump) = match args.as_slice() {
        [root] => (PathBuf::from(root), None),
        [root, flag, file] if flag == "--dump" => (PathBuf::from(root), Some(PathBuf::from(file))),
        _ => {
            eprintln!("usage: bench_extract FOLDER [--dump FILE]");
            return ExitCode::from(2);
        }
    };
    let found = ingest::walk(&root, None);
    let mut articles: Vec<Article> = Vec::new();
    for file in &found.files {
        if let Ok(loaded) = ingest::load(&file.path) {
            articles.extend(loaded.parsed.entries.into_iter().map(|e| e.article));
        }
    }
    let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
    let mut best = f64::MAX;
    let mut speakers = 0;
    for _ in 0..3 {
        let started = Instant::now();
        speakers = articles.iter().map(|a| extract(a).len()).sum::<usize>();
        best = best.min(started.elapsed().as_secs_f64());
    }
    println!(
        "{} articles, {:.1} MB of body text, {speakers} speakers: {:.3} s ({:.1} us/article, {:.1} MB/s)",
        articles.len(),
        bytes as f64 / 1e6,
        best,
        best * 1e6 / articles.len().max(1) as f64,
        bytes as f64 / 1e6 / best
    );
    if let Some(file) = dump {
        if let Err(err) = write_dump(&file, &articles) {
            eprintln!("cannot write {}: {err}", file.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// One JSON line per article: its title and the speakers found in it.
fn write_dump(file: &Path, articles: &[Article]) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(file)?);
    for article in articles {
        let line = serde_json::json!({ "title": article.title, "speakers": extract(article) });
        writeln!(out, "{line}")?;
    }
    out.flush()
}
