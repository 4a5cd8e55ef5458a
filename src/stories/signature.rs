//! An article body's content signature: the hashed word shingles of its opening, each
//! with the paragraph it came from, and a hash of the whole text for identical copies.

use std::hash::{Hash, Hasher};

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
    let lines: Vec<Vec<String>> = body
        .lines()
        .map(|line| words(strip_dateline(line)))
        .filter(|words| !words.is_empty())
        .collect();
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
                .filter(|w| w.bytes().any(|b| b.is_ascii_digit()))
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
    let title_words = words(title);
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

/// The words of a line, lower-cased: runs of letters and digits.
fn words(line: &str) -> Vec<String> {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn shingle_hash(words: &[String]) -> u32 {
    let mut hasher = std::hash::DefaultHasher::new();
    words.hash(&mut hasher);
    // The high half: SipHash mixes every bit of its output.
    (hasher.finish() >> 32) as u32
}

fn whole_hash(lines: &[Vec<String>], min_words: usize) -> u64 {
    let count: usize = lines.iter().map(Vec::len).sum();
    if count < min_words {
        return 0;
    }
    let mut hasher = std::hash::DefaultHasher::new();
    for word in lines.iter().flatten() {
        word.hash(&mut hasher);
    }
    // 56 bits: the index keeps a kind beside it (`index::story_data`).
    (hasher.finish() >> 8).max(1)
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
    fn only_the_opening_window_is_shingled() {
        let s = Settings::default();
        let body: Vec<String> = (0..300).map(|n| format!("w{n}")).collect();
        let sig = signature("", &body.join(" "), &s);
        assert_eq!(sig.anchors.len(), s.window - s.shingle + 1);
    }
}
