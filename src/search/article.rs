//! One whole article by its stable `uid`, and matching articles per month.

use std::ops::Bound;

use chrono::{DateTime, Datelike, Utc};
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::RangeQuery;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, Term};

use super::stored::Stored;
use super::{build_query, BuiltQuery, PeriodCount, Request};
use crate::error::IndexError;
use crate::index::{schema, speaker_data, to_chrono, Catalog};
use crate::keys::parse_uid;
use crate::model::{display_title, Speaker};

/// One article whole, as stored: what `/api/articles/{uid}` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// Stable public id: 16 lower-case hex digits, the start of the SHA-256 of `id`.
    pub uid: String,
    /// The file's path, plus `#N` for the Nth line of a JSON Lines file or item of a JSON
    /// array.
    pub id: String,
    /// The file the article came from, as it was indexed.
    pub path: String,
    /// The title, or the body's first sentence when the article has none.
    pub title: String,
    /// True when the article has no title and `title` is its first sentence.
    pub title_missing: bool,
    /// The article's date, UTC to the second (RFC 3339 in JSON); `None` when undated.
    pub date: Option<DateTime<Utc>>,
    /// The article's tags as written.
    pub tags: Vec<String>,
    /// The byline, if the source gave one.
    pub author: Option<String>,
    /// The publication, if the source gave one.
    pub source: Option<String>,
    /// The article's address, if the source gave one.
    pub url: Option<String>,
    /// The whole body, as indexed.
    pub body: String,
    /// Who is quoted, with each quote's byte range in `body`.
    pub speakers: Vec<Speaker>,
}

/// The article with this uid, if the index has it.
pub fn article(catalog: &Catalog, uid: &str) -> Result<Option<Article>, IndexError> {
    let tantivy_err = IndexError::tantivy(&catalog.path);
    let f = &catalog.fields;
    let Some(uid) = parse_uid(uid) else {
        return Ok(None);
    };
    let searcher = catalog.searcher()?;
    let term = Term::from_field_u64(f.uid, uid);
    let query = RangeQuery::new(Bound::Included(term.clone()), Bound::Included(term));
    let top = searcher
        .search(&query, &TopDocs::with_limit(1).order_by_score())
        .map_err(tantivy_err)?;
    let Some((_, address)) = top.into_iter().next() else {
        return Ok(None);
    };
    let doc = Stored(searcher.doc(address).map_err(tantivy_err)?);
    let text = |field| doc.text(field);
    let (title, body) = (text(f.title), text(f.body));
    Ok(Some(Article {
        uid: doc.uid(f.uid),
        id: text(f.id),
        path: text(f.path),
        title_missing: title.trim().is_empty(),
        title: display_title(&title, &body),
        date: doc.date(f.date),
        tags: doc.all(f.tags),
        author: doc.first(f.author),
        source: doc.first(f.source),
        url: doc.first(f.url),
        speakers: speaker_data::decode(&text(f.speaker_data), &body),
        body,
    }))
}

/// Articles matching `request` per month (`YYYY-MM`), oldest first; undated ones are not
/// counted.
pub fn months(catalog: &Catalog, request: &Request) -> Result<Vec<PeriodCount>, IndexError> {
    let searcher = catalog.searcher()?;
    let BuiltQuery { query, .. } = build_query(catalog, request);
    let counts = searcher
        .search(&*query, &MonthCounts)
        .map_err(IndexError::tantivy(&catalog.path))?;
    let mut months: Vec<(i32, usize)> = counts.into_iter().collect();
    months.sort_unstable();
    Ok(months
        .into_iter()
        .map(|(month, articles)| PeriodCount {
            period: format!(
                "{:04}-{:02}",
                month.div_euclid(12),
                month.rem_euclid(12) + 1
            ),
            articles,
        })
        .collect())
}

/// Counts matching documents by month of their date (year * 12 + month - 1).
struct MonthCounts;

struct SegmentMonths {
    dates: Option<Column<tantivy::DateTime>>,
    counts: FxHashMap<i32, usize>,
}

impl Collector for MonthCounts {
    type Fruit = FxHashMap<i32, usize>;
    type Child = SegmentMonths;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMonths> {
        Ok(SegmentMonths {
            dates: reader.fast_fields().date(schema::DATE).ok(),
            counts: FxHashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<FxHashMap<i32, usize>>) -> tantivy::Result<Self::Fruit> {
        let mut all = FxHashMap::default();
        for segment in segments {
            for (month, n) in segment {
                *all.entry(month).or_default() += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentMonths {
    type Fruit = FxHashMap<i32, usize>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(dates) = &self.dates else {
            return;
        };
        if let Some(date) = dates.first(doc).and_then(to_chrono) {
            *self
                .counts
                .entry(date.year() * 12 + date.month0() as i32)
                .or_default() += 1;
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.counts
    }
}
