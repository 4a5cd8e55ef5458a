//! Names in text: capitalised runs split into title, role and name, told apart from
//! organisations; and the romanisation skeleton that makes Andrei and Andrey one key.

use super::lexicon::{self, Gender};
use super::text::Doc;
use crate::keys::fold;

/// Lower-case words allowed inside a name ("Charles de Gaulle", "Ludwig van Beethoven").
#[rustfmt::skip]
const PARTICLES: &[&str] = &[
    "de", "da", "di", "du", "del", "della", "dos", "das", "van", "von", "der", "den", "le",
    "la", "al", "el", "bin", "ben", "ibn", "y", "ter", "zu",
];

/// Lower-case words that may sit inside a role before a name ("deputy finance minister").
#[rustfmt::skip]
const ROLE_MODIFIERS: &[&str] = &[
    "deputy", "vice", "former", "senior", "chief", "assistant", "acting", "interim",
    "executive", "managing", "foreign", "finance", "trade", "defence", "defense", "economy",
    "economic", "prime", "home", "health", "energy", "oil", "labour", "labor", "shadow",
    "junior", "associate", "principal", "lead", "team", "club", "party", "national",
    "regional", "local", "general", "technical", "legal", "research", "policy", "press",
    "opposition", "government", "company", "union", "industry", "market", "investment",
    "fund", "portfolio", "bank", "ministry", "kremlin", "state", "city", "county",
    "council", "environment", "education", "transport", "interior", "justice",
    "agriculture", "culture", "sports", "football", "music", "film", "art", "campaign",
    "election", "veteran", "long-time", "longtime", "co", "joint", "first", "second", "new",
    "outgoing", "incoming",
];

/// A capitalised phrase read as a possible person: `[role] [title] name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// First token of the name itself.
    pub first: usize,
    /// Last token of the name itself, inclusive.
    pub last: usize,
    /// A title right before the name (Mr, Dr, President), with the gender it implies.
    pub title: Option<Gender>,
    /// Tokens of a role before the name ("Kremlin spokesman"), inclusive.
    pub role: Option<(usize, usize)>,
    /// The last name token carries `'s`.
    pub possessive: bool,
}

impl Candidate {
    /// How many name words, not counting initials and particles.
    pub fn words(&self, doc: &Doc) -> usize {
        (self.first..=self.last)
            .filter(|&i| doc.is_capitalised(i) && !is_initial(doc.text(i)))
            .count()
    }

    /// The name as written, without the possessive `'s`.
    pub fn name(&self, doc: &Doc) -> String {
        let text = doc.span(self.first, self.last);
        strip_possessive(&text).to_string()
    }

    /// The name with its title as written ("Mr Blair").
    pub fn form(&self, doc: &Doc) -> String {
        let start = if self.title.is_some() && self.first > 0 {
            self.first - 1
        } else {
            self.first
        };
        strip_possessive(&doc.span(start, self.last)).to_string()
    }

    /// The first word is a known given name.
    pub fn has_given_name(&self, doc: &Doc) -> bool {
        self.words(doc) >= 2 && lexicon::given_name(&doc.key(self.first)).is_some()
    }
}

fn strip_possessive(text: &str) -> &str {
    text.strip_suffix("'s")
        .or_else(|| text.strip_suffix("\u{2019}s"))
        .or_else(|| text.strip_suffix('\''))
        .unwrap_or(text)
}

fn is_initial(word: &str) -> bool {
    word.ends_with('.')
        && word.chars().filter(|c| c.is_alphabetic()).count() <= 2
        && word.chars().all(|c| c.is_alphabetic() || c == '.')
}

/// A word in capitals ("DL", "CEO"), not an initial.
fn is_abbreviation(word: &str) -> bool {
    let text = strip_possessive(word);
    !text.chars().any(char::is_lowercase)
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !is_initial(text)
}

/// A word ending in a possessive (`'s`, `’s`, or a bare apostrophe).
pub(super) fn is_possessive(word: &str) -> bool {
    strip_possessive(word).len() != word.len()
}

fn is_particle(doc: &Doc, i: usize) -> bool {
    doc.is_lower_word(i) && PARTICLES.contains(&doc.lower(i))
}

/// A token that can sit inside a capitalised run: a capitalised word, or a particle or
/// `of`/`for` between capitalised words ("Bank of Japan Governor ...").
fn in_run(doc: &Doc, i: usize) -> bool {
    doc.is_capitalised(i)
}

fn joins_run(doc: &Doc, i: usize) -> bool {
    is_particle(doc, i) || (doc.is_lower_word(i) && matches!(doc.lower(i), "of" | "for"))
}

/// The capitalised run that ends at token `last`, read backwards.
pub fn run_ending_at(doc: &Doc, last: usize) -> Option<Candidate> {
    if !in_run(doc, last) {
        return None;
    }
    let mut first = last;
    while first > 0 {
        let prev = first - 1;
        if in_run(doc, prev) && !is_possessive(doc.text(prev)) {
            first = prev;
        } else if prev > 0 && joins_run(doc, prev) && in_run(doc, prev - 1) {
            first = prev - 1;
        } else {
            break;
        }
    }
    analyse(doc, first, last)
}

/// The capitalised run that starts at token `first`, read forwards.
pub fn run_starting_at(doc: &Doc, first: usize) -> Option<Candidate> {
    if !in_run(doc, first) {
        return None;
    }
    let mut last = first;
    while !is_possessive(doc.text(last)) {
        let next = last + 1;
        if in_run(doc, next) {
            last = next;
        } else if joins_run(doc, next) && in_run(doc, next + 1) {
            last = next + 1;
        } else {
            break;
        }
    }
    analyse(doc, first, last)
}

/// Splits a run into role, title and name; `None` when no person name is left or the name
/// reads as an organisation.
pub fn analyse(doc: &Doc, first: usize, last: usize) -> Option<Candidate> {
    let mut start = first;
    let mut title = None;
    let mut role_end = None;
    // The name starts after the last title or role word that leaves a word after it.
    for i in (first..last).rev() {
        let word = doc.lower(i);
        if let Some(gender) = lexicon::honorific(word) {
            title = Some(gender);
            start = i + 1;
            if i > first {
                role_end = Some(i - 1);
            }
            if lexicon::is_role(word) {
                role_end = Some(i);
            }
            break;
        }
        if lexicon::is_role(word) {
            start = i + 1;
            role_end = Some(i);
            title = Some(Gender::Unknown);
            break;
        }
    }
    // "Guy Mansfield QC": letters after the name mark a person but are not the name.
    let mut last = last;
    let mut suffixed = false;
    // Only after a full name: "Mark IV said" is a company.
    while last > first + 1
        && lexicon::is_name_suffix(doc.lower(last))
        && doc.is_capitalised(last - 2)
    {
        last -= 1;
        suffixed = true;
    }
    // "Gerard Rijk of Inbev": a name ends where `of` or `for` starts.
    let last = (start..=last)
        .find(|&i| doc.is_lower_word(i) && matches!(doc.lower(i), "of" | "for"))
        .map_or(last, |joiner| joiner.saturating_sub(1).max(start));
    // Words that open a sentence are not part of a name.
    while start < last && lexicon::is_not_name(doc.lower(start)) {
        start += 1;
    }
    while start < last && joins_run(doc, start) {
        start += 1;
    }
    if lexicon::is_not_name(doc.lower(start)) && start == last {
        return None;
    }
    // "Browns DL Sheldon Richardson", "Employee Steve Castro": capitalised words before a
    // known given name that open the sentence or hold an abbreviation are a team or a
    // job, not part of the name ("Farhan Aziz Haq" keeps its first name); unless the run
    // names an organisation ("Bank Julius Baer").
    if title.is_none() && last >= start + 2 && lexicon::given_name(&doc.key(start)).is_none() {
        let organisation = (first..=last).any(|i| lexicon::is_organisation_word(&doc.key(i)));
        let given = (start + 1..last).find(|&k| lexicon::given_name(&doc.key(k)).is_some());
        let opens = start == 0 || !doc.same_sentence(start - 1, start);
        if let Some(given) = given.filter(|&given| {
            !organisation && (opens || (start..given).any(|i| is_abbreviation(doc.text(i))))
        }) {
            start = given;
        }
    }
    let candidate = Candidate {
        first: start,
        last,
        title: title
            .filter(|_| start > first)
            .or(suffixed.then_some(Gender::Unknown)),
        role: None,
        possessive: is_possessive(doc.text(last)),
    };
    if !looks_like_person_name(doc, &candidate) {
        return None;
    }
    let role = role_end
        .filter(|_| start > first)
        .and_then(|end| checked_role(doc, extend_role_back(doc, first), end))
        .or_else(|| role_before(doc, start));
    Some(Candidate { role, ..candidate })
}

fn looks_like_person_name(doc: &Doc, candidate: &Candidate) -> bool {
    let words = candidate.words(doc);
    if words == 0 || words > 4 {
        return false;
    }
    // A title on its own ("General said") names nobody.
    let alone = doc.lower(candidate.first);
    if words == 1 && (lexicon::is_role(alone) || lexicon::honorific(alone).is_some()) {
        return false;
    }
    (candidate.first..=candidate.last).all(|i| {
        let lower_inside = doc.is_lower_word(i) && !is_particle(doc, i);
        if lower_inside {
            return false;
        }
        let text = strip_possessive(doc.text(i));
        let all_caps = is_abbreviation(text);
        let word = doc.key(i);
        !(all_caps
            || word.ends_with("-based")
            || lexicon::is_organisation_word(&word)
            || lexicon::is_not_name(&word)
            || text.bytes().any(|b| b.is_ascii_digit()))
    })
}

/// A role phrase without the sentence openers in front, if it holds a role word.
fn checked_role(doc: &Doc, mut start: usize, end: usize) -> Option<(usize, usize)> {
    while start < end
        && lexicon::is_not_name(doc.lower(start))
        && !lexicon::is_role(doc.lower(start))
    {
        start += 1;
    }
    (start..=end)
        .any(|i| lexicon::is_role(doc.lower(i)))
        .then_some((start, end))
}

/// A role written right before a name in lower case ("Kremlin spokesman Dmitry Peskov").
/// A bond issue's "lead manager" is a bank, not a person.
fn role_before(doc: &Doc, name_start: usize) -> Option<(usize, usize)> {
    let end = name_start.checked_sub(1)?;
    if !doc.is_word(end) || !lexicon::is_role(doc.lower(end)) {
        return None;
    }
    if doc.lower(end) == "manager"
        && end > 0
        && matches!(doc.lower(end - 1), "lead" | "co-lead" | "joint")
    {
        return None;
    }
    checked_role(doc, extend_role_back(doc, end), end)
}

/// Walks back over the words of a role phrase: roles, modifiers, capitalised words,
/// possessives and `of`.
fn extend_role_back(doc: &Doc, from: usize) -> usize {
    let mut start = from;
    while start > 0 {
        let prev = start - 1;
        if !doc.is_word(prev) {
            break;
        }
        let word = doc.lower(prev);
        let fits = lexicon::is_role(word)
            || ROLE_MODIFIERS.contains(&word)
            || (doc.is_capitalised(prev) && !lexicon::is_not_name(word))
            || (matches!(word, "of" | "for") && doc.is_capitalised(start));
        if !fits || lexicon::is_cue(word) {
            break;
        }
        start = prev;
    }
    while start < from && matches!(doc.lower(start), "of" | "for") {
        start += 1;
    }
    start
}

/// A role in apposition after a name: `Name, head of the Council, said`. Returns the
/// role's tokens (inclusive) without a leading article.
pub fn apposition_after(doc: &Doc, name_last: usize) -> Option<(usize, usize)> {
    let comma = name_last + 1;
    if !doc.is_punct(comma, ',') {
        return None;
    }
    let mut start = comma + 1;
    while doc.is_word(start) && matches!(doc.lower(start), "the" | "a" | "an") {
        start += 1;
    }
    let mut end = start;
    let mut has_role = false;
    while end < doc.len() && end < start + 20 {
        if !doc.is_word(end) && !doc.is_punct(end, '-') && !doc.is_punct(end, '&') {
            break;
        }
        let word = doc.lower(end);
        // `Name, chairman of Acme Corp told Reuters`: the cue ends the role.
        if lexicon::is_cue(word) && doc.is_lower_word(end) {
            break;
        }
        if matches!(word, "who" | "which" | "whose" | "whom" | "where") {
            return None;
        }
        has_role |= lexicon::is_role(word);
        end += 1;
    }
    (has_role && end > start && (end == doc.len() || !doc.is_quote(end))).then(|| (start, end - 1))
}

/// The romanisation skeleton of one name word: folded, then spelling variants of
/// transliteration merged (Andrei/Andrey, Dmitry/Dmitri/Dmitriy, Alexei/Aleksei,
/// Yevgeny/Evgeny), while an added letter (Ivanov/Ivanova) still tells names apart.
pub fn skeleton(word: &str) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    skeleton_into(&mut out, word);
    out
}

/// [`skeleton`], written at the end of `out` (which must not end with a letter or digit).
pub fn skeleton_into(out: &mut String, word: &str) {
    if word.is_ascii() {
        // Lower-cased a byte at a time, as it is read: no copy of the word.
        skeleton_of_ascii(out, word.as_bytes());
    } else {
        skeleton_of_ascii(out, fold(word).as_bytes());
    }
}

/// The skeleton of an ASCII word, in either case.
fn skeleton_of_ascii(out: &mut String, word: &[u8]) {
    let starts = |prefix: &[u8]| {
        word.len() >= prefix.len() && word[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    // Yevgeny/Evgeny, MacDonald/McDonald.
    let (prefix, letters) = if starts(b"ye") {
        ("e", &word[2..])
    } else if starts(b"mac") {
        ("mc", &word[3..])
    } else {
        ("", word)
    };
    let from = out.len();
    out.push_str(prefix);
    // The last byte of this word's skeleton so far: a letter is not written twice.
    let push = |out: &mut String, c: u8| {
        if out.len() == from || out.as_bytes()[out.len() - 1] != c {
            out.push(char::from(c));
        }
    };
    let mut i = 0;
    while i < letters.len() {
        let c = letters[i].to_ascii_lowercase();
        let next = letters.get(i + 1).map(u8::to_ascii_lowercase);
        match (c, next) {
            (c, _) if !c.is_ascii_alphanumeric() => {}
            (b'x', _) => {
                push(out, b'k');
                push(out, b's');
            }
            (b'k', Some(b'h')) => {
                i += 1;
                push(out, b'h');
            }
            (b'i', Some(b'j')) if i + 2 == letters.len() => {
                i += 1;
                push(out, b'i');
            }
            (b'y', _) => push(out, b'i'),
            (b'w', _) => push(out, b'v'),
            (c, _) => push(out, c),
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, last_word: &str) -> Option<(String, Option<String>)> {
        let doc = Doc::new(text);
        let last = (0..doc.len()).find(|&i| doc.text(i) == last_word)?;
        let c = run_ending_at(&doc, last)?;
        Some((c.name(&doc), c.role.map(|(a, b)| doc.span(a, b))))
    }

    #[test]
    fn titles_and_roles_are_split_from_the_name() {
        assert_eq!(
            run("Treasury Secretary James Baker said", "Baker"),
            Some(("James Baker".into(), Some("Treasury Secretary".into())))
        );
        assert_eq!(
            run("the Kremlin spokesman Dmitry Peskov said", "Peskov"),
            Some(("Dmitry Peskov".into(), Some("Kremlin spokesman".into())))
        );
        assert_eq!(
            run("said Bank of Japan Governor Satoshi Sumita", "Sumita"),
            Some((
                "Satoshi Sumita".into(),
                Some("Bank of Japan Governor".into())
            ))
        );
        assert_eq!(
            run("But Mr Blair said", "Blair"),
            Some(("Blair".into(), None))
        );
        assert_eq!(
            run("Prime Minister John Major", "Major").map(|r| r.0),
            Some("John Major".into())
        );
    }

    #[test]
    fn organisations_and_sentence_openers_are_not_names() {
        assert_eq!(run("the Energy Ministry said", "Ministry"), None);
        assert_eq!(run("OPEC said", "OPEC"), None);
        assert_eq!(run("On Monday officials", "Monday"), None);
        assert_eq!(run("the Bank of England", "England"), None);
    }

    #[test]
    fn appositions_give_roles() {
        let doc = Doc::new("Andrei Kortunov, head of the Russian Council, said");
        assert_eq!(
            apposition_after(&doc, 1).map(|(a, b)| doc.span(a, b)),
            Some("head of the Russian Council".into())
        );
        let doc = Doc::new("Smith, who runs the firm, said");
        assert_eq!(apposition_after(&doc, 0), None);
    }

    #[test]
    fn skeletons_merge_transliterations_but_not_different_names() {
        assert_eq!(skeleton("Andrei"), skeleton("Andrey"));
        assert_eq!(skeleton("Dmitry"), skeleton("Dmitriy"));
        assert_eq!(skeleton("Dmitri"), skeleton("Dmitry"));
        assert_eq!(skeleton("Alexei"), skeleton("Aleksey"));
        assert_eq!(skeleton("Yevgeny"), skeleton("Evgeny"));
        assert_eq!(skeleton("Echeverría"), skeleton("Echeverria"));
        assert_ne!(skeleton("Ivanov"), skeleton("Ivanova"));
        assert_ne!(skeleton("Brown"), skeleton("Browne"));
        assert_eq!(skeleton("MacDonald"), skeleton("McDonald"));
    }
}
