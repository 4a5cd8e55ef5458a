//! One search pass over the index: top hits, total, and tag/speaker counts over all matches.
//! Returns data; printing is the output module's job.

mod people;
mod query;
mod stats;

pub use people::{match_speakers, people, quotes, People, PeriodCount, Person, Quoted, Quotes};
pub use query::{build_query, BuiltQuery};
pub use stats::{stats, Stats};

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::schema::{TantivyDocument, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher};

use crate::error::IndexError;
use crate::index::{schema, to_chrono, Catalog};
use crate::model::display_title;

/// Distinct values each index segment contributes to a facet count.
const FACET_SEGMENT_SIZE: usize = 10_000;

/// Snippet length in characters.
const SNIPPET_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    /// Newest first; undated articles last.
    Date,
}

/// What to look for. Dates: `since` inclusive, `until` exclusive.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub query: String,
    pub tags: Vec<String>,
    pub speakers: Vec<String>,
    pub since: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    pub facet_limit: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges of `text` to highlight.
    pub highlights: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    pub id: String,
    pub path: String,
    /// The title, or the body's first sentence when the article has none.
    pub title: String,
    pub title_missing: bool,
    pub date: Option<DateTime<Utc>>,
    pub speakers: Vec<String>,
    pub tags: Vec<String>,
    pub snippet: Snippet,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Facets {
    pub tags: Vec<FacetCount>,
    pub speakers: Vec<FacetCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    pub query: String,
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    pub warnings: Vec<String>,
}

pub fn search(catalog: &Catalog, request: &Request) -> Result<Results, IndexError> {
    let tantivy_err = |source| IndexError::Tantivy {
        path: catalog.path.clone(),
        source,
    };
    let searcher = catalog.searcher()?;
    let BuiltQuery { query, warnings } = build_query(catalog, request);

    // Paging past the end finds nothing; clamping keeps tantivy's buffers small.
    let offset = request.offset.min(searcher.num_docs() as usize);
    let top = TopDocs::with_limit(request.limit.max(1)).and_offset(offset);
    let facets = facet_collector(request.facet_limit);
    let (addresses, total, aggregations) = match request.sort {
        Sort::Relevance => {
            let (top, total, aggs) = searcher
                .search(&query, &(top.order_by_score(), Count, facets))
                .map_err(tantivy_err)?;
            let hits = top.into_iter().map(|(score, a)| (Some(score), a)).collect();
            (hits, total, aggs)
        }
        Sort::Date => {
            let by_date = top.order_by_fast_field::<tantivy::DateTime>(schema::DATE, Order::Desc);
            let (top, total, aggs) = searcher
                .search(&query, &(by_date, Count, facets))
                .map_err(tantivy_err)?;
            let hits = top.into_iter().map(|(_, a)| (None, a)).collect();
            (hits, total, aggs)
        }
    };
    let hits = read_hits(catalog, &searcher, &*query, offset, addresses).map_err(tantivy_err)?;
    let aggregations = serde_json::to_value(aggregations).unwrap_or_default();
    let facets = Facets {
        tags: buckets(&aggregations, schema::TAG_KEY, |k| catalog.labels.tag(k)),
        speakers: person_buckets(catalog, &aggregations, request.facet_limit),
    };
    Ok(Results {
        query: request.query.clone(),
        total,
        hits,
        facets,
        warnings,
    })
}

/// Terms aggregations over the keyword fields (far cheaper than a FacetCollector).
fn facet_collector(size: usize) -> AggregationCollector {
    // Each segment reports this many top terms before merging; large enough that counts
    // are exact for any realistic number of distinct tags or speakers.
    let segment_size = FACET_SEGMENT_SIZE.max(size);
    let terms = |field: &str| serde_json::json!({ "terms": { "field": field, "size": size, "segment_size": segment_size } });
    let request = serde_json::json!({
        schema::TAG_KEY: terms(schema::TAG_KEY),
        schema::SPEAKER_KEY: terms(schema::SPEAKER_KEY),
    });
    aggregation(request)
}

/// A collector for a tantivy aggregation request written as JSON.
fn aggregation(request: serde_json::Value) -> AggregationCollector {
    let aggs: Aggregations = serde_json::from_value(request).unwrap_or_default();
    let params = AggContextParams::new(AggregationLimitsGuard::default(), Default::default());
    AggregationCollector::from_aggs(aggs, params)
}

fn buckets(
    results: &serde_json::Value,
    name: &str,
    label: impl Fn(&str) -> String,
) -> Vec<FacetCount> {
    let Some(buckets) = results[name]["buckets"].as_array() else {
        return Vec::new();
    };
    buckets
        .iter()
        .filter_map(|b| {
            Some(FacetCount {
                value: label(b["key"].as_str()?),
                count: b["doc_count"].as_u64()?,
            })
        })
        .collect()
}

/// Speaker counts with each surname-only key folded into the person it stands for.
fn person_buckets(catalog: &Catalog, results: &serde_json::Value, limit: usize) -> Vec<FacetCount> {
    let mut counts: Vec<(String, u64)> = Vec::new();
    let raw = results[schema::SPEAKER_KEY]["buckets"].as_array();
    for bucket in raw.into_iter().flatten() {
        let (Some(key), Some(count)) = (bucket["key"].as_str(), bucket["doc_count"].as_u64())
        else {
            continue;
        };
        let person = catalog.person_key(key);
        match counts.iter_mut().find(|(k, _)| k == person) {
            Some((_, total)) => *total += count,
            None => counts.push((person.to_string(), count)),
        }
    }
    let mut facets: Vec<FacetCount> = counts
        .into_iter()
        .map(|(key, count)| FacetCount {
            value: catalog.labels.speaker(&key),
            count,
        })
        .collect();
    facets.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    facets.truncate(limit);
    facets
}

fn read_hits(
    catalog: &Catalog,
    searcher: &Searcher,
    query: &dyn Query,
    offset: usize,
    addresses: Vec<(Option<f32>, DocAddress)>,
) -> tantivy::Result<Vec<Hit>> {
    let f = &catalog.fields;
    let mut snippets = SnippetGenerator::create(searcher, query, f.body)?;
    snippets.set_max_num_chars(SNIPPET_CHARS);
    let mut hits = Vec::with_capacity(addresses.len());
    for (i, (score, address)) in addresses.into_iter().enumerate() {
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let all = |field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect::<Vec<_>>()
        };
        let score = match score {
            Some(score) => score,
            None => query.explain(searcher, address).map_or(0.0, |e| e.value()),
        };
        let title = text(f.title);
        let body = text(f.body);
        let snippet = make_snippet(&snippets, &body);
        hits.push(Hit {
            rank: offset + i + 1,
            score,
            id: text(f.id),
            path: text(f.path),
            title_missing: title.trim().is_empty(),
            title: display_title(&title, &body),
            date: doc
                .get_first(f.date)
                .and_then(|v| v.as_datetime())
                .and_then(to_chrono),
            speakers: speaker_names(&text(f.speaker_data)),
            tags: all(f.tags),
            snippet,
        });
    }
    Ok(hits)
}

/// The names of the people quoted, from the stored speaker data (the `speakers` field
/// also holds their other forms, for searching).
fn speaker_names(data: &str) -> Vec<String> {
    serde_json::from_str::<Vec<crate::model::Speaker>>(data)
        .map(|speakers| speakers.into_iter().map(|s| s.name).collect())
        .unwrap_or_default()
}

/// The best-matching fragment of the body, or its opening when no body word matched.
/// The fragment is widened to whole words and marked with `…` where the body goes on.
fn make_snippet(generator: &SnippetGenerator, body: &str) -> Snippet {
    let snippet = generator.snippet(body);
    let (range, highlights) = if snippet.is_empty() {
        let mut end = body.len().min(SNIPPET_CHARS);
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        if end < body.len() {
            end = body[..end].rfind(char::is_whitespace).unwrap_or(end);
        }
        (0..end, Vec::new())
    } else {
        let highlights = snippet
            .highlighted()
            .iter()
            .map(|r| (r.start, r.end))
            .collect();
        (snippet.fragment_range(), highlights)
    };
    let end = body[range.end..]
        .find(char::is_whitespace)
        .map_or(body.len(), |n| range.end + n);
    let mut text = String::with_capacity(end - range.start + 8);
    if range.start > 0 {
        text.push('…');
    }
    let shift = text.len();
    text.push_str(body[range.start..end].trim_end());
    let ends_sentence = text.ends_with(['.', '!', '?', '"', '”']);
    if end < body.trim_end().len() && !ends_sentence {
        text.push('…');
    }
    Snippet {
        text,
        highlights: highlights
            .into_iter()
            .map(|(s, e): (usize, usize)| (s + shift, e + shift))
            .collect(),
    }
}
