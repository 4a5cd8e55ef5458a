//! One search pass over the index: top hits, total, and tag/speaker counts over all matches.
//! Returns data; printing is the output module's job.

mod article;
mod copies;
mod counts;
mod every;
mod names;
mod people;
mod query;
mod quotes;
mod request;
mod snippet;
mod stats;
pub(crate) mod stored;
mod stories;
mod tally;
mod timeline;
mod top_stories;

pub use article::{article, months, Article};
pub use copies::{copies, Stories, Story};
pub use counts::{Counted, KeyCounts};
pub use names::{match_speakers, nobody_called, Person};
pub use people::{people, People};
pub use query::{build_query, BuiltQuery};
pub use quotes::{
    find_quotes, named, quotes, quotes_each, Choices, Named, QuoteReader, Quoted, Quotes,
    QuotesAnswer,
};
pub use request::{DateBound, Params, Request, RequestError, Sort, UNLIMITED};
pub use stats::{folder_bytes, stats, Stats};
pub use stories::{articles_of, part_of, Copy};
pub use timeline::PeriodCount;

use snippet::Snippets;
use stored::Stored;

use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::Query;

use tantivy::{DocAddress, Order, Searcher};

use crate::error::IndexError;
use crate::index::{schema, Catalog};
use crate::model::display_title;

/// Hits past which a list that shows no copies counts each story's articles in one pass
/// over the index rather than by a search a hit.
const MANY_HITS: usize = 1000;

/// Text to show with the words to mark: a hit's window of its body, or a quote's words.
/// Each printer decides the markup.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    /// For a hit, the body's best window widened to whole words, `…` where it was cut (at
    /// the end, only mid-sentence); for a quote, its words whole.
    pub text: String,
    /// Byte ranges of `text` to highlight.
    pub highlights: Vec<(usize, usize)>,
}

/// One matching article, as a search page lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// 1-based position among all hits, counting those `offset` skipped.
    pub rank: usize,
    /// Relevance score (title words count double), also when sorted by date.
    pub score: f32,
    /// Stable public id (`/api/articles/{uid}`).
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
    /// Names of the people quoted, as the article gives them (not their other forms).
    pub speakers: Vec<String>,
    /// The article's tags as written.
    pub tags: Vec<String>,
    /// The body's window where the query's words weigh most, or its opening.
    pub snippet: Snippet,
    /// The story it is a copy of (the uid of the story's first article indexed).
    pub story: String,
    /// The story's other articles, oldest first: the first 10 of them.
    pub copies: Vec<Copy>,
    /// How many other articles the story has.
    pub copy_count: usize,
}

/// One tag or person and the number of matching articles with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The display form: a tag's first form seen, a person's longest name.
    pub value: String,
    /// Matching articles; a person's adds those naming them by surname alone (an article
    /// with both forms counts twice).
    pub count: u64,
}

/// Tag and speaker counts over all matching articles, not only the page.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Facets {
    /// The `facet_limit` commonest tags, most first, ties by key.
    pub tags: Vec<FacetCount>,
    /// The `facet_limit` most-quoted people, most first, ties by key.
    pub speakers: Vec<FacetCount>,
}

/// What one search found: `search --json` prints it, `/api/search` adds `months`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    /// The query text as given.
    pub query: String,
    /// Articles matching the query and filters, over all pages.
    pub total: usize,
    /// Stories among them: copies of one story count once.
    pub stories: usize,
    /// The page asked for: `limit` hits after `offset`, best or newest first.
    pub hits: Vec<Hit>,
    /// Tag and speaker counts over every match.
    pub facets: Facets,
    /// What was wrong with the query text (the rest of it was used), and `--speaker`
    /// names that fit nobody or several people.
    pub warnings: Vec<String>,
}

/// Runs `request`: its page of hits, the total, and the facets of all matches.
pub fn search(catalog: &Catalog, request: &Request) -> Result<Results, IndexError> {
    let (mut results, hits) = search_each(catalog, request)?;
    results.hits = hits.collect::<Result<_, _>>()?;
    Ok(results)
}

/// Runs `request` as [`search`] does, but hands its hits over one at a time, each read
/// from the index when asked for: with [`UNLIMITED`] as the limit, every match in bounded
/// memory. The results come with their counts and facets, and no hits.
pub fn search_each<'a>(
    catalog: &'a Catalog,
    request: &Request,
) -> Result<(Results, HitReader<'a>), IndexError> {
    let tantivy_err = IndexError::tantivy(&catalog.path);
    let searcher = catalog.searcher()?;
    let BuiltQuery { query, warnings } = build_query(catalog, request);
    log::debug!("search: {query:?}");

    let addresses = ranked(&searcher, &*query, request).map_err(tantivy_err)?;
    let (Counted { total, values }, stories) = searcher
        .search(
            &query,
            &(
                KeyCounts::new(&[schema::TAG_KEY, schema::SPEAKER_KEY]),
                stories::StoryCount,
            ),
        )
        .map_err(tantivy_err)?;
    let mut values = values.into_iter();
    let (tags, speakers) = (
        values.next().unwrap_or_default(),
        values.next().unwrap_or_default(),
    );
    let facets = Facets {
        tags: top_values(
            tags.iter()
                .map(|(key, count)| (key.as_str(), *count))
                .collect(),
            request.facet_limit,
            |key| catalog.labels.tag(key),
        ),
        speakers: person_counts(catalog, &speakers, request.facet_limit),
    };
    let snippets = Snippets::new(&searcher, &*query, catalog.fields.body).map_err(tantivy_err)?;
    let sizes = if request.copies_listed == 0 && addresses.len() > MANY_HITS {
        Some(stories::StorySizes::new(&searcher).map_err(tantivy_err)?)
    } else {
        None
    };
    let reader = HitReader {
        sizes,
        catalog,
        searcher,
        query,
        snippets,
        listed: request.copies_listed,
        addresses: addresses.into_iter(),
        rank: request.offset,
    };
    let results = Results {
        query: request.query.clone(),
        total,
        stories,
        hits: Vec::new(),
        facets,
        warnings,
    };
    Ok((results, reader))
}

/// The page of hits in order: one per story (its best-ranked article), or with
/// `request.copies` every article.
fn ranked(
    searcher: &Searcher,
    query: &dyn Query,
    request: &Request,
) -> tantivy::Result<Vec<(Option<f32>, DocAddress)>> {
    // Paging past the end finds nothing; clamping keeps tantivy's buffers small.
    if request.limit == UNLIMITED {
        let every = every::Every {
            sort: request.sort,
            by_story: !request.copies,
        };
        return Ok(searcher
            .search(query, &every)?
            .into_iter()
            .skip(request.offset)
            .collect());
    }
    let docs = searcher.num_docs() as usize;
    let (offset, limit) = (request.offset.min(docs), request.limit.max(1));
    if request.copies {
        return top(searcher, query, request.sort, offset, limit);
    }
    let wanted = offset + limit;
    let page = searcher.search(
        query,
        &top_stories::TopStories {
            wanted,
            sort: request.sort,
        },
    )?;
    Ok(page.into_iter().skip(offset).collect())
}

/// The `limit` best (or newest) articles after `offset`, with their scores when ranked by
/// relevance.
fn top(
    searcher: &Searcher,
    query: &dyn Query,
    sort: Sort,
    offset: usize,
    limit: usize,
) -> tantivy::Result<Vec<(Option<f32>, DocAddress)>> {
    let top = TopDocs::with_limit(limit).and_offset(offset);
    // Two passes: the top hits alone, where tantivy skips blocks that cannot reach them,
    // then the total and the counts, without scoring.
    Ok(match sort {
        Sort::Relevance => searcher
            .search(query, &top.order_by_score())?
            .into_iter()
            .map(|(score, a)| (Some(score), a))
            .collect(),
        Sort::Date => searcher
            .search(
                query,
                &top.order_by_fast_field::<tantivy::DateTime>(schema::DATE, Order::Desc),
            )?
            .into_iter()
            .map(|(_, a)| (None, a))
            .collect(),
    })
}

/// The `limit` largest counts, largest first, ties by key (folded, so case does not
/// decide), each with its display form.
fn top_values(
    mut counts: Vec<(&str, u64)>,
    limit: usize,
    label: impl Fn(&str) -> String,
) -> Vec<FacetCount> {
    let order = |a: &(&str, u64), b: &(&str, u64)| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0));
    // The first `limit` in order without sorting the rest: a common word can match tens of
    // thousands of speakers.
    if limit < counts.len() {
        counts.select_nth_unstable_by(limit, order);
        counts.truncate(limit);
    }
    counts.sort_unstable_by(order);
    counts
        .into_iter()
        .map(|(key, count)| FacetCount {
            value: label(key),
            count,
        })
        .collect()
}

/// Speaker counts with each surname-only key folded into the person it stands for.
fn person_counts(catalog: &Catalog, keys: &[(String, u64)], limit: usize) -> Vec<FacetCount> {
    top_values(
        by_person(catalog, keys).into_iter().collect(),
        limit,
        |key| catalog.labels.speaker(key),
    )
}

/// Speaker key counts summed per person: a surname-only key counts for the one full name
/// with that surname. An article with both keys is counted twice, so a sum is at most
/// one too many per such article.
fn by_person<'a>(catalog: &'a Catalog, keys: &'a [(String, u64)]) -> FxHashMap<&'a str, u64> {
    let mut people: FxHashMap<&str, u64> = FxHashMap::default();
    for (key, count) in keys {
        *people.entry(catalog.person_key(key)).or_default() += count;
    }
    people
}

/// A search's hits in order, each read from the index as it is asked for.
pub struct HitReader<'a> {
    catalog: &'a Catalog,
    searcher: Searcher,
    query: Box<dyn Query>,
    snippets: Snippets,
    /// Other copies listed under each hit.
    listed: usize,
    /// Each story's size, when many hits list none of their copies.
    sizes: Option<stories::StorySizes>,
    addresses: std::vec::IntoIter<(Option<f32>, DocAddress)>,
    /// The rank of the hit read last.
    rank: usize,
}

impl HitReader<'_> {
    /// The hit at `address`, ranked `rank`.
    fn read(
        &mut self,
        rank: usize,
        score: Option<f32>,
        address: DocAddress,
    ) -> tantivy::Result<Hit> {
        let (searcher, f) = (&self.searcher, &self.catalog.fields);
        let doc = Stored(searcher.doc(address)?);
        let text = |field| doc.text(field);
        let score = match score {
            Some(score) => score,
            None => self
                .query
                .explain(searcher, address)
                .map_or(0.0, |e| e.value()),
        };
        let title = text(f.title);
        let body = text(f.body);
        let snippet = self.snippets.of(&body);
        let uid = doc.uid(f.uid);
        let story = doc.number(f.story).unwrap_or_default();
        let (copies, copy_count) = match &self.sizes {
            Some(sizes) => (Vec::new(), sizes.size(address).saturating_sub(1)),
            None => stories::other_copies(searcher, f, story, &uid, self.listed)?,
        };
        Ok(Hit {
            rank,
            score,
            uid,
            id: text(f.id),
            path: text(f.path),
            title_missing: title.trim().is_empty(),
            title: display_title(&title, &body),
            date: doc.date(f.date),
            speakers: speaker_names(&text(f.speaker_data)),
            tags: doc.all(f.tags),
            snippet,
            story: crate::keys::uid_text(story),
            copy_count,
            copies,
        })
    }
}

impl Iterator for HitReader<'_> {
    type Item = Result<Hit, IndexError>;

    fn next(&mut self) -> Option<Self::Item> {
        let (score, address) = self.addresses.next()?;
        self.rank += 1;
        let hit = self.read(self.rank, score, address);
        Some(hit.map_err(IndexError::tantivy(&self.catalog.path)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.addresses.size_hint()
    }
}

/// The names of the people quoted, from the stored speaker data (the `speakers` field
/// also holds their other forms, for searching).
fn speaker_names(data: &str) -> Vec<String> {
    /// A speaker's name alone; their quotes are skipped over, not built.
    #[derive(serde::Deserialize)]
    struct Named {
        name: String,
    }
    serde_json::from_str::<Vec<Named>>(data)
        .map(|speakers| speakers.into_iter().map(|s| s.name).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_values_are_the_largest_counts_first_ties_by_key() {
        let counts: Vec<(&str, u64)> = vec![
            ("oil", 3),
            ("gas", 7),
            ("coal", 3),
            ("wind", 1),
            ("sun", 7),
            ("tea", 2),
            ("ore", 3),
        ];
        let listed = |limit| -> Vec<String> {
            top_values(counts.clone(), limit, |key| key.to_uppercase())
                .into_iter()
                .map(|f| format!("{}:{}", f.value, f.count))
                .collect()
        };
        assert_eq!(listed(4), ["GAS:7", "SUN:7", "COAL:3", "OIL:3"]);
        assert_eq!(listed(0), Vec::<String>::new());
        assert_eq!(
            listed(10),
            ["GAS:7", "SUN:7", "COAL:3", "OIL:3", "ORE:3", "TEA:2", "WIND:1"]
        );
    }
}
