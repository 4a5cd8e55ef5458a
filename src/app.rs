//! One function per subcommand: wires the stages together and picks a printer.

use std::collections::HashSet;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{
    Cli, Command, ExtractArgs, IndexArgs, QuotesArgs, SearchArgs, SpeakersArgs, StatsArgs,
};
use crate::config;
use crate::error::FileError;
use crate::index::{Catalog, Writer};
use crate::ingest::{self, Loaded};
use crate::model::{Format, IndexReport, Problem};
use crate::output::json::{write_line, ExtractRecord};
use crate::output::{people as people_out, terminal, Style};
use crate::parse::Entry;
use crate::search;
use crate::speakers;

/// Exit code: the command found what was asked for.
pub const EXIT_OK: u8 = 0;
/// Exit code: a search matched nothing.
pub const EXIT_NO_RESULTS: u8 = 1;
/// Exit code: the command could not do its job.
pub const EXIT_ERROR: u8 = 2;
/// Exit code: `index` was stopped by Ctrl-C after committing what it had done.
pub const EXIT_INTERRUPTED: u8 = 130;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let index_path = config::index_path(cli.index)?;
    let style = Style {
        color: config::use_color(cli.color),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Index(args) => index(&index_path, &args, &mut out)?,
        Command::Search(args) => search(&index_path, &args, style, &mut out)?,
        Command::Quotes(args) => quotes(&index_path, &args, style, &mut out)?,
        Command::Speakers(args) => speakers(&index_path, &args, style, &mut out)?,
        Command::Stats(args) => stats(&index_path, &args, &mut out)?,
        Command::Extract(args) => extract(&index_path, &args, &mut out)?,
    };
    out.flush()?;
    Ok(ExitCode::from(code))
}

fn cwd() -> Option<PathBuf> {
    std::env::current_dir().ok()
}

fn problem(path: &Path, line: Option<usize>, message: impl Into<String>) -> Problem {
    Problem {
        path: path.to_string_lossy().into_owned(),
        line,
        message: message.into(),
    }
}

fn file_problem(err: &FileError) -> Problem {
    problem(err.path(), err.line(), err.reason())
}

/// Warnings about a file that was read: decoding, bad lines, per-article notes.
fn load_warnings(path: &Path, loaded: &Loaded) -> Vec<Problem> {
    let mut warnings = Vec::new();
    if let Some(w) = &loaded.decode_warning {
        warnings.push(problem(path, None, w.clone()));
    }
    for w in &loaded.parsed.warnings {
        warnings.push(problem(path, w.line, w.message.clone()));
    }
    for entry in &loaded.parsed.entries {
        let line = entry.part.filter(|_| loaded.format == Format::Jsonl);
        for note in &entry.notes {
            let note = match (entry.part, line) {
                (Some(item), None) => format!("item {item}: {note}"),
                _ => note.clone(),
            };
            warnings.push(problem(path, line, note));
        }
    }
    warnings
}

/// The articles of a loaded file, with their speakers found.
fn with_speakers(entries: Vec<Entry>) -> Vec<Entry> {
    entries
        .into_iter()
        .map(|mut entry| {
            entry.article.speakers = speakers::extract(&entry.article);
            entry
        })
        .collect()
}

fn progress_bar() -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} files {wide_msg}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn index<W: Write>(index_path: &Path, args: &IndexArgs, out: &mut W) -> anyhow::Result<u8> {
    let started = Instant::now();
    let roots = args
        .dirs
        .iter()
        .map(|dir| readable_root(dir))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let catalog = Catalog::open_or_create(index_path)?;
    let index_dir = catalog.path.canonicalize().ok();
    let mut writer = Writer::open(catalog)?;
    let mut report = IndexReport {
        index: index_path.display().to_string(),
        ..IndexReport::default()
    };
    let bar = progress_bar();
    let mut seen = HashSet::new();
    let mut unreadable = Vec::new();
    let interrupted = interrupt_flag();
    let mut batch = Batch::new(args.batch as usize);
    'walk: for root in &roots {
        let found = ingest::walk(root, index_dir.as_deref());
        report.files_seen += found.files.len() + found.skipped.len();
        report
            .skipped
            .extend(found.skipped.iter().map(file_problem));
        unreadable.extend(found.unreadable.iter().cloned());
        bar.inc_length(found.files.len() as u64);
        for file in &found.files {
            if interrupted.load(Ordering::SeqCst) {
                report.interrupted = true;
                break 'walk;
            }
            if batch.due() {
                bar.set_message("committing");
                writer.checkpoint()?;
                report.commits += 1;
                batch.reset();
                bar.set_message("");
            }
            bar.inc(1);
            seen.insert(file.path.to_string_lossy().into_owned());
            if let Some(articles) = writer.unchanged(file) {
                report.files_unchanged += 1;
                report.articles.unchanged += articles;
                continue;
            }
            let loaded = match ingest::load(&file.path) {
                Ok(loaded) => loaded,
                Err(err) => {
                    let mut problem = file_problem(&err);
                    if let Some(kept) = writer.recorded(file).filter(|n| *n > 0) {
                        problem.message.push_str(&format!(
                            " (the {kept} article(s) indexed from its last readable version are kept)"
                        ));
                    }
                    report.skipped.push(problem);
                    continue;
                }
            };
            report.files_read += 1;
            report.warnings.extend(load_warnings(&file.path, &loaded));
            let entries = with_speakers(loaded.parsed.entries);
            report.untitled += entries
                .iter()
                .filter(|e| e.article.title.is_empty())
                .count();
            let replaced = writer.replace(file, loaded.format, &entries)?;
            batch.add(replaced.added);
            match replaced.previous {
                None => report.articles.indexed += replaced.added,
                Some(previous) => {
                    report.articles.updated += replaced.added;
                    report.articles.removed += previous.saturating_sub(replaced.added);
                }
            }
        }
    }
    // Only a full walk knows which files have gone.
    if !report.interrupted {
        report.articles.removed += writer.remove_missing(&roots, &seen, &unreadable);
    }
    bar.set_message("committing");
    writer.commit()?;
    report.commits += 1;
    bar.finish_and_clear();
    report.seconds = started.elapsed().as_secs_f64();
    if args.json {
        write_line(out, &report)?;
    } else {
        terminal::print_index_report(out, &report, cwd().as_deref())?;
    }
    Ok(if report.interrupted {
        EXIT_INTERRUPTED
    } else if args.strict && !report.skipped.is_empty() {
        EXIT_ERROR
    } else {
        EXIT_OK
    })
}

/// When to commit: after `size` new articles, or 10 seconds after the last commit.
struct Batch {
    size: usize,
    added: usize,
    since: Instant,
}

impl Batch {
    const MAX_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

    fn new(size: usize) -> Batch {
        Batch {
            size,
            added: 0,
            since: Instant::now(),
        }
    }

    fn add(&mut self, articles: usize) {
        self.added += articles;
    }

    fn due(&self) -> bool {
        self.added >= self.size || (self.added > 0 && self.since.elapsed() >= Self::MAX_WAIT)
    }

    fn reset(&mut self) {
        self.added = 0;
        self.since = Instant::now();
    }
}

/// Set when the user presses Ctrl-C; the index run stops at the next file, commits and
/// reports. A second Ctrl-C is not caught twice: the handler is installed once.
fn interrupt_flag() -> Arc<AtomicBool> {
    static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        let setter = Arc::clone(&flag);
        // Without a handler (e.g. another one is installed) Ctrl-C simply ends the
        // process, which the batch commits make safe too.
        let _ = ctrlc::set_handler(move || setter.store(true, Ordering::SeqCst));
        flag
    })
    .clone()
}

/// The canonical path of a folder (or file) to index, refusing one that cannot be read.
fn readable_root(dir: &Path) -> anyhow::Result<PathBuf> {
    let root = dir.canonicalize().with_context(|| {
        format!(
            "{}: no such folder; give the folder of clippings to index",
            dir.display()
        )
    })?;
    if root.is_dir() {
        std::fs::read_dir(&root).with_context(|| {
            format!(
                "{}: cannot read this folder; check its permissions",
                dir.display()
            )
        })?;
    }
    Ok(root)
}

fn search<W: Write>(
    index_path: &Path,
    args: &SearchArgs,
    style: Style,
    out: &mut W,
) -> anyhow::Result<u8> {
    let request = config::search_request(args)?;
    let catalog = Catalog::open(index_path)?;
    let results = search::search(&catalog, &request)?;
    if args.json {
        write_line(out, &results)?;
    } else {
        for warning in &results.warnings {
            eprintln!("clipdex: warning: {warning}");
        }
        terminal::print_search(out, &results, request.sort, cwd().as_deref(), style)?;
    }
    Ok(if results.total == 0 {
        EXIT_NO_RESULTS
    } else {
        EXIT_OK
    })
}

fn quotes<W: Write>(
    index_path: &Path,
    args: &QuotesArgs,
    style: Style,
    out: &mut W,
) -> anyhow::Result<u8> {
    let request = config::quotes_request(args)?;
    let catalog = Catalog::open(index_path)?;
    let matched = search::match_speakers(&catalog, &args.name)?;
    if matched.is_empty() {
        eprintln!(
            "clipdex: nobody called \"{}\" is quoted in the index; `clipdex speakers` lists who is",
            args.name
        );
        return Ok(EXIT_NO_RESULTS);
    }
    if matched.len() > 1 && !args.all {
        if args.json {
            let choices = serde_json::json!({ "name": args.name, "ambiguous": matched });
            write_line(out, &choices)?;
        } else {
            people_out::print_choices(&mut io::stderr(), &args.name, &matched)?;
        }
        return Ok(EXIT_ERROR);
    }
    let quotes = search::quotes(&catalog, &request, matched)?;
    if args.json {
        write_line(out, &quotes)?;
    } else {
        for warning in &quotes.warnings {
            eprintln!("clipdex: warning: {warning}");
        }
        if args.timeline {
            people_out::print_timeline(out, &quotes, style)?;
        } else {
            people_out::print_quotes(out, &quotes, cwd().as_deref(), style)?;
        }
    }
    Ok(if quotes.total == 0 {
        EXIT_NO_RESULTS
    } else {
        EXIT_OK
    })
}

fn speakers<W: Write>(
    index_path: &Path,
    args: &SpeakersArgs,
    style: Style,
    out: &mut W,
) -> anyhow::Result<u8> {
    let request = config::speakers_request(args)?;
    let catalog = Catalog::open(index_path)?;
    let people = search::people(&catalog, &request)?;
    if args.json {
        write_line(out, &people)?;
    } else {
        for warning in &people.warnings {
            eprintln!("clipdex: warning: {warning}");
        }
        people_out::print_people(out, &people, style)?;
    }
    Ok(if people.people.is_empty() {
        EXIT_NO_RESULTS
    } else {
        EXIT_OK
    })
}

fn stats<W: Write>(index_path: &Path, args: &StatsArgs, out: &mut W) -> anyhow::Result<u8> {
    let catalog = Catalog::open(index_path)?;
    let stats = search::stats(&catalog)?;
    if args.json {
        write_line(out, &stats)?;
    } else {
        terminal::print_stats(out, &stats)?;
    }
    Ok(EXIT_OK)
}

fn extract<W: Write>(index_path: &Path, args: &ExtractArgs, out: &mut W) -> anyhow::Result<u8> {
    let index_dir = index_path.canonicalize().ok();
    let mut failed = false;
    let mut report = |err: &FileError| {
        eprintln!("clipdex: {err}");
        failed = true;
    };
    for given in &args.files {
        let files = if given.is_dir() {
            // As `index` does: other kinds of files in a folder are passed over, not errors.
            let found = ingest::walk(given, index_dir.as_deref());
            for err in &found.skipped {
                match err {
                    FileError::Unsupported { .. } => eprintln!("clipdex: skipped {err}"),
                    _ => report(err),
                }
            }
            found.files.into_iter().map(|f| f.path).collect()
        } else {
            match ingest::check_supported(given) {
                Ok(()) => vec![given.clone()],
                Err(err) => {
                    report(&err);
                    continue;
                }
            }
        };
        for path in &files {
            match ingest::load(path) {
                Ok(loaded) => print_extracted(path, loaded, out)?,
                Err(err) => report(&err),
            }
        }
    }
    Ok(if failed { EXIT_ERROR } else { EXIT_OK })
}

fn print_extracted<W: Write>(path: &Path, loaded: Loaded, out: &mut W) -> io::Result<()> {
    for w in load_warnings(path, &loaded) {
        eprintln!("clipdex: warning: {}", w.describe(&w.path));
    }
    let shown = path.to_string_lossy();
    for entry in with_speakers(loaded.parsed.entries) {
        write_line(out, &ExtractRecord::new(&shown, loaded.format, &entry))?;
    }
    Ok(())
}
