//! The people of one article: every way a person is named, merged into one entry, so that
//! "Mr Blair" and "Blair" resolve to "Tony Blair" and "he" to the person just named.

use super::lexicon::{self, Gender};
use super::names::{skeleton, Candidate};
use super::text::Doc;

/// One person of the article, with every form they are named by, so that all of them
/// become one speaker.
#[derive(Debug, Clone)]
pub struct Person {
    /// Forms as written, titles included ("Mr Blair"), in order of appearance.
    pub forms: Vec<String>,
    /// The fullest form without a title.
    pub name: String,
    given: Option<String>,
    surname: String,
    /// The first word's skeleton, when it is a family name written first ("Liu" of "Liu
    /// Xiaming"): a bare "Liu" later means this person.
    family_first: Option<String>,
    /// From a title or a given name; what a `he` or `she` must agree with.
    pub gender: Gender,
    /// The first role found beside one of the person's names ("Kremlin spokesman").
    pub role: Option<String>,
    /// Tokens where the person is named, in text order.
    mentions: Vec<usize>,
}

impl Person {
    /// The surname is `surname`, or `surname` is one part of it ("Smith-Jones").
    fn bears(&self, surname: &str) -> bool {
        self.surname == surname
            || self.surname.split('-').any(|s| s == surname)
            || self.family_first.as_deref() == Some(surname)
    }

    /// Adds what one mention tells about the person: its form, a fuller name, the given
    /// name, the gender (from a title, else the given name), the role and where it is.
    fn named(
        &mut self,
        doc: &Doc,
        c: &Candidate,
        given: Option<String>,
        role: impl FnOnce() -> Option<String>,
    ) {
        let name = c.name(doc);
        let form = c.form(doc);
        if !self.forms.contains(&form) {
            self.forms.push(form);
        }
        if name.chars().count() > self.name.chars().count() {
            self.name = name;
        }
        if self.given.is_none() {
            if given.is_some() && lexicon::family_name_first(&doc.key(c.first)) {
                self.family_first.clone_from(&given);
            }
            self.given = given;
        }
        if self.gender == Gender::Unknown {
            self.gender = match c.title {
                Some(g) if g != Gender::Unknown => g,
                _ => self
                    .given
                    .as_deref()
                    .and_then(|_| lexicon::given_name(&doc.key(c.first)))
                    .unwrap_or(Gender::Unknown),
            };
        }
        if self.role.is_none() {
            self.role = role();
        }
        // "Mr Blair's government" names Blair but does not make him the one a "he" means.
        if !c.possessive {
            if let Err(at) = self.mentions.binary_search(&c.first) {
                self.mentions.insert(at, c.first);
            }
        }
    }
}

/// The people of one article, which resolves each new name or pronoun against those
/// named before.
#[derive(Debug, Default)]
pub struct People {
    /// In the order they were first recorded; a person's index is their identity here.
    pub people: Vec<Person>,
}

/// How a name matches the people already recorded.
enum Match {
    /// The one person it stands for.
    One(usize),
    /// Nobody yet: it may start a person.
    Nobody,
    /// Two or more people it could stand for: it stands for none, rather than a guess.
    Several,
}

/// The parts of a name that identify it: the skeleton of the given name (none for a bare
/// surname) and of the surname; initials and particles are left out. The given name is
/// worked out only if `wanted` accepts the surname.
fn parts(
    doc: &Doc,
    c: &Candidate,
    wanted: impl FnOnce(&str) -> bool,
) -> Option<(Option<String>, String)> {
    // Each word with its token: a word's place tells the first from the last.
    let words = (c.first..=c.last)
        .filter(|&i| doc.is_capitalised(i))
        .map(|i| (i, doc.text(i)))
        .filter(|(_, w)| !(w.ends_with('.') && w.len() <= 3));
    // Only the first and the last word with a skeleton count: the others are not made.
    let (last, surname) = first_skeleton(words.clone().rev())?;
    if !wanted(&surname) {
        return None;
    }
    let given = first_skeleton(words)
        .filter(|(first, _)| *first < last)
        .map(|(_, given)| given);
    Some((given, surname))
}

/// The first of `words` (with their places) whose skeleton is not empty.
fn first_skeleton<'a>(
    mut words: impl Iterator<Item = (usize, &'a str)>,
) -> Option<(usize, String)> {
    words.find_map(|(at, word)| {
        let skeleton = skeleton(without_possessives(word));
        (!skeleton.is_empty()).then_some((at, skeleton))
    })
}

/// A word without the possessive endings `'s` and `’s` (every one of them).
fn without_possessives(word: &str) -> &str {
    let mut word = word;
    while let Some(rest) = word.strip_suffix("'s") {
        word = rest;
    }
    while let Some(rest) = word.strip_suffix("\u{2019}s") {
        word = rest;
    }
    word
}

impl People {
    /// Records a name found in the text. Full names ("Tony Blair") may start a new
    /// person; a bare surname only joins the one person with that surname, or starts one
    /// when a title shows it is a person ("Mr Blair"). Returns the person's index.
    pub fn mention(
        &mut self,
        doc: &Doc,
        c: &Candidate,
        role: impl FnOnce() -> Option<String>,
        may_start: bool,
    ) -> Option<usize> {
        // Most capitalised words are not people: skip the work when nobody can match.
        if !may_start && self.people.is_empty() {
            return None;
        }
        // A name that cannot start a person and shares no surname with one is nobody.
        let shared = |surname: &str| self.people.iter().any(|p| p.bears(surname));
        let (given, surname) = parts(doc, c, |surname| may_start || shared(surname))?;
        let title_gender = c.title.unwrap_or(Gender::Unknown);
        let found = match &given {
            Some(g) => self.full_name_match(g, &surname, title_gender),
            None => self.surname_match(c, &surname, title_gender),
        };
        let found = match found {
            // "Eriksson Ek said", "Van Der Beek said": the last words of a name given
            // in full before.
            Match::Nobody if given.is_some() => self.ending_with(&c.name(doc)),
            found => found,
        };
        let index = match found {
            Match::One(index) => index,
            Match::Nobody if may_start && (given.is_some() || c.title.is_some()) => {
                self.start(surname)
            }
            Match::Nobody | Match::Several => return None,
        };
        self.people[index].named(doc, c, given, role);
        Some(index)
    }

    /// The person a full name stands for: the first with the same surname, a given name
    /// that agrees (or none known yet) and no gender conflict.
    fn full_name_match(&self, given: &str, surname: &str, title_gender: Gender) -> Match {
        let found = self.people.iter().position(|p| {
            p.surname == surname
                && p.given
                    .as_ref()
                    .is_none_or(|pg| pg == given || initial_of(pg, given))
                && compatible(p.gender, title_gender)
        });
        found.map_or(Match::Nobody, Match::One)
    }

    /// The person a bare surname stands for, preferring those named before it; `Several`
    /// when two people share the surname, so that it is not guessed.
    fn surname_match(&self, c: &Candidate, surname: &str, title_gender: Gender) -> Match {
        let mut matching: Vec<usize> = (0..self.people.len())
            .filter(|&i| {
                let p = &self.people[i];
                p.bears(surname) && compatible(p.gender, title_gender)
            })
            .collect();
        // "Kujda said" means the Kujda named before it, if only one was.
        let earlier: Vec<usize> = matching
            .iter()
            .copied()
            .filter(|&i| {
                self.people[i]
                    .mentions
                    .first()
                    .is_some_and(|&m| m < c.first)
            })
            .collect();
        if !earlier.is_empty() {
            matching = earlier;
        }
        match matching.as_slice() {
            [one] => Match::One(*one),
            [] => Match::Nobody,
            // Two people share the surname: do not guess.
            _ => Match::Several,
        }
    }

    /// The one person whose fullest name ends with `name`, as whole words.
    fn ending_with(&self, name: &str) -> Match {
        let mut found = self.people.iter().enumerate().filter(|(_, p)| {
            p.name
                .strip_suffix(name)
                .is_some_and(|before| before.ends_with(' '))
        });
        match (found.next(), found.next()) {
            (Some((index, _)), None) => Match::One(index),
            (None, _) => Match::Nobody,
            (Some(_), Some(_)) => Match::Several,
        }
    }

    /// A new person with only a surname so far: the first mention fills in the rest.
    fn start(&mut self, surname: String) -> usize {
        self.people.push(Person {
            forms: Vec::new(),
            name: String::new(),
            given: None,
            surname,
            family_first: None,
            gender: Gender::Unknown,
            role: None,
            mentions: Vec::new(),
        });
        self.people.len() - 1
    }

    /// The person a `he`/`she` at token `at` most likely means: the speaker already
    /// named in its own sentence ("Katwala said ... and that he expected"); otherwise the
    /// first person named in the nearest earlier sentence that names one, in the same or
    /// the previous paragraph ("Mr Blair has failed, he claimed" is not Blair). Never one
    /// whose gender conflicts.
    pub fn pronoun(
        &self,
        doc: &Doc,
        at: usize,
        gender: Gender,
        spoke: &[(usize, usize)],
    ) -> Option<usize> {
        let sentence = doc.tokens[at].sentence;
        let paragraph = doc.tokens[at].paragraph;
        let fits = |p: usize| compatible(self.people[p].gender, gender);
        if let Some(&(_, p)) = spoke
            .iter()
            .rev()
            .find(|&&(m, p)| m < at && doc.tokens[m].sentence == sentence && fits(p))
        {
            return Some(p);
        }
        let mut best: Option<(u32, bool, usize, usize)> = None;
        for (index, person) in self.people.iter().enumerate() {
            if !fits(index) {
                continue;
            }
            for &m in &person.mentions {
                let t = &doc.tokens[m];
                if t.sentence >= sentence || t.paragraph + 1 < paragraph {
                    continue;
                }
                // Latest sentence first, then whoever speaks in it, then the earliest name.
                let speaks = spoke
                    .iter()
                    .any(|&(sm, sp)| sp == index && doc.tokens[sm].sentence == t.sentence);
                let rank = (t.sentence, speaks, std::cmp::Reverse(m));
                let better = best
                    .is_none_or(|(bs, bspeaks, bm, _)| rank > (bs, bspeaks, std::cmp::Reverse(bm)));
                if better {
                    best = Some((t.sentence, speaks, m, index));
                }
            }
        }
        best.map(|(_, _, _, index)| index)
    }
}

fn compatible(a: Gender, b: Gender) -> bool {
    a == Gender::Unknown || b == Gender::Unknown || a == b
}

/// `j` (from "J.") against "john": initials are dropped from parts, so this only merges a
/// one-letter given name with a longer one.
fn initial_of(a: &str, b: &str) -> bool {
    (a.len() == 1 && b.starts_with(a)) || (b.len() == 1 && a.starts_with(b))
}
