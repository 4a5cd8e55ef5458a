//! English stemming with a memo: news text repeats a small vocabulary, so most tokens are
//! stemmed once per analyzer instead of once per occurrence. Same stems as tantivy's
//! `Stemmer` filter (the same frostem algorithm), so indexes are unchanged.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Distinct words remembered per analyzer before the memo starts over.
const MEMO_WORDS: usize = 100_000;

/// A token filter that replaces each token by its English stem.
#[derive(Clone, Copy, Debug, Default)]
pub struct MemoStemmer;

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner: tokenizer,
            memo: FxHashMap::default(),
        }
    }
}

pub struct MemoStemmerFilter<T> {
    inner: T,
    memo: FxHashMap<String, String>,
}

/// Each copy of an analyzer (one per indexing thread) starts with its own empty memo.
impl<T: Clone> Clone for MemoStemmerFilter<T> {
    fn clone(&self) -> Self {
        MemoStemmerFilter {
            inner: self.inner.clone(),
            memo: FxHashMap::default(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.memo.len() > MEMO_WORDS {
            self.memo.clear();
        }
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            memo: &mut self.memo,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

pub struct MemoStemmerStream<'a, T> {
    tail: T,
    memo: &'a mut FxHashMap<String, String>,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for MemoStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        match self.memo.get(&token.text) {
            Some(stem) => {
                token.text.clear();
                token.text.push_str(stem);
            }
            None => {
                let stem = self.stemmer.stem(&token.text).into_owned();
                let word = std::mem::replace(&mut token.text, stem.clone());
                self.memo.insert(word, stem);
            }
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
    fn same_stems_as_tantivys_stemmer_twice_over() {
        let text = "running ran runs happily skies dying generously news ponies running skies";
        let plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(Stemmer::new(Language::English))
            .build();
        let memo = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(MemoStemmer)
            .build();
        let expected = stems(plain, text);
        assert_eq!(expected[0], "run");
        let mut analyzer = memo;
        // The second pass reads every stem from the memo.
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
