//! The writing side of an index run: the pieces the feeder hands on go into the index,
//! file by file, with a commit whenever a batch is due, and into the report.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::time::{Duration, Instant};

use indicatif::ProgressBar;

use super::feed::{feed, Piece, Signed, READ_AHEAD};
use super::problems::file_problem;
use crate::error::FileError;
use crate::index::{Seen, Writer};
use crate::ingest::{self, SourceFile};
use crate::model::{Format, IndexReport, Problem};

/// One run through the folders: the writer and what the report and the commits need.
pub(super) struct Run<'a> {
    pub(super) writer: &'a mut Writer,
    /// Whether speakers are found.
    pub(super) speakers: bool,
    pub(super) report: &'a mut IndexReport,
    pub(super) bar: ProgressBar,
    pub(super) batch: Batch,
    /// Every file the walk listed, to tell afterwards which indexed files are gone.
    pub(super) seen: Seen,
    /// Folders the walk could not enter: their files are not taken for gone.
    pub(super) unreadable: Vec<PathBuf>,
    /// Set on Ctrl-C.
    pub(super) interrupted: Arc<AtomicBool>,
}

/// The file being written.
struct Open {
    file: SourceFile,
    key: String,
    format: Format,
    articles: usize,
}

impl Run<'_> {
    /// Reads the changed files of one batch of the walk into the index: a feeder thread
    /// hands them on read, parsed and with their speakers found while this one writes.
    pub(super) fn index_batch(&mut self, found: ingest::Found) -> anyhow::Result<()> {
        let listed = found.files.len();
        let changed = self.changed_files(found);
        log::debug!("walk batch: {listed} files, {} changed", changed.len());
        std::thread::scope(|scope| -> anyhow::Result<()> {
            let (sender, receiver) = mpsc::sync_channel(READ_AHEAD);
            let stop = Arc::clone(&self.interrupted);
            let no_speakers = !self.speakers;
            // The feeder parses big files itself, web pages among them.
            std::thread::Builder::new()
                .name("clipdex-feed".into())
                .stack_size(ingest::PARSE_STACK_BYTES)
                .spawn_scoped(scope, move || feed(changed, no_speakers, &stop, sender))?;
            self.write_pieces(receiver)
        })
    }

    /// Counts a batch of the walk and returns the files in it that changed since they
    /// were last indexed.
    fn changed_files(&mut self, found: ingest::Found) -> Vec<SourceFile> {
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
        changed
    }

    /// Writes what the feeder hands on until it is done or the run is interrupted.
    fn write_pieces(&mut self, receiver: Receiver<Piece>) -> anyhow::Result<()> {
        let mut open: Option<Open> = None;
        for piece in receiver {
            if self.interrupted.load(Ordering::SeqCst) {
                self.report.interrupted = true;
                break;
            }
            match piece {
                Piece::Failed(file, err) => self.failed(file, &err, open.take())?,
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
    }

    /// A file that could not be read (`begun`: part way through, for a big one).
    fn failed(
        &mut self,
        file: SourceFile,
        err: &FileError,
        begun: Option<Open>,
    ) -> anyhow::Result<()> {
        let mut problem = file_problem(err);
        if let Some(begun) = begun {
            // Part way through a big file: what it gave goes, and with it what it had
            // given before, which it was replacing.
            self.writer.abandon(&begun.key);
            problem.message.push_str(
                " (none of its articles are indexed now; it is read again on the next run)",
            );
            self.report.skipped.push(problem);
            return Ok(());
        }
        self.between_files()?;
        let recorded = self.writer.recorded(&file).filter(|n| *n > 0);
        if let (Some(before), FileError::Invalid { empty: true, .. }) = (recorded, err) {
            self.emptied(&file, before, problem);
            return Ok(());
        }
        if let Some(kept) = recorded {
            problem.message.push_str(&format!(
                " (the {kept} article(s) indexed from its last readable version are kept)"
            ));
        }
        self.report.skipped.push(problem);
        Ok(())
    }

    /// A file emptied, not damaged: the `before` articles indexed from it were taken out
    /// of it, so they go from the index too, with a warning.
    fn emptied(&mut self, file: &SourceFile, before: usize, mut problem: Problem) {
        let key = self.writer.begin(file);
        self.writer.finish(key, file, 0);
        self.report.files_read += 1;
        self.report.articles.removed += before;
        problem.message.push_str(&format!(
            " (the {before} article(s) indexed from it before are removed)"
        ));
        self.report.warnings.push(problem);
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
    fn articles(&mut self, open: &mut Open, entries: Vec<Signed>) -> anyhow::Result<()> {
        self.report.untitled += entries
            .iter()
            .filter(|e| e.entry.article.title.is_empty())
            .count();
        open.articles += entries.len();
        let signed = entries.into_iter().map(|s| (s.entry, s.signature));
        self.writer.add_signed(&open.key, open.format, signed)?;
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
            log::debug!("committing after {} new articles", self.batch.added);
            self.bar.set_message("committing");
            self.writer.checkpoint()?;
            self.report.commits += 1;
            self.batch.reset();
            self.bar.set_message("");
        }
        Ok(())
    }

    /// After the walk: indexed files that are gone are removed (only a full walk knows
    /// which). `everywhere`: also recorded files outside `roots` that are no longer on
    /// disk (a folder moved away); otherwise only those under `roots`.
    pub(super) fn finish(self, roots: &[PathBuf], everywhere: bool) {
        let Run {
            writer,
            report,
            bar,
            seen,
            unreadable,
            ..
        } = self;
        if !report.interrupted {
            report.articles.removed += writer.remove_missing(roots, &seen, &unreadable, everywhere);
        }
        bar.finish_and_clear();
    }
}

/// When to commit: after `size` new articles, or 30 seconds after the last commit.
pub(super) struct Batch {
    size: usize,
    added: usize,
    since: Instant,
}

impl Batch {
    const MAX_WAIT: Duration = Duration::from_secs(30);

    pub(super) fn new(size: usize) -> Batch {
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
