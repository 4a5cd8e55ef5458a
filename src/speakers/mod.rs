//! Who is quoted in an article, and the identity key that makes one person one speaker
//! across articles. Pure: no tantivy, no I/O.
//!
//! The extractor reads the body as tokens (`text.rs`), finds attribution frames, a cue
//! with its subject and reported words (`frames.rs`), pairs quotation marks and links each
//! quotation to its frame (`quotes.rs`), reads names apart from titles,
//! roles and organisations (`names.rs`), and merges the names of one person (`resolve.rs`).
//! Names the data gives (JSON `speakers`, tags) are evidence that a name is a person, never
//! a speaker by themselves.

mod frames;
mod lexicon;
mod names;
mod quotes;
mod resolve;
pub mod score;
mod text;

use std::collections::HashSet;

use crate::keys::fold;
use crate::model::{Article, Quote, Speaker};
use frames::{Frame, Subject};
use names::Candidate;
use resolve::People;
use text::{Doc, Kind};

/// Changes whenever the extractor's rules change, so `index` re-reads files that an
/// older version read.
pub const EXTRACTOR_VERSION: u32 = 3;

/// Recorded for a file read without finding speakers (`--no-speakers`), as for files
/// recorded before versions were: the next run that finds speakers reads it again.
pub const NOT_EXTRACTED: u32 = 0;

/// The key under which a person is counted and filtered: case, accents, titles, middle
/// initials and transliteration variants folded away ("Dr Andrey A. Kortunov" and
/// "Andrei Kortunov" share one key; "Ivanov" and "Ivanova" do not).
pub fn identity_key(name: &str) -> String {
    let folded = fold(name);
    let mut words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    while words.len() > 1 && lexicon::honorific(words[0]).is_some() {
        words.remove(0);
    }
    let count = words.len();
    let mut key = String::with_capacity(folded.len() + 2);
    for (i, word) in words.iter().enumerate() {
        if i == 0 || i + 1 == count || word.len() > 1 {
            if i > 0 {
                key.push(' ');
            }
            names::skeleton_into(&mut key, word);
        }
    }
    key
}

/// A name as displayed: titles dropped from the front, spacing collapsed.
pub fn display_name(name: &str) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.len() > 1 && lexicon::honorific(&fold(words[0])).is_some() {
        words.remove(0);
    }
    words.join(" ")
}

/// The people quoted in `article`, in order of their first attributed words, each under
/// the fullest name the article uses, with the other forms, the role and the words.
pub fn extract(article: &Article) -> Vec<Speaker> {
    extract_with(article, Words::Copied)
}

/// [`extract`] for the index, which stores a quote as its byte range in the body and reads
/// its words back from the stored body: each quote's `text` is left empty, not copied.
pub fn extract_for_index(article: &Article) -> Vec<Speaker> {
    extract_with(article, Words::RangeOnly)
}

/// Whether a quote's words are copied out of the body.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Words {
    Copied,
    RangeOnly,
}

fn extract_with(article: &Article, words: Words) -> Vec<Speaker> {
    // Built only for an article where somebody may speak: most articles stop before.
    let evidence = || -> HashSet<String> {
        article
            .speakers
            .iter()
            .map(|s| identity_key(&s.name))
            .chain(article.tags.iter().map(|t| identity_key(t)))
            .collect()
    };
    let mut speakers = find(&article.body, evidence, words);
    for speaker in &mut speakers {
        let key = identity_key(&speaker.name);
        let given = article
            .speakers
            .iter()
            .find(|g| identity_key(&g.name) == key);
        if let Some(given) = given {
            if speaker.role.is_none() {
                speaker.role = given.role.clone();
            }
        }
    }
    speakers
}

/// The extractor proper, on a body and the keys of names known to be people.
fn find(body: &str, evidence: impl FnOnce() -> HashSet<String>, words: Words) -> Vec<Speaker> {
    let doc = Doc::new(body);
    let mut frames = frames::find(&doc);
    // Only the ministry, a spokesman or analysts speak here: nobody to look for.
    if nobody_speaks(&frames) {
        return Vec::new();
    }
    let spans = quotes::quote_spans(&doc);
    drop_frames_in_quotations(&doc, &spans, &mut frames);
    if nobody_speaks(&frames) {
        return Vec::new();
    }
    let signs = Signs::new(&doc, &frames, evidence());
    let mut people = gather_people(&doc, &signs);
    let speakers_of = attribute(&doc, &mut people, &frames, &signs);
    let links = quotes::link(&doc, &spans, &frames);
    let mut found = Found::new(people.people.len(), frames.len());
    found.quotations(&doc, &spans, &links, &speakers_of, words);
    found.frames(&doc, &frames, &speakers_of, words);
    found.into_speakers(&people)
}

/// Whether no frame has a subject to look for: most articles stop here, before the work.
fn nobody_speaks(frames: &[Frame]) -> bool {
    frames.iter().all(|f| f.subject == Subject::Nobody)
}

/// Drops the frames that are part of somebody's quoted words, which would otherwise
/// make the quoted attribution a speaker of its own.
fn drop_frames_in_quotations(doc: &Doc, spans: &[quotes::Span], frames: &mut Vec<Frame>) {
    // An attribution inside quotation marks whose words run on over the closing mark is
    // part of somebody's words ("Both President Trump and President Putin agreed that
    // terrorism must be defeated," the White House said): not a frame. Only quotations
    // closed within their paragraph count: a mark left open elsewhere pairs the ones
    // after it wrongly.
    // The quotation must be attributed right after its close, as that one is: a mark
    // that only seems to close a quotation (BBC copy reopens one mid-paragraph) is not.
    let within_paragraph =
        |s: &quotes::Span| !s.runs_on && (s.open..s.close).all(|i| doc.kind(i) != Kind::Break);
    let starts: Vec<usize> = frames.iter().map(|f| f.start).collect();
    let attributed = |s: &quotes::Span| starts.iter().any(|&g| g > s.close && g <= s.close + 4);
    frames.retain(|f| {
        !spans.iter().any(|s| {
            s.open < f.start
                && f.end < s.close
                && f.content
                    .is_some_and(|(start, end)| start < s.close && s.close < end)
                && within_paragraph(s)
                && attributed(s)
        })
    });
}

/// What shows that a capitalised run names a person, gathered once per article so that
/// both the gathering of people and the attribution of frames ask the same question.
struct Signs<'a> {
    doc: &'a Doc<'a>,
    /// Identity keys of the names the data gives (JSON `speakers`, tags).
    evidence: HashSet<String>,
    /// Skeletons of the surnames that speak alone in a frame ("said Kujda").
    bare_subjects: HashSet<String>,
}

impl<'a> Signs<'a> {
    /// The signs of one article, from its frames and the keys of the names its data gives.
    fn new(doc: &'a Doc<'a>, frames: &[Frame], evidence: HashSet<String>) -> Self {
        // Surnames that speak alone ("said Kujda") show the full name before is a person's.
        let bare_subjects = frames
            .iter()
            .filter_map(|f| match &f.subject {
                Subject::Name(c) if c.words(doc) == 1 => Some(names::skeleton(&c.name(doc))),
                _ => None,
            })
            .collect();
        Signs {
            doc,
            evidence,
            bare_subjects,
        }
    }

    /// Whether the run reads as a person's name rather than a place's or a company's.
    fn is_person(&self, c: &Candidate) -> bool {
        let doc = self.doc;
        c.title.is_some()
            || c.role.is_some()
            || c.has_given_name(doc)
            || names::apposition_after(doc, c.last).is_some()
            || (!self.evidence.is_empty() && self.evidence.contains(&identity_key(&c.name(doc))))
            || (!self.bare_subjects.is_empty()
                && self
                    .bare_subjects
                    .contains(&names::skeleton(doc.text(c.last))))
    }

    /// The role written before the name or in apposition after it, if any.
    fn role_of(&self, c: &Candidate) -> Option<String> {
        c.role
            .or_else(|| names::apposition_after(self.doc, c.last))
            .map(|(a, b)| self.doc.span(a, b))
    }
}

/// Every person the article names, merged, before any frame is attributed: a pronoun or
/// a bare surname in a frame resolves against the people named anywhere before it.
fn gather_people(doc: &Doc, signs: &Signs) -> People {
    let mut people = People::default();
    let candidates = name_runs(doc);
    let sorted: Vec<(&Candidate, usize, bool)> = candidates
        .iter()
        .map(|c| {
            let words = c.words(doc);
            (c, words, words >= 2 && signs.is_person(c))
        })
        .collect();
    // Full names first, so a bare surname later finds the person it stands for.
    for &(c, _, _) in sorted.iter().filter(|(_, _, person)| *person) {
        people.mention(doc, c, || signs.role_of(c), true);
    }
    for &(c, _, _) in sorted.iter().filter(|(_, words, _)| *words == 1) {
        people.mention(doc, c, || signs.role_of(c), c.title.is_some());
    }
    for &(c, _, _) in sorted.iter().filter(|(_, w, person)| *w >= 2 && !*person) {
        people.mention(doc, c, || signs.role_of(c), false);
    }
    people
}

/// The people each frame attributes words to, frame by frame in text order, since a
/// pronoun means somebody who spoke before it.
fn attribute(doc: &Doc, people: &mut People, frames: &[Frame], signs: &Signs) -> Vec<Vec<usize>> {
    let mut spoke: Vec<(usize, usize)> = Vec::new();
    let mut speakers_of: Vec<Vec<usize>> = Vec::with_capacity(frames.len());
    for frame in frames {
        let found = speakers_in(doc, people, frame, &spoke, signs);
        spoke.extend(found.iter().map(|&p| (frame.start, p)));
        speakers_of.push(found);
    }
    speakers_of
}

/// Each person's words and where they are first attributed, filled from the quotations
/// and then from the frames, so that the speakers come out in order of their words.
struct Found {
    /// Per person, the words attributed to them.
    quotes: Vec<Vec<Quote>>,
    /// Per person, the first token of their first attributed words, if any.
    first_seen: Vec<Option<usize>>,
    /// Per frame, whether a quotation is linked to it (its own reported words are then
    /// not taken as well).
    quoted_frames: Vec<bool>,
}

impl Found {
    /// Nothing found yet for `people` people and `frames` frames.
    fn new(people: usize, frames: usize) -> Self {
        Found {
            quotes: vec![Vec::new(); people],
            first_seen: vec![None; people],
            quoted_frames: vec![false; frames],
        }
    }

    /// The quotations linked to a frame, as the words of that frame's speakers.
    fn quotations(
        &mut self,
        doc: &Doc,
        spans: &[quotes::Span],
        links: &[Option<usize>],
        speakers_of: &[Vec<usize>],
        words: Words,
    ) {
        for (span, link) in spans.iter().zip(links) {
            let Some(f) = *link else { continue };
            self.quoted_frames[f] = true;
            let Some((a, b)) = span.inner() else { continue };
            for &p in &speakers_of[f] {
                push_quote(doc, &mut self.quotes[p], a, b, words);
                self.first_seen[p] = Some(self.first_seen[p].map_or(a, |s| s.min(a)));
            }
        }
    }

    /// The frames' own reported words, for the frames no quotation is linked to.
    fn frames(&mut self, doc: &Doc, frames: &[Frame], speakers_of: &[Vec<usize>], words: Words) {
        for (f, frame) in frames.iter().enumerate() {
            for &p in &speakers_of[f] {
                let start = frame.start;
                self.first_seen[p] = Some(self.first_seen[p].map_or(start, |s| s.min(start)));
                if !self.quoted_frames[f] {
                    if let Some((a, b)) = frame.content {
                        push_quote(doc, &mut self.quotes[p], a, b, words);
                    }
                }
            }
        }
    }

    /// The people who were attributed words, in order of their first words, as speakers.
    fn into_speakers(mut self, people: &People) -> Vec<Speaker> {
        let mut order: Vec<(usize, usize)> = self
            .first_seen
            .iter()
            .enumerate()
            .filter_map(|(p, seen)| seen.map(|s| (s, p)))
            .collect();
        order.sort_unstable();
        order
            .into_iter()
            .map(|(_, p)| {
                let person = &people.people[p];
                let mut speaker_quotes = std::mem::take(&mut self.quotes[p]);
                speaker_quotes.sort_by_key(|q| q.start);
                Speaker {
                    name: person.name.clone(),
                    aliases: person
                        .forms
                        .iter()
                        .filter(|f| **f != person.name)
                        .cloned()
                        .collect(),
                    role: person.role.clone(),
                    quotes: speaker_quotes,
                }
            })
            .collect()
    }
}

/// Every capitalised run in the text that reads as a name, in text order.
fn name_runs(doc: &Doc) -> Vec<Candidate> {
    (0..doc.len())
        .filter(|&i| {
            // A run starts after a lower-case word or after a possessive ("Japan's Prime
            // Minister Yasuhiro Nakasone").
            doc.is_capitalised(i)
                && (i == 0 || !doc.is_capitalised(i - 1) || doc.text(i - 1).ends_with("'s"))
        })
        .filter_map(|i| names::run_starting_at(doc, i))
        .collect()
}

/// The people a frame attributes words to: its subject (a name, or the person a pronoun
/// stands for) and a second name joined by `and`.
fn speakers_in(
    doc: &Doc,
    people: &mut People,
    frame: &Frame,
    spoke: &[(usize, usize)],
    signs: &Signs,
) -> Vec<usize> {
    let mut found = Vec::new();
    let mut partner_is_person = false;
    let mut named = |c: &Candidate, role: Option<String>, partner: bool| {
        let role = role.or_else(|| signs.role_of(c));
        let may_start = c.title.is_some()
            || (c.words(doc) >= 2 && (signs.is_person(c) || role.is_some() || partner));
        people.mention(doc, c, || role, may_start)
    };
    // `Commissioners William Seale and Kalo Hineman told`: two people named together.
    if let Some(c) = &frame.with {
        let partner = named(c, None, false);
        partner_is_person = partner.is_some();
        found.extend(partner);
    }
    match &frame.subject {
        Subject::Name(c) => {
            let role = frame.apposition.map(|(a, b)| doc.span(a, b));
            found.extend(named(c, role, partner_is_person));
        }
        Subject::Pronoun(at, gender) => found.extend(people.pronoun(doc, *at, *gender, spoke)),
        Subject::Nobody => {}
    }
    found.dedup();
    found
}

fn push_quote(doc: &Doc, quotes: &mut Vec<Quote>, a: usize, b: usize, words: Words) {
    let start = doc.tokens[a].start;
    if quotes.iter().any(|q| q.start == start) {
        return;
    }
    quotes.push(Quote {
        text: match words {
            Words::Copied => doc.span(a, b),
            Words::RangeOnly => String::new(),
        },
        start,
        end: doc.tokens[b].end,
    });
}

#[cfg(test)]
mod tests;
