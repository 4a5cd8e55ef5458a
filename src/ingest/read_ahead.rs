//! Reads the next files on a few threads while the current one is parsed: in a folder
//! not yet in the page cache, many small reads in flight finish several times sooner
//! than the same reads one after another.

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver};

use super::{read, SourceFile};
use crate::error::FileError;

/// Reading threads: they wait on the disk, not on a core.
const THREADS: usize = 8;
/// At most this many files are read ahead...
const WINDOW_FILES: usize = 64;
/// ...holding at most about this many bytes.
const WINDOW_BYTES: u64 = 16 * 1024 * 1024;
/// Bigger files are read when their turn comes: one long read is quick from any disk.
const MAX_AHEAD_BYTES: u64 = 1024 * 1024;

type Bytes = Result<Vec<u8>, FileError>;

enum Pending {
    Reading(Receiver<Bytes>),
    Later,
}

/// The files of a list with their bytes, in the list's order, read ahead.
pub struct ReadAhead {
    /// None if no thread could be started: then each file is read on its turn.
    pool: Option<rayon::ThreadPool>,
    files: std::vec::IntoIter<SourceFile>,
    window: VecDeque<(SourceFile, Pending)>,
    bytes_ahead: u64,
}

impl ReadAhead {
    pub fn new(files: Vec<SourceFile>) -> ReadAhead {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(THREADS)
            .thread_name(|i| format!("clipdex-read-{i}"))
            .build()
            .ok();
        ReadAhead {
            pool,
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
                Some(pool) if file.size <= MAX_AHEAD_BYTES => {
                    let (sender, receiver) = mpsc::sync_channel(1);
                    let path = file.path.clone();
                    // The receiver is gone if the run stopped: the bytes are dropped.
                    pool.spawn(move || drop(sender.send(read(&path))));
                    self.bytes_ahead += file.size;
                    Pending::Reading(receiver)
                }
                _ => Pending::Later,
            };
            self.window.push_back((file, pending));
        }
    }
}

impl Iterator for ReadAhead {
    type Item = (SourceFile, Bytes);

    fn next(&mut self) -> Option<Self::Item> {
        self.fill();
        let (file, pending) = self.window.pop_front()?;
        let bytes = match pending {
            Pending::Reading(receiver) => {
                self.bytes_ahead = self.bytes_ahead.saturating_sub(file.size);
                // A reading thread that died gave nothing: read it here.
                receiver.recv().unwrap_or_else(|_| read(&file.path))
            }
            Pending::Later => read(&file.path),
        };
        Some((file, bytes))
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

    #[test]
    fn gives_every_file_in_order_with_its_bytes_or_its_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut files = Vec::new();
        for i in 0..200 {
            let path = dir.path().join(format!("{i:03}.txt"));
            std::fs::write(&path, format!("article {i}")).expect("write");
            files.push(source(path));
        }
        // Gone since the walk: its turn still comes, with the error.
        files.insert(50, source(dir.path().join("gone.txt")));
        // Too big to read ahead: read on its turn.
        let big = dir.path().join("big.txt");
        std::fs::write(&big, "x".repeat(2 * 1024 * 1024)).expect("write");
        files.insert(120, source(big));

        let got: Vec<(String, Result<usize, String>)> = ReadAhead::new(files.clone())
            .map(|(file, bytes)| {
                let name = file
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned());
                let bytes = bytes.map(|b| b.len()).map_err(|e| e.reason());
                (name.unwrap_or_default(), bytes)
            })
            .collect();
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
