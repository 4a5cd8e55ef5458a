//! One `clipdex index` run: walk the folders, read and extract each changed file, write
//! it to the index in batches, and report. `--rebuild` does the same into a fresh folder
//! that replaces the old index only once it is complete.
//!
//! Two threads share the work of a batch of the walk: the feeder (`feed.rs`) reads,
//! parses and finds speakers; this one (`write.rs`) writes the index and keeps the report.

mod feed;
mod problems;
mod rebuild;
mod watch;
mod write;

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub use feed::with_speakers;
pub use problems::{load_warnings, note_warnings};
pub use watch::{watch, Pass};

use crate::index::{Catalog, Manifest, Seen, Writer};
use crate::ingest;
use crate::model::{IndexReport, Problem};
use write::{Batch, Run};

/// What an index run is asked to do.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Folders (or single files) to index.
    pub folders: Vec<PathBuf>,
    /// Build a fresh index and swap it in only once it is complete.
    pub rebuild: bool,
    /// Find who is quoted in each article (false: `--no-speakers`).
    pub speakers: bool,
    /// Commit after this many new articles (and at least every 30 seconds).
    pub batch: usize,
    /// Memory for indexing buffers, in bytes: reading's share, the rest the writer's.
    pub memory_bytes: usize,
}

/// Files the walk lists at a time: each batch is checked, read and written before the
/// next is listed, so a million files are never listed in memory at once.
const WALK_BATCH: usize = 10_000;

/// Indexes `options.folders` into the index at `index_path` (or, with `rebuild`, into a
/// new index that then takes its place).
pub fn run(index_path: &Path, options: &IndexOptions) -> anyhow::Result<IndexReport> {
    let started = Instant::now();
    let mut report = IndexReport {
        index: index_path.display().to_string(),
        ..IndexReport::default()
    };
    let roots = roots_of(index_path, options, &mut report)?;
    log::debug!(
        "indexing {roots:?} into {}: {options:?}",
        index_path.display()
    );
    if options.rebuild {
        rebuild::rebuild(index_path, &roots, options, &mut report)?;
    } else {
        let catalog = Catalog::open_or_create(index_path)?;
        fill(open_writer(catalog, options)?, &roots, options, &mut report)?;
    }
    report.seconds = started.elapsed().as_secs_f64();
    log::debug!("index run done in {:.2} s", report.seconds);
    Ok(report)
}

/// The folders to index: those given, or with none those indexed before.
fn roots_of(
    index_path: &Path,
    options: &IndexOptions,
    report: &mut IndexReport,
) -> anyhow::Result<Vec<PathBuf>> {
    if options.folders.is_empty() {
        remembered_roots(index_path, report)
    } else {
        options
            .folders
            .iter()
            .map(|dir| readable_root(dir))
            .collect()
    }
}

/// The index writer, with the writer's share of the memory: what reading does not hold.
fn open_writer(catalog: Catalog, options: &IndexOptions) -> anyhow::Result<Writer> {
    let bytes = options.memory_bytes.saturating_sub(ingest::BUFFER_BYTES);
    let writer = Writer::open(catalog, bytes)?;
    Ok(if options.speakers {
        writer
    } else {
        writer.without_speakers()
    })
}

/// Reads every changed file under `roots` into `writer`, committing in batches, and
/// makes the last commit.
fn fill(
    mut writer: Writer,
    roots: &[PathBuf],
    options: &IndexOptions,
    report: &mut IndexReport,
) -> anyhow::Result<()> {
    walk_into(&mut writer, roots, options, report, true)?;
    writer.remember(roots);
    writer.commit()?;
    report.commits += 1;
    Ok(())
}

/// Reads every changed file under `roots` into `writer`, committing when a batch is due,
/// and removes what is gone (`everywhere`: see [`Writer::remove_missing`]).
fn walk_into(
    writer: &mut Writer,
    roots: &[PathBuf],
    options: &IndexOptions,
    report: &mut IndexReport,
    everywhere: bool,
) -> anyhow::Result<()> {
    let index_dir = writer.index_path().canonicalize().ok();
    let mut run = Run {
        writer,
        speakers: options.speakers,
        report,
        bar: progress_bar(),
        batch: Batch::new(options.batch),
        seen: Seen::default(),
        unreadable: Vec::new(),
        interrupted: interrupt_flag(),
    };
    // Walks of several roots are read as one batch: a watch pass may walk ten thousand
    // single files, each a root.
    let mut gathered = ingest::Found::default();
    'roots: for root in roots {
        // A path `watch` heard of that is gone since: only its files are removed.
        if std::fs::symlink_metadata(root).is_err_and(|e| e.kind() == io::ErrorKind::NotFound) {
            continue;
        }
        let mut walker = ingest::Walker::new(root, index_dir.as_deref());
        while let Some(found) = walker.next_batch(WALK_BATCH - gathered.files.len()) {
            gathered.append(found);
            if gathered.files.len() < WALK_BATCH {
                continue;
            }
            run.index_batch(std::mem::take(&mut gathered))?;
            if run.interrupted.load(Ordering::SeqCst) {
                run.report.interrupted = true;
                break 'roots;
            }
        }
    }
    if !run.report.interrupted {
        run.index_batch(gathered)?;
        run.report.interrupted = run.interrupted.load(Ordering::SeqCst);
    }
    run.finish(roots, everywhere);
    Ok(())
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
/// The folders indexed before, for a run given none. One that is gone or unreadable is
/// reported and left out (its files stay in the index); none at all is an error.
fn remembered_roots(index_path: &Path, report: &mut IndexReport) -> anyhow::Result<Vec<PathBuf>> {
    let remembered = Manifest::load(index_path).roots;
    if remembered.is_empty() {
        anyhow::bail!(
            "no folders given, and the index at {} has none indexed before; \
             give the folders of clippings: clipdex index DIR...",
            index_path.display()
        );
    }
    let mut roots = Vec::new();
    for root in remembered {
        match readable_root(Path::new(&root)) {
            Ok(root) => roots.push(root),
            Err(err) => report.warnings.push(Problem {
                path: root,
                line: None,
                message: format!(
                    "{}; left out of this run (its articles stay in the index)",
                    err.root_cause()
                ),
            }),
        }
    }
    if roots.is_empty() {
        anyhow::bail!("none of the folders indexed before can be read; give the folders to index");
    }
    Ok(roots)
}

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
