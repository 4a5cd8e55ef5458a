//! Groups a folder's articles into stories as `clipdex index` does, for
//! `../shared/bench/score-copies`.
//!
//! ```text
//! cargo run --release --example eval_copies -- CORPUS [--window N] [--sample N]
//!     [--exact-words N] [--min-shared N] [--containment X] > groups.jsonl
//! ```
//!
//! Files are read through the same loader as `clipdex index`, in path order. Prints one
//! line per article, `{"path", "part", "story"}`, and the time taken on stderr.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clipdex::ingest;
use clipdex::stories::{signature, Grouper, Settings};

fn options() -> Result<(PathBuf, Settings), String> {
    let mut settings = Settings::default();
    let mut root = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--window" => settings.window = value()?.parse().map_err(|e| format!("{e}"))?,
            "--sample" => settings.sample = value()?.parse().map_err(|e| format!("{e}"))?,
            "--exact-words" => {
                settings.exact_words = value()?.parse().map_err(|e| format!("{e}"))?
            }
            "--min-shared" => settings.min_shared = value()?.parse().map_err(|e| format!("{e}"))?,
            "--containment" => {
                settings.containment = value()?.parse().map_err(|e| format!("{e}"))?
            }
            _ if root.is_none() => root = Some(PathBuf::from(&arg)),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    Ok((root.ok_or("give the corpus folder")?, settings))
}

fn main() -> ExitCode {
    let (root, settings) = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("eval_copies: {message}");
            return ExitCode::FAILURE;
        }
    };
    let started = Instant::now();
    let mut grouper = Grouper::new(settings);
    let mut articles = 0;
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(loaded) = ingest::load(entry.path()) else {
            continue;
        };
        for e in loaded.parsed.entries {
            let part = e.part.unwrap_or(1);
            let uid = articles as u64 + 1;
            let (story, _) = grouper.assign(
                uid,
                &signature(&e.article.title, &e.article.body, &settings),
            );
            let line = serde_json::json!({
                "path": entry.path().display().to_string(),
                "part": part,
                "story": story.to_string(),
            });
            println!("{line}");
            articles += 1;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "eval_copies: {articles} articles, {} stories, {secs:.2} s ({:.0} articles/s)",
        grouper.len(),
        articles as f64 / secs
    );
    ExitCode::SUCCESS
}
