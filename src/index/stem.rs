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
    if memo.words.len() > MEMO_WORDS {
        memo.words.clear();
    }
    memo
}

/// Gives the memo back to the thread when the stream is done with it.
pub fn give_back(memo: Box<Memo>) {
    // Fails only while the thread is ending, when the memo is no longer needed.
    let _ = MEMO.try_with(|cell| cell.set(Some(memo)));
}

/// Tokens as written, each with its term. Looked up with an inline byte comparison: most
/// tokens are a few bytes long, shorter than the call to `memcmp` that `==` makes.
pub struct Memo {
    words: HashTable<(Box<[u8]>, Box<str>)>,
    /// Lower-cases and folds one token, for tokens not seen yet.
    fold: TextAnalyzer,
    stemmer: frostem::Stemmer,
}

impl Default for Memo {
    fn default() -> Memo {
        Memo {
            words: HashTable::new(),
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
        let Memo {
            words,
            fold,
            stemmer,
        } = self;
        let bytes = written.as_bytes();
        let hash = self::hash(bytes);
        match words.find_entry(hash, |(word, _)| same(word, bytes)) {
            Ok(known) => &known.into_mut().1,
            Err(absent) => {
                let mut folded = fold.token_stream(written);
                let folded = if folded.advance() {
                    folded.token().text.as_str()
                } else {
                    written
                };
                let term: Box<str> = stemmer.stem(folded).into();
                let table = absent.into_table();
                let new =
                    table.insert_unique(hash, (bytes.into(), term), |(word, _)| self::hash(word));
                &new.into_mut().1
            }
        }
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    std::hash::Hasher::write(&mut hasher, bytes);
    std::hash::Hasher::finish(&hasher)
}

fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
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
    use tantivy::tokenizer::{Language, SimpleTokenizer, Stemmer, TextAnalyzer};

    use super::*;

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
