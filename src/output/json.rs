//! JSON output: the contract users script against with jq (documented in the README).

use std::io::{self, Write};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::model::{Format, Speaker};
use crate::parse::Entry;

/// Writes `value` as one line of JSON.
pub fn write_line<W: Write, T: Serialize>(out: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

/// One `extract` record: an article exactly as the indexer sees it.
#[derive(Debug, Serialize)]
pub struct ExtractRecord<'a> {
    pub path: &'a str,
    pub format: Format,
    /// Line (JSON Lines) or item (JSON array) the article came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<usize>,
    pub title: &'a str,
    pub title_missing: bool,
    pub date: Option<DateTime<Utc>>,
    pub tags: &'a [String],
    pub speakers: &'a [Speaker],
    pub author: Option<&'a str>,
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    pub body: &'a str,
    pub notes: &'a [String],
}

impl<'a> ExtractRecord<'a> {
    pub fn new(path: &'a str, format: Format, entry: &'a Entry) -> Self {
        let a = &entry.article;
        ExtractRecord {
            path,
            format,
            part: entry.part,
            title: &a.title,
            title_missing: a.title.trim().is_empty(),
            date: a.date,
            tags: &a.tags,
            speakers: &a.speakers,
            author: a.author.as_deref(),
            source: a.source.as_deref(),
            url: a.url.as_deref(),
            body: &a.body,
            notes: &entry.notes,
        }
    }
}
