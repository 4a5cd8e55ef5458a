//! A hit's snippet: the window of its body where the query's words weigh most, widened to
//! whole words, with those words' byte ranges.
//!
//! The same choice as tantivy's `SnippetGenerator` (windows of at most [`SNIPPET_BYTES`],
//! a rarer word weighing more, the first best window winning), without lower-casing and
//! looking up every token of every body: the analyzer stems only the words that can match
//! (`GatedStemmer`) and blanks the rest.

use std::collections::BTreeSet;
use std::ops::Range;

use rustc_hash::FxHashMap;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Searcher;

use super::Snippet;
use crate::index::schema;

/// Longest window of body text, in bytes, before widening to whole words.
const SNIPPET_BYTES: usize = 200;

pub struct Snippets {
    /// Each query word in the field (its stem), weighted 1 / (1 + document frequency).
    weights: FxHashMap<String, f32>,
    analyzer: TextAnalyzer,
}

impl Snippets {
    pub fn new(searcher: &Searcher, query: &dyn Query, field: Field) -> tantivy::Result<Self> {
        let mut terms = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                terms.insert(term.clone());
            }
        });
        let mut weights = FxHashMap::default();
        for term in terms {
            let Some(text) = term.value().as_str().map(str::to_string) else {
                continue;
            };
            let doc_freq = searcher.doc_freq(&term)?;
            if doc_freq > 0 {
                weights.insert(text, 1.0 / (1.0 + doc_freq as f32));
            }
        }
        let analyzer = schema::snippet_analyzer(weights.keys().map(String::as_str));
        Ok(Snippets { weights, analyzer })
    }

    /// The best-matching fragment of `body`, or its opening when no query word is in it.
    /// The fragment is widened to whole words and marked with `…` where the body goes on.
    pub fn of(&mut self, body: &str) -> Snippet {
        let (range, highlights) = self.best_window(body).unwrap_or_else(|| {
            let mut end = body.len().min(SNIPPET_BYTES);
            while !body.is_char_boundary(end) {
                end -= 1;
            }
            if end < body.len() {
                end = body[..end].rfind(char::is_whitespace).unwrap_or(end);
            }
            (0..end, Vec::new())
        });
        let end = body[range.end..]
            .find(char::is_whitespace)
            .map_or(body.len(), |n| range.end + n);
        let mut text = String::with_capacity(end - range.start + 8);
        if range.start > 0 {
            text.push('…');
        }
        let shift = text.len();
        text.push_str(body[range.start..end].trim_end());
        let ends_sentence = text.ends_with(['.', '!', '?', '"', '”']);
        if end < body.trim_end().len() && !ends_sentence {
            text.push('…');
        }
        Snippet {
            text,
            highlights: highlights
                .into_iter()
                .map(|r| (r.start - range.start + shift, r.end - range.start + shift))
                .collect(),
        }
    }

    /// The window with the highest weight of query words, and their ranges in `body`.
    fn best_window(&mut self, body: &str) -> Option<(Range<usize>, Vec<Range<usize>>)> {
        if self.weights.is_empty() {
            return None;
        }
        let mut best: Option<Window> = None;
        let mut window = Window::starting_at(0);
        let mut stream = self.analyzer.token_stream(body);
        while stream.advance() {
            let token = stream.token();
            if token.offset_to - window.start > SNIPPET_BYTES {
                window.offer_to(&mut best);
                window = Window::starting_at(token.offset_from);
            }
            window.end = token.offset_to;
            if token.text.is_empty() {
                continue;
            }
            if let Some(weight) = self.weights.get(&token.text) {
                window.score += weight;
                window.matches.push(token.offset_from..token.offset_to);
            }
        }
        window.offer_to(&mut best);
        best.map(|w| (w.start..w.end, w.matches))
    }
}

struct Window {
    start: usize,
    end: usize,
    score: f32,
    matches: Vec<Range<usize>>,
}

impl Window {
    fn starting_at(start: usize) -> Window {
        Window {
            start,
            end: start,
            score: 0.0,
            matches: Vec::new(),
        }
    }

    /// Keeps this window if it scores, and more than the best so far (the first wins ties).
    fn offer_to(self, best: &mut Option<Window>) {
        if self.score > 0.0 && best.as_ref().is_none_or(|b| self.score > b.score) {
            *best = Some(self);
        }
    }
}
