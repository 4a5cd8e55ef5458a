//! Reads the next files on a few threads, and does a job on each (parse, find speakers),
//! while the files before them are indexed: in a folder not yet in the page cache, many
//! small reads in flight finish several times sooner than the same reads one after
//! another, and the jobs of two files run on both cores.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, OnceLock};

use super::{read, SourceFile};
use crate::error::FileError;

/// Reading threads: most of their time they wait on the disk, not on a core.
const THREADS: usize = 8;
/// At most this many files are read ahead...
const WINDOW_FILES: usize = 64;
/// ...holding at most about this many bytes.
pub(super) const WINDOW_BYTES: u64 = 16 * 1024 * 1024;
/// Bigger files are left to the caller when their turn comes: one long read is quick from
/// any disk, and the caller can hand on the articles of a big file as they are ready.
const MAX_AHEAD_BYTES: u64 = 1024 * 1024;

/// The stack of a thread that parses files: HTML parsers recurse into a page's tree
/// (the pages they are given nest at most 3,000 deep; see `parse/html.rs`).
pub const PARSE_STACK_BYTES: usize = 64 * 1024 * 1024;

/// A file's bytes, or why it could not be read.
pub type Bytes = Result<Vec<u8>, FileError>;

/// What became of a file.
pub enum Ahead<T> {
    /// Read ahead, and the job done on it.
    Done(T),
    /// Not read ahead, for the caller to read: too big, or no reading thread could be
    /// started.
    Big,
}

enum Pending<T> {
    Doing(Receiver<T>),
    Later,
}

type Job<T> = Arc<dyn Fn(&Path, Bytes) -> T + Send + Sync>;

/// The files of a list in the list's order, each read ahead with its job done, or left
/// to the caller if it is big.
pub struct ReadAhead<T> {
    /// None if no thread could be started: then each file is read on its turn.
    pool: Option<&'static rayon::ThreadPool>,
    job: Job<T>,
    files: std::vec::IntoIter<SourceFile>,
    window: VecDeque<(SourceFile, Pending<T>)>,
    bytes_ahead: u64,
}

/// The reading threads, started once for the whole run (a walk hands its files over in
/// many batches); None if they could not be started.
fn reading_pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(THREADS)
            .thread_name(|i| format!("clipdex-read-{i}"))
            // Web pages are parsed here, by parsers that recurse into the page's tree.
            .stack_size(PARSE_STACK_BYTES)
            // A job that panics (a bug) gives nothing, and is done again on its turn,
            // where the panic surfaces; without a handler rayon would abort the process.
            .panic_handler(|_| {})
            .build()
            .ok()
    })
    .as_ref()
}

impl<T: Send + 'static> ReadAhead<T> {
    /// The files of `files`, in order, each read ahead with `job` done on it.
    pub fn new(
        files: Vec<SourceFile>,
        job: impl Fn(&Path, Bytes) -> T + Send + Sync + 'static,
    ) -> ReadAhead<T> {
        ReadAhead {
            pool: reading_pool(),
            job: Arc::new(job),
            files: files.into_iter(),
            window: VecDeque::with_capacity(WINDOW_FILES),
            bytes_ahead: 0,
        }
    }

    /// Starts reading the next files until the window is full.
    fn fill(&mut self) {
        while self.window.len() < WINDOW_FILES && self.bytes_ahead < WINDOW_BYTES {
            let Some(file) = self.files.next() else {
                return;
            };
            let pending = match &self.pool {
                // A web archive is streamed by the caller, a record at a time.
                Some(pool) if file.size <= MAX_AHEAD_BYTES && !super::is_warc(&file.path) => {
                    let (sender, receiver) = mpsc::sync_channel(1);
                    let path = file.path.clone();
                    let job = Arc::clone(&self.job);
                    // The receiver is gone if the run stopped: what was done is dropped.
                    pool.spawn(move || drop(sender.send(job(&path, read(&path)))));
                    self.bytes_ahead += file.size;
                    Pending::Doing(receiver)
                }
                _ => Pending::Later,
            };
            self.window.push_back((file, pending));
        }
    }
}

impl<T: Send + 'static> Iterator for ReadAhead<T> {
    type Item = (SourceFile, Ahead<T>);

    fn next(&mut self) -> Option<Self::Item> {
        self.fill();
        let (file, pending) = self.window.pop_front()?;
        let ahead = match pending {
            Pending::Doing(receiver) => {
                self.bytes_ahead = self.bytes_ahead.saturating_sub(file.size);
                // A thread that died gave nothing: the job is done here.
                let done = receiver
                    .recv()
                    .unwrap_or_else(|_| (self.job)(&file.path, read(&file.path)));
                Ahead::Done(done)
            }
            Pending::Later => Ahead::Big,
        };
        Some((file, ahead))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(path: std::path::PathBuf) -> SourceFile {
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        SourceFile {
            path,
            size,
            mtime_ns: 0,
        }
    }

    /// The job here: the length of the file, or the error's reason.
    fn length(_: &Path, bytes: Bytes) -> Result<usize, String> {
        bytes.map(|b| b.len()).map_err(|e| e.reason())
    }

    #[test]
    fn gives_every_file_in_order_with_its_job_done_or_left_to_the_caller_or_its_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut files = Vec::new();
        for i in 0..200 {
            let path = dir.path().join(format!("{i:03}.txt"));
            std::fs::write(&path, format!("article {i}")).expect("write");
            files.push(source(path));
        }
        // Gone since the walk: its turn still comes, with the error.
        files.insert(50, source(dir.path().join("gone.txt")));
        // Too big to read ahead: left to the caller.
        let big = dir.path().join("big.txt");
        std::fs::write(&big, "x".repeat(2 * 1024 * 1024)).expect("write");
        files.insert(120, source(big));

        let mut read_on_turn = Vec::new();
        let got: Vec<(String, Result<usize, String>)> = ReadAhead::new(files.clone(), length)
            .enumerate()
            .map(|(i, (file, ahead))| {
                let name = file
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned());
                let length = match ahead {
                    Ahead::Done(length) => length,
                    Ahead::Big => {
                        read_on_turn.push(i);
                        length(&file.path, read(&file.path))
                    }
                };
                (name.unwrap_or_default(), length)
            })
            .collect();
        assert_eq!(read_on_turn, vec![120]);
        assert_eq!(got.len(), 202);
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        let expected: Vec<String> = files
            .iter()
            .filter_map(|f| f.path.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        assert_eq!(names, expected);
        assert_eq!(got[0].1, Ok("article 0".len()));
        assert_eq!(got[199].1, Ok("article 197".len()));
        assert_eq!(got[120].1, Ok(2 * 1024 * 1024));
        let Err(reason) = &got[50].1 else {
            panic!("a missing file gives its error, got {:?}", got[50].1);
        };
        assert!(reason.starts_with("cannot read the file"), "{reason}");
    }
}
