//! One `clipdex index` run: walk the folders, read and extract each changed file, write
//! it to the index in batches, and report. `--rebuild` does the same into a fresh folder
//! that replaces the old index only once it is complete.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, OnceLock};
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use crate::cli::IndexArgs;
use crate::error::{FileError, IndexError};
use crate::index::{lock_writer, replaceable, Catalog, Seen, Writer};
use crate::ingest::{self, Ahead, Bytes, Loaded, SourceFile};
use crate::model::{Article, Format, IndexReport, Problem, Speaker};
use crate::parse::{Entry, Warning};
use crate::speakers;

/// Indexes `args.dirs` into the index at `index_path` (or, with `--rebuild`, into a new
/// index that then takes its place).
pub fn run(index_path: &Path, args: &IndexArgs) -> anyhow::Result<IndexReport> {
    let started = Instant::now();
    let roots = args
        .dirs
        .iter()
        .map(|dir| readable_root(dir))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut report = IndexReport {
        index: index_path.display().to_string(),
        ..IndexReport::default()
    };
    if args.rebuild {
        rebuild(index_path, &roots, args, &mut report)?;
    } else {
        let catalog = Catalog::open_or_create(index_path)?;
        fill(open_writer(catalog, args)?, &roots, args, &mut report)?;
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn open_writer(catalog: Catalog, args: &IndexArgs) -> anyhow::Result<Writer> {
    let writer = Writer::open(catalog, writer_bytes(args))?;
    Ok(if args.no_speakers {
        writer.without_speakers()
    } else {
        writer
    })
}

/// Builds a complete new index beside the old one, then swaps them. Until the swap the
/// old index is untouched and searchable; an interrupted rebuild leaves it as it was.
fn rebuild(
    index_path: &Path,
    roots: &[PathBuf],
    args: &IndexArgs,
    report: &mut IndexReport,
) -> anyhow::Result<()> {
    let name = index_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "index".into());
    let sibling = |suffix: &str| index_path.with_file_name(format!("{name}.{suffix}"));
    let fresh = sibling("rebuilding");
    let old = sibling("replaced");
    let remove = |path: &Path| -> anyhow::Result<()> {
        if path.exists() {
            std::fs::remove_dir_all(path)
                .with_context(|| format!("{}: cannot remove it", path.display()))?;
        }
        Ok(())
    };
    // A rebuild never deletes what is not an index: not the user's folder given as
    // --index by mistake, nor a folder that happens to have the siblings' names.
    for path in [index_path, fresh.as_path(), old.as_path()] {
        if !replaceable(path) {
            return Err(if path == index_path && path.is_dir() {
                IndexError::NotAnIndex {
                    path: path.to_path_buf(),
                }
            } else if path == index_path {
                IndexError::NotAFolder {
                    path: path.to_path_buf(),
                }
            } else {
                IndexError::InTheWay {
                    path: path.to_path_buf(),
                }
            }
            .into());
        }
    }
    // A rebuild killed between its two renames left the old index aside: put it back.
    if !index_path.exists() && old.exists() {
        std::fs::rename(&old, index_path)
            .with_context(|| format!("{}: cannot restore the old index", old.display()))?;
    }
    // Held through the swap, so that no other run writes to the old index meanwhile or
    // starts a rebuild of its own; it goes with the old index's folder.
    std::fs::create_dir_all(index_path)
        .with_context(|| format!("{}: cannot create the index folder", index_path.display()))?;
    let _lock = lock_writer(index_path)?;
    // Left over from a rebuild that was killed.
    remove(&fresh)?;
    remove(&old)?;
    let catalog = Catalog::open_or_create(&fresh)?;
    fill(open_writer(catalog, args)?, roots, args, report)?;
    if report.interrupted {
        report.rebuild_abandoned = true;
        remove(&fresh)?;
        return Ok(());
    }
    if index_path.exists() {
        std::fs::rename(index_path, &old).with_context(|| {
            format!("{}: cannot move the old index aside", index_path.display())
        })?;
    }
    std::fs::rename(&fresh, index_path).with_context(|| {
        format!(
            "{}: the new index is complete in {} but could not take the old one's place",
            index_path.display(),
            fresh.display()
        )
    })?;
    remove(&old)
}

/// Reads every changed file under `roots` into `writer`, committing in batches.
fn fill(
    writer: Writer,
    roots: &[PathBuf],
    args: &IndexArgs,
    report: &mut IndexReport,
) -> anyhow::Result<()> {
    let index_dir = writer.index_path().canonicalize().ok();
    let mut run = Run {
        writer,
        args,
        report,
        bar: progress_bar(),
        batch: Batch::new(args.batch as usize),
        seen: Seen::default(),
        unreadable: Vec::new(),
        interrupted: interrupt_flag(),
    };
    'roots: for root in roots {
        let mut walker = ingest::Walker::new(root, index_dir.as_deref());
        while let Some(found) = walker.next_batch(WALK_BATCH) {
            run.index_batch(found)?;
            if run.interrupted.load(Ordering::SeqCst) {
                run.report.interrupted = true;
                break 'roots;
            }
        }
    }
    let Run {
        mut writer,
        report,
        bar,
        seen,
        unreadable,
        ..
    } = run;
    // Only a full walk knows which files have gone.
    if !report.interrupted {
        report.articles.removed += writer.remove_missing(roots, &seen, &unreadable);
    }
    bar.set_message("committing");
    writer.commit()?;
    report.commits += 1;
    bar.finish_and_clear();
    Ok(())
}

/// Files the walk lists at a time: each batch is checked, read and written before the
/// next is listed, so a million files are never listed in memory at once.
const WALK_BATCH: usize = 10_000;

/// One run through the folders: the writer and what the report and the commits need.
struct Run<'a> {
    writer: Writer,
    args: &'a IndexArgs,
    report: &'a mut IndexReport,
    bar: ProgressBar,
    batch: Batch,
    /// Every file the walk listed, to tell afterwards which indexed files are gone.
    seen: Seen,
    unreadable: Vec<PathBuf>,
    interrupted: Arc<AtomicBool>,
}

impl Run<'_> {
    /// Reads the changed files of one batch of the walk into the index.
    fn index_batch(&mut self, found: ingest::Found) -> anyhow::Result<()> {
        self.report.files_seen += found.files.len() + found.skipped.len();
        self.report
            .skipped
            .extend(found.skipped.iter().map(file_problem));
        self.unreadable.extend(found.unreadable.iter().cloned());
        self.bar.inc_length(found.files.len() as u64);
        let mut changed = Vec::new();
        for file in found.files {
            self.seen.insert(&file.path.to_string_lossy());
            match self.writer.unchanged(&file) {
                Some(articles) => {
                    self.report.files_unchanged += 1;
                    self.report.articles.unchanged += articles;
                    self.bar.inc(1);
                }
                None => changed.push(file),
            }
        }
        // A feeder thread hands on the files read, parsed and with their speakers found
        // (small files on the read-ahead threads, big ones a piece at a time on all cores)
        // while this one writes the index. A big file's articles come in pieces, so the
        // index is written while the rest of the file is still being read.
        std::thread::scope(|scope| -> anyhow::Result<()> {
            let (sender, receiver) = mpsc::sync_channel(READ_AHEAD);
            let stop = Arc::clone(&self.interrupted);
            let no_speakers = self.args.no_speakers;
            scope.spawn(move || {
                let send = |piece| sender.send(piece).is_ok();
                let files = ingest::ReadAhead::new(changed, move |path, bytes| {
                    prepare(path, bytes, no_speakers)
                });
                for (file, ahead) in files {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let going = match ahead {
                        Ahead::Done(Ok(prepared)) => {
                            send_pieces(file, prepared, &stop, &send, |piece| piece)
                        }
                        Ahead::Done(Err(err)) => send(Piece::Failed(file, err)),
                        Ahead::Big => read_big(file, no_speakers, &stop, &send),
                    };
                    if !going {
                        break;
                    }
                }
            });
            let mut open: Option<Open> = None;
            for piece in receiver {
                if self.interrupted.load(Ordering::SeqCst) {
                    self.report.interrupted = true;
                    break;
                }
                match piece {
                    Piece::Failed(file, err) => {
                        let mut problem = file_problem(&err);
                        if let Some(begun) = open.take() {
                            // Part way through a big file: what it gave goes, and with it
                            // what it had given before, which it was replacing.
                            self.writer.abandon(&begun.key);
                            problem.message.push_str(
                                " (none of its articles are indexed now; it is read again on the next run)",
                            );
                        } else {
                            self.between_files()?;
                            let recorded = self.writer.recorded(&file).filter(|n| *n > 0);
                            if let (Some(before), FileError::Invalid { empty: true, .. }) =
                                (recorded, &err)
                            {
                                // Emptied, not damaged: its articles were taken out of it.
                                let key = self.writer.begin(&file);
                                self.writer.finish(key, &file, 0);
                                self.report.files_read += 1;
                                self.report.articles.removed += before;
                                problem.message.push_str(&format!(
                                    " (the {before} article(s) indexed from it before are removed)"
                                ));
                                self.report.warnings.push(problem);
                                continue;
                            }
                            if let Some(kept) = recorded {
                                problem.message.push_str(&format!(
                                    " (the {kept} article(s) indexed from its last readable version are kept)"
                                ));
                            }
                        }
                        self.report.skipped.push(problem);
                    }
                    Piece::Whole(file, format, warnings, entries) => {
                        let mut whole = self.start(file, format, warnings)?;
                        self.articles(&mut whole, entries)?;
                        self.end(whole);
                    }
                    Piece::Start(file, format) => {
                        open = Some(self.start(file, format, Vec::new())?);
                    }
                    Piece::Articles(entries) => {
                        if let Some(open) = open.as_mut() {
                            self.articles(open, entries)?;
                        }
                    }
                    Piece::End(warnings) => {
                        if let Some(done) = open.take() {
                            self.report.warnings.extend(warnings);
                            self.end(done);
                        }
                    }
                }
            }
            // Stopped in the middle of a file: what it gave so far goes, and it is read
            // again next time.
            if let Some(open) = open {
                self.writer.abandon(&open.key);
            }
            Ok(())
        })?;
        Ok(())
    }

    /// A file begins: counted, its warnings kept, what it gave before deleted.
    fn start(
        &mut self,
        file: SourceFile,
        format: Format,
        warnings: Vec<Problem>,
    ) -> anyhow::Result<Open> {
        self.between_files()?;
        self.report.warnings.extend(warnings);
        let key = self.writer.begin(&file);
        Ok(Open {
            file,
            key,
            format,
            articles: 0,
        })
    }

    /// The next articles of an open file, written to the index.
    fn articles(&mut self, open: &mut Open, entries: Vec<Entry>) -> anyhow::Result<()> {
        self.report.untitled += entries
            .iter()
            .filter(|e| e.article.title.is_empty())
            .count();
        open.articles += entries.len();
        self.writer.add(&open.key, open.format, entries)?;
        Ok(())
    }

    /// A file is complete: recorded and counted.
    fn end(&mut self, done: Open) {
        self.report.files_read += 1;
        let replaced = self.writer.finish(done.key, &done.file, done.articles);
        self.batch.add(replaced.added);
        match replaced.previous {
            None => self.report.articles.indexed += replaced.added,
            Some(previous) => {
                self.report.articles.updated += replaced.added;
                self.report.articles.removed += previous.saturating_sub(replaced.added);
            }
        }
    }

    /// Between two files: counts the next one, and commits when a batch is due.
    fn between_files(&mut self) -> anyhow::Result<()> {
        self.bar.inc(1);
        if self.batch.due() {
            self.bar.set_message("committing");
            self.writer.checkpoint()?;
            self.report.commits += 1;
            self.batch.reset();
            self.bar.set_message("");
        }
        Ok(())
    }
}

/// The index writer's share of the indexing memory: what reading does not hold.
fn writer_bytes(args: &IndexArgs) -> usize {
    args.memory_bytes().saturating_sub(ingest::BUFFER_BYTES)
}

/// Pieces read ahead of the writer: enough to keep both threads busy, few enough that
/// articles do not pile up in memory.
const READ_AHEAD: usize = 4;
/// Articles in one piece.
const PIECE_ARTICLES: usize = 1_000;

/// What the reading thread hands the writer.
enum Piece {
    /// A file that could not be read.
    Failed(SourceFile, FileError),
    /// A file of one piece (most are), in one message.
    Whole(SourceFile, Format, Vec<Problem>, Vec<Entry>),
    /// A file begins: how it was read.
    Start(SourceFile, Format),
    /// The next articles of the file begun last, with their speakers found.
    Articles(Vec<Entry>),
    /// The file begun last is complete: what is worth a warning about it.
    End(Vec<Problem>),
}

/// The file being written.
struct Open {
    file: SourceFile,
    key: String,
    format: Format,
    articles: usize,
}

/// A file parsed, with its speakers found: ready for the writer.
struct Prepared {
    format: Format,
    warnings: Vec<Problem>,
    entries: Vec<Entry>,
}

/// Parses a file read and finds its speakers (on the threads that read ahead).
fn prepare(path: &Path, bytes: Bytes, no_speakers: bool) -> Result<Prepared, FileError> {
    let loaded = ingest::parse_bytes(path, &bytes?)?;
    let warnings = load_warnings(path, &loaded);
    Ok(Prepared {
        format: loaded.format,
        warnings,
        entries: found(loaded.parsed.entries, no_speakers),
    })
}

/// A file too big to be read ahead: read and parsed here, its speakers found a piece at
/// a time, so the writer starts on its first articles while the rest are still being
/// parsed. A JSON Lines file is read a block at a time too.
fn read_big(
    file: SourceFile,
    no_speakers: bool,
    stop: &AtomicBool,
    send: &dyn Fn(Piece) -> bool,
) -> bool {
    if ingest::is_json_lines(&file.path) {
        return read_lines(file, no_speakers, stop, send);
    }
    let parsed = ingest::read(&file.path).and_then(|bytes| {
        let loaded = ingest::parse_bytes(&file.path, &bytes);
        ingest::give_back(bytes);
        loaded
    });
    match parsed {
        Ok(loaded) => {
            let prepared = Prepared {
                warnings: load_warnings(&file.path, &loaded),
                format: loaded.format,
                entries: loaded.parsed.entries,
            };
            send_pieces(file, prepared, stop, send, |piece| {
                found(piece, no_speakers)
            })
        }
        Err(err) => send(Piece::Failed(file, err)),
    }
}

/// A big JSON Lines file, handed on a piece at a time as its lines are read and parsed.
fn read_lines(
    file: SourceFile,
    no_speakers: bool,
    stop: &AtomicBool,
    send: &dyn Fn(Piece) -> bool,
) -> bool {
    let path = file.path.clone();
    let mut started = false;
    let mut notes = Vec::new();
    let mut going = true;
    let parsed = ingest::read_json_lines(&path, PIECE_ARTICLES, |entries| {
        notes.extend(note_warnings(&path, Format::Jsonl, &entries));
        // Begun with its first articles: a file without any fails, it does not start.
        if !started {
            started = true;
            going = send(Piece::Start(file.clone(), Format::Jsonl));
        }
        going = going && !stop.load(Ordering::SeqCst);
        going = going && send(Piece::Articles(found(entries, no_speakers)));
        going
    });
    match parsed {
        // A file that gave articles has started: one without any is an error.
        Ok(parsed) => {
            let mut warnings = file_warnings(&path, parsed.decoding, &parsed.warnings);
            warnings.extend(notes);
            going && send(Piece::End(warnings))
        }
        // A read that failed after some pieces: the writer drops what the file gave.
        Err(err) => send(Piece::Failed(file, err)),
    }
}

/// Hands on a file's articles with `send`: whole if they fit in one piece, else in
/// pieces, each through `finish` first (to find speakers, where not found yet). Returns
/// false once the writer is gone or `stop` is set.
fn send_pieces(
    file: SourceFile,
    prepared: Prepared,
    stop: &AtomicBool,
    send: &dyn Fn(Piece) -> bool,
    finish: impl Fn(Vec<Entry>) -> Vec<Entry>,
) -> bool {
    let Prepared {
        format,
        warnings,
        entries,
    } = prepared;
    if entries.len() <= PIECE_ARTICLES {
        return send(Piece::Whole(file, format, warnings, finish(entries)));
    }
    if !send(Piece::Start(file, format)) {
        return false;
    }
    let mut entries = entries.into_iter();
    loop {
        let piece: Vec<Entry> = entries.by_ref().take(PIECE_ARTICLES).collect();
        if piece.is_empty() {
            return send(Piece::End(warnings));
        }
        if stop.load(Ordering::SeqCst) {
            return false;
        }
        if !send(Piece::Articles(finish(piece))) {
            return false;
        }
    }
}

/// When to commit: after `size` new articles, or 30 seconds after the last commit.
struct Batch {
    size: usize,
    added: usize,
    since: Instant,
}

impl Batch {
    const MAX_WAIT: Duration = Duration::from_secs(30);

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

/// Set on Ctrl-C, SIGTERM or SIGHUP; the run stops at the next file, commits and reports.
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
pub fn load_warnings(path: &Path, loaded: &Loaded) -> Vec<Problem> {
    let mut warnings = file_warnings(path, loaded.decoding.clone(), &loaded.parsed.warnings);
    warnings.extend(note_warnings(path, loaded.format, &loaded.parsed.entries));
    warnings
}

/// Warnings about a whole file: its decoding, then its bad lines.
fn file_warnings(path: &Path, decoding: Vec<String>, parsing: &[Warning]) -> Vec<Problem> {
    let decoding = decoding.into_iter().map(|w| problem(path, None, w));
    let parsing = parsing
        .iter()
        .map(|w| problem(path, w.line, w.message.clone()));
    decoding.chain(parsing).collect()
}

/// The notes of a file's articles, each under its line (JSON Lines) or item number.
fn note_warnings(path: &Path, format: Format, entries: &[Entry]) -> Vec<Problem> {
    let mut warnings = Vec::new();
    for entry in entries {
        let line = entry.part.filter(|_| format == Format::Jsonl);
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

/// Articles with their speakers found, on all cores; none with `--no-speakers`.
fn found(entries: Vec<Entry>, no_speakers: bool) -> Vec<Entry> {
    if no_speakers {
        return entries
            .into_iter()
            .map(|mut entry| {
                entry.article.speakers.clear();
                entry
            })
            .collect();
    }
    with_speakers(entries, speakers::extract_for_index)
}

/// The articles of a loaded file, with their speakers found by `extract` (one of
/// [`speakers::extract`] and [`speakers::extract_for_index`]), on all cores.
pub fn with_speakers(mut entries: Vec<Entry>, extract: fn(&Article) -> Vec<Speaker>) -> Vec<Entry> {
    // In place: the articles are not moved into a new list.
    entries.par_iter_mut().for_each(|entry| {
        entry.article.speakers = extract(&entry.article);
    });
    entries
}
