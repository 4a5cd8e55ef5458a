//! Times speaker extraction alone over a folder of clippings.
//!
//! ```text
//! cargo run --release --example bench_extract -- ../shared/corpora/reuters21578
//! ```
//!
//! Files are loaded first (not timed); then every article goes through
//! `speakers::extract` three times and the fastest pass is reported.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clipdex::ingest;
use clipdex::model::Article;
use clipdex::speakers::extract;

fn main() -> ExitCode {
    let Some(root) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: bench_extract FOLDER");
        return ExitCode::from(2);
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
    ExitCode::SUCCESS
}
