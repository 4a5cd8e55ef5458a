//! What was indexed from which file, so a re-run skips unchanged files and drops vanished ones.
//!
//! Written next to the index after each successful commit. If a run dies between the
//! commit and this write, the next run re-reads those files; it never duplicates them,
//! because a file's articles are always deleted by path before they are added again.

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::files::Files;

const FILE_NAME: &str = "clipdex-files.json";
/// The schema version alone, so opening an index for a search does not read the list of
/// every file (100,000 files make a manifest of several MB).
const VERSION_FILE: &str = "clipdex-version.json";

#[derive(Serialize, Deserialize)]
struct Version {
    schema: u32,
}

/// The index's version, last commit time and per-file records, as `clipdex-files.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`super::schema::SCHEMA_VERSION`] of the index; 0 for indexes made before versions
    /// were recorded.
    #[serde(default)]
    pub schema: u32,
    /// When the last checkpoint committed (UTC); `None` until one has.
    pub updated: Option<DateTime<Utc>>,
    /// What was indexed from each file, by its key (the path as text).
    pub files: Files,
    /// The folders (or files) given to `clipdex index`, canonical, in the order first
    /// given: `clipdex index` with none indexes them again.
    #[serde(default)]
    pub roots: Vec<String>,
}

impl Manifest {
    /// Where the manifest of the index in `index_dir` is kept.
    pub fn path_in(index_dir: &Path) -> PathBuf {
        index_dir.join(FILE_NAME)
    }

    /// Reads the manifest; a missing or unreadable one is empty (files are then re-read).
    pub fn load(index_dir: &Path) -> Manifest {
        std::fs::read(Self::path_in(index_dir))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the manifest, then the version file, each atomically (temp file, then rename).
    pub fn save(&self, index_dir: &Path) -> io::Result<()> {
        write_json_atomic(&Self::path_in(index_dir), self)?;
        let version = Version {
            schema: self.schema,
        };
        write_json_atomic(&index_dir.join(VERSION_FILE), &version)
    }

    /// The schema version of the index in `index_dir`, when it has a manifest: from the
    /// small version file, or from the manifest of an index older than that file.
    pub fn schema_version(index_dir: &Path) -> Option<u32> {
        let small = std::fs::read(index_dir.join(VERSION_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Version>(&bytes).ok());
        match small {
            Some(version) => Some(version.schema),
            None if Self::path_in(index_dir).is_file() => Some(Self::load(index_dir).schema),
            None => None,
        }
    }
}

/// Writes `value` as JSON to `path` through a temporary file and a rename, streamed: a
/// manifest of a million files is never held as one string.
pub(super) fn write_json_atomic(path: &Path, value: &impl Serialize) -> io::Result<()> {
    let tmp = path.with_extension("json.tmp");
    let mut out = io::BufWriter::new(std::fs::File::create(&tmp)?);
    serde_json::to_writer(&mut out, value)?;
    io::Write::flush(&mut out)?;
    drop(out);
    std::fs::rename(&tmp, path)
}
