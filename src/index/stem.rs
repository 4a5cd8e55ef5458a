//! Stemming. For indexing, a memo: news text repeats a small vocabulary, so each distinct
//! token is lower-cased, folded to ASCII and stemmed once per thread instead of once per
//! occurrence, to the same term as tantivy's `LowerCaser`, `AsciiFoldingFilter` and
//! English `Stemmer` in a row give (the same frostem algorithm). For snippets, stemming
//! gated on the query's words.

use std::cell::Cell;

use hashbrown::HashTable;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};

/// Distinct tokens remembered per thread before the memo starts over.
const MEMO_WORDS: usize = 100_000;

thread_local! {
    /// One memo per thread, shared by every field and segment the thread indexes: each
    /// copy of the analyzer starting with an empty memo stemmed every word again for each
    /// new segment and field.
    static MEMO: Cell<Option<Box<Memo>>> = const { Cell::new(None) };
}

/// The thread's memo, for as long as a token stream lives; a stream begun while another
/// is alive on the same thread gets a memo of its own.
pub fn take_memo() -> Box<Memo> {
    let mut memo = MEMO.try_with(Cell::take).ok().flatten().unwrap_or_default();
    if memo.len() > MEMO_WORDS {
        memo.clear();
    }
    memo
}

/// Gives the memo back to the thread when the stream is done with it.
pub fn give_back(memo: Box<Memo>) {
    // Fails only while the thread is ending, when the memo is no longer needed.
    let _ = MEMO.try_with(|cell| cell.set(Some(memo)));
}

/// Tokens as written, each with its term: a cache of the tokens met last in front of a
/// table of every token met, the terms end to end in one string.
///
/// Most tokens are common words, and the cache holds them in 256 KiB that stays in the
/// processor's cache: a table of tens of thousands of tokens does not, and reaching into
/// it for every token, the token and its term each in an allocation of its own, cost as
/// much as the rest of the analyzer.
pub struct Memo {
    recent: Box<[Slot]>,
    /// Tokens of up to 16 bytes, by their [`Short`] key.
    short: HashTable<(Short, Term)>,
    /// Longer tokens as written.
    long: HashTable<(Box<[u8]>, Term)>,
    /// Every term, end to end.
    terms: String,
    /// Lower-cases and folds one token, for tokens not seen yet.
    fold: TextAnalyzer,
    stemmer: frostem::Stemmer,
}

/// Where a term lies in [`Memo::terms`].
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Term {
    at: u32,
    len: u32,
}

/// A token of up to 16 bytes as three numbers: its first and last eight bytes (fewer for
/// a shorter token: together they cover it) and its length. Read with two loads, where
/// copying a token of any length into a buffer stalled the reads that followed.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Short {
    head: u64,
    tail: u64,
    len: u64,
}

impl Short {
    /// The most bytes a [`Short`] holds.
    const MOST: usize = 16;

    #[inline]
    fn of(bytes: &[u8]) -> Option<Short> {
        let len = bytes.len();
        let (head, tail) = match len {
            0 => (0, 0),
            1..=3 => (
                u64::from(bytes[0]) | u64::from(bytes[len / 2]) << 8,
                u64::from(bytes[len - 1]),
            ),
            4..=7 => (u64::from(le32(bytes)), u64::from(le32(&bytes[len - 4..]))),
            8..=Self::MOST => (le64(bytes), le64(&bytes[len - 8..])),
            _ => return None,
        };
        Some(Short {
            head,
            tail,
            len: len as u64,
        })
    }

    #[inline]
    fn hash(&self) -> u64 {
        const K: u64 = 0x9e37_79b9_7f4a_7c15;
        ((self.head.wrapping_mul(K) ^ self.tail).wrapping_mul(K) ^ self.len).wrapping_mul(K)
    }
}

fn le32(bytes: &[u8]) -> u32 {
    let mut four = [0; 4];
    four.copy_from_slice(&bytes[..4]);
    u32::from_le_bytes(four)
}

fn le64(bytes: &[u8]) -> u64 {
    let mut eight = [0; 8];
    eight.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(eight)
}

/// A recently met token and its term (an empty slot's key has length 0, which no token
/// looked up has).
#[derive(Clone, Copy, Default)]
struct Slot {
    key: Short,
    term: Term,
}

/// Slots in the cache of recent tokens: 8,192 of 32 bytes.
const RECENT_BITS: u32 = 13;

impl Default for Memo {
    fn default() -> Memo {
        Memo {
            recent: vec![Slot::default(); 1 << RECENT_BITS].into_boxed_slice(),
            short: HashTable::new(),
            long: HashTable::new(),
            terms: String::new(),
            fold: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

impl Memo {
    /// The term of a token as `written`: lower-cased, folded to ASCII and stemmed.
    pub fn term(&mut self, written: &str) -> &str {
        let bytes = written.as_bytes();
        let term = match Short::of(bytes).filter(|key| key.len > 0) {
            Some(key) => {
                let hash = key.hash();
                let slot = (hash >> (64 - RECENT_BITS)) as usize;
                let cached = self.recent[slot];
                if cached.key == key {
                    cached.term
                } else {
                    let term = match self.short.find(hash, |(k, _)| *k == key) {
                        Some(&(_, term)) => term,
                        None => {
                            let term = self.stem(written);
                            self.short
                                .insert_unique(hash, (key, term), |(k, _)| k.hash());
                            term
                        }
                    };
                    self.recent[slot] = Slot { key, term };
                    term
                }
            }
            None => {
                let hash = self::hash(bytes);
                match self.long.find(hash, |(word, _)| **word == *bytes) {
                    Some(&(_, term)) => term,
                    None => {
                        let term = self.stem(written);
                        self.long
                            .insert_unique(hash, (bytes.into(), term), |(w, _)| self::hash(w));
                        term
                    }
                }
            }
        };
        let at = term.at as usize;
        self.terms
            .get(at..at + term.len as usize)
            .unwrap_or_default()
    }

    /// Lower-cases, folds and stems a token not met yet, adding its term to `terms`.
    fn stem(&mut self, written: &str) -> Term {
        let mut folded = self.fold.token_stream(written);
        let folded = if folded.advance() {
            folded.token().text.as_str()
        } else {
            written
        };
        let stem = self.stemmer.stem(folded);
        let term = Term {
            at: self.terms.len() as u32,
            len: stem.len() as u32,
        };
        self.terms.push_str(&stem);
        term
    }

    /// How many tokens the memo holds.
    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Forgets every token: `terms` starts over, and with it the cache.
    fn clear(&mut self) {
        self.recent.fill(Slot::default());
        self.short.clear();
        self.long.clear();
        self.terms.clear();
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    std::hash::Hasher::write(&mut hasher, bytes);
    std::hash::Hasher::finish(&hasher)
}

/// A token filter for matching known stems only (a snippet's query words): a token is
/// stemmed only if it can become one of them. English stems keep a word's first two
/// letters (but for `y` -> `i`), so a token whose head starts none of the stems cannot match,
/// and it is blanked instead of stemmed.
#[derive(Clone, Debug)]
pub struct GatedStemmer {
    heads: Vec<[u8; 2]>,
}

impl GatedStemmer {
    pub fn for_stems<'a>(stems: impl IntoIterator<Item = &'a str>) -> GatedStemmer {
        let mut heads: Vec<[u8; 2]> = stems
            .into_iter()
            .map(|stem| head(stem.as_bytes()))
            .collect();
        heads.sort_unstable();
        heads.dedup();
        GatedStemmer { heads }
    }
}

/// The first two bytes (padded with zeros), a second `y` read as `i`: the stemmer's
/// exceptions turn `dying` into `die`.
fn head(word: &[u8]) -> [u8; 2] {
    let second = match word.get(1).copied().unwrap_or(0) {
        b'y' => b'i',
        other => other,
    };
    [word.first().copied().unwrap_or(0), second]
}

impl TokenFilter for GatedStemmer {
    type Tokenizer<T: Tokenizer> = GatedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> GatedStemmerFilter<T> {
        GatedStemmerFilter {
            inner: tokenizer,
            heads: self.heads,
        }
    }
}

#[derive(Clone)]
pub struct GatedStemmerFilter<T> {
    inner: T,
    heads: Vec<[u8; 2]>,
}

impl<T: Tokenizer> Tokenizer for GatedStemmerFilter<T> {
    type TokenStream<'a> = GatedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        GatedStemmerStream {
            tail: self.inner.token_stream(text),
            heads: &self.heads,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

pub struct GatedStemmerStream<'a, T> {
    tail: T,
    heads: &'a [[u8; 2]],
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for GatedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if self.heads.contains(&head(token.text.as_bytes())) {
            let stem = self.stemmer.stem(&token.text).into_owned();
            token.text = stem;
        } else {
            token.text.clear();
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tantivy::tokenizer::{Language, SimpleTokenizer, Stemmer, TextAnalyzer};

    use super::*;

    /// The term tantivy's own filters give a token.
    fn staged(word: &str) -> String {
        let analyzer = TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build();
        stems(analyzer, word).concat()
    }

    proptest! {
        #[test]
        fn two_tokens_share_a_short_key_only_when_they_are_the_same(
            a in proptest::collection::vec(any::<u8>(), 0..=17),
            b in proptest::collection::vec(any::<u8>(), 0..=17),
        ) {
            let (ka, kb) = (Short::of(&a), Short::of(&b));
            prop_assert_eq!(ka.is_some(), a.len() <= Short::MOST);
            if let (Some(ka), Some(kb)) = (ka, kb) {
                prop_assert_eq!(ka == kb, a == b);
            }
        }

        // Tokens that differ in one byte, at any place, of any length up to 16.
        #[test]
        fn tokens_one_byte_apart_have_different_keys(
            a in proptest::collection::vec(any::<u8>(), 1..=16),
            at in any::<prop::sample::Index>(),
            flip in 1..=255u8,
        ) {
            let mut b = a.clone();
            b[at.index(a.len())] ^= flip;
            prop_assert!(Short::of(&a) != Short::of(&b));
        }
    }

    #[test]
    fn the_memo_gives_the_staged_terms_through_its_cache_its_table_and_after_a_clear() {
        let words = [
            "Running",
            "running",
            "RUNNING",
            "Zürich",
            "ponies",
            "skies",
            "a",
            "I",
            "dying",
            "generously",
            "internationalisation",
            "Internationalisations",
            "straße",
            "x",
        ];
        let mut memo = Memo::default();
        // Each word three times: stemmed, then from the cache or the table.
        for _ in 0..3 {
            for word in words {
                assert_eq!(memo.term(word), staged(word), "{word}");
            }
        }
        // Enough other tokens to evict every slot of the cache, then the same words.
        for n in 0..3 * (1 << RECENT_BITS) {
            memo.term(&format!("w{n}"));
        }
        for word in words {
            assert_eq!(memo.term(word), staged(word), "{word}");
        }
        memo.clear();
        assert_eq!(memo.len(), 0);
        for word in words {
            assert_eq!(memo.term(word), staged(word), "{word}");
        }
    }

    fn stems(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn gated_stems_match_wherever_plain_stems_match_the_stems_given() {
        let text = "Running ran runs happily skies dying generously news ponies yearly Yves i a \
                    lying tying cry flying early only gently ugly skis idly atlas";
        let plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(tantivy::tokenizer::LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let expected = stems(plain, text);
        // Given every stem, the gate lets each through unchanged.
        let all = GatedStemmer::for_stems(expected.iter().map(String::as_str));
        let gated = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(tantivy::tokenizer::LowerCaser)
            .filter(all)
            .build();
        assert_eq!(stems(gated, text), expected);
        // Given two, the others are blanked and those two still match.
        let two = GatedStemmer::for_stems(["run", "sky"]);
        let gated = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(tantivy::tokenizer::LowerCaser)
            .filter(two)
            .build();
        let got = stems(gated, text);
        for (got, plain) in got.iter().zip(&expected) {
            if plain == "run" || plain == "sky" {
                assert_eq!(got, plain);
            } else {
                assert!(got.is_empty() || got == plain, "{got} for {plain}");
            }
        }
        assert_eq!(got[..5], ["run", "", "run", "", "sky"]);
    }
}
