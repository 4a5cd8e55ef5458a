//! Opening (or creating) the index folder and checking it is ours.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tantivy::directory::MmapDirectory;
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher};

use super::schema::{self, Fields};
use super::{Labels, Manifest};
use crate::error::IndexError;

/// An opened index with its field handles and display labels.
pub struct Catalog {
    /// The index folder, as given.
    pub path: PathBuf,
    /// The tantivy index, with the prose analyzer registered.
    pub index: Index,
    /// Handles of the schema's fields.
    pub fields: Fields,
    /// Display forms of tag and speaker keys, as loaded when opened (a writer adds to
    /// them).
    pub labels: Labels,
    /// Surname-only speaker keys and the one full name each stands for ("reagan" ->
    /// "ronald reagan"), when the index knows exactly one person with that surname.
    pub surnames: BTreeMap<String, String>,
    /// Opened on first use; searches share it.
    reader: OnceLock<IndexReader>,
}

impl Catalog {
    /// Opens an existing index for searching; never creates or changes anything.
    pub fn open(path: &Path) -> Result<Catalog, IndexError> {
        log::debug!("opening the index at {}", path.display());
        not_a_file(path)?;
        if !path.join("meta.json").is_file() {
            return Err(if holds_other_files(path) {
                IndexError::NotAnIndex {
                    path: path.to_path_buf(),
                }
            } else {
                IndexError::Missing {
                    path: path.to_path_buf(),
                }
            });
        }
        Self::checked(Self::open_any_version(path, false)?)
    }

    /// Opens the index at `path`, creating the folder and an empty index if needed. An
    /// index of a version this clipdex cannot read is refused with how to rebuild it.
    pub fn open_or_create(path: &Path) -> Result<Catalog, IndexError> {
        Self::checked(Self::open_any_version(path, true)?)
    }

    /// Refuses an index of a version before [`schema::OLDEST_READABLE`] or after
    /// [`schema::SCHEMA_VERSION`].
    fn checked(catalog: Catalog) -> Result<Catalog, IndexError> {
        let path = &catalog.path;
        let found = Manifest::schema_version(path);
        let readable = schema::OLDEST_READABLE..=schema::SCHEMA_VERSION;
        if let Some(found) = found.filter(|found| !readable.contains(found)) {
            let (path, wanted) = (path.to_path_buf(), schema::SCHEMA_VERSION);
            return Err(if found > wanted {
                IndexError::Newer {
                    path,
                    found,
                    wanted,
                }
            } else {
                IndexError::Outdated {
                    path,
                    found,
                    wanted,
                }
            });
        }
        Ok(catalog)
    }

    /// Opens (or, with `create`, creates) the index whatever version made it.
    fn open_any_version(path: &Path, create: bool) -> Result<Catalog, IndexError> {
        let io_err = IndexError::io(path);
        not_a_file(path)?;
        if create {
            std::fs::create_dir_all(path).map_err(io_err)?;
        }
        let tantivy_err = IndexError::tantivy(path);
        let directory = MmapDirectory::open(path).map_err(|err| io_err(io::Error::other(err)))?;
        let (schema, fields) = schema::build();
        let exists = Index::exists(&directory).map_err(|err| io_err(io::Error::other(err)))?;
        if !exists && holds_other_files(path) {
            return Err(IndexError::NotAnIndex {
                path: path.to_path_buf(),
            });
        }
        if !exists && !create {
            return Err(IndexError::Missing {
                path: path.to_path_buf(),
            });
        }
        let index = if exists {
            let index = Index::open(directory).map_err(|err| IndexError::Incompatible {
                path: path.to_path_buf(),
                detail: err.to_string(),
            })?;
            if index.schema() != schema {
                return Err(IndexError::Incompatible {
                    path: path.to_path_buf(),
                    detail: "its fields differ from this version's".into(),
                });
            }
            index
        } else {
            Index::create(directory, schema, Default::default()).map_err(tantivy_err)?
        };
        schema::register_analyzers(&index);
        let labels = Labels::load(path);
        Ok(Catalog {
            path: path.to_path_buf(),
            index,
            fields,
            surnames: labels.surname_keys(),
            labels,
            reader: OnceLock::new(),
        })
    }

    /// A searcher over the last commit.
    pub fn searcher(&self) -> Result<Searcher, IndexError> {
        if let Some(reader) = self.reader.get() {
            return Ok(reader.searcher());
        }
        let reader: IndexReader = self
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(IndexError::tantivy(&self.path))?;
        Ok(self.reader.get_or_init(|| reader).searcher())
    }

    /// The key a speaker is counted under: a surname-only key folds into the one full
    /// name with that surname.
    pub fn person_key<'a>(&'a self, key: &'a str) -> &'a str {
        // Only one-word keys are surnames alone; most keys are skipped without a lookup.
        if key.contains(' ') {
            return key;
        }
        self.surnames.get(key).map_or(key, String::as_str)
    }

    /// Every key that counts as the person `key`: itself and the surname-only key that
    /// stands for the same person.
    pub fn keys_of(&self, key: &str) -> Vec<String> {
        let person = self.person_key(key).to_string();
        let mut keys = vec![person.clone()];
        keys.extend(
            self.surnames
                .iter()
                .filter(|(_, full)| **full == person)
                .map(|(bare, _)| bare.clone()),
        );
        keys
    }

    /// The manifest as it is on disk now, read again on every call (empty when missing
    /// or unreadable).
    pub fn manifest(&self) -> Manifest {
        Manifest::load(&self.path)
    }
}

/// Refuses an index path that names a file.
fn not_a_file(path: &Path) -> Result<(), IndexError> {
    if path.exists() && !path.is_dir() {
        return Err(IndexError::NotAFolder {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Whether a rebuild may delete what is at `path`: nothing, an empty folder, or an index
/// (complete, or one a killed run was creating). Anything else is the user's.
pub fn replaceable(path: &Path) -> bool {
    match std::fs::metadata(path) {
        Err(_) => true,
        Ok(meta) => meta.is_dir() && (path.join("meta.json").is_file() || !holds_other_files(path)),
    }
}

/// Takes the writer's lock of the index folder at `path` (the one every `clipdex index`
/// run takes through tantivy), held until the file returned is dropped. The lock file
/// is left in place: tantivy's lock is the file lock, not the file.
pub fn lock_writer(path: &Path) -> Result<std::fs::File, IndexError> {
    let lock_path = path.join(tantivy::directory::INDEX_WRITER_LOCK.filepath.as_path());
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(&lock_path)
        .map_err(IndexError::io(path))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(IndexError::Locked {
            path: path.to_path_buf(),
        }),
        Err(std::fs::TryLockError::Error(source)) => Err(IndexError::io(path)(source)),
    }
}

/// True when `path` has entries other than an index's own, so creating an index there
/// would mix it with other files. tantivy's hidden files and clipdex's `clipdex-*` files
/// may be left by a run killed while it created the index; they are not "other files".
fn holds_other_files(path: &Path) -> bool {
    std::fs::read_dir(path)
        .map(|entries| {
            entries.filter_map(Result::ok).any(|entry| {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                !(name.starts_with('.') || name.starts_with("clipdex-"))
            })
        })
        .unwrap_or(false)
}
