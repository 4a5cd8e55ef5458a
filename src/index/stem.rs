//! Token normalising with a memo: news text repeats a small vocabulary, so each distinct
//! token is lower-cased, folded to ASCII and stemmed once per thread instead of once per
//! occurrence. Same terms as tantivy's `LowerCaser`, `AsciiFoldingFilter` and English
//! `Stemmer` in a row (the same frostem algorithm), so indexes are unchanged.

use std::cell::Cell;

use hashbrown::HashTable;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};

/// Distinct tokens remembered per thread before the memo starts over.
const MEMO_WORDS: usize = 100_000;

/// A token filter that replaces each token by its lower-case, ASCII-folded English stem.
#[derive(Clone, Copy, Debug, Default)]
pub struct MemoNormalizer;

impl TokenFilter for MemoNormalizer {
    type Tokenizer<T: Tokenizer> = MemoNormalizerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoNormalizerFilter<T> {
        MemoNormalizerFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct MemoNormalizerFilter<T> {
    inner: T,
}

thread_local! {
    /// One memo per thread, shared by every field and segment the thread indexes: each
    /// copy of the analyzer starting with an empty memo stemmed every word again for each
    /// new segment and field.
    static MEMO: Cell<Option<Box<Memo>>> = const { Cell::new(None) };
}

impl<T: Tokenizer> Tokenizer for MemoNormalizerFilter<T> {
    type TokenStream<'a> = MemoNormalizerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        // A stream begun while another is alive on this thread gets a memo of its own.
        let mut memo = MEMO.try_with(Cell::take).ok().flatten().unwrap_or_default();
        if memo.words.len() > MEMO_WORDS {
            memo.words.clear();
        }
        MemoNormalizerStream {
            tail: self.inner.token_stream(text),
            memo: Some(memo),
        }
    }
}

/// Tokens as written, each with its term. Looked up with an inline byte comparison: most
/// tokens are a few bytes long, shorter than the call to `memcmp` that `==` makes.
struct Memo {
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
    /// Replaces `text` by its term.
    fn normalize(&mut self, text: &mut String) {
        let hash = hash(text.as_bytes());
        let written = text.as_bytes();
        if let Some((_, term)) = self.words.find(hash, |(word, _)| same(word, written)) {
            text.clear();
            text.push_str(term);
            return;
        }
        let term: Box<str> = {
            let mut folded = self.fold.token_stream(text);
            let folded = if folded.advance() {
                folded.token().text.as_str()
            } else {
                text.as_str()
            };
            self.stemmer.stem(folded).into()
        };
        let word: Box<[u8]> = written.into();
        text.clear();
        text.push_str(&term);
        self.words
            .insert_unique(hash, (word, term), |(word, _)| self::hash(word));
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

pub struct MemoNormalizerStream<T> {
    tail: T,
    /// Given back to the thread when the stream is dropped.
    memo: Option<Box<Memo>>,
}

impl<T> Drop for MemoNormalizerStream<T> {
    fn drop(&mut self) {
        if let Some(memo) = self.memo.take() {
            // Fails only while the thread is ending, when the memo is no longer needed.
            let _ = MEMO.try_with(|cell| cell.set(Some(memo)));
        }
    }
}

impl<T: TokenStream> TokenStream for MemoNormalizerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        if let Some(memo) = self.memo.as_mut() {
            memo.normalize(&mut self.tail.token_mut().text);
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
    fn same_terms_as_tantivys_filters_twice_over() {
        let text = "Running ran RUNS happily Skies dying generously news ponies running skies \
                    Zürich ZÜRICH Straße İstanbul Ærø naïve café CAFÉS O'Neill 1,200 x86_64 \
                    Dying Generously";
        let plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(tantivy::tokenizer::LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build();
        let memo = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(MemoNormalizer)
            .build();
        let expected = stems(plain, text);
        assert_eq!(expected[..3], ["run", "ran", "run"]);
        assert!(expected.contains(&"zurich".to_string()));
        let mut analyzer = memo;
        // The second pass reads every term from the memo.
        assert_eq!(stems(analyzer.clone(), text), expected);
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {}
        drop(stream);
        assert_eq!(stems(analyzer, text), expected);
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
