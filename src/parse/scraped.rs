//! Text copied from a news web page: an optional headline, a time+date line, page chrome
//! (player and share widgets, promos), a `by NAME` byline, the body, a block of related
//! headlines and a comma-separated keyword line.
//!
//! Real paragraphs stay; chrome and other articles' headlines go, so they are not searchable
//! as this article's text.

use std::sync::LazyLock;

use regex::Regex;

use super::date::{parse_date, DateError};
use super::text::{collapse_whitespace, split_list};
use super::{read_date, Entry};
use crate::model::Article;

/// A clock time somewhere in the line (`11:14`, `9:05`).
static CLOCK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{1,2}:\d{2}\b").expect("valid regex"));

/// `by Ola Vik`, `By Ola Vik and Mira Holm`, `By Ola Vik, Nordvik Post`, `By Ola Vik in Oslo`.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:by)\s+(\p{Lu}[\p{L}'’.\-]*(?:\s+(?:\p{Lu}[\p{L}'’.\-]*|de|van|von|da|bin|al|and|&)){0,5})(?:\s*[,|·–—]\s*.*|\s+(?:in|for|at)\s+.*)?$",
    )
    .expect("valid regex")
});

/// How far into the file the time line may appear.
const TIME_LINE_WITHIN: usize = 12;
/// A time line is short; a paragraph that mentions a date and a time is not one.
const MAX_TIME_LINE_CHARS: usize = 100;
/// A byline is short.
const MAX_BYLINE_CHARS: usize = 100;

/// Page furniture, compared lower-case; a line made only of these (even glued together,
/// as in `Community standardsDiscussion`) is chrome.
const CHROME_PHRASES: &[&str] = &[
    "community standards",
    "more on this story",
    "related articles",
    "related stories",
    "share this article",
    "get short url",
    "show comments",
    "hide comments",
    "all comments",
    "advertisement",
    "listen live",
    "discussion",
    "follow us",
    "read more",
    "most read",
    "subscribe",
    "comments",
    "comment",
    "loading",
    "related",
    "share",
    "tweet",
    "print",
    "email",
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

/// Related headlines are short lines.
const MAX_HEADLINE_CHARS: usize = 160;
const MAX_HEADLINE_WORDS: usize = 24;

/// True for a line that gives the article's time and date (`11:14 GMT14 August 2020`,
/// `14:27 05.04.2017`, `14 August 2020, 11:14 GMT`), even if the date is ambiguous.
fn is_time_line(line: &str) -> bool {
    line.len() <= MAX_TIME_LINE_CHARS
        && CLOCK.is_match(line)
        && !matches!(parse_date(line), Err(DateError::Unrecognised(_)))
}

/// True when a time+date line opens the file (after at most a headline and some chrome).
pub fn looks_like(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(TIME_LINE_WITHIN)
        .any(is_time_line)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Chrome,
    Text,
}

/// True when `lower` is nothing but chrome phrases, possibly glued together.
fn is_all_chrome(lower: &str) -> bool {
    let mut rest = lower.trim();
    while !rest.is_empty() {
        let Some(phrase) = CHROME_PHRASES.iter().find(|p| rest.starts_with(*p)) else {
            return false;
        };
        rest = rest[phrase.len()..].trim_start_matches(|c: char| {
            c.is_whitespace() || c.is_ascii_digit() || matches!(c, '(' | ')' | '|' | '·')
        });
    }
    true
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
    // A quoted sentence ("Join our campaign," she said) is reported speech, not a promo.
    let is_promo = line.chars().count() <= MAX_PROMO_CHARS
        && !line.contains(['"', '“', '”'])
        && PROMO_PHRASES.iter().any(|p| lower.contains(p));
    if is_counter || is_promo || is_all_chrome(&lower) {
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
            .all(|i| !i.is_empty() && i.split_whitespace().count() <= 8 && i.chars().count() <= 80)
}

fn ends_like_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', ':', ';', '"', '”', '’', '\'', ')', '…'])
}

/// Ends with a full stop, inside closing quotes or brackets or not: body text, not a headline.
fn ends_with_full_stop(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '…'])
}

fn is_short(line: &str) -> bool {
    line.chars().count() <= MAX_HEADLINE_CHARS
        && line.split_whitespace().count() <= MAX_HEADLINE_WORDS
}

fn is_headline_like(line: &str) -> bool {
    let starts_well = line.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'')
    });
    starts_well
        && line.split_whitespace().count() >= 2
        && is_short(line)
        && !ends_like_sentence(line)
}

fn byline(line: &str) -> Option<String> {
    if line.len() > MAX_BYLINE_CHARS {
        return None;
    }
    BYLINE
        .captures(line)
        .map(|caps| collapse_whitespace(&caps[1]))
}

/// A body line and the blank-line-separated block it belongs to.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    block: usize,
    text: &'a str,
}

/// Reads text copied from a news web page into one article, keeping the headline, date,
/// byline, paragraphs and keywords and dropping the page's chrome and related headlines.
pub fn parse(text: &str) -> Entry {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut notes = Vec::new();
    let mut article = Article::default();

    let time_at = lines
        .iter()
        .take(TIME_LINE_WITHIN * 3)
        .position(|l| is_time_line(l));
    let body_from = match time_at {
        Some(at) => {
            article.date = read_date(lines[at], &mut notes);
            // Above the time line: section labels, the headline (last) and maybe a byline.
            for line in lines[..at].iter().filter(|l| classify(l) == Kind::Text) {
                match byline(line) {
                    Some(name) => article.author = Some(name),
                    None => article.title = collapse_whitespace(line),
                }
            }
            at + 1
        }
        None => 0,
    };

    let mut texts: Vec<Line> = Vec::new();
    let mut block = 0;
    for line in &lines[body_from..] {
        match classify(line) {
            Kind::Blank => block += 1,
            Kind::Chrome => {}
            Kind::Text => {
                let may_be_byline = article.author.is_none() && texts.len() < 2;
                match byline(line).filter(|_| may_be_byline) {
                    Some(name) => article.author = Some(name),
                    None => texts.push(Line { block, text: line }),
                }
            }
        }
    }

    if texts.last().is_some_and(|l| is_keyword_line(l.text)) {
        if let Some(last) = texts.pop() {
            article.tags = split_list(last.text);
        }
    }
    drop_related_headlines(&mut texts);

    let mut body = String::new();
    let mut previous_block = None;
    for line in texts {
        if previous_block.is_some() {
            body.push_str(if previous_block == Some(line.block) {
                "\n"
            } else {
                "\n\n"
            });
        }
        body.push_str(line.text);
        previous_block = Some(line.block);
    }
    article.body = body;
    Entry::whole_file(article, notes)
}

/// Removes the related-headline block at the end: a final block of two or more short lines
/// none of which ends with a full stop (body paragraphs are separated by blank lines and end
/// in one), then any single headline-like lines left trailing. The body's first block stays.
fn drop_related_headlines(texts: &mut Vec<Line>) {
    let first_block = texts.first().map(|l| l.block);
    if let Some(last_block) = texts
        .last()
        .map(|l| l.block)
        .filter(|b| Some(*b) != first_block)
    {
        let start = texts
            .iter()
            .position(|l| l.block == last_block)
            .unwrap_or(texts.len());
        let block = &texts[start..];
        if block.len() >= 2
            && block
                .iter()
                .all(|l| is_short(l.text) && !ends_with_full_stop(l.text))
        {
            texts.truncate(start);
        }
    }
    while texts.len() > 1 && texts.last().is_some_and(|l| is_headline_like(l.text)) {
        texts.pop();
    }
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

    #[test]
    fn related_headlines_ending_in_questions_or_quotes_are_dropped() {
        let text =
            "11:14 GMT14 August 2020\nListen LiveGet short URL\n\n    First paragraph.\n\n    \
            Last paragraph.\n\n\n    Is Moscow Ready to Join an Anti-Terror Coalition?\n    \
            Putin: \"Terrorists Will Be Punished\"\n    iPhone Sales Slump in Europe\n    \
            terror, Russia, Organization for Security and Co-operation in Europe\n    Comments (3)";
        let a = parse(text).article;
        assert_eq!(a.body, "First paragraph.\n\nLast paragraph.");
        assert_eq!(
            a.tags,
            vec![
                "terror",
                "Russia",
                "Organization for Security and Co-operation in Europe"
            ]
        );
    }

    #[test]
    fn section_labels_and_bylines_above_the_time_line() {
        let text = "World\nHarbour strike ends\nBy Ola Vik, Nordvik Post\n10:00 GMT 1 May 2019\n\n    Body.\n";
        let a = parse(text).article;
        assert_eq!(a.title, "Harbour strike ends");
        assert_eq!(a.author.as_deref(), Some("Ola Vik"));
        let text = "10:00 GMT 1 May 2019\n    By Mira Holm in Vostrava\n\n    Body.\n";
        assert_eq!(parse(text).article.author.as_deref(), Some("Mira Holm"));
    }

    #[test]
    fn promo_phrases_inside_quotes_are_speech() {
        let text =
            "10:00 GMT 1 May 2019\n\n    “Join our campaign to save the harbour,” Holm said.\n";
        assert_eq!(
            parse(text).article.body,
            "“Join our campaign to save the harbour,” Holm said."
        );
    }

    #[test]
    fn numeric_and_date_first_time_lines_are_recognised() {
        assert!(looks_like(
            "14:27 05.04.2017(updated 14:29 05.04.2017)\n\nBody."
        ));
        assert!(looks_like("Headline\n14 August 2020, 11:14 GMT\n\nBody."));
        assert!(!looks_like(
            "A plain headline\n\nIt happened on 14 August 2020 at 11:14 GMT."
        ));
        let entry = parse("14:27 05.04.2017\n\n    Body.\n");
        assert_eq!(entry.article.date, None);
        assert!(entry.notes[0].contains("ambiguous"), "{:?}", entry.notes);
    }
}
