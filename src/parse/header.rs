//! Header text: `Title:`, `Date:`, `Tags:`, ... lines, a blank line, then the body.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{collapse_whitespace, split_list, tidy_body};
use super::{read_date, Entry};
use crate::model::{Article, Speaker};

static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*([A-Za-z][A-Za-z _-]{0,30}?)\s*:\s*(.*?)\s*$").expect("valid regex")
});

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
    Some(match name.to_ascii_lowercase().as_str() {
        "title" | "headline" => Key::Title,
        "date" | "published" | "pubdate" => Key::Date,
        "tags" | "keywords" | "topics" | "categories" => Key::Tags,
        "source" | "publisher" => Key::Source,
        "author" | "byline" | "authors" => Key::Author,
        "url" | "link" => Key::Url,
        "speakers" => Key::Speakers,
        _ => return None,
    })
}

/// The header block: leading `Key: value` lines up to the first blank line.
fn header_lines(text: &str) -> impl Iterator<Item = &str> {
    text.trim_start_matches('\n')
        .lines()
        .take_while(|line| !line.trim().is_empty())
}

/// True when the file opens with a header block naming a title or two known keys.
pub fn looks_like(text: &str) -> bool {
    let mut known = 0;
    let mut has_title = false;
    for line in header_lines(text) {
        let Some(caps) = HEADER_LINE.captures(line) else {
            return false;
        };
        match key(&caps[1]) {
            Some(Key::Title) => {
                has_title = true;
                known += 1;
            }
            Some(_) => known += 1,
            None => {}
        }
    }
    has_title || known >= 2
}

pub fn parse(text: &str) -> Entry {
    let mut article = Article::default();
    let mut notes = Vec::new();
    let trimmed = text.trim_start_matches('\n');
    let mut consumed = 0;
    for line in header_lines(trimmed) {
        consumed += line.len() + 1;
        let Some(caps) = HEADER_LINE.captures(line) else {
            continue;
        };
        let value = caps[2].trim();
        if value.is_empty() {
            continue;
        }
        match key(&caps[1]) {
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
    article.body = tidy_body(trimmed.get(consumed..).unwrap_or_default());
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
