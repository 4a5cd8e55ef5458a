//! JSON (one object, an array, or an API envelope holding an array) and JSON Lines.
//!
//! Exports name fields differently, so each article field accepts the common aliases.
//! Unknown fields are ignored.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::fields::{
    Aliases, Fields, Object, ALIASES, AUTHOR, BODY, DATE, SOURCE, SPEAKERS, TAGS, TITLE, URL,
};
use super::text::{collapse_whitespace, push_unique, split_list, tidy_body};
use super::{read_date, Entry, ParseError, Parsed, Warning};
use crate::model::{Article, Speaker};

/// Envelope fields that hold the article list in API dumps (`{"articles": [...]}`).
const ENVELOPES: &[&str] = &[
    "articles", "items", "results", "data", "docs", "entries", "stories",
];

/// A `.json` file: one article object, an array of them, or an envelope around an array.
pub fn parse_document(text: &str) -> Result<Parsed, ParseError> {
    let value: Value = serde_json::from_str(text).map_err(|err| ParseError {
        empty: false,
        line: Some(err.line()),
        message: format!("not valid JSON ({err}); fix the file or remove it from the folder"),
    })?;
    let mut parsed = Parsed::default();
    let items: Vec<Value> = match value {
        Value::Array(items) => items,
        Value::Object(object) => match envelope(&object) {
            Some(items) => items.clone(),
            None => {
                let entry =
                    read_object(Fields::of_map(object), None).map_err(|message| ParseError {
                        empty: false,
                        line: None,
                        message,
                    })?;
                parsed.entries.push(entry);
                return Ok(parsed);
            }
        },
        _ => {
            return Err(ParseError {
                empty: false,
                line: None,
                message: "JSON holds neither an article object nor an array of them".into(),
            })
        }
    };
    for (i, item) in items.into_iter().enumerate() {
        let number = i + 1;
        let result = match item {
            Value::Object(object) => read_object(Fields::of_map(object), Some(number)),
            _ => Err("is not a JSON object".to_string()),
        };
        match result {
            Ok(entry) => parsed.entries.push(entry),
            Err(message) => parsed.warnings.push(Warning {
                line: None,
                message: format!("item {number} {message}; skipped"),
            }),
        }
    }
    if parsed.entries.is_empty() {
        let detail = parsed
            .warnings
            .first()
            .map_or_else(|| "the array is empty".to_string(), |w| w.message.clone());
        return Err(ParseError {
            empty: parsed.warnings.is_empty(),
            line: None,
            message: format!("no articles in this JSON file ({detail})"),
        });
    }
    Ok(parsed)
}

/// The most articles a JSON Lines file's list is sized for before it is read.
const MAX_RESERVED_ARTICLES: usize = 65_536;
/// Bad lines of a JSON Lines file reported one by one; the rest are counted in one more
/// warning, so a file of millions of bad lines does not hold millions of messages.
const MAX_LINE_WARNINGS: usize = 100;

/// A JSON Lines file: one object per line; a bad line is reported and the rest are read.
pub fn parse_lines(text: &str) -> Result<Parsed, ParseError> {
    let mut lines = JsonLines::default();
    let entries = lines.block(text).next_articles(usize::MAX);
    let warnings = lines.finish()?;
    Ok(Parsed { entries, warnings })
}

/// A JSON Lines file read a block of whole lines at a time, each block a few lines at a
/// time: the first articles of a big file can be indexed while the rest of it is still
/// being read and parsed. Counts lines and keeps the warnings across blocks.
#[derive(Debug, Default)]
pub struct JsonLines {
    /// Lines read so far.
    lines: usize,
    articles: usize,
    bad_lines: usize,
    warnings: Vec<Warning>,
}

/// The lines of one block of a JSON Lines file.
pub struct Block<'a> {
    file: &'a mut JsonLines,
    lines: std::str::Lines<'a>,
    /// Lines not read yet, at most: room for an article each, up to a bound.
    lines_left: usize,
}

impl JsonLines {
    /// The next block of the file: `text` holds whole lines, those after the lines of the
    /// blocks before.
    pub fn block<'a>(&'a mut self, text: &'a str) -> Block<'a> {
        Block {
            file: self,
            lines: text.lines(),
            lines_left: memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1,
        }
    }

    /// How many lines have been read.
    pub fn lines_read(&self) -> usize {
        self.lines
    }

    /// The warnings about the lines read, or why the file gave no article at all.
    pub fn finish(mut self) -> Result<Vec<Warning>, ParseError> {
        if self.bad_lines > MAX_LINE_WARNINGS {
            self.warnings.push(Warning {
                line: None,
                message: format!(
                    "{} more bad lines skipped after the first {MAX_LINE_WARNINGS}; the other lines are indexed",
                    self.bad_lines - MAX_LINE_WARNINGS
                ),
            });
        }
        if self.articles == 0 {
            let detail = match self.warnings.first() {
                Some(w) => w.message.clone(),
                None => "the file is empty".to_string(),
            };
            return Err(ParseError {
                empty: self.warnings.is_empty(),
                line: self.warnings.first().and_then(|w| w.line),
                message: format!("no articles in this JSON Lines file ({detail})"),
            });
        }
        Ok(self.warnings)
    }
}

impl Block<'_> {
    /// The articles of the next lines, at most `max` of them; none once the block is read.
    pub fn next_articles(&mut self, max: usize) -> Vec<Entry> {
        // A file of blank or tiny lines must not reserve memory for millions of articles
        // it does not hold.
        let mut entries = Vec::with_capacity(max.min(self.lines_left).min(MAX_RESERVED_ARTICLES));
        let file = &mut *self.file;
        while entries.len() < max {
            let Some(line) = self.lines.next() else {
                break;
            };
            self.lines_left = self.lines_left.saturating_sub(1);
            file.lines += 1;
            let number = file.lines;
            if line.trim().is_empty() {
                continue;
            }
            let result = match serde_json::from_str::<Object>(line) {
                Ok(Object(Some(fields))) => read_object(fields, Some(number)),
                Ok(Object(None)) => Err("is not a JSON object".to_string()),
                Err(err) => Err(format!("is not valid JSON ({err})")),
            };
            match result {
                Ok(entry) => entries.push(entry),
                Err(message) => {
                    file.bad_lines += 1;
                    if file.bad_lines <= MAX_LINE_WARNINGS {
                        file.warnings.push(Warning {
                            line: Some(number),
                            message: format!(
                                "this line {message}; skipped, the other lines are indexed"
                            ),
                        });
                    }
                }
            }
        }
        file.articles += entries.len();
        entries
    }
}

/// The article list of an API dump or feed (`{"articles": [{...}, ...]}`), even when the
/// wrapper has a title of its own: an envelope field holding objects that look like articles.
fn envelope(object: &Map<String, Value>) -> Option<&Vec<Value>> {
    let is_article = |item: &Value| {
        item.as_object().is_some_and(|o| {
            field(o, &ALIASES[TITLE]).is_some() || field(o, &ALIASES[BODY]).is_some()
        })
    };
    ENVELOPES
        .iter()
        .find_map(|name| match field(object, &[name]) {
            Some(Value::Array(items)) if items.iter().any(is_article) => Some(items),
            _ => None,
        })
}

/// First non-null field among `aliases`, matching names case-insensitively.
fn field<'a>(object: &'a Map<String, Value>, aliases: &[&str]) -> Option<&'a Value> {
    object.values().nth(field_at(object, aliases)?)
}

/// Where the field of [`field`] is among the object's entries.
fn field_at(object: &Map<String, Value>, aliases: &[&str]) -> Option<usize> {
    aliases.iter().find_map(|alias| {
        object
            .iter()
            .position(|(k, v)| k.eq_ignore_ascii_case(alias) && !v.is_null())
    })
}

/// "a number", "an object", ... for messages about fields of the wrong type.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Text of a string, a number, or an object's `name`.
fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => field(o, &["name", "title", "value", "rendered"]).and_then(as_text),
        _ => None,
    }
}

/// Items of an array (of strings or named objects) or of a comma-separated string.
fn as_list(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => {
            let mut out = Vec::new();
            for item in items.iter().filter_map(as_text) {
                push_unique(&mut out, &item);
            }
            out
        }
        other => as_text(other).map(|t| split_list(&t)).unwrap_or_default(),
    }
}

fn read_object(mut object: Fields, part: Option<usize>) -> Result<Entry, String> {
    let mut notes = Vec::new();
    let title = object
        .get(TITLE)
        .and_then(as_text)
        .map(|t| collapse_whitespace(&t));
    // Text is tidied in the parsed string's own buffer, without a copy.
    let body: Option<String> = object.take(BODY).map(|v| match v {
        Value::String(text) => text,
        Value::Array(paragraphs) => paragraphs
            .iter()
            .filter_map(as_text)
            .collect::<Vec<_>>()
            .join("\n\n"),
        other => as_text(&other).unwrap_or_default(),
    });
    if title.is_none() && body.as_deref().is_none_or(|b| b.trim().is_empty()) {
        return Err(format!(
            "has no title or body (looked for {} and {})",
            ALIASES[TITLE].join("/"),
            ALIASES[BODY].join("/")
        ));
    }
    let date = object.get(DATE).and_then(|v| match v {
        Value::Number(n) => timestamp(n, &mut notes),
        Value::String(raw) => read_date(raw, &mut notes),
        other => {
            notes.push(format!(
                "the date is {}, not text or a timestamp; indexed without a date",
                kind(other)
            ));
            None
        }
    });
    let mut tags = Vec::new();
    for alias in TAGS {
        match object.get(one(alias)) {
            Some(value @ (Value::String(_) | Value::Array(_))) => {
                for tag in as_list(value) {
                    push_unique(&mut tags, &tag);
                }
            }
            Some(other) => notes.push(format!(
                "\"{}\" is {}, not text or a list; ignored",
                ALIASES[alias],
                kind(other)
            )),
            None => {}
        }
    }
    let author = object
        .get(AUTHOR)
        .map(as_list)
        .filter(|names| !names.is_empty())
        .map(|names| names.join(", "));
    let speakers = object
        .get(SPEAKERS)
        .map(as_list)
        .unwrap_or_default()
        .into_iter()
        .map(Speaker::named)
        .collect();
    let article = Article {
        title: title.unwrap_or_default(),
        date,
        body: tidy_body(body.unwrap_or_default()),
        speakers,
        tags,
        author,
        url: object.get(URL).and_then(as_text),
        source: object.get(SOURCE).and_then(as_text),
    };
    Ok(Entry {
        part,
        article,
        notes,
    })
}

/// The one alias at `at` of [`ALIASES`].
fn one(at: usize) -> Aliases {
    at..at + 1
}

/// Unix time in seconds, or milliseconds when the number is too large for seconds.
fn timestamp(number: &serde_json::Number, notes: &mut Vec<String>) -> Option<DateTime<Utc>> {
    let parsed = match (number.as_i64(), number.as_f64()) {
        (Some(value), _) if value.unsigned_abs() > 100_000_000_000 => {
            DateTime::from_timestamp_millis(value)
        }
        (Some(value), _) => DateTime::from_timestamp(value, 0),
        (None, Some(value)) if value.is_finite() && value.abs() < 1e11 => {
            DateTime::from_timestamp(value.round() as i64, 0)
        }
        _ => None,
    }
    .filter(super::in_range);
    if parsed.is_none() {
        notes.push(format!(
            "date {number} is not a Unix time in seconds or milliseconds within the years {}-{}; indexed without a date",
            super::date::FIRST_YEAR,
            super::date::LAST_YEAR
        ));
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(parsed: &Parsed) -> &Article {
        &parsed.entries[0].article
    }

    #[test]
    fn aliases_are_mapped() {
        let text = r#"{"headline": "Port fees", "published_at": "2024-01-02T03:04:05Z",
            "content": "Para one.\n\nPara two.", "keywords": ["ports", "fees"],
            "topics": "fees, Nordvik", "byline": ["A. Vik", "B. Holm"], "link": "https://e.org",
            "publisher": {"name": "Nordvik Post"}, "speakers": [{"name": "Mira Holm"}],
            "wordcount": 12}"#;
        let parsed = parse_document(text).unwrap_or_default();
        let a = first(&parsed);
        assert_eq!(a.title, "Port fees");
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2024-01-02T03:04:05+00:00")
        );
        assert_eq!(a.body, "Para one.\n\nPara two.");
        assert_eq!(a.tags, vec!["ports", "fees", "Nordvik"]);
        assert_eq!(a.author.as_deref(), Some("A. Vik, B. Holm"));
        assert_eq!(a.url.as_deref(), Some("https://e.org"));
        assert_eq!(a.source.as_deref(), Some("Nordvik Post"));
        assert_eq!(a.speakers, vec![Speaker::named("Mira Holm")]);
        assert_eq!(parsed.entries[0].part, None);
    }

    #[test]
    fn arrays_and_envelopes_number_their_items() {
        let text =
            r#"{"status": "ok", "articles": [{"title": "A", "text": "x"}, 7, {"title": "B"}]}"#;
        let parsed = parse_document(text).unwrap_or_default();
        let titles: Vec<_> = parsed
            .entries
            .iter()
            .map(|e| (e.part, e.article.title.as_str()))
            .collect();
        assert_eq!(titles, vec![(Some(1), "A"), (Some(3), "B")]);
        assert_eq!(parsed.warnings.len(), 1);
        assert!(parsed.warnings[0]
            .message
            .starts_with("item 2 is not a JSON object"));
    }

    #[test]
    fn feeds_with_their_own_title_yield_their_items() {
        let text = r#"{"title": "My feed", "description": "x",
            "items": [{"title": {"rendered": "One"}, "content": {"rendered": "Body one"}}]}"#;
        let parsed = parse_document(text).unwrap_or_default();
        assert_eq!(parsed.entries.len(), 1);
        assert_eq!(first(&parsed).title, "One");
        assert_eq!(first(&parsed).body, "Body one");
    }

    #[test]
    fn bad_json_names_the_line() {
        let err = parse_document("{\n\"title\": \"x\",\n}").err();
        assert_eq!(err.as_ref().and_then(|e| e.line), Some(3));
    }

    #[test]
    fn a_bad_jsonl_line_is_reported_and_the_rest_read() {
        let text = "{\"title\": \"one\", \"date\": 1600000000}\n{broken\n\n{\"text\": \"three\", \"date\": \"03/04/2021\"}\n";
        let parsed = parse_lines(text).unwrap_or_default();
        assert_eq!(parsed.entries.len(), 2);
        assert_eq!(parsed.entries[0].part, Some(1));
        assert_eq!(
            first(&parsed).date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2020-09-13T12:26:40+00:00")
        );
        assert_eq!(parsed.entries[1].part, Some(4));
        assert_eq!(parsed.entries[1].article.date, None);
        assert!(parsed.entries[1]
            .notes
            .iter()
            .any(|n| n.contains("ambiguous")));
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(parsed.warnings[0].line, Some(2));
    }

    #[test]
    fn past_a_hundred_bad_lines_the_rest_are_counted_in_one_warning() {
        let text = format!("{}{{\"title\": \"kept\"}}\n", "{broken\n".repeat(250));
        let parsed = parse_lines(&text).unwrap_or_default();
        assert_eq!(parsed.entries.len(), 1);
        assert_eq!(parsed.entries[0].part, Some(251));
        assert_eq!(parsed.warnings.len(), 101);
        assert_eq!(parsed.warnings[99].line, Some(100));
        assert_eq!(parsed.warnings[100].line, None);
        assert_eq!(
            parsed.warnings[100].message,
            "150 more bad lines skipped after the first 100; the other lines are indexed"
        );
    }

    #[test]
    fn lines_read_in_blocks_a_few_at_a_time_give_what_the_whole_file_gives() {
        let first = "{\"title\": \"a\"}\n\n{broken\n{\"title\": \"b\", \"date\": \"someday\"}\n";
        let second = "[1]\n{\"title\": \"c\"}\n{\"title\": \"d\"}";
        let whole = parse_lines(&format!("{first}{second}")).unwrap_or_default();
        let mut lines = JsonLines::default();
        let mut pieces = Vec::new();
        for text in [first, second] {
            let mut block = lines.block(text);
            loop {
                let piece = block.next_articles(1);
                if piece.is_empty() {
                    break;
                }
                pieces.push(piece.iter().map(|e| e.part).collect::<Vec<_>>());
            }
        }
        let parts = |entries: &[Entry]| entries.iter().map(|e| vec![e.part]).collect::<Vec<_>>();
        assert_eq!(pieces, parts(&whole.entries));
        assert_eq!(pieces, vec![[Some(1)], [Some(4)], [Some(6)], [Some(7)]]);
        let warnings = lines.finish().unwrap_or_default();
        assert_eq!(warnings, whole.warnings);
        assert_eq!(
            warnings.iter().map(|w| w.line).collect::<Vec<_>>(),
            vec![Some(3), Some(5)]
        );
        assert_eq!(whole.entries[1].notes.len(), 1);
    }

    #[test]
    fn numeric_dates_are_seconds_or_milliseconds_within_range() {
        let date = |json: &str| {
            let parsed = parse_document(json).unwrap_or_default();
            let e = &parsed.entries[0];
            (e.article.date.map(|d| d.to_rfc3339()), e.notes.len())
        };
        let at = Some("2020-09-13T12:26:40+00:00".to_string());
        assert_eq!(
            date(r#"{"title": "t", "date": 1600000000}"#),
            (at.clone(), 0)
        );
        assert_eq!(
            date(r#"{"title": "t", "date": 1600000000000}"#),
            (at.clone(), 0)
        );
        assert_eq!(date(r#"{"title": "t", "date": 1600000000.4}"#), (at, 0));
        assert_eq!(
            date(r#"{"title": "t", "date": 1700000000000000}"#),
            (None, 1)
        );
        assert_eq!(
            date(r#"{"title": "t", "date": -9223372036854775808}"#),
            (None, 1)
        );
    }

    #[test]
    fn objects_without_title_or_body_are_skipped() {
        let parsed = parse_lines("{\"title\": \"ok\"}\n{\"id\": 5}\n").unwrap_or_default();
        assert_eq!(parsed.entries.len(), 1);
        assert!(parsed.warnings[0].message.contains("has no title or body"));
        assert!(parse_lines("{\"id\": 5}\n").is_err());
    }
}
