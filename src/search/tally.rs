//! Counting the articles that quote someone: how many match a query, in how many
//! stories, and the newest.

use chrono::{DateTime, Utc};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Order, Term};

use super::stories::StoryCount;
use crate::error::IndexError;
use crate::index::{schema, to_chrono, Catalog};

/// The documents matching `query` that quote any of `keys`.
pub(super) fn quoting(query: &dyn Query, catalog: &Catalog, keys: &[String]) -> BooleanQuery {
    let any_of: Vec<(Occur, Box<dyn Query>)> = keys
        .iter()
        .map(|key| {
            let term = Term::from_field_text(catalog.fields.speaker_key, key);
            let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
            (Occur::Should, q)
        })
        .collect();
    BooleanQuery::new(vec![
        (Occur::Must, query.box_clone()),
        (Occur::Must, Box::new(BooleanQuery::new(any_of))),
    ])
}

/// How many documents match `query` and quote any of `keys`, in how many stories, and
/// the newest one's date.
pub(super) fn tally(
    catalog: &Catalog,
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    keys: &[String],
) -> Result<Tally, IndexError> {
    let (articles, stories, dates) = searcher
        .search(
            &quoting(query, catalog, keys),
            &(Count, StoryCount, newest(1)),
        )
        .map_err(IndexError::tantivy(&catalog.path))?;
    Ok(Tally {
        articles: articles as u64,
        stories: stories as u64,
        latest: dates.first().and_then(|(d, _)| *d).and_then(to_chrono),
    })
}

/// What [`tally`] counts.
pub(super) struct Tally {
    pub articles: u64,
    pub stories: u64,
    pub latest: Option<DateTime<Utc>>,
}

/// The `n` newest documents, undated ones last.
pub(super) fn newest(
    n: usize,
) -> impl tantivy::collector::Collector<Fruit = Vec<(Option<tantivy::DateTime>, tantivy::DocAddress)>>
{
    TopDocs::with_limit(n).order_by_fast_field::<tantivy::DateTime>(schema::DATE, Order::Desc)
}
