//! The analyzer of prose fields for indexing, in one pass: words split where tantivy's
//! `SimpleTokenizer` splits them, long ones dropped as `RemoveLongFilter` drops them, each
//! replaced by its term from the thread's memo (`stem.rs`). Indexing spends a sixth of its
//! time here; one pass that reads runs of ASCII eight bytes at a time gives the same tokens,
//! offsets and positions as those stages in a row.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::stem::{give_back, take_memo, Memo};
use crate::ascii;

/// Tokens of this many bytes or more (base64 blobs, URLs run together) are dropped.
pub const MAX_TOKEN_BYTES: usize = 40;

#[derive(Clone, Default)]
pub struct ProseTokenizer {
    token: Token,
}

impl Tokenizer for ProseTokenizer {
    type TokenStream<'a> = ProseStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ProseStream<'a> {
        self.token.reset();
        ProseStream {
            text,
            at: 0,
            token: &mut self.token,
            memo: Some(take_memo()),
        }
    }
}

pub struct ProseStream<'a> {
    text: &'a str,
    /// Where the search for the next word starts.
    at: usize,
    token: &'a mut Token,
    /// Given back to the thread when the stream is dropped.
    memo: Option<Box<Memo>>,
}

impl Drop for ProseStream<'_> {
    fn drop(&mut self) {
        if let Some(memo) = self.memo.take() {
            give_back(memo);
        }
    }
}

impl ProseStream<'_> {
    /// The byte offset where the letter or digit at or after `at` starts, and where the run
    /// of letters and digits from there ends.
    fn next_word(&self) -> Option<(usize, usize)> {
        let start = self.skip(self.at, false)?;
        let end = self.skip(start, true).unwrap_or(self.text.len());
        Some((start, end))
    }

    /// The first offset from `at` whose character is alphanumeric (`alphanumeric` false)
    /// or is not (true), if any. Runs of ASCII are passed by [`ascii::run_end`].
    fn skip(&self, mut at: usize, alphanumeric: bool) -> Option<usize> {
        let bytes = self.text.as_bytes();
        loop {
            at = ascii::run_end(bytes, at, alphanumeric);
            let &byte = bytes.get(at)?;
            if byte.is_ascii() {
                return Some(at);
            }
            let c = self.text[at..].chars().next()?;
            if c.is_alphanumeric() != alphanumeric {
                return Some(at);
            }
            at += c.len_utf8();
        }
    }
}

impl TokenStream for ProseStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            // Every word counts for the positions, the dropped long ones too.
            self.token.position = self.token.position.wrapping_add(1);
            let Some((start, end)) = self.next_word() else {
                self.token.text.clear();
                self.at = self.text.len();
                return false;
            };
            self.at = end;
            if end - start >= MAX_TOKEN_BYTES {
                continue;
            }
            let written = &self.text[start..end];
            self.token.offset_from = start;
            self.token.offset_to = end;
            self.token.text.clear();
            match self.memo.as_mut() {
                Some(memo) => self.token.text.push_str(memo.term(written)),
                None => self.token.text.push_str(written),
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tantivy::tokenizer::{
        AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
        TextAnalyzer,
    };

    use super::*;

    /// Each token as (term, start, end, position).
    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    /// The stages this analyzer does in one pass, as tantivy's own filters.
    fn stages() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build()
    }

    #[test]
    fn same_tokens_as_tantivys_stages_twice_over() {
        let text = "Running ran RUNS happily, Skies dying generously news-ponies running skies \
                    Zürich ZÜRICH Straße İstanbul Ærø naïve café CAFÉS O'Neill 1,200 x86_64 \
                    aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa then 東京 — Dying \u{a0}Generously!";
        let expected = tokens(&mut stages(), text);
        assert_eq!(expected[0], ("run".to_string(), 0, 7, 0));
        assert!(expected.iter().any(|t| t.0 == "zurich"));
        // The 49-letter word is dropped but keeps its position.
        let then = expected.iter().find(|t| t.0 == "then").map(|t| t.3);
        let before = expected.iter().find(|t| t.0 == "64").map(|t| t.3);
        assert_eq!(then, before.map(|p| p + 2));
        let mut prose = TextAnalyzer::from(ProseTokenizer::default());
        assert_eq!(tokens(&mut prose, text), expected);
        // The second pass reads every term from the memo.
        assert_eq!(tokens(&mut prose, text), expected);
    }

    proptest! {
        #[test]
        fn same_tokens_as_tantivys_stages_for_any_text(
            text in "([a-zA-Z]{1,12}|[0-9]{1,5}|[ ,.;'\"\n\t-]{1,3}|[éüßÆİıǅ東京ⅣΩ€¹\u{a0}\u{2019}]|a{38,42}){0,40}"
        ) {
            let mut prose = TextAnalyzer::from(ProseTokenizer::default());
            prop_assert_eq!(tokens(&mut prose, &text), tokens(&mut stages(), &text));
        }
    }
}
