//! People in the index: who is quoted (with counts and latest date), which speakers a name
//! typed by a user means, and every article quoting a person with their words.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Order, Term};

use super::stored::Stored;
use super::{build_query, by_person, BuiltQuery, Counted, KeyCounts, Request, Snippet};
use crate::error::IndexError;
use crate::index::{schema, speaker_data, to_chrono, Catalog};
use crate::model::display_title;
use crate::speakers::identity_key;

/// A person as the index knows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub name: String,
    pub key: String,
    /// Other keys counted as this person (their surname alone).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    pub articles: u64,
    pub latest: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct People {
    pub query: String,
    /// Articles matching the query and filters.
    pub total: usize,
    /// People quoted in those articles, listed or not.
    pub quoted: usize,
    pub people: Vec<Person>,
    pub warnings: Vec<String>,
}

/// Most articles first, ties by name.
fn most_quoted(a: &Person, b: &Person) -> std::cmp::Ordering {
    b.articles
        .cmp(&a.articles)
        .then_with(|| a.name.cmp(&b.name))
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
    // The sums are upper bounds; the count listed is the person's articles, searched for.
    let bounds = by_person(catalog, &keys);
    let quoted = bounds.len();
    let mut candidates: Vec<Person> = bounds
        .into_iter()
        .map(|(key, bound)| Person {
            name: catalog.labels.speaker(key),
            key: key.to_string(),
            also: Vec::new(),
            articles: bound,
            latest: None,
        })
        .collect();
    candidates.sort_by(most_quoted);
    let limit = request.limit.max(1);
    let mut people: Vec<Person> = Vec::with_capacity(limit + 1);
    for mut person in candidates {
        // Candidates come by their upper bounds: once one cannot pass the last listed
        // person, none after it can.
        if let Some(last) = people.get(limit - 1) {
            if most_quoted(&person, last) != std::cmp::Ordering::Less {
                break;
            }
        }
        (person.articles, person.latest) =
            articles_and_latest(catalog, &searcher, &*query, &catalog.keys_of(&person.key))?;
        people.push(person);
        people.sort_by(most_quoted);
        people.truncate(limit);
    }
    people.retain(|p| p.articles > 0);
    Ok(People {
        query: request.query.clone(),
        total,
        quoted,
        people,
        warnings,
    })
}

/// The documents matching `query` that quote any of `keys`.
fn quoting(query: &dyn Query, catalog: &Catalog, keys: &[String]) -> BooleanQuery {
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

/// How many documents match `query` and quote any of `keys`, and the newest one's date.
fn articles_and_latest(
    catalog: &Catalog,
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    keys: &[String],
) -> Result<(u64, Option<DateTime<Utc>>), IndexError> {
    let (articles, dates) = searcher
        .search(&quoting(query, catalog, keys), &(Count, newest(1)))
        .map_err(IndexError::tantivy(&catalog.path))?;
    let latest = dates.first().and_then(|(d, _)| *d).and_then(to_chrono);
    Ok((articles as u64, latest))
}

/// The `n` newest documents, undated ones last.
fn newest(
    n: usize,
) -> impl tantivy::collector::Collector<Fruit = Vec<(Option<tantivy::DateTime>, tantivy::DocAddress)>>
{
    TopDocs::with_limit(n).order_by_fast_field::<tantivy::DateTime>(schema::DATE, Order::Desc)
}

/// The speakers a name typed by a user may mean, most-quoted first: everyone whose
/// surname fits and whose given name agrees, so "Ivanov" finds Pavel Ivanov and Sergei
/// Ivanov but not Olga Ivanova. Articles that name someone by surname only count for the
/// one full name with that surname, when there is exactly one.
pub fn match_speakers(catalog: &Catalog, name: &str) -> Result<Vec<Person>, IndexError> {
    let searcher = catalog.searcher()?;
    let mut found = Vec::new();
    for mut person in fitting(catalog, name) {
        let keys: Vec<String> = std::iter::once(person.key.clone())
            .chain(person.also.iter().cloned())
            .collect();
        (person.articles, person.latest) =
            articles_and_latest(catalog, &searcher, &AllQuery, &keys)?;
        if person.articles > 0 {
            found.push(person);
        }
    }
    found.sort_by(most_quoted);
    Ok(found)
}

/// The people a name may mean (see [`match_speakers`]), each with every key they are
/// known by, not yet counted: what a `--speaker` filter matches.
pub fn fitting(catalog: &Catalog, name: &str) -> Vec<Person> {
    let wanted = identity_key(name);
    let words: Vec<&str> = wanted.split(' ').filter(|w| !w.is_empty()).collect();
    let Some(surname) = words.last() else {
        return Vec::new();
    };
    let fits = |key: &str| {
        let theirs: Vec<&str> = key.split(' ').collect();
        theirs.last() == Some(surname)
            && (words.len() == 1 || theirs.len() == 1 || initials_agree(words[0], theirs[0]))
    };
    let mut found: Vec<Person> = Vec::new();
    for key in catalog.labels.speakers.keys().filter(|k| fits(k)) {
        // A surname-only key counts for the one full name with that surname, if that
        // name fits too.
        let person = Some(catalog.person_key(key))
            .filter(|full| fits(full))
            .unwrap_or(key);
        let index = match found.iter().position(|p| p.key == person) {
            Some(index) => index,
            None => {
                found.push(Person {
                    name: catalog.labels.speaker(person),
                    key: person.to_string(),
                    also: Vec::new(),
                    articles: 0,
                    latest: None,
                });
                found.len() - 1
            }
        };
        if person != key {
            found[index].also.push(key.clone());
        }
    }
    // A given name picks the full names it fits: articles that name a surname alone,
    // which stands for nobody in particular here, are not theirs.
    if words.len() > 1 && found.iter().any(|p| p.key.contains(' ')) {
        found.retain(|p| p.key.contains(' '));
    }
    found
}

fn initials_agree(a: &str, b: &str) -> bool {
    a == b || (a.len() == 1 && b.starts_with(a)) || (b.len() == 1 && a.starts_with(b))
}

/// One article quoting the person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quoted {
    pub uid: String,
    pub id: String,
    pub path: String,
    pub title: String,
    pub date: Option<DateTime<Utc>>,
    /// The name as this article gives it.
    pub name: String,
    pub role: Option<String>,
    pub quotes: Vec<Snippet>,
}

/// Articles in one month (`YYYY-MM`) or, over long spans, one year (`YYYY`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodCount {
    pub period: String,
    pub articles: usize,
}

/// Months are shown while the timeline spans at most this many; years beyond.
const MAX_MONTHS: usize = 48;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quotes {
    /// The speakers searched for (several with `--all`).
    pub people: Vec<Person>,
    pub query: String,
    /// Articles quoting them that match the query and filters.
    pub total: usize,
    pub articles: Vec<Quoted>,
    /// Articles per month (per year when that spans more than four years), from the
    /// first to the last, empty periods included.
    pub timeline: Vec<PeriodCount>,
    pub warnings: Vec<String>,
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

/// Article counts per month from the first dated article to the last, or per year when
/// that would be more than [`MAX_MONTHS`] bars.
fn timeline(dates: impl Iterator<Item = DateTime<Utc>>) -> Vec<PeriodCount> {
    let mut counts: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    for date in dates {
        *counts.entry((date.year(), date.month())).or_default() += 1;
    }
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Vec::new();
    };
    let span = (last.0 - first.0) as i64 * 12 + last.1 as i64 - first.1 as i64 + 1;
    if span as usize > MAX_MONTHS {
        return (first.0..=last.0)
            .map(|year| PeriodCount {
                period: format!("{year:04}"),
                articles: counts.range((year, 1)..=(year, 12)).map(|(_, n)| n).sum(),
            })
            .collect();
    }
    let mut months = Vec::new();
    let (mut year, mut month) = first;
    while (year, month) <= last {
        months.push(PeriodCount {
            period: format!("{year:04}-{month:02}"),
            articles: counts.get(&(year, month)).copied().unwrap_or(0),
        });
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    months
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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i32, month: u32) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&format!("{year}-{month:02}-15T00:00:00Z"))
            .ok()
            .map(|d| d.to_utc())
    }

    #[test]
    fn timelines_fill_empty_months_across_a_year_end() {
        let dates = [d(2025, 11), d(2026, 2), d(2026, 2)].into_iter().flatten();
        let months: Vec<_> = timeline(dates)
            .into_iter()
            .map(|m| (m.period, m.articles))
            .collect();
        assert_eq!(
            months,
            vec![
                ("2025-11".to_string(), 1),
                ("2025-12".to_string(), 0),
                ("2026-01".to_string(), 0),
                ("2026-02".to_string(), 2)
            ]
        );
    }

    #[test]
    fn timelines_over_more_than_four_years_count_by_year() {
        let dates = [d(2019, 3), d(2019, 11), d(2023, 6)].into_iter().flatten();
        let years: Vec<_> = timeline(dates)
            .into_iter()
            .map(|p| (p.period, p.articles))
            .collect();
        let expected = [
            ("2019", 2),
            ("2020", 0),
            ("2021", 0),
            ("2022", 0),
            ("2023", 1),
        ];
        let expected: Vec<_> = expected.iter().map(|(p, n)| (p.to_string(), *n)).collect();
        assert_eq!(years, expected);
    }
}
