//! The on-disk index: schema, opening, the per-file manifest, display labels and writing.

mod catalog;
mod document;
mod files;
mod labels;
mod manifest;
mod merges;
mod prose;
pub mod schema;
pub mod speaker_data;
mod stem;
pub mod story_data;
mod writer;

pub use catalog::{lock_writer, replaceable, Catalog};
pub use files::{FileRecord, Files};
pub use labels::Labels;
pub use manifest::Manifest;
pub use schema::Fields;
pub use writer::{Replaced, Seen, Writer};

/// Converts a tantivy date to chrono.
pub fn to_chrono(date: tantivy::DateTime) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::from_timestamp(date.into_timestamp_secs(), 0)
}

/// Converts a chrono date to tantivy's, at the index's one-second precision.
pub fn to_tantivy(date: chrono::DateTime<chrono::Utc>) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_secs(date.timestamp())
}
