//! `clipdex watch`: index the folders, then keep the index current as files are added,
//! changed, moved or removed, until Ctrl-C.
//!
//! The writer is held for the whole watch, so no other run writes meanwhile (and the
//! watch does not start while one does). File-system events (notify, debounced) are
//! gathered until the folders have been quiet for a moment; then only the paths that
//! changed are walked (a changed folder whole), read if their size or time changed, and
//! removed if gone; and the index is committed, which a running `serve` picks up. When
//! the system drops events (a burst beyond its queue), the whole folders are walked
//! again: unchanged files are only looked at, never read.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::Context;
use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, DebouncedEvent};

use super::{interrupt_flag, open_writer, roots_of, walk_into, IndexOptions};
use crate::index::{Catalog, Writer};
use crate::ingest;
use crate::model::IndexReport;

/// How long a path must be quiet before its event is handed on.
const DEBOUNCE: Duration = Duration::from_millis(500);
/// How long the folders must be quiet before the changes are indexed.
const QUIET: Duration = Duration::from_secs(1);
/// The longest changes wait while events keep coming.
const MAX_WAIT: Duration = Duration::from_secs(10);
/// Changed paths that are indexed at once, quiet or not.
const MAX_PENDING: usize = 10_000;
/// How often the watch looks for Ctrl-C while nothing happens.
const TICK: Duration = Duration::from_millis(200);

/// What one pass of a watch did: the first indexes the folders, the others the changes.
pub struct Pass<'a> {
    /// The pass's report, as `index` gives one.
    pub report: &'a IndexReport,
    /// True for the first pass, over the whole folders.
    pub first: bool,
    /// The folders watched.
    pub roots: &'a [PathBuf],
}

/// Indexes `options.folders` (none: those indexed before) into the index at
/// `index_path`, then the changes to them until Ctrl-C; `on_pass` hears of each pass
/// that changed something. Returns once the last changes are committed.
pub fn watch(
    index_path: &Path,
    options: &IndexOptions,
    mut on_pass: impl FnMut(Pass) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut report = fresh_report(index_path);
    let roots = roots_of(index_path, options, &mut report)?;
    let catalog = Catalog::open_or_create(index_path)?;
    let mut writer = open_writer(catalog, options)?;
    // Watching starts before the first pass, so that nothing changed during it is missed.
    let (debouncer, events) = watcher(&roots)?;
    let started = Instant::now();
    walk_into(&mut writer, &roots, options, &mut report, true)?;
    writer.remember(&roots);
    commit(&mut writer, &mut report, started)?;
    on_pass(Pass {
        report: &report,
        first: true,
        roots: &roots,
    })?;

    let index_dir = writer.index_path().canonicalize().ok();
    let stop = interrupt_flag();
    let mut pending = Pending::default();
    while !stop.load(Ordering::SeqCst) && !report.interrupted {
        match events.recv_timeout(TICK) {
            Ok(Ok(batch)) => pending.add(&batch),
            Ok(Err(errors)) => {
                for err in errors {
                    log::warn!("watching: {err}; the folders are walked again");
                }
                pending.rescan(Instant::now());
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                anyhow::bail!("the watch on the folders ended; start clipdex watch again")
            }
        }
        if !pending.due(Instant::now()) {
            continue;
        }
        let (targets, everything) = pending.take(&roots, index_dir.as_deref());
        report = fresh_report(index_path);
        let started = Instant::now();
        if everything {
            walk_into(&mut writer, &roots, options, &mut report, true)?;
        } else if targets.is_empty() {
            continue;
        } else {
            log::debug!("watch: {} changed paths", targets.len());
            walk_into(&mut writer, &targets, options, &mut report, false)?;
        }
        commit(&mut writer, &mut report, started)?;
        if changed(&report) {
            on_pass(Pass {
                report: &report,
                first: false,
                roots: &roots,
            })?;
        }
    }
    drop(debouncer);
    writer.commit()?;
    Ok(())
}

/// File-system events under `roots`, debounced, as they come.
fn watcher(roots: &[PathBuf]) -> anyhow::Result<(impl Sized, mpsc::Receiver<DebounceEventResult>)> {
    let (sender, events) = mpsc::channel();
    let mut debouncer =
        new_debouncer(DEBOUNCE, None, sender).context("cannot watch the folders for changes")?;
    for root in roots {
        let mode = if root.is_dir() {
            RecursiveMode::Recursive
        } else {
            RecursiveMode::NonRecursive
        };
        debouncer.watch(root, mode).with_context(|| {
            format!(
                "{}: cannot watch for changes (on Linux, a folder tree with many folders \
                 may need a higher fs.inotify.max_user_watches)",
                root.display()
            )
        })?;
    }
    Ok((debouncer, events))
}

fn fresh_report(index_path: &Path) -> IndexReport {
    IndexReport {
        index: index_path.display().to_string(),
        ..IndexReport::default()
    }
}

fn commit(writer: &mut Writer, report: &mut IndexReport, started: Instant) -> anyhow::Result<()> {
    writer.checkpoint()?;
    report.commits += 1;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(())
}

/// Whether a pass changed the index or has something to say.
fn changed(report: &IndexReport) -> bool {
    let a = &report.articles;
    report.files_read > 0
        || a.indexed + a.updated + a.removed > 0
        || !report.skipped.is_empty()
        || !report.warnings.is_empty()
}

/// The changes heard of and not yet indexed.
#[derive(Default)]
struct Pending {
    paths: BTreeSet<PathBuf>,
    /// Events were lost: walk the whole folders.
    everything: bool,
    /// When the first pending change and the last event came.
    first: Option<Instant>,
    last: Option<Instant>,
}

impl Pending {
    fn add(&mut self, events: &[DebouncedEvent]) {
        let now = Instant::now();
        for event in events {
            if event.need_rescan() {
                self.rescan(now);
                continue;
            }
            // Opening or reading a file changes nothing; closing it after writing may.
            if let EventKind::Access(kind) = event.kind {
                if kind != AccessKind::Close(AccessMode::Write) {
                    continue;
                }
            }
            self.paths.extend(event.paths.iter().cloned());
            self.first.get_or_insert(now);
            self.last = Some(now);
        }
    }

    fn rescan(&mut self, now: Instant) {
        self.everything = true;
        self.first.get_or_insert(now);
        self.last = Some(now);
    }

    /// Whether to index now: the folders quiet for a moment, or changes waiting long or
    /// many.
    fn due(&self, now: Instant) -> bool {
        let (Some(first), Some(last)) = (self.first, self.last) else {
            return false;
        };
        now.duration_since(last) >= QUIET
            || now.duration_since(first) >= MAX_WAIT
            || self.paths.len() >= MAX_PENDING
    }

    /// The paths to walk (none inside another, none a walk of the folders passes over),
    /// and whether to walk the whole folders instead; nothing is left pending.
    fn take(&mut self, roots: &[PathBuf], index_dir: Option<&Path>) -> (Vec<PathBuf>, bool) {
        let everything = std::mem::take(&mut self.everything);
        let paths = std::mem::take(&mut self.paths);
        (self.first, self.last) = (None, None);
        let mut targets: Vec<PathBuf> = Vec::new();
        for path in paths {
            // Sorted, so a folder comes right before what is inside it.
            if targets
                .last()
                .is_some_and(|folder| path.starts_with(folder))
            {
                continue;
            }
            let walked = roots
                .iter()
                .any(|root| path.starts_with(root) && !ingest::passed_over(&path, root, index_dir));
            if walked {
                targets.push(path);
            }
        }
        (targets, everything)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_walked_once_each_and_only_where_a_walk_goes() {
        let mut pending = Pending::default();
        for path in [
            "/clips/new/a.txt",
            "/clips/new",
            "/clips/b.txt",
            "/clips/.cache/c.txt",
            "/clips/index/meta.json",
            "/elsewhere/d.txt",
        ] {
            pending.paths.insert(PathBuf::from(path));
        }
        let now = Instant::now();
        pending.first = Some(now);
        pending.last = Some(now);
        assert!(!pending.due(now), "not before a quiet moment");
        assert!(pending.due(now + QUIET));
        let roots = [PathBuf::from("/clips")];
        let (targets, everything) = pending.take(&roots, Some(Path::new("/clips/index")));
        assert_eq!(
            targets,
            [PathBuf::from("/clips/b.txt"), PathBuf::from("/clips/new")]
        );
        assert!(!everything);
        assert!(!pending.due(now + MAX_WAIT), "nothing is left pending");
    }
}
