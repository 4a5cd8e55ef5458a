//! `clipdex copies`: the stories among the matches that ran more than once, largest first,
//! each with every article of it.

use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::{DocId, Searcher};

use super::stories::{articles_of, Copy, MatchedStories, MAX_COPIES};
use super::{build_query, BuiltQuery, Request};
use crate::error::IndexError;
use crate::index::{schema, Catalog};
use crate::keys::uid_text;

/// One story and its articles: a line of `copies --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    /// The story's id: the uid of its first article indexed.
    pub story: String,
    /// Every article of it (the first 1,000), oldest first.
    pub articles: Vec<Copy>,
}

/// What `copies` found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stories {
    /// The stories listed, largest first, ties by their first date.
    pub stories: Vec<Story>,
    /// Stories that qualified, before the limit.
    pub total: usize,
    /// Articles in them.
    pub articles: usize,
    /// What was wrong with the query or the filters (the rest was used).
    pub warnings: Vec<String>,
}

/// The stories with an article matching `request` and at least two articles in the
/// index (with `all`, at least one), the `request.limit` largest.
pub fn copies(catalog: &Catalog, request: &Request, all: bool) -> Result<Stories, IndexError> {
    let tantivy_err = IndexError::tantivy(&catalog.path);
    let searcher = catalog.searcher()?;
    let BuiltQuery { query, warnings } = build_query(catalog, request);
    let matched = searcher
        .search(&*query, &MatchedStories)
        .map_err(tantivy_err)?;
    let sizes = story_sizes(&searcher).map_err(tantivy_err)?;
    let least = if all { 1 } else { 2 };
    let mut chosen: Vec<(u64, usize)> = matched
        .into_iter()
        .map(|story| (story, sizes.get(&story).copied().unwrap_or(0)))
        .filter(|&(_, size)| size >= least)
        .collect();
    chosen.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let total = chosen.len();
    let articles = chosen.iter().map(|(_, size)| size).sum();
    let mut stories = Vec::with_capacity(request.limit.min(total));
    for &(story, _) in chosen.iter().take(request.limit) {
        stories.push(Story {
            story: uid_text(story),
            articles: articles_of(&searcher, &catalog.fields, story, MAX_COPIES)
                .map_err(tantivy_err)?
                .0,
        });
    }
    // Equal sizes: the story that ran first comes first.
    stories.sort_by(|a, b| {
        let first = |s: &Story| s.articles.first().and_then(|c| c.date);
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then_with(|| (first(a).is_none(), first(a)).cmp(&(first(b).is_none(), first(b))))
            .then_with(|| a.story.cmp(&b.story))
    });
    Ok(Stories {
        stories,
        total,
        articles,
        warnings,
    })
}

/// The number of articles of each story in the index.
fn story_sizes(searcher: &Searcher) -> tantivy::Result<FxHashMap<u64, usize>> {
    let mut sizes: FxHashMap<u64, usize> = FxHashMap::default();
    for segment in searcher.segment_readers() {
        let column = segment.fast_fields().u64(schema::STORY)?;
        let alive = |doc: DocId| segment.alive_bitset().is_none_or(|a| a.is_alive(doc));
        for doc in (0..segment.max_doc()).filter(|&doc| alive(doc)) {
            if let Some(story) = column.first(doc) {
                *sizes.entry(story).or_default() += 1;
            }
        }
    }
    Ok(sizes)
}
