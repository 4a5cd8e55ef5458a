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

/// A JSON object written in pieces, on one line: the fields of a value, with its list
/// `field` (empty in that value) written an item at a time in its place. What an export of
/// every hit prints, in the same shape as the object printed whole.
pub struct StreamedObject<W: Write> {
    out: W,
    /// The object after the list's items: `]` and the fields that follow it.
    rest: String,
    items: usize,
}

impl<W: Write> StreamedObject<W> {
    /// Writes `value` up to the items of its list `field`.
    pub fn begin<T: Serialize>(mut out: W, value: &T, field: &str) -> io::Result<Self> {
        let whole = serde_json::to_string(value)?;
        // A key is never escaped, and a string value holding these characters is: the
        // first match is the field itself.
        let marker = format!("\"{field}\":[]");
        let Some(at) = whole.find(&marker) else {
            return Err(io::Error::other(format!(
                "no empty list {field:?} to stream"
            )));
        };
        let split = at + marker.len() - 1;
        out.write_all(&whole.as_bytes()[..split])?;
        Ok(StreamedObject {
            out,
            rest: whole[split..].to_string(),
            items: 0,
        })
    }

    /// Writes the list's next item.
    pub fn item<T: Serialize>(&mut self, item: &T) -> io::Result<()> {
        if self.items > 0 {
            self.out.write_all(b",")?;
        }
        self.items += 1;
        serde_json::to_writer(&mut self.out, item)?;
        Ok(())
    }

    /// Writes the rest of the object and ends the line.
    pub fn finish(mut self) -> io::Result<()> {
        self.out.write_all(self.rest.as_bytes())?;
        self.out.write_all(b"\n")
    }
}

/// One `extract` record: an article exactly as the indexer sees it.
#[derive(Debug, Serialize)]
pub struct ExtractRecord<'a> {
    /// The file as named on the command line, or found under a folder named there; not
    /// made absolute.
    pub path: &'a str,
    /// The layout the file was parsed as.
    pub format: Format,
    /// Line (JSON Lines) or item (JSON array) the article came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<usize>,
    /// The title as found: empty when the source has none, with no fallback to the first
    /// sentence as in search results.
    pub title: &'a str,
    /// The source gave no title, or a blank one.
    pub title_missing: bool,
    /// Publication time in UTC, RFC 3339 in JSON; `null` when the source gives none or it
    /// cannot be read.
    pub date: Option<DateTime<Utc>>,
    /// Tags as the source spells them, not folded.
    pub tags: &'a [String],
    /// The people [`extract`](crate::speakers::extract) finds quoted, with their words;
    /// names the source lists count only as evidence. Empty `aliases` and `quotes`, and
    /// a missing `role`, are left out of the JSON.
    pub speakers: &'a [Speaker],
    /// Byline as given; `null` when none.
    pub author: Option<&'a str>,
    /// The publication; `null` when none.
    pub source: Option<&'a str>,
    /// Link to the original; `null` when none.
    pub url: Option<&'a str>,
    /// The article text the index would hold; quote offsets are bytes into it.
    pub body: &'a str,
    /// What the parser could not read or found odd, e.g. a date it cannot read (an
    /// ambiguous one, say) or one in the future, or no body text.
    pub notes: &'a [String],
}

impl<'a> ExtractRecord<'a> {
    /// The record of one parsed article of the file shown as `path`, read as `format`.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Page {
        query: String,
        hits: Vec<String>,
        facets: Vec<u32>,
    }

    #[test]
    fn a_streamed_object_is_the_object_printed_whole() -> io::Result<()> {
        let page = |hits: Vec<String>| Page {
            query: "\"hits\":[] and more".to_string(),
            hits,
            facets: vec![3, 1],
        };
        let hits = vec!["a\"b".to_string(), "c".to_string()];
        let mut whole = Vec::new();
        write_line(&mut whole, &page(hits.clone()))?;
        for shown in [hits, Vec::new()] {
            let mut streamed = Vec::new();
            let mut object = StreamedObject::begin(&mut streamed, &page(Vec::new()), "hits")?;
            for hit in &shown {
                object.item(hit)?;
            }
            object.finish()?;
            let mut expected = Vec::new();
            write_line(&mut expected, &page(shown))?;
            assert_eq!(
                String::from_utf8_lossy(&streamed),
                String::from_utf8_lossy(&expected)
            );
        }
        assert_eq!(
            String::from_utf8_lossy(&whole),
            "{\"query\":\"\\\"hits\\\":[] and more\",\"hits\":[\"a\\\"b\",\"c\"],\"facets\":[3,1]}\n"
        );
        Ok(())
    }
}
