//! Typed errors for the library; each names the file or index it is about and what to do.

use std::io;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Why one input file could not be turned into articles. The run goes on without it.
#[derive(Debug, Error)]
pub enum FileError {
    /// Opening or reading the file failed, or the walk could not enter an entry (a folder
    /// it cannot list, a symbolic-link loop), or there was no memory for the file's bytes.
    #[error("{path}: cannot read the file: {source}")]
    Read {
        /// The file, or the entry the walk could not enter.
        path: PathBuf,
        /// The I/O error; for a symbolic-link loop, one made up to say so.
        source: io::Error,
    },
    /// A NUL byte in the first 8 KiB: an image, an archive or a PDF under a clipping's
    /// extension. UTF-16 with a byte-order mark is text, not refused.
    #[error(
        "{path}: binary content (NUL bytes), not a text clipping; move it out of the folder if it is not one"
    )]
    Binary {
        /// The file refused.
        path: PathBuf,
    },
    /// The extension is not one clipdex reads ([`check_supported`]). A walk lists such
    /// files among what it skipped; `extract` fails only on one named on its command line.
    ///
    /// [`check_supported`]: crate::ingest::check_supported
    #[error("{path}: not a clipping ({reason}); clipdex reads .txt, .text, .md, .json, .jsonl, .ndjson, .html, .htm, .xhtml, .mhtml, .mht, .warc, .warc.gz, .eml, .mbox, .docx, .rtf and .pdf files")]
    Unsupported {
        /// The file passed over.
        path: PathBuf,
        /// What it is instead: `.jpg file`, or `no file extension`.
        reason: String,
    },
    /// Raised before reading a file bigger than its kind may be when read whole
    /// ([`MAX_TEXT_BYTES`], [`MAX_JSON_BYTES`]). A JSON Lines file that `index` reads a
    /// block at a time has no limit unless it is UTF-16.
    ///
    /// [`MAX_TEXT_BYTES`]: crate::ingest::MAX_TEXT_BYTES
    /// [`MAX_JSON_BYTES`]: crate::ingest::MAX_JSON_BYTES
    #[error("{path}: too large for one file of clippings ({} MB; the limit for this kind of file is {} MB); split it into smaller files", size / 1_000_000, limit / 1_000_000)]
    TooLarge {
        /// The file refused.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit for its kind, in bytes.
        limit: u64,
    },
    /// The file was read but gave no article: it does not parse, holds none, or (JSON
    /// Lines) has a line too long to hold, which may come after some articles were handed
    /// on.
    #[error("{path}:{}{message}", line.map(|l| format!("{l}: ")).unwrap_or_else(|| " ".into()))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem, when the parser knows it.
        line: Option<usize>,
        /// What is wrong and what to do, without the path and line.
        message: String,
        /// Read, and no articles in it at all.
        empty: bool,
    },
}

impl FileError {
    /// The file (or, for a walk error, the entry) the error is about.
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
    /// Opening an index to read it found none: no such folder, or one with neither an
    /// index nor other files in it (an index run creates the index instead).
    #[error("no index at {path}: run `clipdex index DIR` first, or point --index / CLIPDEX_INDEX at an existing index")]
    Missing {
        /// The index folder looked in.
        path: PathBuf,
    },
    /// The writer's lock of the index folder is held by another process, when a writer is
    /// opened or a rebuild takes the lock.
    #[error("the index at {path} is in use by another clipdex run that writes to it (`clipdex index` or `clipdex watch`); wait for it to finish (or stop the watch) and try again")]
    Locked {
        /// The index folder.
        path: PathBuf,
    },
    /// tantivy cannot open the index there, or its fields differ from this build's
    /// schema.
    #[error("{path} is not a clipdex index or was made by another version ({detail}); delete that folder and run `clipdex index DIR` again, or choose another --index")]
    Incompatible {
        /// The index folder.
        path: PathBuf,
        /// tantivy's error, or which check failed.
        detail: String,
    },
    /// The index version on disk is older than this build reads
    /// ([`OLDEST_READABLE`]).
    ///
    /// [`OLDEST_READABLE`]: crate::index::schema::OLDEST_READABLE
    #[error("the index at {path} was made by another version of clipdex (index version {found}, this one uses {wanted}); rebuild it with `clipdex index --rebuild DIR...` (the old index stays until the new one is complete)")]
    Outdated {
        /// The index folder.
        path: PathBuf,
        /// The index version its manifest records.
        found: u32,
        /// The index version this build writes.
        wanted: u32,
    },
    /// The index version on disk is newer than this build knows ([`SCHEMA_VERSION`]): a
    /// rebuild with this build would throw away what the newer one stored.
    ///
    /// [`SCHEMA_VERSION`]: crate::index::schema::SCHEMA_VERSION
    #[error("the index at {path} was made by a newer clipdex (index version {found}; this one knows versions up to {wanted}); use that clipdex, or build an index of this version elsewhere with --index PATH (`clipdex index --rebuild DIR...` would replace the newer one)")]
    Newer {
        /// The index folder.
        path: PathBuf,
        /// The index version its manifest records.
        found: u32,
        /// The newest index version this build knows.
        wanted: u32,
    },
    /// The folder holds other files but no index: opening, creating and rebuilding all
    /// refuse it, so an index is never mixed into the user's files nor a rebuild deletes
    /// them.
    #[error("{path} holds other files but no clipdex index; give --index a new or empty folder")]
    NotAnIndex {
        /// The folder given as the index.
        path: PathBuf,
    },
    /// The index path names a file.
    #[error("{path} is a file, not an index folder; give --index a new or empty folder")]
    NotAFolder {
        /// The file given as the index.
        path: PathBuf,
    },
    /// A rebuild's sibling folder (`INDEX.rebuilding` or `INDEX.replaced`) exists and is
    /// neither empty nor an index, so the rebuild will not delete it.
    #[error("{path} is in the way of the rebuild and is not a clipdex index; move it away and run the rebuild again")]
    InTheWay {
        /// The sibling in the way.
        path: PathBuf,
    },
    /// An I/O error on the index folder or a file in it: creating or opening the folder,
    /// taking the writer's lock, saving the manifest and labels after a commit.
    #[error("cannot use the index folder {path}: {source}")]
    Io {
        /// The index folder.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// tantivy failed to create, read, search or write an index (one it cannot open at
    /// all is [`IndexError::Incompatible`]).
    #[error("index at {path}: {source}")]
    Tantivy {
        /// The index folder.
        path: PathBuf,
        /// tantivy's error.
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
