//! An e-mail as a clipping: most often an article forwarded by a press office or a
//! colleague. The forwarded part's own header block (`From:`, `Date:`, `Subject:`) and
//! the article's title and byline give its metadata; the forwarder's note above it and
//! the signature below are not its text. Pure: the message comes decoded (by `ingest`).

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use regex::Regex;

use super::{html, parse_date, Entry};
use crate::model::Article;

/// A message, decoded: what an article is made from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Message {
    /// The subject line.
    pub subject: String,
    /// The sender: their name, else their address.
    pub sender: Option<String>,
    /// When it was sent.
    pub date: Option<DateTime<Utc>>,
    /// The plain-text body, if the message has one.
    pub text: Option<String>,
    /// The HTML body, if the message has one (read when there is no text).
    pub html: Option<String>,
}

/// The header block of a forwarded message, as a mail program writes it.
#[derive(Debug, Default)]
struct Forwarded {
    from: Option<String>,
    date: Option<DateTime<Utc>>,
    subject: Option<String>,
}

fn forward_marker() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?i)^\s*(?:-{2,}\s*(?:forwarded message|original message|message transféré|weitergeleitete nachricht)\s*-{2,}|begin forwarded message:|_{10,})\s*$",
        )
        .expect("valid regex")
    })
}

fn header_line() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)^\s*\*?(from|date|sent|subject|to|cc|reply-to)\s*:\*?\s*(.*)$")
            .expect("valid regex")
    })
}

fn byline_line() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^(?i:by)\s+(.{2,120})$").expect("valid regex"))
}

/// The article a message holds.
pub fn article(message: &Message) -> Entry {
    let mut notes = Vec::new();
    let (page_title, text) = match (&message.text, &message.html) {
        (Some(text), _) if !text.trim().is_empty() => (None, text.clone()),
        (_, Some(page)) => html_text(page),
        _ => (None, String::new()),
    };
    let (forwarded, text) = split_forward(&without_signature(&text));
    let text = unquoted(&text);
    let mut lines = text
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .peekable();
    let subject = forwarded
        .subject
        .clone()
        .unwrap_or_else(|| bare_subject(&message.subject));
    // The article's own title opens the text when it is forwarded whole, its byline next.
    // Else an HTML body's own headline, else the subject.
    let title = match lines.next_if(|first| same_title(first, &subject)) {
        Some(title) => title.to_string(),
        None => page_title
            .filter(|_| forwarded.subject.is_none())
            .unwrap_or(subject),
    };
    while lines.next_if(|l| l.is_empty()).is_some() {}
    let (mut author, mut source, mut byline_date) = (None, None, None);
    if let Some((name, outlet, date)) = lines.peek().and_then(|l| byline(l)) {
        lines.next();
        (author, source, byline_date) = (Some(name), outlet, date);
    }
    let body = paragraphs(lines).join("\n\n");
    if body.is_empty() {
        notes.push("no body text; indexed by its subject alone".into());
    }
    let article = Article {
        title,
        body,
        author,
        source: source.or_else(|| forwarded.from.clone().or_else(|| message.sender.clone())),
        date: byline_date.or(forwarded.date).or(message.date),
        ..Article::default()
    };
    Entry {
        part: None,
        article,
        notes,
    }
}

/// An HTML body's headline, if it has one, and its text, paragraph by paragraph.
fn html_text(page: &str) -> (Option<String>, String) {
    html::parse(page)
        .ok()
        .and_then(|parsed| parsed.entries.into_iter().next())
        .map(|entry| {
            let a = entry.article;
            (Some(a.title).filter(|t| !t.is_empty()), a.body)
        })
        .unwrap_or_default()
}

/// The forwarded part's header block and what follows it; with no forwarded part, no
/// header and the whole text.
fn split_forward(text: &str) -> (Forwarded, String) {
    let lines: Vec<&str> = text.lines().collect();
    let Some(marker) = lines.iter().position(|l| forward_marker().is_match(l)) else {
        return (Forwarded::default(), text.to_string());
    };
    let mut forwarded = Forwarded::default();
    let mut at = marker + 1;
    while at < lines.len() && lines[at].trim().is_empty() {
        at += 1;
    }
    while let Some(caps) = lines.get(at).and_then(|l| header_line().captures(l)) {
        let value = caps[2].trim().to_string();
        match caps[1].to_ascii_lowercase().as_str() {
            "from" => forwarded.from = sender_name(&value),
            "date" | "sent" => forwarded.date = parse_date(&value).ok().map(|d| d.when),
            "subject" => forwarded.subject = Some(bare_subject(&value)),
            _ => {}
        }
        at += 1;
    }
    (forwarded, lines[at.min(lines.len())..].join("\n"))
}

/// A sender as shown: `Name <address>` gives the name, a bare address itself.
fn sender_name(value: &str) -> Option<String> {
    let name = match value.split_once('<') {
        Some((name, _)) => name.trim().trim_matches('"').trim(),
        None => value.trim(),
    };
    (!name.is_empty()).then(|| name.to_string())
}

/// The subject without the `Fwd:`, `Fw:`, `Re:` (and `WG:`, `TR:`) its forwarding added.
pub fn bare_subject(subject: &str) -> String {
    let mut rest = subject.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        let Some(prefix) = ["fwd:", "fw:", "re:", "wg:", "tr:", "aw:"]
            .iter()
            .find(|p| lower.starts_with(*p))
        else {
            return rest.to_string();
        };
        rest = rest[prefix.len()..].trim_start();
    }
}

/// The text before a signature: a `-- ` line, or a phone's "Sent from my" line.
fn without_signature(text: &str) -> String {
    let mut kept = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_end();
        if trimmed == "--" || trimmed == "-- " || trimmed.starts_with("Sent from my ") {
            break;
        }
        kept.push(line);
    }
    kept.join("\n")
}

/// Quoted text (every line opening with `>`, as some mail programs forward) unquoted.
fn unquoted(text: &str) -> String {
    let quoted = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .all(|l| l.trim_start().starts_with('>'));
    if !quoted {
        return text.to_string();
    }
    text.lines()
        .map(|l| l.trim_start().trim_start_matches('>').trim())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Paragraphs: blocks of lines separated by blank lines, each on one line (mail programs
/// wrap lines at about 72 columns).
fn paragraphs<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in lines.map(str::trim).chain(std::iter::once("")) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current).join(" "));
            }
            continue;
        }
        current.push(line);
    }
    out
}

/// Whether a line is the article's title, the subject it was sent under.
fn same_title(paragraph: &str, subject: &str) -> bool {
    let fold = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    !subject.is_empty() && fold(paragraph) == fold(subject)
}

/// A byline: `By NAME`, `By NAME, OUTLET` or `By NAME, OUTLET, DATE`.
fn byline(paragraph: &str) -> Option<(String, Option<String>, Option<DateTime<Utc>>)> {
    let caps = byline_line().captures(paragraph.trim())?;
    let mut parts: Vec<&str> = caps[1].split(',').map(str::trim).collect();
    let mut date = None;
    if parts.len() > 1 {
        if let Some(last) = parts.last().and_then(|p| parse_date(p).ok()) {
            date = Some(last.when);
            parts.pop();
        }
    }
    let author = parts.first()?.to_string();
    let source = parts
        .get(1..)
        .map(|rest| rest.join(", "))
        .filter(|s| !s.is_empty());
    Some((author, source, date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forwarded(text: &str) -> Message {
        Message {
            subject: "Fwd: Ferry fares rise at Kestvik".into(),
            sender: Some("Anna Lindqvist".into()),
            date: parse_date("2024-05-06 09:30").ok().map(|d| d.when),
            text: Some(text.into()),
            html: None,
        }
    }

    #[test]
    fn a_forwarded_article_keeps_its_own_title_byline_and_text() {
        let message = forwarded(
            "FYI, today's coverage below.\n\n\
             ---------- Forwarded message ---------\n\
             From: Kestvik Courier <alerts@courier.example>\n\
             Date: Sun, 5 May 2024 18:00:00 +0000\n\
             Subject: Ferry fares rise at Kestvik\n\n\
             Ferry fares rise at Kestvik\n\
             By Lena Aaltonen, Kestvik Courier, 5 May 2024\n\n\
             Fares on the island ferries will rise by a tenth in June, the operator\n\
             said on Sunday.\n\n\
             \"We held them for three years,\" said Harald Lindqvist.\n\n\
             --\nAnna Lindqvist\nPress Office\n",
        );
        let a = article(&message).article;
        assert_eq!(a.title, "Ferry fares rise at Kestvik");
        assert_eq!(a.author.as_deref(), Some("Lena Aaltonen"));
        assert_eq!(a.source.as_deref(), Some("Kestvik Courier"));
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()),
            Some("2024-05-05T00:00:00+00:00".into())
        );
        assert_eq!(
            a.body,
            "Fares on the island ferries will rise by a tenth in June, the operator said on \
             Sunday.\n\n\"We held them for three years,\" said Harald Lindqvist."
        );
    }

    #[test]
    fn without_a_byline_the_forwarded_header_and_then_the_message_give_the_metadata() {
        let message = forwarded(
            "Begin forwarded message:\n\n\
             From: \"Nordvik Post\" <news@post.example>\n\
             Subject: Re: Ferry fares rise at Kestvik\n\
             Date: 4 May 2024\n\n\
             > Fares on the island ferries will rise.\n>\n> Nobody was surprised.\n",
        );
        let a = article(&message).article;
        assert_eq!(a.title, "Ferry fares rise at Kestvik");
        assert_eq!(a.source.as_deref(), Some("Nordvik Post"));
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()),
            Some("2024-05-04T00:00:00+00:00".into())
        );
        assert_eq!(
            a.body,
            "Fares on the island ferries will rise.\n\nNobody was surprised."
        );

        let plain = article(&forwarded(
            "The fares rise in June.\n\nSent from my phone\n",
        ))
        .article;
        assert_eq!(plain.title, "Ferry fares rise at Kestvik");
        assert_eq!(plain.source.as_deref(), Some("Anna Lindqvist"));
        assert_eq!(
            plain.date.map(|d| d.to_rfc3339()),
            Some("2024-05-06T09:30:00+00:00".into())
        );
        assert_eq!(plain.body, "The fares rise in June.");
    }

    #[test]
    fn subjects_lose_what_forwarding_added() {
        assert_eq!(bare_subject("Fwd: FW: Re:  Harbour news"), "Harbour news");
        assert_eq!(bare_subject("Forward planning"), "Forward planning");
    }
}
