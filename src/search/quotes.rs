//! Every article quoting a person that matches a search, newest first, with their words.

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::collector::Count;
use tantivy::query::Query;

use super::names::{match_speakers, nobody_called, Person};
use super::stored::Stored;
use super::tally::{newest, quoting};
use super::timeline::{timeline, PeriodCount};
use super::{build_query, BuiltQuery, Request, Snippet};
use crate::error::IndexError;
use crate::index::{schema, speaker_data, to_chrono, Catalog};
use crate::model::display_title;
use crate::speakers::identity_key;

/// One article quoting the person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quoted {
    /// Stable public id: 16 lower-case hex digits, the start of the SHA-256 of `id`.
    pub uid: String,
    /// The file's path, plus `#N` for the Nth line of a JSON Lines file or item of a JSON
    /// array.
    pub id: String,
    /// The file the article came from, as it was indexed.
    pub path: String,
    /// The title, or the body's first sentence when the article has none.
    pub title: String,
    /// The article's date, UTC to the second (RFC 3339 in JSON); `None` when undated.
    pub date: Option<DateTime<Utc>>,
    /// The name as this article gives it.
    pub name: String,
    /// Their role as this article states it, if it does.
    pub role: Option<String>,
    /// Their words in this article, each with the query's words highlighted.
    pub quotes: Vec<Snippet>,
}

/// The articles quoting a person: `quotes --json` and `/api/quotes`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quotes {
    /// The speakers searched for (several with `--all`).
    pub people: Vec<Person>,
    /// The query text as given.
    pub query: String,
    /// Articles quoting them that match the query and filters.
    pub total: usize,
    /// The page asked for: `limit` articles after `offset`, newest first, undated last.
    pub articles: Vec<Quoted>,
    /// Articles per month (per year when that spans more than four years), from the
    /// first to the last, empty periods included.
    pub timeline: Vec<PeriodCount>,
    /// What was wrong with the query text (the rest of it was used), or that nobody is
    /// quoted under the name.
    pub warnings: Vec<String>,
}

/// What a search for a person's quotes finds: one answer, which each front-end renders.
#[derive(Debug, Clone, PartialEq)]
pub enum QuotesAnswer {
    /// Nobody quoted in the index goes by the name: an empty result whose warning says so.
    Nobody(Quotes),
    /// The name fits several people, and not all of them were asked for.
    Several(Choices),
    /// The articles quoting the person (with `all`, any of the people the name fits).
    Found(Quotes),
}

/// The people a name fits, for the user to choose from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choices {
    /// The name as given.
    pub name: String,
    /// Everyone it fits, most-quoted first.
    pub ambiguous: Vec<Person>,
}

/// The quotes of the person called `name` in the articles matching `request`; with
/// `all`, of everyone the name fits.
pub fn find_quotes(
    catalog: &Catalog,
    name: &str,
    request: &Request,
    all: bool,
) -> Result<QuotesAnswer, IndexError> {
    let matched = match_speakers(catalog, name)?;
    if matched.is_empty() {
        return Ok(QuotesAnswer::Nobody(Quotes {
            people: Vec::new(),
            query: request.query.clone(),
            total: 0,
            articles: Vec::new(),
            timeline: Vec::new(),
            warnings: vec![nobody_called(name)],
        }));
    }
    if matched.len() > 1 && !all {
        return Ok(QuotesAnswer::Several(Choices {
            name: name.to_string(),
            ambiguous: matched,
        }));
    }
    quotes(catalog, request, matched).map(QuotesAnswer::Found)
}

/// Every article quoting one of `people` that matches `request`, newest first.
pub fn quotes(
    catalog: &Catalog,
    request: &Request,
    people: Vec<Person>,
) -> Result<Quotes, IndexError> {
    let tantivy_err = IndexError::tantivy(&catalog.path);
    let searcher = catalog.searcher()?;
    let f = &catalog.fields;
    let BuiltQuery { query, warnings } = build_query(catalog, request);
    let keys: Vec<String> = people
        .iter()
        .flat_map(|p| std::iter::once(&p.key).chain(&p.also))
        .cloned()
        .collect();
    let combined = quoting(&*query, catalog, &keys);
    let total = searcher.search(&combined, &Count).map_err(tantivy_err)?;
    let all = searcher
        .search(&combined, &newest(total.max(1)))
        .map_err(tantivy_err)?;
    let timeline = timeline(all.iter().filter_map(|(d, _)| d.and_then(to_chrono)));
    let terms = query_words(&*query);
    let mut articles = Vec::new();
    for (_, address) in all.iter().skip(request.offset).take(request.limit) {
        let doc = Stored(searcher.doc(*address).map_err(tantivy_err)?);
        let text = |field| doc.text(field);
        let body = text(f.body);
        let Some(speaker) = speaker_data::decode(&text(f.speaker_data), &body)
            .into_iter()
            .find(|s| keys.contains(&identity_key(&s.name)))
        else {
            continue;
        };
        articles.push(Quoted {
            uid: doc.uid(f.uid),
            id: text(f.id),
            path: text(f.path),
            title: display_title(&text(f.title), &body),
            date: doc.date(f.date),
            name: speaker.name,
            role: speaker.role,
            quotes: speaker
                .quotes
                .into_iter()
                .map(|q| highlight(catalog, &q.text, &terms))
                .collect(),
        });
    }
    Ok(Quotes {
        people,
        query: request.query.clone(),
        total,
        articles,
        timeline,
        warnings,
    })
}

/// The analysed words of the query's text fields, to mark in quotes.
fn query_words(query: &dyn Query) -> Vec<String> {
    let mut words = Vec::new();
    query.query_terms(&mut |term, _| {
        if let Some(text) = term.value().as_str() {
            words.push(text.to_string());
        }
    });
    words
}

/// The quote with the words that match the query marked, using the index's analyzer so
/// "prices" in a query marks "price" in a quote.
fn highlight(catalog: &Catalog, text: &str, words: &[String]) -> Snippet {
    let mut highlights = Vec::new();
    if !words.is_empty() {
        if let Ok(mut analyzer) = catalog
            .index
            .tokenizers()
            .get(schema::PROSE_ANALYZER)
            .ok_or(())
        {
            let mut stream = analyzer.token_stream(text);
            while let Some(token) = stream.next() {
                if words.contains(&token.text) {
                    highlights.push((token.offset_from, token.offset_to));
                }
            }
        }
    }
    Snippet {
        text: text.to_string(),
        highlights,
    }
}
