//! Which people a name typed by a user means: the surname fits and the given name agrees.

use chrono::{DateTime, Utc};
use serde::Serialize;
use tantivy::query::AllQuery;

use super::tally::{tally, Tally};
use crate::error::IndexError;
use crate::index::Catalog;
use crate::speakers::identity_key;

/// A person as the index knows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    /// Display name: the longest form seen under `key`.
    pub name: String,
    /// Identity key ([`identity_key`]); the full name's when a surname-only key stands
    /// for it.
    pub key: String,
    /// Other keys counted as this person (their surname alone).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
    /// Stories quoting them under any of their keys (copies of one story count once):
    /// over the whole index for `quotes`, over the matching articles for `speakers`.
    pub stories: u64,
    /// Articles quoting them, copies included.
    pub articles: u64,
    /// The date of the newest of those articles; `None` when none is dated.
    pub latest: Option<DateTime<Utc>>,
}

impl Person {
    /// Takes the counts and the latest date from `tally`.
    pub(super) fn count(&mut self, tally: Tally) {
        (self.stories, self.articles, self.latest) = (tally.stories, tally.articles, tally.latest);
    }
}

/// Most stories first, then most articles, ties by name.
pub(super) fn most_quoted(a: &Person, b: &Person) -> std::cmp::Ordering {
    (b.stories, b.articles)
        .cmp(&(a.stories, a.articles))
        .then_with(|| a.name.cmp(&b.name))
}

/// What a user is told when a name fits nobody quoted in the index.
pub fn nobody_called(name: &str) -> String {
    format!("nobody called \"{name}\" is quoted in the index; `clipdex speakers` lists who is")
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
        person.count(tally(catalog, &searcher, &AllQuery, &keys)?);
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
                    stories: 0,
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
