//! Turns the text of one file into articles. Pure: `&str` in, [`Parsed`] out, no I/O.
//!
//! Each layout has its own module; [`detect`] picks one from the content and the file
//! extension (never from folder names).

pub mod date;
mod email;
mod export;
mod fields;
mod header;
mod html;
mod html_meta;
mod json;
mod page_date;
mod pdf;
mod plain;
mod scraped;
mod text;

use chrono::{DateTime, Utc};

use crate::model::{Article, Format};

pub use date::{in_range, parse_date, DateError, ParsedDate};
pub use email::{article as email_article, Message};
pub use json::{Block, JsonLines};
pub use pdf::parse as parse_pdf;
pub use text::{collapse_whitespace, normalise};

/// One article found in a file, with where it sits and what the parser noticed.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// 1-based line (JSON Lines) or item number (JSON array); `None` for one-article files.
    pub part: Option<usize>,
    /// The article as read.
    pub article: Article,
    /// Things the user may want to fix, e.g. a missing title or an ambiguous date.
    pub notes: Vec<String>,
}

impl Entry {
    fn whole_file(article: Article, notes: Vec<String>) -> Self {
        Entry {
            part: None,
            article,
            notes,
        }
    }
}

/// A problem with part of a file that did not stop the rest of it being read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The 1-based line it is about (JSON Lines); `None` when it is about no one line.
    pub line: Option<usize>,
    /// What was wrong and what was done about it, worded for the user.
    pub message: String,
}

/// Everything read from one file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    /// The articles read, in file order.
    pub entries: Vec<Entry>,
    /// The parts of the file that were skipped, and why.
    pub warnings: Vec<Warning>,
}

/// Why a whole file yielded nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The 1-based line the problem is on, when it is on one.
    pub line: Option<usize>,
    /// What is wrong and what to do, worded for the user.
    pub message: String,
    /// The file was read and holds no articles at all (empty, blank, `[]`): not damage.
    pub empty: bool,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Picks the layout of a file from its extension (lower-case, without the dot) and text.
pub fn detect(extension: &str, text: &str) -> Format {
    // Notepad and many exporters start UTF-8 text with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match extension {
        "jsonl" | "ndjson" => return Format::Jsonl,
        "json" => return Format::Json,
        "html" | "htm" | "xhtml" => return Format::Html,
        _ => {}
    }
    let start = text.trim_start();
    if start.starts_with('[') || start.starts_with('{') {
        return if looks_like_json_lines(start) {
            Format::Jsonl
        } else {
            Format::Json
        };
    }
    detect_text(text)
}

fn detect_text(text: &str) -> Format {
    if export::looks_like(text) {
        Format::Export
    } else if header::looks_like(text) {
        Format::Header
    } else if scraped::looks_like(text) {
        Format::Scraped
    } else {
        Format::Plain
    }
}

/// Two or more lines that each hold a whole object.
fn looks_like_json_lines(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let whole = |l: &str| l.starts_with('{') && l.ends_with('}');
    lines.next().is_some_and(whole) && lines.next().is_some_and(whole)
}

/// Detects the layout and parses a file, recovering from a wrong first guess: a `.json`
/// file that is really JSON Lines, or a text file that merely starts with `[` or `{`.
pub fn parse_file(extension: &str, text: &str) -> Result<(Format, Parsed), ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let format = detect(extension, text);
    let first_try = parse(format, text);
    let retry = match (&first_try, format) {
        (Err(_), Format::Json) if looks_like_json_lines(text.trim_start()) => Some(Format::Jsonl),
        (Err(_), Format::Json | Format::Jsonl)
            if !matches!(extension, "json" | "jsonl" | "ndjson") =>
        {
            Some(detect_text(text))
        }
        _ => None,
    };
    match retry {
        Some(other) => match parse(other, text) {
            Ok(parsed) => Ok((other, parsed)),
            Err(_) => first_try.map(|parsed| (format, parsed)),
        },
        None => first_try.map(|parsed| (format, parsed)),
    }
}

/// Parses `text` as `format`.
pub fn parse(format: Format, text: &str) -> Result<Parsed, ParseError> {
    let text = text::normalise(text);
    let single = |entry: Entry| {
        if entry.article.title.is_empty() && entry.article.body.is_empty() {
            return Err(ParseError {
                empty: false,
                line: None,
                message: format!("no article text found (read as {} text)", format.as_str()),
            });
        }
        let mut entry = entry;
        if entry.article.body.trim().is_empty() {
            entry
                .notes
                .push("no body text; indexed by its title alone".into());
        }
        Ok(Parsed {
            entries: vec![entry],
            warnings: Vec::new(),
        })
    };
    match format {
        Format::Scraped => single(scraped::parse(&text)),
        Format::Header => single(header::parse(&text)),
        Format::Plain => plain::parse(&text).and_then(single),
        Format::Json => json::parse_document(&text),
        Format::Jsonl => json::parse_lines(&text),
        Format::Html => html::parse(&text),
        Format::Export => export::parse(&text),
        // Bytes, not text: `ingest` decodes the message, or extracts the pages' text.
        Format::Email | Format::Pdf => Err(ParseError {
            line: None,
            message: "an e-mail or a PDF is read from its file".into(),
            empty: false,
        }),
        // Bytes, not text: `ingest` reads an archive's records and parses each page.
        Format::Warc => Err(ParseError {
            line: None,
            message: "a web archive is read from its file, a record at a time".into(),
            empty: false,
        }),
    }
}

/// Reads a date field; an unreadable one becomes a note and the article has no date.
fn read_date(raw: &str, notes: &mut Vec<String>) -> Option<DateTime<Utc>> {
    match parse_date(raw) {
        Ok(parsed) => {
            if parsed.when > Utc::now() + chrono::Duration::days(2) {
                notes.push(format!(
                    "date '{}' is in the future; indexed as given",
                    raw.trim()
                ));
            }
            Some(parsed.when)
        }
        Err(err) => {
            notes.push(format!("{err}; indexed without a date"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_without_article_text_are_errors() {
        let err = parse(
            Format::Scraped,
            "11:14 GMT14 August 2020\nListen Live\nGet short URL\n",
        );
        assert_eq!(
            err.map(|_| ()).map_err(|e| e.to_string()),
            Err("no article text found (read as scraped text)".to_string())
        );
    }

    #[test]
    fn promos_with_non_breaking_spaces_are_still_chrome() {
        let text = "10:00 GMT 1 May 2019\nListen Live\n\n    Body text.\n\n    \
            Subscribe to\u{a0}our newsletter for the week\u{2019}s top stories.\n";
        let parsed = parse(Format::Scraped, text).unwrap_or_default();
        assert_eq!(parsed.entries[0].article.body, "Body text.");
    }

    #[test]
    fn wrong_first_guesses_are_recovered() {
        let (format, parsed) = parse_file("json", "{\"title\": \"a\"}\n{\"title\": \"b\"}\n")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((format, parsed.entries.len()), (Format::Jsonl, 2));
        let (format, parsed) = parse_file("txt", "[1/3] Workers clear the harbour\n\nBody text.")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(format, Format::Plain);
        assert_eq!(
            parsed.entries[0].article.title,
            "[1/3] Workers clear the harbour"
        );
        assert!(parse_file("json", "[1/3] not json").is_err());
    }

    #[test]
    fn extension_decides_json_kinds() {
        assert_eq!(detect("jsonl", "{}"), Format::Jsonl);
        assert_eq!(detect("ndjson", "{}"), Format::Jsonl);
        assert_eq!(detect("json", "[]"), Format::Json);
    }

    #[test]
    fn content_decides_text_kinds() {
        assert_eq!(
            detect("txt", "Title: A\nDate: 2020-01-01\n\nBody."),
            Format::Header
        );
        assert_eq!(
            detect("txt", "11:14 GMT14 August 2020\nListen Live\n\nBody."),
            Format::Scraped
        );
        assert_eq!(detect("txt", "A title\n\nBody text."), Format::Plain);
        // A UTF-8 byte-order mark does not hide the layout.
        assert_eq!(
            detect("txt", "\u{feff}Title: A\nDate: 2020-01-01\n\nBody."),
            Format::Header
        );
        assert_eq!(
            detect("md", "\u{feff}---\ntitle: A\n---\n\nBody."),
            Format::Header
        );
        assert_eq!(
            detect(
                "txt",
                "\u{feff}11:14 GMT14 August 2020\nListen Live\n\nBody."
            ),
            Format::Scraped
        );
        assert_eq!(
            detect("txt", "{\"title\": \"x\"}\n{\"title\": \"y\"}\n"),
            Format::Jsonl
        );
        assert_eq!(detect("", "[{\"title\": \"x\"}]"), Format::Json);
    }
}
