//! `clipdex index --rebuild`: a complete new index is built beside the old one, then the
//! two are swapped. Until the swap the old index is untouched and searchable; an
//! interrupted rebuild leaves it as it was.

use std::path::{Path, PathBuf};

use anyhow::Context;

use super::{fill, open_writer, IndexOptions};
use crate::error::IndexError;
use crate::index::{lock_writer, replaceable, Catalog};
use crate::model::IndexReport;

/// The folders a rebuild uses beside the index: the new index while it is built, and
/// the old one while the two are swapped.
struct Siblings {
    fresh: PathBuf,
    old: PathBuf,
}

impl Siblings {
    fn of(index_path: &Path) -> Siblings {
        let name = index_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "index".into());
        let sibling = |suffix: &str| index_path.with_file_name(format!("{name}.{suffix}"));
        Siblings {
            fresh: sibling("rebuilding"),
            old: sibling("replaced"),
        }
    }
}

/// Builds a new index of `roots` and puts it in the place of the one at
/// `index_path`.
pub(super) fn rebuild(
    index_path: &Path,
    roots: &[PathBuf],
    options: &IndexOptions,
    report: &mut IndexReport,
) -> anyhow::Result<()> {
    let Siblings { fresh, old } = Siblings::of(index_path);
    refuse_what_is_not_an_index(index_path, &[&fresh, &old])?;
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
    log::debug!("rebuilding into {}", fresh.display());
    let catalog = Catalog::open_or_create(&fresh)?;
    fill(open_writer(catalog, options)?, roots, options, report)?;
    if report.interrupted {
        report.rebuild_abandoned = true;
        return remove(&fresh);
    }
    swap(index_path, &fresh, &old)
}

/// A rebuild never deletes what is not an index: not the user's folder given as --index
/// by mistake, nor a folder that happens to have the siblings' names.
fn refuse_what_is_not_an_index(index_path: &Path, siblings: &[&Path]) -> Result<(), IndexError> {
    if !replaceable(index_path) {
        let path = index_path.to_path_buf();
        return Err(if index_path.is_dir() {
            IndexError::NotAnIndex { path }
        } else {
            IndexError::NotAFolder { path }
        });
    }
    match siblings.iter().find(|path| !replaceable(path)) {
        Some(path) => Err(IndexError::InTheWay {
            path: path.to_path_buf(),
        }),
        None => Ok(()),
    }
}

/// Puts the complete new index in the old one's place, then deletes the old one.
fn swap(index_path: &Path, fresh: &Path, old: &Path) -> anyhow::Result<()> {
    log::debug!("swapping {} into {}", fresh.display(), index_path.display());
    if index_path.exists() {
        std::fs::rename(index_path, old).with_context(|| {
            format!("{}: cannot move the old index aside", index_path.display())
        })?;
    }
    std::fs::rename(fresh, index_path).with_context(|| {
        format!(
            "{}: the new index is complete in {} but could not take the old one's place",
            index_path.display(),
            fresh.display()
        )
    })?;
    remove(old)
}

/// Deletes a folder of the rebuild's, if it is there.
fn remove(path: &Path) -> anyhow::Result<()> {
    if path.exists() {
        std::fs::remove_dir_all(path)
            .with_context(|| format!("{}: cannot remove it", path.display()))?;
    }
    Ok(())
}
