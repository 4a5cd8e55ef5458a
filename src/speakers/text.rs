//! The body as tokens with byte offsets: words, punctuation, quotation marks and
//! paragraph breaks, with sentence and paragraph numbers for every token.

use super::lexicon;
use crate::ascii;

/// Which way a quotation mark faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// An opening mark: `“`, `„` or `«`.
    Open,
    /// A closing mark: `”` or `»`.
    Close,
    /// A straight `"`: its direction comes from pairing.
    Either,
}

/// What a token is, which is all most rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters and digits, joined by an inner `'`, `’`, `-` or `.` ("O'Neill", "3.5").
    Word,
    /// Any other character that is not white space or a quotation mark.
    Punct(char),
    /// A quotation mark, with the way it faces.
    Quote(Mark),
    /// A paragraph boundary (blank line or an indented new line).
    Break,
}

/// The case of a word's first letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Upper case: the word may be (part of) a name.
    Upper,
    /// Lower case.
    Lower,
    /// No case: a digit or another character without one, or a token that is not a word.
    None,
}

/// One token of the body, with what the rules ask of it worked out once.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// What the token is.
    pub kind: Kind,
    /// The case of a word's first letter (`None` for other tokens).
    pub case: Case,
    /// Byte offset of the token in the body.
    pub start: usize,
    /// Byte offset just after the token.
    pub end: usize,
    /// The number of its sentence, counted from 0 in text order.
    pub sentence: u32,
    /// The number of its paragraph, counted from 0 in text order.
    pub paragraph: u32,
}

/// A tokenised body. `lower` is the body with ASCII letters lower-cased, so it shares
/// every byte offset with `text`.
pub struct Doc<'a> {
    /// The body as given.
    pub text: &'a str,
    lower: String,
    /// Every token of the body, in text order; a token's index is its place everywhere.
    pub tokens: Vec<Token>,
    /// In text order, the words that may start an attribution frame (those that pass
    /// [`lexicon::might_start_frame`]) and every `by`: noted while the word is at hand,
    /// so that the frame scan looks at these alone rather than at every token.
    pub frame_starts: Vec<usize>,
    // Numbering state while tokenising: a sentence ends at `.`, `!` or `?` (and any
    // closing quotation mark right after it) or at a paragraph break.
    sentence: u32,
    paragraph: u32,
    ended: bool,
}

thread_local! {
    /// A finished document's buffers, kept for the next one on the same thread.
    static SPARE: std::cell::Cell<(String, Vec<Token>, Vec<usize>)> = const {
        std::cell::Cell::new((String::new(), Vec::new(), Vec::new()))
    };
}

/// Buffers bigger than this go back to the allocator instead of being kept.
const SPARE_BYTES: usize = 1 << 20;

impl Drop for Doc<'_> {
    fn drop(&mut self) {
        let mut lower = std::mem::take(&mut self.lower);
        let mut tokens = std::mem::take(&mut self.tokens);
        let mut starts = std::mem::take(&mut self.frame_starts);
        let bytes = lower.capacity()
            + tokens.capacity() * std::mem::size_of::<Token>()
            + starts.capacity() * std::mem::size_of::<usize>();
        if bytes <= SPARE_BYTES {
            lower.clear();
            tokens.clear();
            starts.clear();
            SPARE.set((lower, tokens, starts));
        }
    }
}

/// Where a word that starts at `from` (after its first character) ends: letters and
/// digits, joined by `'`, `’`, `-` or `.` when a letter or digit follows.
fn word_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = from;
    loop {
        // ASCII letters and digits, the common case.
        end = ascii::run_end(bytes, end, true);
        let Some(&b) = bytes.get(end) else {
            return end;
        };
        let (c, len) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = text[end..].chars().next().unwrap_or(' ');
            (c, c.len_utf8())
        };
        if c.is_alphanumeric() {
            end += len;
            continue;
        }
        let joins = matches!(c, '\'' | '\u{2019}' | '-' | '.');
        if joins
            && text[end + len..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            end += len;
            continue;
        }
        return end;
    }
}

/// The length of a ticker symbol like `<CNP>` at the start of `bytes`.
fn ticker_len(bytes: &[u8]) -> Option<usize> {
    let close = bytes.iter().take(16).position(|&b| b == b'>')?;
    let inner = &bytes[1..close];
    let ticker = !inner.is_empty()
        && inner
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-'));
    ticker.then_some(close + 1)
}

/// Abbreviations whose full stop does not end a sentence.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sen", "rep", "gov", "gen", "col", "capt", "lt",
    "sgt", "rev", "fr", "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "mt", "ft",
    "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "approx", "est",
    "dept",
];

impl<'a> Doc<'a> {
    /// Tokenises `text`, in the buffers the thread's previous document left.
    pub fn new(text: &'a str) -> Self {
        // The buffers of this thread's last document, emptied: no fresh memory per article.
        let (mut lower, mut tokens, frame_starts) = SPARE.take();
        lower.push_str(text);
        lower.make_ascii_lowercase();
        tokens.reserve(text.len() / 5);
        let mut doc = Doc {
            text,
            lower,
            tokens,
            frame_starts,
            sentence: 0,
            paragraph: 0,
            ended: false,
        };
        doc.tokenise();
        doc
    }

    /// The number of tokens.
    #[inline]
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The token's text as written.
    #[inline]
    pub fn text(&self, i: usize) -> &'a str {
        let t = &self.tokens[i];
        &self.text[t.start..t.end]
    }

    /// The token's text with ASCII letters lower-cased and a trailing full stop dropped.
    #[inline]
    pub fn lower(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        let end = if self.lower.as_bytes()[t.end - 1] == b'.' && t.end - t.start > 1 {
            t.end - 1
        } else {
            t.end
        };
        &self.lower[t.start..end]
    }

    /// The token is the lower-case word `word` (an ASCII word without a full stop).
    #[inline]
    pub fn is(&self, i: usize, word: &str) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.end - t.start == word.len() && t.case == Case::Lower)
            && self.lower.as_bytes()[self.tokens[i].start..self.tokens[i].end] == *word.as_bytes()
    }

    /// The token folded for a word-list lookup: its lower-case form when it is ASCII,
    /// accents and case folded otherwise, without a possessive `'s`.
    pub fn key(&self, i: usize) -> std::borrow::Cow<'_, str> {
        let lower = self.lower(i);
        let lower = lower
            .strip_suffix("'s")
            .or_else(|| lower.strip_suffix("\u{2019}s"))
            .unwrap_or(lower);
        if lower.is_ascii() {
            std::borrow::Cow::Borrowed(lower)
        } else {
            std::borrow::Cow::Owned(crate::keys::fold(lower))
        }
    }

    /// The last byte of the token, lower-cased.
    #[inline]
    pub fn last_byte(&self, i: usize) -> u8 {
        self.text.as_bytes()[self.tokens[i].end - 1].to_ascii_lowercase()
    }

    /// What token `i` is.
    #[inline]
    pub fn kind(&self, i: usize) -> Kind {
        self.tokens[i].kind
    }

    /// Token `i` exists and is a word.
    #[inline]
    pub fn is_word(&self, i: usize) -> bool {
        i < self.tokens.len() && self.tokens[i].kind == Kind::Word
    }

    /// A word that starts with an upper-case letter.
    #[inline]
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.case == Case::Upper)
    }

    /// A word written in lower case.
    #[inline]
    pub fn is_lower_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.case == Case::Lower)
    }

    /// Token `i` exists and is the punctuation `c`.
    #[inline]
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        i < self.tokens.len() && self.tokens[i].kind == Kind::Punct(c)
    }

    /// Token `i` exists and is a quotation mark, facing either way.
    #[inline]
    pub fn is_quote(&self, i: usize) -> bool {
        i < self.tokens.len() && matches!(self.tokens[i].kind, Kind::Quote(_))
    }

    /// Ends a sentence or a paragraph.
    #[inline]
    pub fn is_boundary(&self, i: usize) -> bool {
        matches!(
            self.tokens[i].kind,
            Kind::Break | Kind::Punct('.') | Kind::Punct('!') | Kind::Punct('?')
        )
    }

    /// Tokens `a` and `b` are in one sentence.
    #[inline]
    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        self.tokens[a].sentence == self.tokens[b].sentence
    }

    /// Tokens `a` and `b` are in one paragraph.
    #[inline]
    pub fn same_paragraph(&self, a: usize, b: usize) -> bool {
        self.tokens[a].paragraph == self.tokens[b].paragraph
    }

    /// The source text from the start of token `a` to the end of token `b`, on one line.
    pub fn span(&self, a: usize, b: usize) -> String {
        let text = &self.text[self.tokens[a].start..self.tokens[b].end];
        // Most spans are one line of ASCII with single spaces: already as they should be.
        let mut space = false;
        let plain = text.bytes().all(|b| {
            let ok = b.is_ascii() && !matches!(b, b'\t'..=b'\r') && !(space && b == b' ');
            space = b == b' ';
            ok
        });
        if plain {
            return text.to_string();
        }
        let mut span = String::with_capacity(text.len());
        for word in text.split_whitespace() {
            if !span.is_empty() {
                span.push(' ');
            }
            span.push_str(word);
        }
        span
    }

    /// A word's case from its first character.
    #[inline]
    fn case_of(&self, start: usize) -> Case {
        let byte = self.text.as_bytes()[start];
        if byte.is_ascii_uppercase() {
            return Case::Upper;
        }
        if byte.is_ascii_lowercase() {
            return Case::Lower;
        }
        if byte < 0x80 {
            return Case::None;
        }
        let first = self.text[start..].chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            Case::Upper
        } else if first.is_lowercase() {
            Case::Lower
        } else {
            Case::None
        }
    }

    #[inline(always)]
    fn push(&mut self, kind: Kind, start: usize, end: usize) {
        let case = match kind {
            Kind::Word => self.case_of(start),
            _ => Case::None,
        };
        if self.ended && !matches!(kind, Kind::Quote(Mark::Close)) {
            self.sentence += 1;
            self.ended = false;
        }
        if kind == Kind::Break {
            self.paragraph += 1;
        }
        self.ended |= matches!(
            kind,
            Kind::Break | Kind::Punct('.') | Kind::Punct('!') | Kind::Punct('?')
        );
        self.tokens.push(Token {
            kind,
            case,
            start,
            end,
            sentence: self.sentence,
            paragraph: self.paragraph,
        });
    }

    /// A line ends at `at`: a paragraph breaks at a blank line or an indented next line.
    fn newline(&mut self, at: usize) {
        let rest = &self.text.as_bytes()[at + 1..];
        let blank = rest
            .iter()
            .take_while(|b| **b == b' ' || **b == b'\t' || **b == b'\r')
            .count();
        let next = rest.get(blank);
        let indented = blank >= 2 || rest.first() == Some(&b'\t');
        let breaks = next == Some(&b'\n') || (indented && next.is_some());
        if breaks && self.tokens.last().map(|t| t.kind) != Some(Kind::Break) {
            self.push(Kind::Break, at, at + 1);
        }
    }

    /// A word whose first character `first` starts at `at` and ends before `after`:
    /// pushed, and where the text goes on.
    #[inline]
    fn word(&mut self, at: usize, after: usize, first: char) -> usize {
        let bytes = self.text.as_bytes();
        let mut end = word_end(self.text, after);
        // Keep the full stop of an abbreviation or an initial with its word.
        if bytes.get(end) == Some(&b'.') {
            let word = &self.lower[at..end];
            let initial = word.len() == 1 && first.is_uppercase();
            if initial || word.contains('.') || ABBREVIATIONS.contains(&word) {
                end += 1;
            }
        }
        // The word as `lower` reads it: lower case, without a trailing full stop.
        let last = if end - at > 1 && bytes[end - 1] == b'.' {
            end - 1
        } else {
            end
        };
        let word = &self.lower[at..last];
        if lexicon::might_start_frame(word) || word == "by" {
            self.frame_starts.push(self.tokens.len());
        }
        self.push(Kind::Word, at, end);
        end
    }

    fn tokenise(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            // ASCII, the common case, a byte at a time.
            if b < 0x80 {
                match b {
                    b'\n' => self.newline(at),
                    b' ' | b'\t' | b'\r' | 0x0b | 0x0c => {}
                    b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => {
                        at = self.word(at, at + 1, b as char);
                        continue;
                    }
                    b'"' => self.push(Kind::Quote(Mark::Either), at, at + 1),
                    // Wire-service ticker symbols such as `<CNP>` or `<F.BMW>` are not text.
                    b'<' => match ticker_len(&bytes[at..]) {
                        Some(len) => {
                            at += len;
                            continue;
                        }
                        None => self.push(Kind::Punct('<'), at, at + 1),
                    },
                    _ => self.push(Kind::Punct(b as char), at, at + 1),
                }
                at += 1;
                continue;
            }
            let c = text[at..].chars().next().unwrap_or(' ');
            let end = at + c.len_utf8();
            match c {
                c if c.is_whitespace() => {}
                '\u{201C}' | '\u{201E}' | '\u{00AB}' => self.push(Kind::Quote(Mark::Open), at, end),
                '\u{201D}' | '\u{00BB}' => self.push(Kind::Quote(Mark::Close), at, end),
                c if c.is_alphanumeric() => {
                    at = self.word(at, end, c);
                    continue;
                }
                c => self.push(Kind::Punct(c), at, end),
            }
            at = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(doc: &Doc) -> Vec<String> {
        (0..doc.len()).map(|i| doc.text(i).to_string()).collect()
    }

    #[test]
    fn words_keep_abbreviations_initials_and_possessives() {
        let doc = Doc::new("Mr. J. Smith's U.S. firm said: \u{201C}Yes.\u{201D}");
        assert_eq!(
            words(&doc),
            vec![
                "Mr.", "J.", "Smith's", "U.S.", "firm", "said", ":", "\u{201C}", "Yes", ".",
                "\u{201D}"
            ]
        );
        assert_eq!(doc.lower(0), "mr");
        assert_eq!(doc.kind(7), Kind::Quote(Mark::Open));
        assert!(doc.same_sentence(0, 10));
    }

    #[test]
    fn words_that_may_start_a_frame_are_noted_with_every_by() {
        let doc = Doc::new("Mr. Smith said. According to him, the statement by Acme says SAID.");
        let noted: Vec<&str> = doc.frame_starts.iter().map(|&i| doc.text(i)).collect();
        // Case is the frame scan's business: "SAID" is noted, and ruled out there.
        assert_eq!(noted, vec!["said", "According", "by", "says", "SAID"]);
    }

    #[test]
    fn words_end_where_their_letters_and_digits_stop() {
        assert_eq!(word_end("Zurich-based firms", 1), 12);
        assert_eq!(word_end("abcdefghijklmnop qr", 1), 16);
        assert_eq!(word_end("O\u{2019}Neill said", 1), 9);
        assert_eq!(word_end("Zürich, Bern", 1), 7);
    }

    #[test]
    fn ticker_symbols_are_skipped() {
        let doc = Doc::new("Acme Corp <ACME.N> told Reuters a <b>bold</b> plan");
        assert_eq!(
            words(&doc),
            vec![
                "Acme", "Corp", "told", "Reuters", "a", "<", "b", ">", "bold", "<", "/", "b", ">",
                "plan"
            ]
        );
    }

    #[test]
    fn blank_lines_and_indents_break_paragraphs_but_wrapped_lines_do_not() {
        let doc = Doc::new("One line\nwrapped here.\n\nNew one.\n    Indented one.");
        let breaks = (0..doc.len())
            .filter(|&i| doc.kind(i) == Kind::Break)
            .count();
        assert_eq!(breaks, 2);
        assert_eq!(doc.tokens.last().map(|t| t.paragraph), Some(2));
        assert_eq!(doc.span(0, 3), "One line wrapped here");
    }
}
