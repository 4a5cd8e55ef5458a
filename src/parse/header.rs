//! Header text: `Title:`, `Date:`, `Tags:`, ... lines, a blank line, then the body.
//! Markdown front matter (`---` fenced `key: value` lines, `- item` lists) reads the same way.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{collapse_whitespace, split_list, tidy_body};
use super::{read_date, Entry};
use crate::model::{Article, Speaker};

/// `Key: value`; a key may carry a note in brackets (`Date (UTC): ...`).
static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*([A-Za-z][A-Za-z0-9 _-]{0,30}?)\s*(?:\([^)]{0,20}\))?\s*:\s*(.*?)\s*$")
        .expect("valid regex")
});

const FENCE: &str = "---";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Title,
    Date,
    Tags,
    Source,
    Author,
    Url,
    Speakers,
}

fn key(name: &str) -> Option<Key> {
    Some(match name.trim().to_ascii_lowercase().as_str() {
        "title" | "headline" => Key::Title,
        "date" | "published" | "pubdate" | "published at" | "published_at" => Key::Date,
        "tags" | "keywords" | "topics" | "categories" => Key::Tags,
        "source" | "publisher" => Key::Source,
        "author" | "byline" | "authors" => Key::Author,
        "url" | "link" => Key::Url,
        "speakers" => Key::Speakers,
        _ => return None,
    })
}

/// The header's fields, in order, and the body after it.
struct Header<'a> {
    fields: Vec<(Option<Key>, String)>,
    body: &'a str,
}

/// Splits off a header block: `Key: value` lines up to the first blank line (a line that is
/// not `Key: value` continues the previous value), or a `---` fenced front matter block.
/// `None` when the file does not open with one that names a title or two known keys.
fn split(text: &str) -> Option<Header<'_>> {
    let text = text.trim_start_matches('\n');
    let fenced = text.lines().next().is_some_and(|l| l.trim_end() == FENCE);
    let mut fields: Vec<(Option<Key>, String)> = Vec::new();
    let mut consumed = 0;
    let mut closed = !fenced;
    for (i, line) in text.lines().enumerate() {
        consumed += line.len() + 1;
        if fenced && i == 0 {
            continue;
        }
        if fenced && line.trim_end() == FENCE {
            closed = true;
            break;
        }
        if !fenced && line.trim().is_empty() {
            break;
        }
        match HEADER_LINE.captures(line) {
            Some(caps) => {
                let value = caps.get(2).map_or("", |m| m.as_str());
                fields.push((key(&caps[1]), unquote(value).to_string()));
            }
            // The first line must be a header line; later ones may wrap or list items.
            None if fields.is_empty() => return None,
            None => {
                let (_, value) = fields.last_mut()?;
                let item = line.trim().strip_prefix("- ").map(unquote);
                match item {
                    Some(item) if value.is_empty() => value.push_str(item),
                    Some(item) => {
                        value.push_str(", ");
                        value.push_str(item);
                    }
                    None => {
                        value.push(' ');
                        value.push_str(line.trim());
                    }
                }
            }
        }
    }
    let known: Vec<Key> = fields.iter().filter_map(|(k, _)| *k).collect();
    let recognised = closed
        && fields.first().is_some_and(|(k, _)| k.is_some() || fenced)
        && (known.contains(&Key::Title) || known.len() >= 2);
    recognised.then(|| Header {
        fields,
        body: text.get(consumed..).unwrap_or_default(),
    })
}

/// Drops YAML-style quotes and list brackets around a value.
fn unquote(value: &str) -> &str {
    let value = value.trim();
    for (open, close) in [('"', '"'), ('\'', '\''), ('[', ']')] {
        if let Some(inner) = value.strip_prefix(open).and_then(|v| v.strip_suffix(close)) {
            return inner.trim();
        }
    }
    value
}

/// True when the file opens with a header block naming a title or two known keys.
pub fn looks_like(text: &str) -> bool {
    split(text).is_some()
}

/// Reads a header-text file into one article: the header's known keys, then the body;
/// a date that cannot be read becomes a note, and a file without a header is all body.
pub fn parse(text: &str) -> Entry {
    let mut article = Article::default();
    let mut notes = Vec::new();
    let Some(header) = split(text) else {
        article.body = tidy_body(text);
        return Entry::whole_file(article, notes);
    };
    for (key, value) in &header.fields {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match key {
            Some(Key::Title) => article.title = collapse_whitespace(value),
            Some(Key::Date) => article.date = read_date(value, &mut notes),
            Some(Key::Tags) => article.tags = split_list(value),
            Some(Key::Source) => article.source = Some(value.to_string()),
            Some(Key::Author) => article.author = Some(value.to_string()),
            Some(Key::Url) => article.url = Some(value.to_string()),
            Some(Key::Speakers) => {
                article.speakers = split_list(value).into_iter().map(Speaker::named).collect()
            }
            None => {}
        }
    }
    article.body = tidy_body(header.body);
    Entry::whole_file(article, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "title: Harbour fees rise\nTAGS: shipping, Nordvik\nDate: 3 Mar 2021\n\
        Author: Ola Vik\nSource: Nordvik Post\nURL: https://example.org/a\nX-Mailer: ignored\n\n\
        First paragraph.\n\nSecond paragraph\ncontinues here.\n";

    #[test]
    fn header_fields_in_any_order_and_case() {
        let entry = parse(SAMPLE);
        let a = &entry.article;
        assert_eq!(a.title, "Harbour fees rise");
        assert_eq!(a.tags, vec!["shipping", "Nordvik"]);
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2021-03-03T00:00:00+00:00")
        );
        assert_eq!(a.author.as_deref(), Some("Ola Vik"));
        assert_eq!(a.source.as_deref(), Some("Nordvik Post"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(
            a.body,
            "First paragraph.\n\nSecond paragraph\ncontinues here."
        );
        assert!(entry.notes.is_empty(), "{:?}", entry.notes);
    }

    #[test]
    fn detection_needs_a_title_or_two_known_keys() {
        assert!(looks_like(SAMPLE));
        assert!(looks_like("Title: Only a title\n\nBody"));
        assert!(!looks_like("Update: markets fall\n\nBody"));
        assert!(!looks_like(
            "Markets fall again\n\nDate: the body mentions a date"
        ));
    }

    #[test]
    fn wrapped_values_and_bracketed_keys_are_read() {
        let entry = parse("Title: Harbour fees\nDate (UTC): 2021-03-14 10:00\nTags: shipping,\n  Vostrava\n\nBody.");
        assert_eq!(entry.article.tags, vec!["shipping", "Vostrava"]);
        assert_eq!(
            entry.article.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2021-03-14T10:00:00+00:00")
        );
        assert_eq!(entry.article.body, "Body.");
    }

    #[test]
    fn markdown_front_matter_is_a_header() {
        let text = "---\ntitle: \"Harbour fees rise\"\npublished: 2021-03-14\ntags:\n  - shipping\n  - Vostrava\nsource: Nordvik Post\n---\n\nFirst paragraph.\n";
        assert!(looks_like(text));
        let a = parse(text).article;
        assert_eq!(a.title, "Harbour fees rise");
        assert_eq!(a.tags, vec!["shipping", "Vostrava"]);
        assert_eq!(a.source.as_deref(), Some("Nordvik Post"));
        assert_eq!(a.body, "First paragraph.");
        assert!(!looks_like("---\nnot: front matter\n"));
    }

    #[test]
    fn ambiguous_date_is_noted_not_guessed() {
        let entry = parse("Title: T\nDate: 03/04/2021\n\nBody.");
        assert_eq!(entry.article.date, None);
        assert_eq!(entry.notes.len(), 1);
        assert!(entry.notes[0].contains("ambiguous"), "{:?}", entry.notes);
    }

    #[test]
    fn missing_title_is_noted() {
        let entry = parse("Date: 2021-01-01\nTags: a, b\n\nBody here.");
        assert_eq!(entry.article.title, "");
        assert!(entry.notes.is_empty(), "{:?}", entry.notes);
    }
}
