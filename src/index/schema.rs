//! The schema: the only place where index field names are spelled.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, Schema, TextFieldIndexing,
    TextOptions, FAST, INDEXED, STORED, STRING,
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

/// The path-based id: the file's path, plus `#N` for the Nth line or item of a JSON file.
/// Stored only.
pub const ID: &str = "id";
/// The stable public id ([`crate::keys::article_uid`] of `id`): a u64, FAST and stored.
pub const UID: &str = "uid";
/// The key of the file an article came from: one raw term (deletes go by it), stored.
pub const PATH: &str = "path";
/// The input format's name ([`crate::model::Format::as_str`]): stored only.
pub const FORMAT: &str = "format";
/// The title as found (may be empty): analysed with [`PROSE_ANALYZER`], stored.
pub const TITLE: &str = "title";
/// The body text: analysed with [`PROSE_ANALYZER`], stored (snippets and quotes read it).
pub const BODY: &str = "body";
/// The article's date, to the second: indexed, stored and FAST (sorting, timelines).
pub const DATE: &str = "date";
/// Each tag as written: analysed with [`PROSE_ANALYZER`], stored.
pub const TAGS: &str = "tags";
/// Each tag's folded key ([`crate::keys::tag_key`]) once: raw terms (`--tag`), FAST (the
/// tag facet), not stored.
pub const TAG_KEY: &str = "tag";
/// Each speaker's name and other forms: analysed with [`PROSE_ANALYZER`], stored.
pub const SPEAKERS: &str = "speakers";
/// Each speaker's identity key once: raw terms (`--speaker`, `quotes`), FAST (the speaker
/// facet), not stored.
pub const SPEAKER_KEY: &str = "speaker";
/// The speakers as JSON, quotes as byte ranges of the body ([`super::speaker_data`]):
/// stored only.
pub const SPEAKER_DATA: &str = "speaker_data";
/// The byline, if the source gives one: analysed with [`PROSE_ANALYZER`], stored.
pub const AUTHOR: &str = "author";
/// The publication, if the source gives one: analysed with [`PROSE_ANALYZER`], stored.
pub const SOURCE: &str = "source";
/// The article's address, if the source gives one: one raw term, stored.
pub const URL: &str = "url";
/// The story the article is a copy of: the uid of its first copy indexed. A u64, indexed
/// (a story's copies), FAST (one hit per story) and stored.
pub const STORY: &str = "story";
/// The story's number: small and dense, so a search counts stories in a bit set. FAST.
pub const STORY_NUMBER: &str = "story_number";

/// Field handles, built once with the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The path-based id ([`ID`]): stored only, never searched.
    pub id: Field,
    /// The stable public id ([`UID`]): a u64, FAST and stored, found through its column.
    pub uid: Field,
    /// The file's key ([`PATH`]): one raw term, to delete its articles by; stored.
    pub path: Field,
    /// The input format's name ([`FORMAT`]): stored only.
    pub format: Field,
    /// The title as found ([`TITLE`]): prose, stored; weighs double in a search.
    pub title: Field,
    /// The body ([`BODY`]): prose, stored.
    pub body: Field,
    /// The date to the second ([`DATE`]): indexed, stored, FAST.
    pub date: Field,
    /// Each tag as written ([`TAGS`]): prose, stored.
    pub tags: Field,
    /// Each tag's folded key once ([`TAG_KEY`]): raw terms for `--tag`, FAST for the
    /// tag facet; not stored.
    pub tag_key: Field,
    /// The speakers' names and other forms ([`SPEAKERS`]): prose, stored.
    pub speakers: Field,
    /// Each speaker's identity key once ([`SPEAKER_KEY`]): raw terms for `--speaker`,
    /// FAST for the speaker facet; not stored.
    pub speaker_key: Field,
    /// The speakers as JSON, quotes as body ranges ([`SPEAKER_DATA`]): stored only.
    pub speaker_data: Field,
    /// The byline, if any ([`AUTHOR`]): prose, stored.
    pub author: Field,
    /// The publication, if any ([`SOURCE`]): prose, stored.
    pub source: Field,
    /// The article's address, if any ([`URL`]): one raw term, stored.
    pub url: Field,
    /// The story it is a copy of ([`STORY`]): indexed, FAST, stored.
    pub story: Field,
    /// Its story's number ([`STORY_NUMBER`]): FAST.
    pub story_number: Field,
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
/// 7: each article has a `story` (copies of one story share it) and a story `signature`;
///    older indexes are rebuilt.
/// 8: the story signature is no longer stored (it is made again from the headline and
///    body) and each story has a dense number; older indexes are rebuilt.
pub const SCHEMA_VERSION: u32 = 8;

/// The oldest index version this clipdex reads and writes without a rebuild.
pub const OLDEST_READABLE: u32 = 8;

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
        story: b.add_u64_field(STORY, INDEXED | FAST | STORED),
        story_number: b.add_u64_field(STORY_NUMBER, FAST),
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
