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
    /// Bodies of at least this many words, and at most [`EXACT_MOST`], are also matched
    /// whole.
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
    /// A hash of every word of the body, when it has from [`Settings::exact_words`] to
    /// [`EXACT_MOST`] words; 0 otherwise.
    pub exact: u64,
}

/// The most words a body matched whole may have. Identical short notices ("... is issuing
/// a 75 mln dlr eurobond due ...") share phrases with so many others that their anchors
/// are not used; an identical longer body is found by its anchors. Measured: every
/// identical-body group in Reuters-21578 that the anchors miss has at most 142 words.
/// Longer bodies are read no further than the opening, which keeps the signature's cost
/// off the rest of a long article.
pub const EXACT_MOST: usize = 200;

/// A dateline ("LONDON, March 3 (Reuters) - ") ends within this many bytes of a paragraph.
const DATELINE_BYTES: usize = 100;

/// The signature of an article with this headline and body.
pub fn signature(title: &str, body: &str, settings: &Settings) -> Signature {
    let opening = opening(body, settings);
    let mut anchors = Vec::with_capacity(opening.words.len());
    let mut numbers = Vec::new();
    let mut line_no = 0u8;
    for span in opening.lines() {
        if line_no == u8::MAX {
            break;
        }
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
        line_no += 1;
    }
    distinct(&mut anchors);
    numbers.sort_unstable();
    numbers.dedup();
    let mut title_words = Vec::new();
    words(title, |word| {
        title_words.push(word);
        true
    });
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
        exact: opening.exact,
    }
}

/// Keeps each anchor once: the first, from the earliest paragraph that holds it. In a
/// small table on the stack, which costs less than sorting the anchors.
fn distinct(anchors: &mut Vec<Anchor>) {
    const SLOTS: usize = 256;
    if anchors.len() > SLOTS / 2 {
        anchors.sort_by_key(|a| (a.hash, a.line));
        anchors.dedup_by_key(|a| a.hash);
        return;
    }
    // A slot holds a hash seen, marked in bit 32 so that a hash of 0 is told from a free
    // slot.
    let mut seen = [0u64; SLOTS];
    anchors.retain(|anchor| {
        let mut at = anchor.hash as usize % SLOTS;
        loop {
            let slot = seen[at];
            if slot == 0 {
                seen[at] = u64::from(anchor.hash) | (1 << 32);
                return true;
            }
            if slot as u32 == anchor.hash {
                return false;
            }
            at = (at + 1) % SLOTS;
        }
    });
}

/// A body's opening, by paragraph, and the hash of all its words.
struct Opening {
    /// The first [`Settings::window`] words.
    words: Vec<Word>,
    /// Where in `words` each paragraph begins.
    starts: Vec<usize>,
    /// A hash of every word, when there are from [`Settings::exact_words`] to
    /// [`EXACT_MOST`]; 0 otherwise.
    exact: u64,
}

impl Opening {
    /// The opening's words, a paragraph at a time.
    fn lines(&self) -> impl Iterator<Item = &[Word]> {
        let ends = self.starts.iter().skip(1).copied();
        let ends = ends.chain(std::iter::once(self.words.len()));
        self.starts
            .iter()
            .zip(ends)
            .map(|(&start, end)| &self.words[start..end])
    }
}

/// The words of the body's opening, by paragraph: a paragraph ends at a blank line or
/// where the next line is indented, and a dateline that opens it is left out. Text
/// wrapped at a fixed width ("the company said\nit would") is one paragraph, however
/// another copy wraps it. Words past the opening are only hashed, and only while the body
/// may still be short enough to match whole.
fn opening(body: &str, settings: &Settings) -> Opening {
    let mut opening = Opening {
        words: Vec::with_capacity(settings.window),
        starts: Vec::new(),
        exact: 0,
    };
    let (mut taken, mut count, mut whole) = (0, 0, 0);
    // Whether the paragraph last begun can take the next line, and whether it has words.
    let (mut open, mut started) = (false, false);
    // Words are read while the opening needs them or the body may be short enough to be
    // matched whole.
    let wanted = |taken: usize, count: usize| taken < settings.window || count <= EXACT_MOST;
    for line in body.lines() {
        if !wanted(taken, count) {
            break;
        }
        let text = line.trim();
        if text.is_empty() {
            open = false;
            continue;
        }
        let joins = open && !line.starts_with(char::is_whitespace);
        if !joins {
            started = false;
        }
        let text = if joins { text } else { strip_dateline(text) };
        words(text, |word| {
            count += 1;
            whole = mix(whole ^ word.hash);
            if taken < settings.window {
                if !started {
                    opening.starts.push(opening.words.len());
                    started = true;
                }
                opening.words.push(word);
                taken += 1;
            }
            wanted(taken, count)
        });
        open = true;
    }
    if (settings.exact_words..=EXACT_MOST).contains(&count) {
        opening.exact = whole.max(1);
    }
    opening
}

/// The paragraph without a dateline that opens it.
fn strip_dateline(line: &str) -> &str {
    let mut head = DATELINE_BYTES.min(line.len());
    while !line.is_char_boundary(head) {
        head -= 1;
    }
    let head = &line.as_bytes()[..head];
    let mut from = 0;
    while let Some(found) = memchr::memchr(b')', &head[from..]) {
        let at = from + found;
        if head[at..].starts_with(b") - ") {
            return &line[at + 4..];
        }
        from = at + 1;
    }
    line
}

/// A word, lower-cased, as a 64-bit hash, and whether it holds a digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Word {
    hash: u64,
    figure: bool,
}

/// A word's bytes as they are read, eight to a 64-bit block: one multiply-mix a block,
/// where hashing byte by byte (FNV) waited on a multiply for every byte.
#[derive(Clone, Copy)]
struct Packer {
    hash: u64,
    pending: u64,
    filled: u32,
}

impl Packer {
    const EMPTY: Packer = Packer {
        hash: 0x9e37_79b9_7f4a_7c15,
        pending: 0,
        filled: 0,
    };

    fn byte(&mut self, byte: u8) {
        self.pending = (self.pending << 8) | u64::from(byte);
        self.filled += 1;
        if self.filled == 8 {
            self.hash = mix(self.hash ^ self.pending);
            (self.pending, self.filled) = (0, 0);
        }
    }

    fn finish(self) -> u64 {
        mix(self.hash ^ self.pending ^ (u64::from(self.filled) << 60))
    }
}

/// The words of a line, lower-cased: runs of letters and digits ("1.5" is two words:
/// measured, splitting figures finds more copies than keeping them whole).
/// `each` is given the words in order until it returns false. A word of ASCII letters and
/// digits, nearly every word of English news, is found and hashed a block at a time;
/// a word with other letters goes through [`Packer`] a byte at a time, to the same hash.
fn words(line: &str, mut each: impl FnMut(Word) -> bool) {
    let bytes = line.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii() && !byte.is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let end = at + ascii_run(&bytes[at..]);
        let word = match line.get(end..).and_then(|rest| rest.chars().next()) {
            // A word with other letters, or a character other than ASCII to look at.
            Some(c) if !c.is_ascii() && (end == at || c.is_alphanumeric()) => {
                let (word, len) = any_word(&line[at..]);
                if len == 0 {
                    at += c.len_utf8();
                    continue;
                }
                at += len;
                word
            }
            _ => {
                let word = ascii_word(&bytes[at..end]);
                at = end;
                word
            }
        };
        if !each(word) {
            return;
        }
    }
}

/// The length of the ASCII letters and digits that open `bytes`.
fn ascii_run(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(bytes.len())
}

/// A word of ASCII letters and digits, hashed as [`Packer`] would: eight bytes to a block.
fn ascii_word(word: &[u8]) -> Word {
    // Letters and digits differ from their lower case at most in bit 5, which lower case
    // and digits have set.
    const LOWER: u64 = 0x2020_2020_2020_2020;
    let mut hash = Packer::EMPTY.hash;
    let mut rest = word;
    while let Some((block, tail)) = rest.split_first_chunk::<8>() {
        hash = mix(hash ^ (u64::from_be_bytes(*block) | LOWER));
        rest = tail;
    }
    let pending = rest
        .iter()
        .fold(0u64, |pending, &b| (pending << 8) | u64::from(b | 0x20));
    Word {
        hash: mix(hash ^ pending ^ ((rest.len() as u64) << 60)),
        figure: word.iter().any(u8::is_ascii_digit),
    }
}

/// The word that opens `text`, of any letters and digits, and its length in bytes (0
/// when `text` does not open with a letter or digit).
fn any_word(text: &str) -> (Word, usize) {
    let (mut packer, mut figure) = (Packer::EMPTY, false);
    let mut len = 0;
    for c in text.chars() {
        if !c.is_alphanumeric() {
            break;
        }
        len += c.len_utf8();
        figure |= c.is_ascii_digit();
        for lower in c.to_lowercase() {
            for &b in lower.encode_utf8(&mut [0; 4]).as_bytes() {
                packer.byte(b);
            }
        }
    }
    let word = Word {
        hash: packer.finish(),
        figure,
    };
    (word, len)
}

/// Mixes a 64-bit value so that every bit of it moves every bit of the result (the
/// finaliser of SplitMix64).
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// A hash of a few words in order: each word's hash turned by its position, then mixed
/// once.
fn shingle_hash(words: &[Word]) -> u32 {
    let combined = words
        .iter()
        .zip((0..).step_by(13))
        .fold(words.len() as u64, |h, (w, turn)| {
            h ^ w.hash.rotate_left(turn)
        });
    (mix(combined) >> 32) as u32
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
            words(text, |word| {
                found.push(word);
                true
            });
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
    fn the_whole_body_hash_ignores_layout_case_and_punctuation_but_not_words() {
        let s = Settings::default();
        let exact = |body: &str| signature("", body, &s).exact;
        let words: Vec<String> = (0..40).map(|n| format!("Wörd{n}")).collect();
        let plain = exact(&words.join(" "));
        assert_ne!(plain, 0);
        let laid_out = format!(
            "{},\n{}\n\n  {}.",
            words[..10].join(" "),
            words[10..25].join(" - "),
            words[25..].join("  ")
        );
        assert_eq!(exact(&laid_out), plain);
        assert_eq!(exact(&words.join(" ").to_uppercase()), plain);
        assert_ne!(exact(&words.join(" ").replace("Wörd7 ", "Wörd8 ")), plain);
        assert_ne!(
            exact(&words.join(" ").replacen(' ', "", 1)),
            plain,
            "two words glued"
        );
        assert_ne!(exact(&words[..39].join(" ")), plain, "a word dropped");
        let long = |n: usize| {
            (0..n)
                .map(|n| format!("w{n}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_ne!(exact(&long(EXACT_MOST)), 0);
        assert_eq!(
            exact(&long(EXACT_MOST + 1)),
            0,
            "found by its anchors instead"
        );
    }

    #[test]
    fn only_the_opening_window_is_shingled() {
        let s = Settings::default();
        let body: Vec<String> = (0..300).map(|n| format!("w{n}")).collect();
        let sig = signature("", &body.join(" "), &s);
        assert_eq!(sig.anchors.len(), s.window - s.shingle + 1);
    }

    #[test]
    fn ascii_words_hash_as_the_byte_at_a_time_path_does() {
        let letters = b"aZ0q9MxY7bcdEFGHijklmnopQRSTuvwx";
        for len in 1..=letters.len() {
            let word = &letters[..len];
            let text = std::str::from_utf8(word).expect("ASCII");
            assert_eq!(ascii_word(word), any_word(text).0, "{text}");
            assert_eq!(any_word(text).1, len);
        }
    }

    #[test]
    fn an_ascii_run_ends_at_the_first_byte_that_is_not_a_letter_or_digit() {
        // Bytes next to the ranges, and those that bit 5 would fold into them.
        let edges = [
            b'/', b':', b'@', b'[', b'`', b'{', 0x10, 0x19, 0x7f, 0x80, 0xc3,
        ];
        for len in 0..20 {
            for &edge in &edges {
                let mut bytes: Vec<u8> = b"abcXYZ0189mnopQRSTuv"[..len].to_vec();
                bytes.push(edge);
                bytes.extend_from_slice(b"abcdefghij");
                assert_eq!(ascii_run(&bytes), len, "edge {edge:#x} after {len}");
            }
        }
        assert_eq!(ascii_run(b"Abcdefghijklmnop"), 16);
        assert_eq!(ascii_run(b""), 0);
    }

    #[test]
    fn words_with_other_letters_and_marks_between_words_split_as_before() {
        let mut found = Vec::new();
        words("Café’s “naïve” co-op 1.5 ÉCOLE", |w| {
            found.push(w);
            true
        });
        let expected: Vec<Word> = ["café", "s", "naïve", "co", "op", "1", "5", "école"]
            .iter()
            .map(|w| any_word(w).0)
            .collect();
        assert_eq!(found, expected);
        assert!(found[5].figure && !found[0].figure);
    }

    #[test]
    fn each_anchor_is_kept_once_from_its_earliest_paragraph() {
        for count in [10u32, 200] {
            let mut anchors: Vec<Anchor> = (0..count)
                .flat_map(|i| {
                    let line = (i % 7) as u8;
                    [
                        Anchor {
                            hash: i % (count / 2),
                            line,
                        },
                        Anchor {
                            hash: i * 7919,
                            line,
                        },
                    ]
                })
                .collect();
            anchors.sort_by_key(|a| a.line);
            let mut expected = anchors.clone();
            expected.sort();
            expected.dedup_by_key(|a| a.hash);
            distinct(&mut anchors);
            anchors.sort();
            assert_eq!(anchors, expected, "{count} anchors");
        }
    }
}
