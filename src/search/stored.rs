//! Reading a stored document's fields: text, several texts, a date.

use chrono::{DateTime, Utc};
use tantivy::schema::{Field, TantivyDocument, Value};

use crate::index::to_chrono;

/// A document as stored in the index.
pub struct Stored(pub TantivyDocument);

impl Stored {
    /// The field's first text value, if it has one.
    pub fn first(&self, field: Field) -> Option<String> {
        self.0
            .get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    }

    /// The field's first text value, or an empty string.
    pub fn text(&self, field: Field) -> String {
        self.first(field).unwrap_or_default()
    }

    /// Every text value of the field.
    pub fn all(&self, field: Field) -> Vec<String> {
        self.0
            .get_all(field)
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    }

    /// The field's first number, if it has one.
    pub fn number(&self, field: Field) -> Option<u64> {
        self.0.get_first(field).and_then(|v| v.as_u64())
    }

    /// The article's uid as shown (empty if it has none).
    pub fn uid(&self, field: Field) -> String {
        self.number(field)
            .map(crate::keys::uid_text)
            .unwrap_or_default()
    }

    pub fn date(&self, field: Field) -> Option<DateTime<Utc>> {
        self.0
            .get_first(field)
            .and_then(|v| v.as_datetime())
            .and_then(to_chrono)
    }
}
