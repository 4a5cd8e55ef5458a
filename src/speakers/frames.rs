//! Attribution frames: a cue ("said", "according to") with the subject who speaks and the
//! words reported.

use super::lexicon::{self, Gender, CUE_PAIRS};
use super::names::{self, Candidate};
use super::text::{Case, Doc, Kind};

/// Who a frame says is speaking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A name written in the frame ("Dmitry Peskov said", "said Mr Blair").
    Name(Candidate),
    /// `he`/`she` at this token.
    Pronoun(usize, Gender),
    /// Somebody who is not a named person: "the ministry", "analysts", "a spokesman".
    Nobody,
}

/// One attribution in the text: who speaks, where the attribution is and the words it
/// reports, found before any quotation is paired so that quotations can be linked to it.
#[derive(Debug, Clone)]
pub struct Frame {
    /// Who the frame says is speaking.
    pub subject: Subject,
    /// First token of the attribution ("Kremlin spokesman Dmitry Peskov said").
    pub start: usize,
    /// Last token of the attribution, inclusive.
    pub end: usize,
    /// A role stated in apposition ("Kortunov, head of ..., said"), inclusive tokens.
    pub apposition: Option<(usize, usize)>,
    /// A second subject joined by `and` ("Arild Moe and Helge Bergesen said").
    pub with: Option<Candidate>,
    /// The reported words, inclusive tokens.
    pub content: Option<(usize, usize)>,
}

/// Words that may stand between a subject and its cue ("has also said").
#[rustfmt::skip]
const BETWEEN: &[&str] = &[
    "also", "has", "have", "had", "would", "will", "later", "previously", "then",
    "recently", "further", "repeatedly", "once", "publicly", "privately", "separately",
    "earlier", "again", "already", "originally", "initially", "subsequently", "simply",
    "reportedly", "today", "yesterday", "often", "always", "last", "week", "year", "month",
    "now", "yet", "clearly", "openly", "quickly", "himself", "herself", "personally",
    "apparently",
];

const NEGATIONS: &[&str] = &["not", "n't", "never", "didn't", "did", "won't", "wouldn't"];

#[rustfmt::skip]
const PASSIVE: &[&str] = &[
    "is", "was", "are", "were", "been", "being", "be", "get", "got",
];

/// Every attribution frame in the document, in text order.
pub fn find(doc: &Doc) -> Vec<Frame> {
    let mut frames = Vec::new();
    // No other token can start a cue: see `Doc::frame_starts`.
    let mut next = 0;
    for &i in &doc.frame_starts {
        if i < next {
            continue;
        }
        if let Some(cue_end) = cue_at(doc, i) {
            if let Some(frame) = frame_at(doc, i, cue_end) {
                frames.push(frame);
            }
            next = cue_end + 1;
        }
    }
    let nominal = nominal(doc);
    if !nominal.is_empty() {
        frames.extend(nominal);
        frames.sort_by_key(|f| f.start);
    }
    frames
}

/// If a cue starts at `i`, the index of its last token.
fn cue_at(doc: &Doc, i: usize) -> Option<usize> {
    // Most tokens are ruled out here, from the token alone. Every cue word ends in one of
    // these letters (see `lexicon::is_cue`), and all but "According" are lower case.
    let token = doc.tokens.get(i)?;
    let lower_case = token.case == Case::Lower;
    if token.kind != Kind::Word
        || !(lower_case || token.end - token.start == "according".len())
        || !matches!(doc.last_byte(i), b'd' | b'e' | b's' | b't' | b'y' | b'g')
    {
        return None;
    }
    let word = doc.lower(i);
    if !(lower_case || word == "according") || !lexicon::may_start_frame(word) {
        return None;
    }
    if lexicon::is_cue(word) {
        return reports_words(doc, word, i + 1).then_some(i);
    }
    if word == "saying" && i > 0 && doc.is_punct(i - 1, ',') {
        return Some(i);
    }
    let next = i + 1;
    // "The paper quoted Wang as saying ...": see `quoted_name`.
    if word == "quoted"
        && (doc.is_capitalised(next)
            || doc.is_lower_word(next) && lexicon::is_role(doc.lower(next)))
    {
        return Some(i);
    }
    CUE_PAIRS
        .iter()
        .any(|(a, b)| *a == word && doc.is_word(next) && doc.lower(next) == *b)
        .then_some(next)
}

/// `Name welcomed the decision, saying ...`: the words belong to the person who opens
/// the sentence (a name or he/she), and to nobody otherwise.
fn saying(doc: &Doc, cue: usize) -> Option<Frame> {
    if cue == 0 || !doc.is_punct(cue - 1, ',') {
        return None;
    }
    let mut first = cue;
    while first > 0 && doc.same_sentence(first - 1, cue) && doc.kind(first - 1) != Kind::Break {
        first -= 1;
    }
    while first < cue && doc.is_quote(first) {
        first += 1;
    }
    let content = content_after(doc, cue, cue);
    let subject = if let Some(gender) = lexicon::pronoun_gender(doc.lower(first)) {
        Subject::Pronoun(first, gender)
    } else {
        let name = names::run_starting_at(doc, first)?;
        // The name must be the whole subject: "Smith said ..., saying", not "Smith's plan".
        let next = name.last + 1;
        if name.possessive || !doc.is_lower_word(next) {
            return None;
        }
        Subject::Name(name)
    };
    Some(Frame {
        subject,
        start: cue,
        end: cue,
        apposition: None,
        with: None,
        content,
    })
}

/// `quoted NAME as saying ...`: the person named after an active "quoted".
fn quoted_name(doc: &Doc, cue: usize) -> Option<Frame> {
    let name = name_after(doc, cue + 1)?;
    let apposition = names::apposition_after(doc, name.last);
    let after = apposition.map_or(name.last, |(_, e)| e) + 1;
    let after = after + usize::from(doc.is_punct(after, ','));
    if !(doc.is_word(after) && doc.lower(after) == "as") || name.possessive {
        return None;
    }
    let mut from = after + 1;
    while from < doc.len()
        && doc.is_word(from)
        && matches!(doc.lower(from), "saying" | "having" | "said" | "that")
    {
        from += 1;
    }
    Some(Frame {
        subject: Subject::Name(name),
        start: cue,
        end: after,
        apposition,
        with: None,
        content: sentence_from(doc, from),
    })
}

/// Cues that also name actions count only when what follows is reported words:
/// "announced that ..." but not "announced his resignation"; "added the extras" is a
/// kick, "added that ..." is speech.
fn reports_words(doc: &Doc, word: &str, next: usize) -> bool {
    let following = || (next < doc.len()).then(|| doc.lower(next));
    let opens_words = next >= doc.len()
        || doc.is_quote(next)
        || doc.is_punct(next, ':')
        || doc.is_punct(next, ',')
        || doc.is_boundary(next)
        || following() == Some("that");
    match word {
        "announced" | "announces" | "revealed" | "reveals" | "disclosed" | "agreed" | "agrees"
        | "maintained" | "maintains" | "recalled" => opens_words,
        "added" | "adds" => {
            opens_words
                || !matches!(
                    following(),
                    Some(
                        "the"
                            | "a"
                            | "an"
                            | "another"
                            | "his"
                            | "her"
                            | "their"
                            | "its"
                            | "to"
                            | "two"
                            | "three"
                    )
                ) && !doc.text(next).starts_with(|c: char| c.is_ascii_digit())
        }
        _ => true,
    }
}

/// Nouns for words someone gave: "a statement by X that ...", "comments by X".
const NOMINAL_CUES: &[&str] = &[
    "statement",
    "statements",
    "comment",
    "comments",
    "remarks",
    "testimony",
    "speech",
    "letter",
    "assertion",
    "warning",
    "prediction",
    "forecast",
    "announcement",
];

/// `comments by Bundesbank board member Claus Koehler that rate cuts were needed`.
fn nominal_frame(doc: &Doc, by: usize) -> Option<Frame> {
    let mut name = name_after(doc, by + 1)?;
    if name.possessive {
        return None;
    }
    if name.role.is_none() && name.first > by + 1 {
        name.role = Some((by + 1, name.first - 1))
            .filter(|&(a, b)| (a..=b).any(|k| lexicon::is_role(doc.lower(k))));
    }
    let person = name.role.is_some() || name.title.is_some() || name.has_given_name(doc);
    if !person {
        return None;
    }
    let apposition = names::apposition_after(doc, name.last);
    let mut after = apposition.map_or(name.last, |(_, e)| e) + 1;
    // "... Claus Koehler yesterday that ...".
    while after < doc.len()
        && doc.is_lower_word(after)
        && matches!(
            doc.lower(after),
            "yesterday" | "today" | "last" | "week" | "on" | "earlier"
        )
    {
        after += 1;
    }
    let content = (after < doc.len() && doc.is_word(after) && doc.lower(after) == "that")
        .then(|| sentence_from(doc, after + 1))
        .flatten();
    Some(Frame {
        subject: Subject::Name(name),
        start: by,
        end: after.saturating_sub(1),
        apposition,
        with: None,
        content,
    })
}

/// Frames from a noun of speech followed by `by`: "a statement by X".
pub fn nominal(doc: &Doc) -> Vec<Frame> {
    doc.frame_starts
        .iter()
        .copied()
        .filter(|&i| {
            if i == 0 || !doc.is(i, "by") {
                return false;
            }
            // "a statement yesterday by ...".
            let noun = match doc.lower(i - 1) {
                "yesterday" | "today" | "earlier" if i > 1 => i - 2,
                _ => i - 1,
            };
            doc.is_word(noun) && NOMINAL_CUES.contains(&doc.lower(noun))
        })
        .filter_map(|by| nominal_frame(doc, by))
        .collect()
}

fn frame_at(doc: &Doc, cue: usize, cue_end: usize) -> Option<Frame> {
    if cue == cue_end && doc.lower(cue) == "quoted" {
        return quoted_name(doc, cue);
    }
    if doc.lower(cue) == "saying" {
        return saying(doc, cue);
    }
    if doc.lower(cue) == "according" {
        return Some(after_cue(doc, cue, cue_end, true).unwrap_or_else(|| nobody(cue, cue_end)));
    }
    // Walk back over adverbs and auxiliaries to the subject.
    let mut j = cue;
    while j > 0 && doc.is_word(j - 1) && doc.same_sentence(j - 1, cue) {
        let word = doc.lower(j - 1);
        if NEGATIONS.contains(&word) {
            return Some(nobody(cue, cue_end));
        }
        // "is said to be" hears no one; "was quoted as saying" still names the speaker.
        let quoted = doc.lower(cue) == "quoted";
        if PASSIVE.contains(&word) && !quoted {
            return None;
        }
        // "Brooke tearfully asked": an adverb right after a name; but "an election
        // widely expected" is expected by nobody in particular.
        let adverb = word.ends_with("ly")
            && j >= 2
            && doc.is_capitalised(j - 2)
            && !matches!(
                doc.lower(cue),
                "expected" | "believed" | "thought" | "feared" | "hoped" | "seen"
            );
        let skips = BETWEEN.contains(&word) || adverb || (quoted && PASSIVE.contains(&word));
        if !(skips && doc.is_lower_word(j - 1)) {
            break;
        }
        j -= 1;
    }
    let Some(subject_end) = j.checked_sub(1) else {
        return Some(nobody(cue, cue_end));
    };
    let before = doc.kind(subject_end);
    let inverted = matches!(before, Kind::Quote(_))
        || (before == Kind::Punct(',') && subject_end > 0 && doc.is_quote(subject_end - 1));
    if inverted {
        return Some(after_cue(doc, cue, cue_end, false).unwrap_or_else(|| nobody(cue, cue_end)));
    }
    let mut frame = before_cue(doc, subject_end, cue, cue_end)?;
    if before == Kind::Punct(',') && !introduced(doc, &frame) {
        // `Prices will rise, said John Smith, an analyst.`; and `Rain falls on Titan, but
        // the poles are wetter, said co-author Ana Sol, a fellow`: a person introduced
        // after the cue, rather than a bare name before a comma.
        if let Some(inverted) = after_cue(doc, cue, cue_end, false) {
            // "Irons, whose film ..., said he had": a pronoun there opens the words.
            let named = matches!(inverted.subject, Subject::Name(_));
            if frame.subject == Subject::Nobody || (named && introduced(doc, &inverted)) {
                return Some(inverted);
            }
        }
    }
    frame.content = content_after(doc, cue, cue_end);
    Some(frame)
}

/// Whether the frame's subject is introduced as a person: by a title, a role, a known
/// given name or an apposition.
fn introduced(doc: &Doc, frame: &Frame) -> bool {
    match &frame.subject {
        Subject::Name(c) => {
            frame.apposition.is_some()
                || c.title.is_some()
                || c.role.is_some()
                || c.has_given_name(doc)
        }
        Subject::Pronoun(..) => true,
        Subject::Nobody => false,
    }
}

/// Words that open a phrase of where, when or how something was said.
const PREPOSITIONS: &[&str] = &[
    "about", "after", "at", "before", "by", "during", "for", "from", "in", "of", "on", "over",
    "to", "via", "with", "without",
];

fn nobody(start: usize, end: usize) -> Frame {
    Frame {
        subject: Subject::Nobody,
        start,
        end,
        apposition: None,
        with: None,
        content: None,
    }
}

/// The subject that ends at `last`, right before the cue.
fn before_cue(doc: &Doc, last: usize, cue: usize, cue_end: usize) -> Option<Frame> {
    let word = doc.lower(last);
    if let Some(gender) = lexicon::pronoun_gender(word).filter(|_| doc.is_word(last)) {
        return Some(Frame {
            subject: Subject::Pronoun(last, gender),
            start: last,
            end: cue_end,
            apposition: None,
            with: None,
            content: None,
        });
    }
    // "Pirro's comments", with either apostrophe: the name owns the noun, it does not speak.
    if doc.is_capitalised(last) && !names::is_possessive(doc.text(last)) {
        if let Some(name) = names::run_ending_at(doc, last) {
            let mut frame = named(name, None, cue_end);
            frame.with = coordinated(doc, frame.start);
            return Some(frame);
        }
        // `Henry Rosenberg, chairman of Crown Petroleum Corp told Reuters`, or
        // `David Graham from the FDA's Office of Drug Safety told the panel`.
        let frame = apposition_subject(doc, last, cue, cue_end, true)
            .or_else(|| affiliated_subject(doc, last, cue_end));
        return Some(frame.unwrap_or_else(|| nobody(last, cue_end)));
    }
    // `Baker and other finance ministers say`: a name joined to a plain noun phrase.
    if doc.is_lower_word(last) {
        let mut k = last;
        while k > 0 && last - k < 5 && doc.is_lower_word(k) && doc.lower(k) != "and" {
            k -= 1;
        }
        if doc.is_lower_word(k) && doc.lower(k) == "and" && k > 0 {
            if let Some(name) = names::run_ending_at(doc, k - 1).filter(|c| !c.possessive) {
                return Some(named(name, None, cue_end));
            }
        }
    }
    // `Name, who ..., said` or `Name, role, said`: find the name before the opening comma.
    if doc.is_punct(last, ',') || (word == "who" && last > 0 && doc.is_punct(last - 1, ',')) {
        if let Some(frame) = apposition_subject(doc, last, cue, cue_end, false) {
            return Some(frame);
        }
        // A stray comma after a subject: `the MDA's chairman Mike Short, has predicted`.
        if let Some(name) = last
            .checked_sub(1)
            .and_then(|n| names::run_ending_at(doc, n))
        {
            if !name.possessive && (name.role.is_some() || name.title.is_some()) {
                return Some(named(name, None, cue_end));
            }
        }
    }
    Some(nobody(last, cue_end))
}

/// A subject followed by an apposition that ends at `last`: `Name, role(,) said`.
fn apposition_subject(
    doc: &Doc,
    last: usize,
    cue: usize,
    cue_end: usize,
    need_role: bool,
) -> Option<Frame> {
    let mut k = last;
    let mut commas = 0;
    let mut nearest = None;
    while k > 0 && last - k < 30 && commas < 3 {
        k -= 1;
        if doc.is_boundary(k) || doc.is_quote(k) || !doc.same_sentence(k, cue) {
            break;
        }
        if !doc.is_punct(k, ',') || k == last {
            continue;
        }
        commas += 1;
        // `A spokesman for the ministry, Jan Novak, said`: the role comes first.
        if commas == 1 && !need_role && doc.is_punct(last, ',') {
            if let Some(name) = names::run_ending_at(doc, last - 1) {
                let starts = name.role.map_or(name.first, |(a, _)| a);
                if starts == k + 1 && !name.possessive {
                    let role = name.role.or_else(|| role_before_comma(doc, k));
                    return Some(named(name, role, cue_end));
                }
            }
        }
        let Some(name) = k.checked_sub(1).and_then(|n| names::run_ending_at(doc, n)) else {
            continue;
        };
        if name.possessive {
            continue;
        }
        // Of the names before the commas, the one introduced as a person wins:
        // `Tomás Echeverría, chief economist at Banco Austral, one of its lenders, said`.
        let apposition = names::apposition_after(doc, name.last);
        if apposition.is_some() || name.title.is_some() || name.has_given_name(doc) {
            return Some(named(name, apposition, cue_end));
        }
        if nearest.is_none() && !need_role {
            nearest = Some(named(name, None, cue_end));
        }
    }
    nearest
}

/// `Name from the Agency's Office told ...`: the person before an organisation they
/// belong to, joined by `from`, `at`, `of` or `with`.
fn affiliated_subject(doc: &Doc, last: usize, cue_end: usize) -> Option<Frame> {
    let mut k = last;
    while k > 0 && last - k < 10 {
        k -= 1;
        if !doc.is_word(k) {
            return None;
        }
        let word = doc.lower(k);
        if doc.is_lower_word(k) && matches!(word, "from" | "at" | "of" | "with") {
            let name = k.checked_sub(1).and_then(|n| names::run_ending_at(doc, n));
            let person = name.filter(|n| {
                !n.possessive && (n.role.is_some() || n.title.is_some() || n.has_given_name(doc))
            });
            match person {
                Some(name) => return Some(named(name, None, cue_end)),
                // `of` inside the organisation's name: "Office of Fisheries".
                None if word == "of" => continue,
                None => return None,
            }
        }
        if doc.is_lower_word(k) && !matches!(word, "the" | "for" | "and") {
            return None;
        }
    }
    None
}

/// `Their lawyer, Majeed Memon, said`: the role phrase that ends at the comma `comma`.
fn role_before_comma(doc: &Doc, comma: usize) -> Option<(usize, usize)> {
    let end = comma.checked_sub(1)?;
    let mut start = end;
    while start > 0
        && end - start < 10
        && doc.is_word(start - 1)
        && doc.same_sentence(start - 1, end)
    {
        start -= 1;
    }
    while start < end
        && matches!(
            doc.lower(start),
            "the" | "a" | "an" | "their" | "his" | "her" | "its" | "our"
        )
    {
        start += 1;
    }
    (start..=end)
        .any(|i| lexicon::is_role(doc.lower(i)))
        .then_some((start, end))
}

/// `Arild Moe and Helge Bergesen said`: the first of two names joined by `and`.
fn coordinated(doc: &Doc, start: usize) -> Option<Candidate> {
    let mut and = start.checked_sub(1)?;
    // Over the start of a role: "Schroeder and French President Jacques Chirac", "Gibson
    // and his Icon Productions partner Bruce Davey".
    while and > 0
        && start - and < 6
        && (doc.is_capitalised(and)
            || (doc.is_lower_word(and)
                && !matches!(doc.lower(and), "and" | "the" | "a" | "an" | "of")
                && !lexicon::is_cue(doc.lower(and))))
    {
        and -= 1;
    }
    if !(doc.is_lower_word(and) && doc.lower(and) == "and") {
        return None;
    }
    names::run_ending_at(doc, and.checked_sub(1)?).filter(|c| !c.possessive)
}

fn named(name: Candidate, apposition: Option<(usize, usize)>, end: usize) -> Frame {
    let start = name.role.map_or(name.first, |(a, _)| a.min(name.first));
    let start = if name.title.is_some() && name.role.is_none() {
        start.saturating_sub(1)
    } else {
        start
    };
    Frame {
        subject: Subject::Name(name),
        start,
        end,
        apposition,
        with: None,
        content: None,
    }
}

/// `"...," said Name, role` and `according to Name, role, ...`.
fn after_cue(doc: &Doc, cue: usize, cue_end: usize, according: bool) -> Option<Frame> {
    let first = cue_end + 1;
    if !according && doc.is_word(first) {
        if let Some(gender) = lexicon::pronoun_gender(doc.lower(first)) {
            let mut frame = nobody(cue, first);
            frame.subject = Subject::Pronoun(first, gender);
            frame.content = content_before(doc, cue);
            return Some(frame);
        }
    }
    let mut name = name_after(doc, first)?;
    if name.possessive {
        return None;
    }
    if name.role.is_none() && name.first > first {
        name.role = Some((first, name.first - 1))
            .filter(|&(a, b)| (a..=b).any(|k| lexicon::is_role(doc.lower(k))));
    }
    let apposition = names::apposition_after(doc, name.last);
    let end = apposition.map_or(name.last, |(_, e)| e);
    let content =
        if according && cue > 0 && doc.same_sentence(cue - 1, cue) && !doc.is_punct(cue - 1, '(') {
            content_before(doc, cue)
        } else if according {
            let from = end + 1 + usize::from(doc.is_punct(end + 1, ','));
            sentence_from(doc, from)
        } else {
            content_before(doc, cue)
        };
    Some(Frame {
        subject: Subject::Name(name),
        start: cue,
        end,
        apposition,
        with: None,
        content,
    })
}

/// The name after an inverted cue: right there ("said Smith"), or after a role
/// ("said ING analyst Gerard Rijk", "said economy minister Heizo Takenaka").
fn name_after(doc: &Doc, first: usize) -> Option<Candidate> {
    let mut fallback = None;
    for k in first..(first + 8).min(doc.len()) {
        if !doc.is_word(k) {
            // "said study co-author Anezina Solomonidou": a hyphen inside the role.
            let hyphen = doc.is_punct(k, '-') && k > first && doc.is_lower_word(k - 1);
            if hyphen && doc.is_lower_word(k + 1) {
                continue;
            }
            break;
        }
        if !doc.is_capitalised(k) {
            if lexicon::is_cue(doc.lower(k)) || matches!(doc.lower(k), "the" | "a" | "an") {
                break;
            }
            continue;
        }
        if k > first && doc.is_capitalised(k - 1) {
            continue;
        }
        let Some(name) = names::run_starting_at(doc, k) else {
            continue;
        };
        let introduced = name.role.is_some()
            || name.title.is_some()
            || name.has_given_name(doc)
            || (k > first && names::apposition_after(doc, name.last).is_some());
        // After lower-case words that are not where it was said ("said in New York"), a
        // full name is the speaker's, whose role those words are ("said planetary
        // geologist Rosaly Lopes"); whether it is a person's is asked later.
        let after_role = k > first
            && doc.is_lower_word(k - 1)
            && (lexicon::is_role(doc.lower(k - 1))
                || (name.words(doc) >= 2 && !PREPOSITIONS.contains(&doc.lower(k - 1))));
        if introduced || after_role {
            return Some(name);
        }
        if k == first {
            fallback = Some(name);
        }
    }
    fallback
}

/// The words after a cue up to the end of the sentence, skipping `that`, `:` and the
/// listener of `told` ("told reporters that").
fn content_after(doc: &Doc, cue: usize, cue_end: usize) -> Option<(usize, usize)> {
    let mut from = cue_end + 1;
    if matches!(doc.lower(cue), "told" | "tells" | "asked" | "urged") {
        let mut k = from;
        while k < doc.len() && k < from + 8 && doc.is_word(k) && doc.lower(k) != "that" {
            k += 1;
        }
        if k < doc.len() && (doc.is_word(k) || doc.is_punct(k, ',') || doc.is_punct(k, ':')) {
            from = k;
        } else {
            // "told Sputnik." names who was told, and no words follow.
            return None;
        }
    }
    while from < doc.len()
        && (doc.is_punct(from, ',')
            || doc.is_punct(from, ':')
            || (doc.is_word(from) && doc.lower(from) == "that"))
    {
        from += 1;
    }
    let (start, end) = sentence_from(doc, from)?;
    reported_clause(doc, start, end)
}

/// Words after a cue that open with a preposition are where or how it was said ("in a
/// statement", "by hitting him", "about the plan"), not what: the clause is what follows
/// a `that` among the next words, if any ("said on Monday that ..."). A clause of fewer
/// than three words ("he told them") is not one either.
fn reported_clause(doc: &Doc, start: usize, end: usize) -> Option<(usize, usize)> {
    let mut start = start;
    if doc.is_lower_word(start) && PREPOSITIONS.contains(&doc.lower(start)) {
        let that = (start + 1..=end.min(start + 12))
            .find(|&k| doc.is_lower_word(k) && doc.lower(k) == "that")?;
        start = that + 1;
    }
    let words = (start..=end).filter(|&k| doc.is_word(k)).count();
    (words >= 3).then_some((start, end))
}

fn sentence_from(doc: &Doc, from: usize) -> Option<(usize, usize)> {
    if from >= doc.len() || doc.is_boundary(from) {
        return None;
    }
    let mut end = from;
    while end + 1 < doc.len() && doc.same_sentence(from, end + 1) && !doc.is_boundary(end + 1) {
        end += 1;
    }
    Some((from, end))
}

/// The sentence before the attribution at `cue`, without the trailing comma.
fn content_before(doc: &Doc, cue: usize) -> Option<(usize, usize)> {
    let mut end = cue.checked_sub(1)?;
    while end > 0 && (doc.is_punct(end, ',') || doc.is_quote(end) || doc.is_punct(end, '-')) {
        end -= 1;
    }
    let mut start = end;
    while start > 0 && doc.same_sentence(start - 1, end) && doc.kind(start - 1) != Kind::Break {
        start -= 1;
    }
    while start < end && doc.is_quote(start) {
        start += 1;
    }
    (start < end && doc.same_sentence(start, cue)).then_some((start, end))
}
