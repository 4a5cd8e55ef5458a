//! Who is quoted in the articles matching a search, most-quoted first, with their number
//! of articles and the latest.

use serde::Serialize;

use super::names::{most_quoted, Person};
use super::tally::tally;
use super::{build_query, by_person, BuiltQuery, Counted, KeyCounts, Request};
use crate::error::IndexError;
use crate::index::{schema, Catalog};

/// Who is quoted in a search's matches: `speakers --json` and `/api/speakers`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct People {
    /// The query text as given.
    pub query: String,
    /// Articles matching the query and filters.
    pub total: usize,
    /// People quoted in those articles, listed or not.
    pub quoted: usize,
    /// The `limit` most-quoted of them, most stories first (copies of one story count
    /// once), then most articles, ties by name.
    pub people: Vec<Person>,
    /// What was wrong with the query text; the rest of it was used.
    pub warnings: Vec<String>,
}

/// The people quoted in the articles matching `request`, most-quoted first.
pub fn people(catalog: &Catalog, request: &Request) -> Result<People, IndexError> {
    let tantivy_err = IndexError::tantivy(&catalog.path);
    let searcher = catalog.searcher()?;
    let BuiltQuery { query, warnings } = build_query(catalog, request);
    let Counted { total, values } = searcher
        .search(&*query, &KeyCounts::new(&[schema::SPEAKER_KEY]))
        .map_err(tantivy_err)?;
    let keys = values.into_iter().next().unwrap_or_default();
    // The sums are upper bounds of both counts; those listed are the person's stories and
    // articles, searched for.
    let bounds = by_person(catalog, &keys);
    let quoted = bounds.len();
    let mut candidates: Vec<Person> = bounds
        .into_iter()
        .map(|(key, bound)| Person {
            name: catalog.labels.speaker(key),
            key: key.to_string(),
            also: Vec::new(),
            stories: bound,
            articles: bound,
            latest: None,
        })
        .collect();
    let limit = request.limit.max(1);
    let mut people = if limit >= candidates.len() {
        // Everyone is listed (`--all`): each counted once, sorted once.
        for person in &mut candidates {
            let keys = catalog.keys_of(&person.key);
            person.count(tally(catalog, &searcher, &*query, &keys)?);
        }
        candidates.sort_by(most_quoted);
        candidates
    } else {
        candidates.sort_by(most_quoted);
        most_quoted_of(catalog, &searcher, &*query, candidates, limit)?
    };
    people.retain(|p| p.articles > 0);
    Ok(People {
        query: request.query.clone(),
        total,
        quoted,
        people,
        warnings,
    })
}

/// The `limit` most-quoted of `candidates` (ordered by their upper bounds), each counted.
fn most_quoted_of(
    catalog: &Catalog,
    searcher: &tantivy::Searcher,
    query: &dyn tantivy::query::Query,
    candidates: Vec<Person>,
    limit: usize,
) -> Result<Vec<Person>, IndexError> {
    let mut people: Vec<Person> = Vec::with_capacity(limit + 1);
    for mut person in candidates {
        // Candidates come by their upper bounds: once one cannot pass the last listed
        // person, none after it can.
        if let Some(last) = people.get(limit - 1) {
            if most_quoted(&person, last) != std::cmp::Ordering::Less {
                break;
            }
        }
        let keys = catalog.keys_of(&person.key);
        person.count(tally(catalog, searcher, query, &keys)?);
        people.push(person);
        people.sort_by(most_quoted);
        people.truncate(limit);
    }
    Ok(people)
}
