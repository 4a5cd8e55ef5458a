//! The manifest's records by file path, held compactly. A path is split into its folder
//! and its name: the folders of a million files are a few thousand strings kept once,
//! and a folder keeps its files' names end to end in one string, with the records in a
//! list sorted by name. Names that come out of order wait in a small map until they are
//! merged into the list. Written and read as one JSON object from full path to record,
//! as a plain map would be (its keys grouped by folder).

use std::collections::BTreeMap;
use std::fmt;

use rustc_hash::FxHashMap;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What was indexed from one file: enough to tell on the next run whether it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// The file's length in bytes when it was read.
    pub size: u64,
    /// Its modification time then, in nanoseconds since the Unix epoch (0 if unknown).
    pub mtime_ns: i64,
    /// Articles indexed from it.
    pub articles: usize,
    /// The [`crate::speakers::EXTRACTOR_VERSION`] that read the file; an older one means
    /// the file is read again so its speakers are found by the current rules.
    #[serde(default)]
    pub extractor: u32,
}

/// Every recorded file's [`FileRecord`], by its path as text (the writer's file key).
#[derive(Debug, Clone, Default)]
pub struct Files {
    folders: Vec<Folder>,
    /// Where each folder is in `folders`.
    index: FxHashMap<Box<str>, usize>,
    len: usize,
}

/// The files recorded in one folder.
#[derive(Debug, Clone, Default)]
struct Folder {
    /// The folder, with its trailing separator.
    path: Box<str>,
    /// The names of its files in `entries`, end to end (with those of files removed one
    /// at a time, until the next merge).
    names: String,
    /// Sorted by name. A walk lists a folder in name order, so most names are appended.
    entries: Vec<Entry>,
    /// Files recorded out of name order since the last merge: inserting them into
    /// `entries` one by one would move the whole list each time.
    unmerged: BTreeMap<Box<str>, FileRecord>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The name's bytes in [`Folder::names`].
    start: usize,
    end: usize,
    record: FileRecord,
}

impl Folder {
    fn name(&self, entry: &Entry) -> &str {
        &self.names[entry.start..entry.end]
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        // Files are mostly recorded in name order: try the end first.
        match self.entries.last() {
            None => return Err(0),
            Some(last) if self.name(last) < name => return Err(self.entries.len()),
            _ => {}
        }
        self.entries
            .binary_search_by(|entry| self.name(entry).cmp(name))
    }

    fn get(&self, name: &str) -> Option<&FileRecord> {
        match self.find(name) {
            Ok(at) => Some(&self.entries[at].record),
            Err(_) => self.unmerged.get(name),
        }
    }

    fn insert(&mut self, name: &str, record: FileRecord) -> Option<FileRecord> {
        match self.find(name) {
            Ok(at) => Some(std::mem::replace(&mut self.entries[at].record, record)),
            Err(at) if at == self.entries.len() && !self.unmerged.contains_key(name) => {
                self.push(name, record);
                None
            }
            Err(_) => {
                let previous = self.unmerged.insert(name.into(), record);
                if self.unmerged.len() > (self.entries.len() / 8).max(64) {
                    self.merge();
                }
                previous
            }
        }
    }

    fn push(&mut self, name: &str, record: FileRecord) {
        let start = self.names.len();
        self.names.push_str(name);
        self.entries.push(Entry {
            start,
            end: self.names.len(),
            record,
        });
    }

    fn remove(&mut self, name: &str) -> Option<FileRecord> {
        match self.find(name) {
            Ok(at) => Some(self.entries.remove(at).record),
            Err(_) => self.unmerged.remove(name),
        }
    }

    /// Every file in name order, recorded or waiting to be merged.
    fn iter(&self) -> impl Iterator<Item = (&str, &FileRecord)> {
        let mut listed = self
            .entries
            .iter()
            .map(|entry| (self.name(entry), &entry.record))
            .peekable();
        let mut waiting = self
            .unmerged
            .iter()
            .map(|(name, record)| (&**name, record))
            .peekable();
        std::iter::from_fn(move || match (listed.peek(), waiting.peek()) {
            (Some(a), Some(b)) if b.0 < a.0 => waiting.next(),
            (Some(_), _) => listed.next(),
            (None, _) => waiting.next(),
        })
    }

    /// Rebuilds the list with the waiting files merged in and without `gone` ones, the
    /// names packed again.
    fn rebuild(&mut self, mut gone: impl FnMut(&str) -> bool) {
        let mut merged = Folder {
            path: std::mem::take(&mut self.path),
            names: String::with_capacity(self.names.len()),
            entries: Vec::with_capacity(self.entries.len() + self.unmerged.len()),
            unmerged: BTreeMap::new(),
        };
        for (name, record) in self.iter() {
            if !gone(name) {
                merged.push(name, *record);
            }
        }
        *self = merged;
    }

    fn merge(&mut self) {
        self.rebuild(|_| false);
    }
}

/// A path's folder, up to and with its last separator, and its name after it.
fn split(path: &str) -> (&str, &str) {
    let at = path.rfind(std::path::is_separator).map_or(0, |i| i + 1);
    path.split_at(at)
}

impl Files {
    /// The number of files recorded.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no file is recorded.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn folder<'a>(&self, path: &'a str) -> Option<(&Folder, &'a str)> {
        let (folder, name) = split(path);
        let &at = self.index.get(folder)?;
        Some((&self.folders[at], name))
    }

    /// The record of `path`, matched by its exact text.
    pub fn get(&self, path: &str) -> Option<&FileRecord> {
        let (folder, name) = self.folder(path)?;
        folder.get(name)
    }

    /// Whether `path` is recorded.
    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// Records `path`; returns the record it replaces.
    pub fn insert(&mut self, path: &str, record: FileRecord) -> Option<FileRecord> {
        let (folder, name) = split(path);
        let at = match self.index.get(folder) {
            Some(&at) => at,
            None => {
                self.folders.push(Folder {
                    path: folder.into(),
                    ..Folder::default()
                });
                self.index.insert(folder.into(), self.folders.len() - 1);
                self.folders.len() - 1
            }
        };
        let previous = self.folders[at].insert(name, record);
        if previous.is_none() {
            self.len += 1;
        }
        previous
    }

    /// Forgets `path`; returns its record.
    pub fn remove(&mut self, path: &str) -> Option<FileRecord> {
        let (folder, name) = split(path);
        let &at = self.index.get(folder)?;
        let removed = self.folders[at].remove(name);
        if removed.is_some() {
            self.len -= 1;
        }
        removed
    }

    /// Forgets every path `gone` says is gone, in one pass; returns them with their
    /// records.
    pub fn remove_where(
        &mut self,
        mut gone: impl FnMut(&str) -> bool,
    ) -> Vec<(String, FileRecord)> {
        let mut removed = Vec::new();
        let mut path = String::new();
        for folder in &mut self.folders {
            let before = removed.len();
            for (name, record) in folder.iter() {
                path.clear();
                path.push_str(&folder.path);
                path.push_str(name);
                if gone(&path) {
                    removed.push((path.clone(), *record));
                }
            }
            if removed.len() > before {
                let mut listed = removed[before..].iter().map(|(path, _)| path).peekable();
                let skip = folder.path.len();
                // Both in name order: each gone name is met once, in turn.
                folder.rebuild(|name| {
                    let next = listed.next_if(|path| &path[skip..] == name);
                    next.is_some()
                });
            }
        }
        self.len -= removed.len();
        removed
    }

    /// Every recorded file as (folder, name, record): the path is `folder` then `name`.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str, &FileRecord)> {
        self.folders.iter().flat_map(|folder| {
            folder
                .iter()
                .map(move |(name, record)| (&*folder.path, name, record))
        })
    }

    /// Every record, in the order of [`Files::iter`].
    pub fn values(&self) -> impl Iterator<Item = &FileRecord> {
        self.iter().map(|(_, _, record)| record)
    }
}

/// Two files lists are equal when they record the same paths alike, whatever the order
/// their folders were first seen in.
impl PartialEq for Files {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len
            && self
                .iter()
                .all(|(folder, name, record)| other.get(&format!("{folder}{name}")) == Some(record))
    }
}

/// A path written from its two parts, without joining them first.
struct Joined<'a>(&'a str, &'a str);

impl Serialize for Joined<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}{}", self.0, self.1))
    }
}

impl Serialize for Files {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len))?;
        for (folder, name, record) in self.iter() {
            map.serialize_entry(&Joined(folder, name), record)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Files {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FilesVisitor;

        impl<'de> Visitor<'de> for FilesVisitor {
            type Value = Files;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object from file path to record")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Files, A::Error> {
                let mut files = Files::default();
                while let Some((path, record)) = map.next_entry::<String, _>()? {
                    files.insert(&path, record);
                }
                Ok(files)
            }
        }

        deserializer.deserialize_map(FilesVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(articles: usize) -> FileRecord {
        FileRecord {
            size: 10,
            mtime_ns: 20,
            articles,
            extractor: 1,
        }
    }

    #[test]
    fn paths_are_found_replaced_and_removed_by_their_full_text() {
        let mut files = Files::default();
        assert_eq!(files.insert("/news/2024/a.txt", record(1)), None);
        assert_eq!(files.insert("/news/2024/b.txt", record(2)), None);
        assert_eq!(files.insert("/news/2025/a.txt", record(3)), None);
        assert_eq!(files.insert("notes.txt", record(4)), None);
        assert_eq!(files.insert("/news/2024/a.txt", record(5)), Some(record(1)));
        assert_eq!(files.len(), 4);
        assert_eq!(files.get("/news/2024/a.txt"), Some(&record(5)));
        assert_eq!(files.get("/news/2025/a.txt"), Some(&record(3)));
        assert_eq!(files.get("notes.txt"), Some(&record(4)));
        assert_eq!(files.get("/news/2024/"), None);
        assert_eq!(files.get("/news/2026/a.txt"), None);
        assert_eq!(files.remove("/news/2024/b.txt"), Some(record(2)));
        assert_eq!(files.remove("/news/2024/b.txt"), None);
        assert_eq!(files.len(), 3);
        let paths: Vec<String> = files.iter().map(|(f, n, _)| format!("{f}{n}")).collect();
        assert_eq!(paths, ["/news/2024/a.txt", "/news/2025/a.txt", "notes.txt"]);
        assert_eq!(files.values().map(|r| r.articles).sum::<usize>(), 12);
    }

    #[test]
    fn names_recorded_out_of_order_are_kept_in_order() {
        let mut files = Files::default();
        for (n, name) in ["c.txt", "a.txt", "e.txt", "b.txt", "d.txt"]
            .iter()
            .enumerate()
        {
            files.insert(&format!("/in/{name}"), record(n));
        }
        let names: Vec<&str> = files.iter().map(|(_, name, _)| name).collect();
        assert_eq!(names, ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]);
        assert_eq!(files.get("/in/e.txt"), Some(&record(2)));
        assert_eq!(files.get("/in/b.txt"), Some(&record(3)));
    }

    #[test]
    fn a_folder_filled_backwards_is_merged_and_stays_whole() {
        let mut files = Files::default();
        for n in (0..1_000).rev() {
            assert_eq!(files.insert(&format!("/in/{n:04}.txt"), record(n)), None);
        }
        assert_eq!(files.insert("/in/0500.txt", record(7)), Some(record(500)));
        assert_eq!(files.remove("/in/0001.txt"), Some(record(1)));
        assert_eq!(files.remove("/in/0999.txt"), Some(record(999)));
        assert_eq!(files.len(), 998);
        let names: Vec<&str> = files.iter().map(|(_, name, _)| name).collect();
        assert_eq!(names.len(), 998);
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(files.get("/in/0500.txt"), Some(&record(7)));
        assert_eq!(files.get("/in/0002.txt"), Some(&record(2)));
        assert_eq!(files.get("/in/0001.txt"), None);
        let gone = files.remove_where(|path| path.ends_with("0.txt"));
        assert_eq!(gone.len(), 100);
        assert_eq!(files.len(), 898);
        assert_eq!(files.get("/in/0010.txt"), None);
        assert_eq!(files.get("/in/0011.txt"), Some(&record(11)));
    }

    #[test]
    fn paths_that_are_gone_are_removed_in_one_pass() {
        let mut files = Files::default();
        for name in ["a.txt", "b.txt", "c.txt"] {
            files.insert(&format!("/one/{name}"), record(1));
            files.insert(&format!("/two/{name}"), record(2));
        }
        let removed =
            files.remove_where(|path| path.ends_with("b.txt") || path.starts_with("/two/c"));
        let paths: Vec<&str> = removed.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(paths, ["/one/b.txt", "/two/b.txt", "/two/c.txt"]);
        assert_eq!(files.len(), 3);
        assert_eq!(files.get("/one/c.txt"), Some(&record(1)));
        assert_eq!(files.get("/two/a.txt"), Some(&record(2)));
        assert_eq!(files.get("/one/b.txt"), None);
        assert_eq!(files.insert("/one/b.txt", record(7)), None);
        assert_eq!(files.get("/one/b.txt"), Some(&record(7)));
        assert_eq!(files.len(), 4);
    }

    #[test]
    fn json_is_one_object_from_path_to_record_both_ways() {
        let mut files = Files::default();
        files.insert("/news/b \"quoted\".txt", record(2));
        files.insert("/news/a.txt", record(1));
        let json = serde_json::to_string(&files).unwrap();
        assert_eq!(
            json,
            r#"{"/news/a.txt":{"size":10,"mtime_ns":20,"articles":1,"extractor":1},"/news/b \"quoted\".txt":{"size":10,"mtime_ns":20,"articles":2,"extractor":1}}"#
        );
        let back: Files = serde_json::from_str(&json).unwrap();
        assert_eq!(back, files);
        assert_eq!(back.get("/news/b \"quoted\".txt"), Some(&record(2)));
        let plain: std::collections::BTreeMap<String, FileRecord> =
            serde_json::from_str(&json).unwrap();
        assert_eq!(plain.len(), 2);
    }
}
