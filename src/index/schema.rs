//! The schema: the only place where index field names are spelled.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, FAST, STORED, STRING,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
    TextAnalyzerBuilder, Tokenizer,
};
use tantivy::Index;

use super::prose::{ProseTokenizer, MAX_TOKEN_BYTES};
use super::stem::GatedStemmer;

/// The analyzer for prose fields: lower-case, ASCII folding (Zürich = zurich), English stems.
pub const PROSE_ANALYZER: &str = "clipdex_prose";

pub const ID: &str = "id";
pub const UID: &str = "uid";
pub const PATH: &str = "path";
pub const FORMAT: &str = "format";
pub const TITLE: &str = "title";
pub const BODY: &str = "body";
pub const DATE: &str = "date";
pub const TAGS: &str = "tags";
pub const TAG_KEY: &str = "tag";
pub const SPEAKERS: &str = "speakers";
pub const SPEAKER_KEY: &str = "speaker";
pub const SPEAKER_DATA: &str = "speaker_data";
pub const AUTHOR: &str = "author";
pub const SOURCE: &str = "source";
pub const URL: &str = "url";

/// Field handles, built once with the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub uid: Field,
    pub path: Field,
    pub format: Field,
    pub title: Field,
    pub body: Field,
    pub date: Field,
    pub tags: Field,
    pub tag_key: Field,
    pub speakers: Field,
    pub speaker_key: Field,
    pub speaker_data: Field,
    pub author: Field,
    pub source: Field,
    pub url: Field,
}

impl Fields {
    /// Fields searched by words without a `field:` prefix.
    pub fn default_search(&self) -> Vec<Field> {
        vec![self.title, self.body, self.tags, self.speakers]
    }
}

/// The version of what the index stores: fields, keys and their meaning. Recorded in the
/// manifest; an index of another version must be rebuilt (`clipdex index --rebuild`).
/// 2: speaker keys fold transliteration and are found in the text.
/// 3: keyword dictionaries are stored uncompressed (faster facet counts); articles have a
///    stable `uid`.
/// 4: `id` is stored only and `uid` is a number column (faster indexing).
/// 5: a quote is stored as its byte range in the body, its words read back from the body
///    (`speaker_data.rs`). Version 4 indexes are read as they are and become version 5
///    when next written to; a clipdex that knows only version 4 refuses a version 5 index
///    rather than show it without quotes.
/// 6: an article's `uid` is the start of the SHA-256 of its id ([`crate::keys::article_uid`]),
///    the same on every platform and build; older indexes hold other uids and are rebuilt.
pub const SCHEMA_VERSION: u32 = 6;

/// The oldest index version this clipdex reads and writes without a rebuild.
pub const OLDEST_READABLE: u32 = 6;

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let prose = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(PROSE_ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let stored_prose = prose.clone().set_stored();
    let date = DateOptions::default()
        .set_indexed()
        .set_stored()
        .set_fast()
        .set_precision(DateTimePrecision::Seconds);

    let mut b = Schema::builder();
    let fields = Fields {
        // Stored only: indexing a term unique to every article made the term dictionary
        // twice as big to write.
        id: b.add_text_field(ID, STORED),
        // Looked up through its column, for the same reason.
        uid: b.add_u64_field(UID, FAST | STORED),
        path: b.add_text_field(PATH, STRING | STORED),
        format: b.add_text_field(FORMAT, STORED),
        title: b.add_text_field(TITLE, stored_prose.clone()),
        body: b.add_text_field(BODY, stored_prose.clone()),
        date: b.add_date_field(DATE, date),
        tags: b.add_text_field(TAGS, stored_prose.clone()),
        tag_key: b.add_text_field(TAG_KEY, STRING | FAST),
        speakers: b.add_text_field(SPEAKERS, stored_prose.clone()),
        speaker_key: b.add_text_field(SPEAKER_KEY, STRING | FAST),
        speaker_data: b.add_text_field(SPEAKER_DATA, STORED),
        author: b.add_text_field(AUTHOR, stored_prose.clone()),
        source: b.add_text_field(SOURCE, stored_prose),
        url: b.add_text_field(URL, STRING | STORED),
    };
    (b.build(), fields)
}

/// Registers the prose analyzer; needed every time an index is opened or created.
pub fn register_analyzers(index: &Index) {
    let analyzer = TextAnalyzer::from(ProseTokenizer::default());
    index.tokenizers().register(PROSE_ANALYZER, analyzer);
}

/// The prose analyzer for finding `stems` in a hit's body for its snippet: the same
/// tokens where they can match, and no stemming of words that cannot.
pub fn snippet_analyzer<'a>(stems: impl IntoIterator<Item = &'a str>) -> TextAnalyzer {
    prose_pipeline()
        .filter(GatedStemmer::for_stems(stems))
        .build()
}

fn prose_pipeline() -> TextAnalyzerBuilder<impl Tokenizer> {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let (schema, _) = build();
        let index = Index::create_in_ram(schema);
        register_analyzers(&index);
        let Some(mut analyzer) = index.tokenizers().get(PROSE_ANALYZER) else {
            panic!("analyzer registered");
        };
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn prose_folds_case_accents_and_stems() {
        assert_eq!(
            tokens("Zürich Talks RUNNING"),
            vec!["zurich", "talk", "run"]
        );
    }
}
