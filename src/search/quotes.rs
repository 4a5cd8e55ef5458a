//! Every story quoting a person that matches a search, newest first, with their words
//! and the story's copies.

use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::hash_map::Entry;
use tantivy::collector::Count;
use tantivy::query::Query;
use tantivy::{DocAddress, Searcher};

use super::names::{match_speakers, nobody_called, Person};
use super::stored::Stored;
use super::stories::{other_copies, Copy, StoryColumns};
use super::tally::{newest, quoting};
use super::timeline::{timeline, PeriodCount};
use super::{build_query, BuiltQuery, Request, Snippet};
use crate::error::IndexError;
use crate::index::{schema, speaker_data, to_chrono, Catalog};
use crate::keys::uid_text;
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
    /// The story it is a copy of (the uid of the story's first article indexed).
    pub story: String,
    /// The story's other articles, oldest first: the first 10 of them.
    pub copies: Vec<Copy>,
    /// How many other articles the story has.
    pub copy_count: usize,
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
    /// Stories among those articles: copies of one story count once.
    pub stories: usize,
    /// True when every article is listed; by default a story is listed once.
    pub copies: bool,
    /// The page asked for, `limit` after `offset`, newest first, undated last: one article
    /// per story (its earliest copy quoting them), or with `copies` every article.
    pub articles: Vec<Quoted>,
    /// What `articles` lists (stories, or with `copies` articles) per month, per year
    /// when that spans more than four years, from the first to the last, empty periods
    /// included.
    pub timeline: Vec<PeriodCount>,
    /// What was wrong with the query text (the rest of it was used), or that nobody is
    /// quoted under the name.
    pub warnings: Vec<String>,
}

impl Quotes {
    /// How many entries the listing has over all pages: stories, or with `copies`
    /// articles.
    pub fn listed(&self) -> usize {
        if self.copies {
            self.total
        } else {
            self.stories
        }
    }
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

/// Who a name given to `quotes` stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum Named {
    /// Nobody quoted in the index goes by the name: an empty result whose warning says so.
    Nobody(Quotes),
    /// The name fits several people, and not all of them were asked for.
    Several(Choices),
    /// The person (with `all`, everyone the name fits).
    People(Vec<Person>),
}

/// The quotes of the person called `name` in the articles matching `request`; with
/// `all`, of everyone the name fits.
pub fn find_quotes(
    catalog: &Catalog,
    name: &str,
    request: &Request,
    all: bool,
) -> Result<QuotesAnswer, IndexError> {
    Ok(match named(catalog, name, request, all)? {
        Named::Nobody(empty) => QuotesAnswer::Nobody(empty),
        Named::Several(choices) => QuotesAnswer::Several(choices),
        Named::People(people) => QuotesAnswer::Found(quotes(catalog, request, people)?),
    })
}

/// Who `name` stands for, for `request`'s answer; with `all`, everyone it fits.
pub fn named(
    catalog: &Catalog,
    name: &str,
    request: &Request,
    all: bool,
) -> Result<Named, IndexError> {
    let matched = match_speakers(catalog, name)?;
    if matched.is_empty() {
        return Ok(Named::Nobody(Quotes {
            people: Vec::new(),
            query: request.query.clone(),
            total: 0,
            stories: 0,
            copies: request.copies,
            articles: Vec::new(),
            timeline: Vec::new(),
            warnings: vec![nobody_called(name)],
        }));
    }
    if matched.len() > 1 && !all {
        return Ok(Named::Several(Choices {
            name: name.to_string(),
            ambiguous: matched,
        }));
    }
    Ok(Named::People(matched))
}

/// Every story (with `request.copies`, every article) quoting one of `people` that
/// matches `request`, newest first.
pub fn quotes(
    catalog: &Catalog,
    request: &Request,
    people: Vec<Person>,
) -> Result<Quotes, IndexError> {
    let (mut quotes, listing) = quotes_each(catalog, request, people)?;
    quotes.articles = listing.collect::<Result<_, _>>()?;
    Ok(quotes)
}

/// [`quotes`], with the articles handed over one at a time, each read from the index when
/// asked for: with [`super::UNLIMITED`] as the limit, every one in bounded memory. The
/// answer comes with its counts and timeline, and no articles.
pub fn quotes_each<'a>(
    catalog: &'a Catalog,
    request: &Request,
    people: Vec<Person>,
) -> Result<(Quotes, QuoteReader<'a>), IndexError> {
    let tantivy_err = IndexError::tantivy(&catalog.path);
    let searcher = catalog.searcher()?;
    let BuiltQuery { query, warnings } = build_query(catalog, request);
    let keys: Vec<String> = people
        .iter()
        .flat_map(|p| std::iter::once(&p.key).chain(&p.also))
        .cloned()
        .collect();
    let combined = quoting(&*query, catalog, &keys);
    let total = searcher.search(&combined, &Count).map_err(tantivy_err)?;
    let every = searcher
        .search(&combined, &newest(total.max(1)))
        .map_err(tantivy_err)?;
    // One per story: what is listed by default, and the count of stories either way.
    let firsts = earliest_of_each(&searcher, &every).map_err(tantivy_err)?;
    let stories = firsts.len();
    let listed = if request.copies { every } else { firsts };
    let timeline = timeline(listed.iter().filter_map(|(d, _)| d.and_then(to_chrono)));
    let page: Vec<DocAddress> = listed
        .into_iter()
        .skip(request.offset)
        .take(request.limit)
        .map(|(_, address)| address)
        .collect();
    let reader = QuoteReader {
        catalog,
        terms: query_words(&*query),
        searcher,
        keys,
        listed: request.copies_listed,
        addresses: page.into_iter(),
    };
    let quotes = Quotes {
        people,
        query: request.query.clone(),
        total,
        stories,
        copies: request.copies,
        articles: Vec::new(),
        timeline,
        warnings,
    };
    Ok((quotes, reader))
}

/// The articles a quotes listing shows, in order, each read as it is asked for.
pub struct QuoteReader<'a> {
    catalog: &'a Catalog,
    searcher: Searcher,
    /// The identity keys of the people.
    keys: Vec<String>,
    /// The query's words, marked in the quotes.
    terms: Vec<String>,
    /// Other copies listed under each article.
    listed: usize,
    addresses: std::vec::IntoIter<DocAddress>,
}

impl Iterator for QuoteReader<'_> {
    type Item = Result<Quoted, IndexError>;

    fn next(&mut self) -> Option<Self::Item> {
        let tantivy_err = IndexError::tantivy(&self.catalog.path);
        for address in self.addresses.by_ref() {
            let doc = match self.searcher.doc(address) {
                Ok(doc) => Stored(doc),
                Err(err) => return Some(Err(tantivy_err(err))),
            };
            let (catalog, searcher) = (self.catalog, &self.searcher);
            if let Some(quoted) = quoted(
                catalog,
                searcher,
                &doc,
                &self.keys,
                &self.terms,
                self.listed,
            ) {
                return Some(quoted.map_err(tantivy_err));
            }
        }
        None
    }
}

/// The article in `doc` as `quotes` lists it: the first of `keys` it quotes, their words
/// with `terms` marked, and the story's other copies (the oldest `listed`). `None` if it quotes none of them.
fn quoted(
    catalog: &Catalog,
    searcher: &Searcher,
    doc: &Stored,
    keys: &[String],
    terms: &[String],
    listed: usize,
) -> Option<tantivy::Result<Quoted>> {
    let f = &catalog.fields;
    let text = |field| doc.text(field);
    let body = text(f.body);
    let speaker = speaker_data::decode(&text(f.speaker_data), &body)
        .into_iter()
        .find(|s| keys.contains(&identity_key(&s.name)))?;
    let uid = doc.uid(f.uid);
    let story = doc.number(f.story).unwrap_or_default();
    let (copies, copy_count) = match other_copies(searcher, f, story, &uid, listed) {
        Ok(found) => found,
        Err(err) => return Some(Err(err)),
    };
    Some(Ok(Quoted {
        uid,
        id: text(f.id),
        path: text(f.path),
        title: display_title(&text(f.title), &body),
        date: doc.date(f.date),
        name: speaker.name,
        role: speaker.role,
        quotes: speaker
            .quotes
            .into_iter()
            .map(|q| highlight(catalog, &q.text, terms))
            .collect(),
        story: uid_text(story),
        copies,
        copy_count,
    }))
}

/// One article per story among `newest` (newest first, undated last): the story's
/// earliest dated one, or an undated one if none is dated; in the same order.
fn earliest_of_each<T: std::marker::Copy + Ord>(
    searcher: &Searcher,
    newest: &[(Option<T>, DocAddress)],
) -> tantivy::Result<Vec<(Option<T>, DocAddress)>> {
    let mut columns = StoryColumns::new(searcher);
    let mut slot_of: FxHashMap<u64, usize> = FxHashMap::default();
    let mut kept: Vec<(Option<T>, DocAddress)> = Vec::new();
    for &(date, address) in newest {
        let Some(story) = columns.story(address)? else {
            kept.push((date, address));
            continue;
        };
        match slot_of.entry(story) {
            Entry::Vacant(slot) => {
                slot.insert(kept.len());
                kept.push((date, address));
            }
            // Later entries are older, or undated: a dated one replaces the one kept.
            Entry::Occupied(slot) if date.is_some() => kept[*slot.get()] = (date, address),
            Entry::Occupied(_) => {}
        }
    }
    // Newest first again by the dates kept, undated last.
    kept.sort_by_key(|&(date, _)| std::cmp::Reverse((date.is_some(), date)));
    Ok(kept)
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
