//! Facts about an index: sizes, counts, date range, freshness.

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::AllQuery;
use tantivy::Order;

use super::stories::StoryCount;
use super::{by_person, KeyCounts};
use crate::error::IndexError;
use crate::index::{schema, Catalog};

/// What `stats` shows: `stats --json` and `/api/stats`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Articles searchable now (deleted ones not counted).
    pub articles: u64,
    /// Stories among them: copies of one story count once.
    pub stories: usize,
    /// Files recorded in the manifest, including those that gave no article.
    pub files: usize,
    /// Distinct people quoted, counted as `speakers` lists them (a surname alone that
    /// stands for one full name is not a person of its own).
    pub speakers: usize,
    /// Distinct tag keys with at least one article.
    pub tags: usize,
    /// The oldest article's date; `None` when no article is dated.
    pub first_date: Option<DateTime<Utc>>,
    /// The newest article's date; `None` when no article is dated.
    pub last_date: Option<DateTime<Utc>>,
    /// Bytes of every file under the index folder (manifest and labels included).
    pub index_bytes: u64,
    /// The index folder, as given; the server replaces it with a phrase.
    pub location: String,
    /// When the last commit was made (the manifest's `updated`); `None` if never.
    pub updated: Option<DateTime<Utc>>,
    /// The folders the index is made from, which `clipdex index` alone indexes again.
    pub folders: Vec<String>,
}

/// The facts `stats` shows about the index `catalog` has open.
pub fn stats(catalog: &Catalog) -> Result<Stats, IndexError> {
    let tantivy_err = IndexError::tantivy(&catalog.path);
    let searcher = catalog.searcher()?;
    // Every value with at least one article, counted as searches count them.
    let (counted, stories) = searcher
        .search(
            &AllQuery,
            &(
                KeyCounts::new(&[schema::SPEAKER_KEY, schema::TAG_KEY]),
                StoryCount,
            ),
        )
        .map_err(tantivy_err)?;
    let distinct = |i: usize| counted.values.get(i).map_or(0, Vec::len);
    // People, as `speakers` lists them.
    let people = counted
        .values
        .first()
        .map_or(0, |keys| by_person(catalog, keys).len());

    let date_at = |order| -> Result<Option<DateTime<Utc>>, IndexError> {
        let top =
            TopDocs::with_limit(1).order_by_fast_field::<tantivy::DateTime>(schema::DATE, order);
        let found = searcher.search(&AllQuery, &top).map_err(tantivy_err)?;
        Ok(found
            .into_iter()
            .next()
            .and_then(|(date, _)| date)
            .and_then(crate::index::to_chrono))
    };
    let manifest = catalog.manifest();
    Ok(Stats {
        articles: searcher.num_docs(),
        stories,
        files: manifest.files.len(),
        speakers: people,
        tags: distinct(1),
        first_date: date_at(Order::Asc)?,
        last_date: date_at(Order::Desc)?,
        index_bytes: folder_bytes(&catalog.path),
        location: catalog.path.display().to_string(),
        updated: manifest.updated,
        folders: manifest.roots.clone(),
    })
}

/// The bytes of all files under `path`.
pub fn folder_bytes(path: &std::path::Path) -> u64 {
    walkdir::WalkDir::new(path)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}
