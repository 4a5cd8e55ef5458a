//! An article as the index writer takes it: the article's own strings, lent to tantivy
//! field by field. A `TantivyDocument` copied every one of them (the body is most of an
//! article's bytes) into a buffer of its own on the writer's thread, for tantivy to read
//! them back once to index and once to store.

use std::sync::Arc;

use tantivy::schema::document::{Document, ReferenceValue, ReferenceValueLeaf, Value};
use tantivy::schema::Field;

use super::schema::Fields;
use crate::model::{Article, Format};

/// One article and what the index keeps beside it.
#[derive(Debug)]
pub struct ArticleDoc {
    pub fields: Fields,
    pub uid: u64,
    pub id: String,
    /// The key of the file it came from, shared by the file's articles.
    pub path: Arc<str>,
    pub format: Format,
    pub date: Option<tantivy::DateTime>,
    pub article: Article,
    /// Each tag's key once.
    pub tag_keys: Vec<String>,
    /// Each speaker's key once.
    pub speaker_keys: Vec<String>,
    pub speaker_data: Option<String>,
    /// The story it is a copy of, and the story's number.
    pub story: u64,
    pub story_number: u32,
}

/// One value of an [`ArticleDoc`], borrowed from it.
#[derive(Debug, Clone)]
pub enum Leaf<'a> {
    Text(&'a str),
    Number(u64),
    Date(tantivy::DateTime),
}

impl<'a> Value<'a> for Leaf<'a> {
    type ArrayIter = std::iter::Empty<Self>;
    type ObjectIter = std::iter::Empty<(&'a str, Self)>;

    fn as_value(&self) -> ReferenceValue<'a, Self> {
        ReferenceValue::Leaf(match *self {
            Leaf::Text(text) => ReferenceValueLeaf::Str(text),
            Leaf::Number(number) => ReferenceValueLeaf::U64(number),
            Leaf::Date(date) => ReferenceValueLeaf::Date(date),
        })
    }
}

impl Document for ArticleDoc {
    type Value<'a> = Leaf<'a>;
    type FieldsValuesIter<'a> = std::vec::IntoIter<(Field, Leaf<'a>)>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        let f = &self.fields;
        let a = &self.article;
        let aliases: usize = a.speakers.iter().map(|s| s.aliases.len()).sum();
        let mut values = Vec::with_capacity(
            14 + 2 * a.tags.len() + a.speakers.len() + aliases + self.speaker_keys.len(),
        );
        values.extend([
            (f.id, Leaf::Text(&self.id)),
            (f.uid, Leaf::Number(self.uid)),
            (f.path, Leaf::Text(&self.path)),
            (f.format, Leaf::Text(self.format.as_str())),
            (f.title, Leaf::Text(&a.title)),
            (f.body, Leaf::Text(&a.body)),
        ]);
        values.extend(self.date.map(|date| (f.date, Leaf::Date(date))));
        values.extend(a.tags.iter().map(|tag| (f.tags, Leaf::Text(tag))));
        values.extend(self.tag_keys.iter().map(|key| (f.tag_key, Leaf::Text(key))));
        for speaker in &a.speakers {
            values.push((f.speakers, Leaf::Text(&speaker.name)));
            values.extend(
                speaker
                    .aliases
                    .iter()
                    .map(|alias| (f.speakers, Leaf::Text(alias))),
            );
        }
        values.extend(
            self.speaker_keys
                .iter()
                .map(|key| (f.speaker_key, Leaf::Text(key))),
        );
        values.extend(
            self.speaker_data
                .as_deref()
                .map(|data| (f.speaker_data, Leaf::Text(data))),
        );
        for (field, value) in [
            (f.author, &a.author),
            (f.source, &a.source),
            (f.url, &a.url),
        ] {
            values.extend(value.as_deref().map(|value| (field, Leaf::Text(value))));
        }
        values.push((f.story, Leaf::Number(self.story)));
        values.push((f.story_number, Leaf::Number(u64::from(self.story_number))));
        values.into_iter()
    }
}
