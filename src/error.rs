//! Typed errors for the library; each names the file or index it is about and what to do.

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Why one input file could not be turned into articles. The run goes on without it.
#[derive(Debug, Error)]
pub enum FileError {
    #[error("{path}: cannot read the file: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error(
        "{path}: binary content (NUL bytes), not a text clipping; move it out of the folder if it is not one"
    )]
    Binary { path: PathBuf },
    #[error("{path}: not a clipping ({reason}); clipdex reads .txt, .text, .md, .json, .jsonl and .ndjson files")]
    Unsupported { path: PathBuf, reason: String },
    #[error("{path}: too large for one file of clippings ({} MB; the limit for this kind of file is {} MB); split it into smaller files", size / 1_000_000, limit / 1_000_000)]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{path}:{}{message}", line.map(|l| format!("{l}: ")).unwrap_or_else(|| " ".into()))]
    Invalid {
        path: PathBuf,
        line: Option<usize>,
        message: String,
        /// Read, and no articles in it at all.
        empty: bool,
    },
}

impl FileError {
    pub fn path(&self) -> &std::path::Path {
        match self {
            FileError::Read { path, .. }
            | FileError::Binary { path }
            | FileError::Unsupported { path, .. }
            | FileError::TooLarge { path, .. }
            | FileError::Invalid { path, .. } => path,
        }
    }

    /// The line the problem is on, where known.
    pub fn line(&self) -> Option<usize> {
        match self {
            FileError::Invalid { line, .. } => *line,
            _ => None,
        }
    }

    /// The message without the leading path and line, for listings that show those apart.
    pub fn reason(&self) -> String {
        if let FileError::Invalid { message, .. } = self {
            return message.clone();
        }
        let full = self.to_string();
        let prefix = format!("{}: ", self.path().display());
        full.strip_prefix(&prefix).unwrap_or(&full).to_string()
    }
}

/// Why the index could not be opened, written or read.
#[derive(Debug, Error)]
pub enum IndexError {
    #[error("no index at {path}: run `clipdex index DIR` first, or point --index / CLIPDEX_INDEX at an existing index")]
    Missing { path: PathBuf },
    #[error("the index at {path} is in use by another `clipdex index` run; wait for it to finish and try again")]
    Locked { path: PathBuf },
    #[error("{path} is not a clipdex index or was made by another version ({detail}); delete that folder and run `clipdex index DIR` again, or choose another --index")]
    Incompatible { path: PathBuf, detail: String },
    #[error("the index at {path} was made by another version of clipdex (index version {found}, this one uses {wanted}); rebuild it with `clipdex index --rebuild DIR...` (the old index stays until the new one is complete)")]
    Outdated {
        path: PathBuf,
        found: u32,
        wanted: u32,
    },
    #[error("{path} holds other files but no clipdex index; give --index a new or empty folder")]
    NotAnIndex { path: PathBuf },
    #[error("{path} is a file, not an index folder; give --index a new or empty folder")]
    NotAFolder { path: PathBuf },
    #[error("{path} is in the way of the rebuild and is not a clipdex index; move it away and run the rebuild again")]
    InTheWay { path: PathBuf },
    #[error("cannot use the index folder {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("index at {path}: {source}")]
    Tantivy {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
}

impl IndexError {
    /// Turns a tantivy error about the index at `path` into an [`IndexError`], for
    /// `map_err`.
    pub fn tantivy(path: &Path) -> impl Fn(tantivy::TantivyError) -> IndexError + Copy + '_ {
        move |source| IndexError::Tantivy {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Turns an I/O error about the index folder `path` into an [`IndexError`], for
    /// `map_err`.
    pub fn io(path: &Path) -> impl Fn(io::Error) -> IndexError + Copy + '_ {
        move |source| IndexError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
