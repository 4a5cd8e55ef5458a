//! An article body's content signature: the hashed word shingles of its opening, each
//! with the paragraph it came from, and a hash of the whole text for identical copies.

/// How signatures are made and matched. [`Settings::default`] holds the measured choice
/// (README, "Copies of one story").
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Words per shingle.
    pub shingle: usize,
    /// Words of the body's opening that are shingled: copies cut to their first paragraphs
    /// still hold them.
    pub window: usize,
    /// A shingle is kept when its hash has these bits clear: 0 keeps every one, 1 half.
    pub sample: u32,
    /// Bodies of at least this many words are also matched whole.
    pub exact_words: usize,
    /// Anchors a match on the body alone must share; a match that the headline confirms
    /// needs two.
    pub min_shared: usize,
    /// The share of the smaller signature's anchors a match must hold.
    pub containment: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            shingle: 5,
            window: 100,
            sample: 0,
            exact_words: 30,
            min_shared: 4,
            containment: 0.3,
        }
    }
}

/// One shingle's hash and the paragraph (0-based, among those shingled) it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Anchor {
    /// The shingle's hash.
    pub hash: u32,
    /// The paragraph it starts in.
    pub line: u8,
}

/// A body's signature.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signature {
    /// The opening's shingles, by hash, each once.
    pub anchors: Vec<Anchor>,
    /// The paragraphs the anchors come from.
    pub lines: u8,
    /// The numbers in the shingled opening, by hash, each once: reports written to one
    /// template differ in them, copies do not.
    pub numbers: Vec<u32>,
    /// The headline's word pairs, by hash, each once: evidence for short bodies.
    pub title: Vec<u32>,
    /// A 56-bit hash of every word of the body, when it has at least [`Settings::exact_words`]
    /// words; 0 otherwise.
    pub exact: u64,
}

/// A dateline ("LONDON, March 3 (Reuters) - ") ends within this many bytes of a paragraph.
const DATELINE_BYTES: usize = 100;

/// The signature of an article with this headline and body.
pub fn signature(title: &str, body: &str, settings: &Settings) -> Signature {
    let lines = paragraphs(body);
    let exact = whole_hash(&lines, settings.exact_words);
    let mut anchors = Vec::new();
    let mut numbers = Vec::new();
    let (mut taken, mut line_no) = (0, 0u8);
    for line in &lines {
        if taken >= settings.window || line_no == u8::MAX {
            break;
        }
        let room = (settings.window - taken).min(line.len());
        let span = &line[..room];
        numbers.extend(
            span.iter()
                .filter(|w| w.figure)
                .map(|w| shingle_hash(std::slice::from_ref(w))),
        );
        // A paragraph shorter than a shingle is one shingle of its own.
        let shingles = span.len().saturating_sub(settings.shingle) + 1;
        for start in 0..shingles {
            let end = (start + settings.shingle).min(span.len());
            let hash = shingle_hash(&span[start..end]);
            if hash & settings.sample == 0 {
                anchors.push(Anchor {
                    hash,
                    line: line_no,
                });
            }
        }
        taken += room;
        line_no += 1;
    }
    anchors.sort_unstable();
    anchors.dedup_by_key(|a| a.hash);
    numbers.sort_unstable();
    numbers.dedup();
    let mut title_words = Vec::new();
    words(title, &mut title_words);
    let mut title: Vec<u32> = title_words.windows(2).map(shingle_hash).collect();
    if title_words.len() == 1 {
        title.push(shingle_hash(&title_words));
    }
    title.sort_unstable();
    title.dedup();
    Signature {
        anchors,
        lines: line_no,
        numbers,
        title,
        exact,
    }
}

/// The words of the body's paragraphs: a paragraph ends at a blank line or where the next
/// line is indented, and a dateline that opens it is left out. Text wrapped at a fixed
/// width ("the company said\nit would") is one paragraph, however another copy wraps it.
fn paragraphs(body: &str) -> Vec<Vec<Word>> {
    let mut paragraphs: Vec<Vec<Word>> = Vec::new();
    let mut open = false;
    for line in body.lines() {
        let text = line.trim();
        if text.is_empty() {
            open = false;
            continue;
        }
        let indented = line.starts_with(char::is_whitespace);
        match paragraphs.last_mut() {
            Some(last) if open && !indented => words(text, last),
            _ => {
                let mut first = Vec::new();
                words(strip_dateline(text), &mut first);
                paragraphs.push(first);
            }
        }
        open = true;
    }
    paragraphs.retain(|words| !words.is_empty());
    paragraphs
}

/// The paragraph without a dateline that opens it.
fn strip_dateline(line: &str) -> &str {
    let mut head = DATELINE_BYTES.min(line.len());
    while !line.is_char_boundary(head) {
        head -= 1;
    }
    match line[..head].find(") - ") {
        Some(at) => &line[at + 4..],
        None => line,
    }
}

/// A word, lower-cased, as a 64-bit hash, and whether it holds a digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Word {
    hash: u64,
    figure: bool,
}

/// FNV-1a's 64-bit offset and prime: each word's bytes are hashed as they are read.
const FNV: (u64, u64) = (0xcbf2_9ce4_8422_2325, 0x0100_0000_01b3);

/// The words of a line, lower-cased: runs of letters and digits ("1.5" is two words:
/// measured, splitting figures finds more copies than keeping them whole).
fn words(line: &str, words: &mut Vec<Word>) {
    let (mut hash, mut len, mut figure) = (FNV.0, 0, false);
    let add = |byte: u8, hash: &mut u64| *hash = (*hash ^ u64::from(byte)).wrapping_mul(FNV.1);
    for c in line.chars() {
        if c.is_ascii_alphanumeric() {
            add(c.to_ascii_lowercase() as u8, &mut hash);
            figure |= c.is_ascii_digit();
        } else if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                for &b in lower.encode_utf8(&mut [0; 4]).as_bytes() {
                    add(b, &mut hash);
                }
            }
        } else {
            if len > 0 {
                words.push(Word { hash, figure });
                (hash, len, figure) = (FNV.0, 0, false);
            }
            continue;
        }
        len += 1;
    }
    if len > 0 {
        words.push(Word { hash, figure });
    }
}

/// Mixes a 64-bit value so that every bit of it moves every bit of the result (the
/// finaliser of SplitMix64).
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A 64-bit hash of words in order.
fn sequence_hash(words: &[Word]) -> u64 {
    words
        .iter()
        .fold(0x9e37_79b9_7f4a_7c15, |h, w| mix(h ^ w.hash))
}

fn shingle_hash(words: &[Word]) -> u32 {
    (sequence_hash(words) >> 32) as u32
}

fn whole_hash(lines: &[Vec<Word>], min_words: usize) -> u64 {
    let count: usize = lines.iter().map(Vec::len).sum();
    if count < min_words {
        return 0;
    }
    let hash = lines.iter().flatten().fold(0, |h, w| mix(h ^ w.hash));
    // 56 bits: the index keeps a kind beside it (`index::story_data`).
    (hash >> 8).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dateline_and_case_do_not_change_the_signature() {
        let s = Settings::default();
        let plain = signature("", "The harbour board voted to raise fees on Monday.", &s);
        let dated = signature(
            "",
            "KESTVIK, May 4 (Harbour Daily) - the Harbour board voted to raise fees on Monday.",
            &s,
        );
        assert_eq!(plain, dated);
        assert_eq!(plain.anchors.len(), 5);
        assert_eq!(plain.exact, 0, "under 30 words: not matched whole");
    }

    #[test]
    fn lines_wrapped_at_any_width_are_one_paragraph() {
        let s = Settings::default();
        let wrapped = "Sandoz AG said it planned a joint venture\nto produce herbicides in the Soviet Union.\n    The company said it had signed a letter.";
        let rewrapped = "Sandoz AG said it planned a\njoint venture to produce herbicides in the Soviet Union.\n\nThe company said it had signed\na letter.";
        assert_eq!(signature("", wrapped, &s), signature("", rewrapped, &s));
        assert_eq!(signature("", wrapped, &s).lines, 2);
    }

    #[test]
    fn words_are_folded_to_lower_case_and_split_at_punctuation() {
        let all = |text: &str| {
            let mut found = Vec::new();
            words(text, &mut found);
            found
        };
        let one = |w: &str| all(w)[0];
        let expected = [
            "fed", "sets", "1", "5", "billion", "at", "6", "1", "8", "pct",
        ]
        .map(one);
        assert_eq!(all("Fed sets 1.5 billion, at 6-1/8 pct."), expected);
        assert_eq!(one("FED"), one("fed"));
        assert_ne!(one("fed"), one("fen"));
        assert!(one("1").figure && !one("pct").figure);
    }

    #[test]
    fn only_the_opening_window_is_shingled() {
        let s = Settings::default();
        let body: Vec<String> = (0..300).map(|n| format!("w{n}")).collect();
        let sig = signature("", &body.join(" "), &s);
        assert_eq!(sig.anchors.len(), s.window - s.shingle + 1);
    }
}
