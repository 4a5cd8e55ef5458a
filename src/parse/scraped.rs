//! Text copied from a news web page: an optional headline, a time+date line, page chrome
//! (player and share widgets, promos), a `by NAME` byline, the body, a block of related
//! headlines and a comma-separated keyword line.
//!
//! Real paragraphs stay; chrome and other articles' headlines go, so they are not searchable
//! as this article's text.

use std::sync::LazyLock;

use regex::Regex;

use super::text::{collapse_whitespace, split_list};
use super::{read_date, Entry};
use crate::model::Article;

/// `11:14 GMT14 August 2020`, `9:05 GMT 3 March 2021 (updated 10:00 GMT 3 March 2021)`.
static TIME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\d{1,2}:\d{2}(?::\d{2})?\s*(?:[a-z]{1,5})?\s*,?\s*\d{1,2}\s+[a-z]+\.?,?\s+\d{4}(?:\s*\(\s*updated\b.*)?$",
    )
    .expect("valid regex")
});

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by)\s+(\p{Lu}[\p{L}'’.\-]*(?:\s+(?:\p{Lu}[\p{L}'’.\-]*|de|van|von|da|bin|al|and|&)){0,5})$")
        .expect("valid regex")
});

/// How far into the file the time line may appear.
const TIME_LINE_WITHIN: usize = 12;

/// Whole lines that are page furniture, compared lower-case.
const CHROME_LINES: &[&str] = &[
    "listen live",
    "get short url",
    "share",
    "tweet",
    "print",
    "email",
    "comments",
    "comment",
    "discussion",
    "community standards",
    "community standardsdiscussion",
    "subscribe",
    "follow us",
    "related",
    "related stories",
    "related articles",
    "read more",
    "more on this story",
    "advertisement",
    "all comments",
    "show comments",
    "hide comments",
];

/// Phrases that mark promo lines (newsletter, channel and app invitations).
const PROMO_PHRASES: &[&str] = &[
    "never miss a story",
    "sign up to our",
    "sign up for our",
    "subscribe to our",
    "follow us on",
    "join our",
    "our telegram channel",
    "download our app",
    "get the latest news",
];

/// Promo lines are short; a long paragraph that mentions a newsletter is still body text.
const MAX_PROMO_CHARS: usize = 220;

/// Related headlines are short, unpunctuated lines.
const MAX_HEADLINE_CHARS: usize = 160;

/// True when a time+date line opens the file (after at most a headline and some chrome).
pub fn looks_like(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(TIME_LINE_WITHIN)
        .any(|l| TIME_LINE.is_match(l))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Chrome,
    Text,
}

fn classify(line: &str) -> Kind {
    if line.is_empty() {
        return Kind::Blank;
    }
    let lower = line.to_lowercase();
    let is_counter = line.split_whitespace().all(|w| {
        w.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == 'k')
    }) && line.chars().any(|c| c.is_ascii_digit());
    let is_promo =
        line.chars().count() <= MAX_PROMO_CHARS && PROMO_PHRASES.iter().any(|p| lower.contains(p));
    if is_counter
        || is_promo
        || CHROME_LINES.contains(&lower.as_str())
        || lower.starts_with("community standards")
    {
        Kind::Chrome
    } else {
        Kind::Text
    }
}

/// A comma-separated keyword line: three or more short items and no sentence ending.
fn is_keyword_line(line: &str) -> bool {
    let items: Vec<&str> = line.split(',').map(str::trim).collect();
    items.len() >= 3
        && !ends_like_sentence(line)
        && items
            .iter()
            .all(|i| !i.is_empty() && i.split_whitespace().count() <= 6 && i.chars().count() <= 60)
}

fn ends_like_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', ':', ';', '"', '”', '’', '\'', ')', '…'])
}

fn is_headline_like(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let starts_well = line.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'')
    });
    starts_well
        && (2..=24).contains(&words)
        && line.chars().count() <= MAX_HEADLINE_CHARS
        && !ends_like_sentence(line)
}

pub fn parse(text: &str) -> Entry {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut notes = Vec::new();
    let mut article = Article::default();

    let time_at = lines.iter().position(|l| TIME_LINE.is_match(l));
    let body_from = match time_at {
        Some(at) => {
            article.date = read_date(lines[at], &mut notes);
            article.title = lines[..at]
                .iter()
                .filter(|l| classify(l) == Kind::Text)
                .map(|l| collapse_whitespace(l))
                .collect::<Vec<_>>()
                .join(" ");
            at + 1
        }
        None => 0,
    };

    // Body candidates: text lines after the time line, with a flag for "starts a paragraph".
    let mut texts: Vec<(bool, &str)> = Vec::new();
    let mut after_gap = true;
    for line in &lines[body_from..] {
        match classify(line) {
            Kind::Blank => after_gap = true,
            Kind::Chrome => {}
            Kind::Text => {
                let is_byline = article.author.is_none() && texts.len() < 2;
                match BYLINE.captures(line).filter(|_| is_byline) {
                    Some(caps) => article.author = Some(collapse_whitespace(&caps[1])),
                    None => texts.push((after_gap, line)),
                }
                after_gap = false;
            }
        }
    }

    if let Some(&(_, last)) = texts.last() {
        if is_keyword_line(last) {
            article.tags = split_list(last);
            texts.pop();
        }
    }
    // Related headlines trail the body; a real article never ends on a headline-like line.
    while texts.len() > 1 && texts.last().is_some_and(|(_, l)| is_headline_like(l)) {
        texts.pop();
    }

    let mut body = String::new();
    for (starts_paragraph, line) in texts {
        if !body.is_empty() {
            body.push_str(if starts_paragraph { "\n\n" } else { "\n" });
        }
        body.push_str(line);
    }
    article.body = body;
    Entry::whole_file(article, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WITH_TITLE: &str = "\
Harbour strike ends after nine days
11:14 GMT14 August 2020
Listen Live
    Get short URL
    0 0 0
    by Ola Vik

    Dock workers in Vostrava returned to work on Friday.

    \"We have a deal that protects jobs,\" union leader Mira Holm said.

    What comes next

    The port expects a backlog of two weeks.

    Never miss a story again — sign up to our Telegram channel and we'll keep you up to speed!


    Glacier Tours Suspended Amid Fog Warnings
    Orchestra Unveils Winter Programme
    shipping, strikes, Vostrava, Mira Holm
    Community standardsDiscussion";

    #[test]
    fn title_date_author_tags_and_body() {
        let entry = parse(WITH_TITLE);
        let a = &entry.article;
        assert_eq!(a.title, "Harbour strike ends after nine days");
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()).as_deref(),
            Some("2020-08-14T11:14:00+00:00")
        );
        assert_eq!(a.author.as_deref(), Some("Ola Vik"));
        assert_eq!(a.tags, vec!["shipping", "strikes", "Vostrava", "Mira Holm"]);
        assert_eq!(
            a.body,
            "Dock workers in Vostrava returned to work on Friday.\n\n\
             \"We have a deal that protects jobs,\" union leader Mira Holm said.\n\n\
             What comes next\n\n\
             The port expects a backlog of two weeks."
        );
        assert!(entry.notes.is_empty(), "{:?}", entry.notes);
    }

    #[test]
    fn without_title_the_title_is_empty_and_noted() {
        let text = WITH_TITLE
            .split_once('\n')
            .map(|(_, rest)| rest)
            .unwrap_or_default();
        let entry = parse(text);
        assert_eq!(entry.article.title, "");
        assert!(entry.notes.is_empty(), "{:?}", entry.notes);
        assert!(entry.article.body.starts_with("Dock workers"));
    }

    #[test]
    fn spaced_single_digit_and_updated_dates() {
        for (line, want) in [
            ("09:05 GMT 3 March 2021", "2021-03-03T09:05:00+00:00"),
            ("9:05 GMT3 March 2021", "2021-03-03T09:05:00+00:00"),
            (
                "16:40 GMT 2 June 2022 (updated 18:02 GMT 2 June 2022)",
                "2022-06-02T16:40:00+00:00",
            ),
        ] {
            let text = format!("{line}\nListen Live\n\n    A paragraph of text.\n");
            assert!(looks_like(&text), "{line}");
            let date = parse(&text).article.date.map(|d| d.to_rfc3339());
            assert_eq!(date.as_deref(), Some(want), "{line}");
        }
    }

    #[test]
    fn missing_keyword_line_still_drops_related_headlines() {
        let text = "11:14 GMT14 August 2020\nListen Live\n\n    First paragraph here.\n\n    \
            Last paragraph here.\n\n\n    Glacier Tours Suspended Amid Fog\n    \
            Orchestra Unveils Winter Programme\n    Community standardsDiscussion";
        let a = parse(text).article;
        assert!(a.tags.is_empty());
        assert_eq!(a.body, "First paragraph here.\n\nLast paragraph here.");
    }

    #[test]
    fn chrome_on_separate_lines_and_promos_are_dropped() {
        let text =
            "10:00 GMT 1 May 2019\nListen Live\nGet short URL\n\n    Body starts here.\n\n    \
            Subscribe to our newsletter for the week's top stories.\n\n    a, b, c\n    \
            Community standards\n    Discussion";
        let a = parse(text).article;
        assert_eq!(a.body, "Body starts here.");
        assert_eq!(a.tags, vec!["a", "b", "c"]);
    }

    #[test]
    fn sentences_with_commas_are_not_keyword_lines() {
        assert!(!is_keyword_line("Prices rose, wages fell, and rents, too."));
        assert!(is_keyword_line("joint fight, coordination, terror attack"));
    }

    #[test]
    fn a_long_paragraph_mentioning_a_newsletter_is_kept() {
        let long = format!(
            "{} and the newsletter said sign up to our list.",
            "word ".repeat(60)
        );
        assert_eq!(classify(&long), Kind::Text);
    }
}
