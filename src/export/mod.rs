//! The index written out for a search cluster (`clipdex export`): every article as one
//! JSON document a line, with the index settings that cluster needs to read them the way
//! clipdex does. Quickwit gets `index-config.yaml` and `docs.ndjson`; OpenSearch gets
//! `mapping.json` and `bulk.ndjson` (an action line before each document).
//!
//! Articles are read from the index a stored block at a time and written as they are
//! read, so an index of any size exports in bounded memory.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::SecondsFormat;
use serde::Serialize;
use tantivy::schema::TantivyDocument;
use thiserror::Error;

use crate::error::IndexError;
use crate::index::{speaker_data, Catalog};
use crate::keys::{tag_key, uid_text};
use crate::search::part_of;
use crate::search::stored::Stored;
use crate::speakers::identity_key;

/// Quickwit's index config; `{index}` stands for the index's name.
const QUICKWIT_CONFIG: &str = include_str!("quickwit.yaml");
/// OpenSearch's settings and mappings, the body of the request that creates the index.
const OPENSEARCH_MAPPING: &str = include_str!("opensearch.json");

/// The search engine an export is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Quickwit: `index-config.yaml` and `docs.ndjson`.
    Quickwit,
    /// OpenSearch (and Elasticsearch): `mapping.json` and `bulk.ndjson`.
    OpenSearch,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exported {
    /// Articles written.
    pub articles: u64,
    /// Articles among them without a date (Quickwit's timestamp field is then left out).
    pub undated: u64,
    /// The files written, with their sizes in bytes: the settings, then the articles.
    pub files: Vec<(PathBuf, u64)>,
}

/// Why an export failed.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The index could not be read.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// A file could not be written.
    #[error("cannot write {}: {source}; check that the folder is writable and the disk has room", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// One article as the cluster reads it. Values the article lacks are left out.
#[derive(Debug, Serialize)]
struct Document {
    uid: String,
    story: String,
    title: String,
    body: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    tags: Vec<String>,
    tag_keys: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    path: String,
    part: usize,
    speakers: Vec<Quoted>,
    speaker_keys: Vec<String>,
}

/// A person quoted, with the key that names them across articles.
#[derive(Debug, Serialize)]
struct Quoted {
    name: String,
    key: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<String>,
    quotes: Vec<String>,
}

/// The bulk action before each document: index it under its uid (loading again
/// replaces, not duplicates).
#[derive(Serialize)]
struct Action<'a> {
    index: ActionTarget<'a>,
}

#[derive(Serialize)]
struct ActionTarget<'a> {
    #[serde(rename = "_index")]
    index: &'a str,
    #[serde(rename = "_id")]
    id: &'a str,
}

/// Writes every article of `catalog` into `folder` (made if missing) for `target`, the
/// cluster's index called `name`. Files are written under temporary names and renamed
/// when complete: a failed export leaves no half-written file in their place.
pub fn export(
    catalog: &Catalog,
    target: Target,
    folder: &Path,
    name: &str,
) -> Result<Exported, ExportError> {
    let failed = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Write { path, source }
    };
    fs::create_dir_all(folder).map_err(failed(folder))?;
    let (settings_name, docs_name) = match target {
        Target::Quickwit => ("index-config.yaml", "docs.ndjson"),
        Target::OpenSearch => ("mapping.json", "bulk.ndjson"),
    };
    let (settings_path, docs_path) = (folder.join(settings_name), folder.join(docs_name));

    let part = folder.join(format!(".{docs_name}.part"));
    let file = File::create(&part).map_err(failed(&part))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let (mut articles, mut undated) = (0, 0);
    let mut write = |doc: &Document| -> io::Result<()> {
        undated += u64::from(doc.date.is_none());
        if target == Target::OpenSearch {
            let action = Action {
                index: ActionTarget {
                    index: name,
                    id: &doc.uid,
                },
            };
            serde_json::to_writer(&mut out, &action)?;
            out.write_all(b"\n")?;
        }
        serde_json::to_writer(&mut out, doc)?;
        out.write_all(b"\n")?;
        articles += 1;
        Ok(())
    };
    each_document(catalog, |doc| {
        write(doc).map_err(|err| failed(&docs_path)(err))
    })?;
    out.flush().map_err(failed(&docs_path))?;
    drop(out);
    fs::rename(&part, &docs_path).map_err(failed(&docs_path))?;
    let settings = settings(target, name, undated == 0);
    write_whole(&settings_path, settings.as_bytes()).map_err(failed(&settings_path))?;
    let size = |path: &Path| fs::metadata(path).map_or(0, |m| m.len());
    Ok(Exported {
        articles,
        undated,
        files: vec![
            (settings_path.clone(), size(&settings_path)),
            (docs_path.clone(), size(&docs_path)),
        ],
    })
}

/// The cluster's settings for an index called `name`; `all_dated`: every article exported
/// has a date, so Quickwit may take it as the timestamp field.
fn settings(target: Target, name: &str, all_dated: bool) -> String {
    match target {
        Target::Quickwit => {
            let timestamp = if all_dated {
                "  timestamp_field: date"
            } else {
                "  # timestamp_field: date   (left out: some articles exported have no date)"
            };
            QUICKWIT_CONFIG
                .replace("{index}", name)
                .replace("{timestamp}", timestamp)
        }
        Target::OpenSearch => OPENSEARCH_MAPPING.to_string(),
    }
}

/// Writes `bytes` to `path` through a temporary file renamed into place.
fn write_whole(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut part = path.as_os_str().to_owned();
    part.push(".part");
    fs::write(&part, bytes)?;
    fs::rename(&part, path)
}

/// Hands each article of the index to `write`, in stored order, until it fails.
fn each_document(
    catalog: &Catalog,
    mut write: impl FnMut(&Document) -> Result<(), ExportError>,
) -> Result<(), ExportError> {
    let tantivy_err = IndexError::tantivy(&catalog.path);
    let searcher = catalog.searcher()?;
    for reader in searcher.segment_readers() {
        let store = reader
            .get_store_reader(1)
            .map_err(|err| tantivy_err(err.into()))?;
        for doc in store.iter::<TantivyDocument>(reader.alive_bitset()) {
            let doc = Stored(doc.map_err(tantivy_err)?);
            write(&document(catalog, &doc))?;
        }
    }
    Ok(())
}

/// The article stored as `doc`, as the cluster reads it.
fn document(catalog: &Catalog, doc: &Stored) -> Document {
    let f = &catalog.fields;
    let body = doc.text(f.body);
    let tags = doc.all(f.tags);
    let mut tag_keys: Vec<String> = Vec::with_capacity(tags.len());
    for key in tags.iter().map(|tag| tag_key(tag)) {
        if !key.is_empty() && !tag_keys.contains(&key) {
            tag_keys.push(key);
        }
    }
    let speakers: Vec<Quoted> = speaker_data::decode(&doc.text(f.speaker_data), &body)
        .into_iter()
        .map(|s| Quoted {
            key: identity_key(&s.name),
            name: s.name,
            role: s.role,
            quotes: s.quotes.into_iter().map(|q| q.text).collect(),
        })
        .collect();
    let mut speaker_keys: Vec<String> = Vec::with_capacity(speakers.len());
    for key in speakers.iter().map(|s| &s.key) {
        if !speaker_keys.contains(key) {
            speaker_keys.push(key.clone());
        }
    }
    let id = doc.text(f.id);
    Document {
        uid: doc.uid(f.uid),
        story: doc.number(f.story).map(uid_text).unwrap_or_default(),
        title: doc.text(f.title),
        date: doc
            .date(f.date)
            .map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true)),
        tags,
        tag_keys,
        source: doc.first(f.source),
        author: doc.first(f.author),
        url: doc.first(f.url),
        path: doc.text(f.path),
        part: part_of(&id),
        speakers,
        speaker_keys,
        body,
    }
}
