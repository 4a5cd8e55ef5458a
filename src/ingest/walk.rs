//! Walks a folder for clipping files: hidden entries and the index's own folder are skipped.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use walkdir::WalkDir;

use crate::error::FileError;

/// Extensions read as clippings (lower-case).
const CLIPPING_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "json", "jsonl", "ndjson", "html", "htm", "xhtml", "mhtml", "mht", "warc",
    "warc.gz", "eml", "mbox", "docx", "rtf", "pdf",
];

/// A candidate file and the stamp that tells whether it changed since the last run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The walk's root joined with the names below it (absolute when the root is).
    pub path: PathBuf,
    /// Size in bytes when listed.
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
}

/// What the walk found: files to read, and entries it could not use.
#[derive(Debug, Default)]
pub struct Found {
    /// Clipping files, in walk order.
    pub files: Vec<SourceFile>,
    /// Entries passed over, with why: other extensions, and what could not be read (also
    /// in `unreadable`).
    pub skipped: Vec<FileError>,
    /// Files and folders that could not be read: what was indexed from them must stay.
    pub unreadable: Vec<PathBuf>,
}

impl Found {
    /// Adds what another walk found after what this one did.
    pub fn append(&mut self, mut other: Found) {
        self.files.append(&mut other.files);
        self.skipped.append(&mut other.skipped);
        self.unreadable.append(&mut other.unreadable);
    }
}

/// Lower-case extension without the dot, or ""; `warc.gz` for a compressed web archive.
pub fn extension(path: &Path) -> String {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let archive = path
        .file_stem()
        .is_some_and(|stem| stem.to_string_lossy().to_lowercase().ends_with(".warc"));
    if ext == "gz" && archive {
        "warc.gz".into()
    } else {
        ext
    }
}

/// Refuses files whose extension is not a clipping type.
pub fn check_supported(path: &Path) -> Result<(), FileError> {
    let ext = extension(path);
    if CLIPPING_EXTENSIONS.contains(&ext.as_str()) {
        return Ok(());
    }
    let reason = if ext.is_empty() {
        "no file extension".to_string()
    } else {
        format!(".{ext} file")
    };
    Err(FileError::Unsupported {
        path: path.to_path_buf(),
        reason,
    })
}

/// The folder a browser's "Save page, complete" writes beside `Page.html`:
/// `Page_files/`, holding the page's images, scripts, styles and frames. The page is the
/// clipping; its folder is not read (nor listed as skipped, file by file).
fn is_saved_page_folder(entry: &walkdir::DirEntry) -> bool {
    entry.file_type().is_dir() && saved_page_folder(entry.path())
}

/// Whether the folder `dir` is named as a saved page's folder and the page is beside it.
fn saved_page_folder(dir: &Path) -> bool {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    let Some(page) = name.strip_suffix("_files").filter(|p| !p.is_empty()) else {
        return false;
    };
    let parent = dir.parent().unwrap_or(Path::new(""));
    ["html", "htm", "xhtml"]
        .iter()
        .any(|ext| parent.join(format!("{page}.{ext}")).is_file())
}

/// Whether a walk of `root` passes `path` by (or never reaches it): a hidden entry, the
/// folder `skip_dir` or a saved page's folder on the way from `root` to it, or `path`
/// not under `root` at all. What `watch` asks of a path that changed.
pub fn passed_over(path: &Path, root: &Path, skip_dir: Option<&Path>) -> bool {
    let Ok(inside) = path.strip_prefix(root) else {
        return true;
    };
    let mut at = root.to_path_buf();
    for part in inside.components() {
        at.push(part);
        let folder_skipped = skip_dir.is_some_and(|skip| at.starts_with(skip))
            || (at != path && saved_page_folder(&at));
        if is_hidden(part.as_os_str()) || folder_skipped {
            return true;
        }
    }
    false
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Lists clipping files under `root` in a stable order, never descending into `skip_dir`
/// (given in canonical form).
/// `root` may also be a single file.
pub fn walk(root: &Path, skip_dir: Option<&Path>) -> Found {
    Walker::new(root, skip_dir)
        .next_batch(usize::MAX)
        .unwrap_or_default()
}

/// A walk taken a batch of files at a time, so that a folder of a million files is never
/// listed in memory at once.
pub struct Walker {
    root: PathBuf,
    entries: Box<dyn Iterator<Item = walkdir::Result<walkdir::DirEntry>>>,
}

impl Walker {
    /// A walk of `root` in a stable order that never descends into `skip_dir` (given in
    /// canonical form). `root` may also be a single file.
    pub fn new(root: &Path, skip_dir: Option<&Path>) -> Walker {
        let skip = skip_dir.map(Path::to_path_buf);
        let entries = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(move |entry| {
                let hidden = entry.depth() > 0 && is_hidden(entry.file_name());
                let is_index = entry.file_type().is_dir()
                    && skip.as_deref().is_some_and(|skip| {
                        entry.path() == skip || entry.path().canonicalize().is_ok_and(|p| p == skip)
                    });
                !hidden && !is_index && !is_saved_page_folder(entry)
            });
        Walker {
            root: root.to_path_buf(),
            entries: Box::new(entries),
        }
    }

    /// The next `max_files` files (fewer at the end) with the entries skipped on the way;
    /// `None` once the walk is over.
    pub fn next_batch(&mut self, max_files: usize) -> Option<Found> {
        let mut found = Found::default();
        let mut any = false;
        while found.files.len() < max_files {
            let Some(entry) = self.entries.next() else {
                break;
            };
            any = true;
            self.take(entry, &mut found);
        }
        any.then_some(found)
    }

    fn take(&self, entry: walkdir::Result<walkdir::DirEntry>, found: &mut Found) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(&self.root).to_path_buf();
                let source = err.into_io_error().unwrap_or_else(|| {
                    std::io::Error::other(
                        "a symbolic link that leads back into a folder above it (a loop); skipped",
                    )
                });
                found.unreadable.push(path.clone());
                found.skipped.push(FileError::Read { path, source });
                return;
            }
        };
        if !entry.file_type().is_file() {
            return;
        }
        let path = entry.path().to_path_buf();
        if let Err(err) = check_supported(&path) {
            found.skipped.push(err);
            return;
        }
        match entry.metadata() {
            Ok(meta) => {
                let mtime_ns = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
                found.files.push(SourceFile {
                    path,
                    size: meta.len(),
                    mtime_ns,
                });
            }
            Err(err) => {
                let source = err
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("cannot read metadata"));
                found.unreadable.push(path.clone());
                found.skipped.push(FileError::Read { path, source });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_path_is_passed_over_where_a_walk_would_not_go() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir_all(root.join("Page_files"))?;
        std::fs::write(root.join("Page.html"), "<html></html>")?;
        std::fs::create_dir_all(root.join("Other_files"))?;
        let over = |rel: &str| passed_over(&root.join(rel), root, Some(&root.join("index")));
        assert!(!over("a.txt"));
        assert!(!over("deep/er/a.txt"));
        assert!(over(".drafts/a.txt"));
        assert!(over("deep/.hidden.txt"));
        assert!(over("index/meta.json"));
        assert!(over("Page_files/frame.html"));
        assert!(!over("Other_files/a.txt"), "no saved page beside it");
        assert!(over("/elsewhere/a.txt"));
        Ok(())
    }

    #[test]
    fn hidden_index_and_foreign_files_are_left_out() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/.git"))?;
        std::fs::create_dir_all(root.join("idx"))?;
        std::fs::write(root.join("a/one.txt"), "x")?;
        std::fs::write(root.join("a/.git/config.txt"), "x")?;
        std::fs::write(root.join(".hidden.txt"), "x")?;
        std::fs::write(root.join("idx/meta.json"), "{}")?;
        std::fs::write(root.join("b.JSONL"), "{}")?;
        std::fs::write(root.join("photo.jpg"), "x")?;
        std::fs::write(root.join("crawl.WARC.gz"), "x")?;
        std::fs::write(root.join("site.gz"), "x")?;
        let found = walk(root, Some(&root.join("idx")));
        let names: Vec<_> = found
            .files
            .iter()
            .map(|f| f.path.strip_prefix(root).unwrap_or(&f.path).to_path_buf())
            .collect();
        assert_eq!(
            names,
            vec![
                PathBuf::from("a/one.txt"),
                PathBuf::from("b.JSONL"),
                PathBuf::from("crawl.WARC.gz")
            ]
        );
        assert_eq!(found.skipped.len(), 2);
        assert!(found.skipped[0].to_string().ends_with(
            "photo.jpg: not a clipping (.jpg file); clipdex reads .txt, .text, .md, .json, .jsonl, \
             .ndjson, .html, .htm, .xhtml, .mhtml, .mht, .warc, .warc.gz, .eml, .mbox, .docx, \
             .rtf and .pdf files"
        ), "{}", found.skipped[0]);
        assert!(found.skipped[1]
            .to_string()
            .contains("site.gz: not a clipping (.gz file)"));
        Ok(())
    }

    #[test]
    fn batches_hold_at_most_the_files_asked_for_in_walk_order() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir_all(root.join("b"))?;
        for name in ["a.txt", "b/c.txt", "b/d.txt", "e.jpg", "f.txt", "g.txt"] {
            std::fs::write(root.join(name), "x")?;
        }
        let mut walker = Walker::new(root, None);
        let mut batches = Vec::new();
        while let Some(found) = walker.next_batch(2) {
            let names: Vec<String> = found
                .files
                .iter()
                .map(|f| {
                    f.path
                        .strip_prefix(root)
                        .unwrap_or(&f.path)
                        .display()
                        .to_string()
                })
                .collect();
            batches.push((names, found.skipped.len()));
        }
        let batch = |names: &[&str], skipped| {
            (
                names.iter().map(|n| n.to_string()).collect::<Vec<_>>(),
                skipped,
            )
        };
        assert_eq!(
            batches,
            vec![
                batch(&["a.txt", "b/c.txt"], 0),
                batch(&["b/d.txt", "f.txt"], 1),
                batch(&["g.txt"], 0),
            ]
        );
        Ok(())
    }
}
