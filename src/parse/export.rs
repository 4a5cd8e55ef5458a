//! A news database's plain-text export: many articles in one file, each opened by a
//! `3 of 25 DOCUMENTS` line, then the source and the date centred, the title, metadata
//! lines (`BYLINE:`, `SECTION:`, `LENGTH:`), the text wrapped at about 80 columns, more
//! metadata (`LOAD-DATE:`, `LANGUAGE:`, `PUBLICATION-TYPE:`) and a centred copyright.
//! The layout of the public sample in the LexisNexisTools R package
//! (`inst/extdata/sample.TXT`). What comes before the first article (the request and the
//! terms searched) is not an article.
//!
//! The newer layout (the same package's `sample.DOCX`, and what such databases write to
//! Word, PDF and text today): a cover page listing the documents, then per article its
//! title, source, date line, copyright, `Section:`, `Length: N words`, `Byline:`, a
//! `Body` line, the text, and `End of Document`.
//!
//! The field-coded layout (Factiva's "Full Article/Report plus Indexing", as RTF or text):
//! each field opened by its two- or three-letter code on a line of its own or before a
//! tab (`HD` headline, `BY` byline, `PD` date, `SN` source name, `LP` lead paragraph, `TD`
//! the text after it, `AN` the accession number, and the indexing codes `CO`, `IN`, `NS`,
//! `RE`, ...), articles apart by a page break or a new `HD`.

use std::sync::OnceLock;

use regex::Regex;

use super::{parse_date, read_date, Entry, ParseError, Parsed};
use crate::model::Article;

/// Metadata labels of such exports: a paragraph opening with one of them is not text.
const LABELS: [&str; 24] = [
    "BYLINE",
    "SECTION",
    "LENGTH",
    "DATELINE",
    "HIGHLIGHT",
    "LOAD-DATE",
    "LANGUAGE",
    "PUBLICATION-TYPE",
    "JOURNAL-CODE",
    "DOCUMENT-TYPE",
    "GRAPHIC",
    "CORRECTION-DATE",
    "CORRECTION",
    "NOTES",
    "SERIES",
    "TYPE",
    "URL",
    "ACC-NO",
    "SUBJECT",
    "ORGANIZATION",
    "PERSON",
    "GEOGRAPHIC",
    "EDITION",
    "DISTRIBUTION",
];

/// Leading spaces that mark a centred line (the source, the date, the copyright).
const CENTRED: usize = 8;

fn document_line() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?m)^[ \t]*(\d{1,6}) of (\d{1,6}) DOCUMENTS?[ \t]*$").expect("valid regex")
    })
}

fn end_of_document() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?m)^[ \t]*End of Document[ \t]*$").expect("valid regex"))
}

/// Whether the text is such an export: it has a `N of M DOCUMENTS` line, `Body` and
/// `End of Document` lines, or `HD`, `SN` and `LP` or `TD` field codes.
pub fn looks_like(text: &str) -> bool {
    document_line().is_match(text) || newer(text) || field_coded(text)
}

/// The codes of a field-coded export's fields (Factiva's list, with `PD`, `ET`, `CY`).
const FIELD_CODES: [&str; 31] = [
    "AN", "ART", "BY", "CLM", "CO", "CR", "CT", "CX", "CY", "DLN", "ED", "ET", "HD", "IN", "IPC",
    "IPD", "LA", "LP", "NS", "PD", "PG", "PUB", "RE", "RF", "RST", "SC", "SE", "SN", "TD", "VOL",
    "WC",
];

/// The field a line opens: its code alone on the line, or before a tab or two spaces;
/// and the rest of the line.
fn field_code(line: &str) -> Option<(&str, &str)> {
    let line = line.trim_start();
    let end = line
        .find(|c: char| !c.is_ascii_uppercase())
        .unwrap_or(line.len());
    let (code, rest) = line.split_at(end);
    if !FIELD_CODES.contains(&code) {
        return None;
    }
    let separated = rest.trim().is_empty() || rest.starts_with('\t') || rest.starts_with("  ");
    separated.then(|| (code, rest.trim()))
}

/// Whether the text is a field-coded export.
fn field_coded(text: &str) -> bool {
    let mut seen = [false; 3];
    for (code, _) in text.lines().filter_map(field_code) {
        match code {
            "HD" => seen[0] = true,
            "SN" => seen[1] = true,
            "LP" | "TD" => seen[2] = true,
            _ => {}
        }
    }
    seen.iter().all(|s| *s)
}

/// Whether an export is of the newer layout.
fn newer(text: &str) -> bool {
    end_of_document().is_match(text) && text.lines().any(|l| l.trim() == "Body")
}

/// Every article of the export, numbered in file order.
pub fn parse(text: &str) -> Result<Parsed, ParseError> {
    if !document_line().is_match(text) {
        if newer(text) {
            return parse_newer(text);
        }
        if field_coded(text) {
            return parse_field_coded(text);
        }
    }
    let starts: Vec<(usize, usize)> = document_line()
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    let entries = starts.iter().enumerate().map(|(i, &(_, end))| {
        let until = starts.get(i + 1).map_or(text.len(), |&(start, _)| start);
        document(&text[end..until])
    });
    numbered(entries.collect())
}

/// An export's articles numbered in file order (`part` 1, 2, ...); none is an error.
fn numbered(mut entries: Vec<Entry>) -> Result<Parsed, ParseError> {
    if entries.is_empty() {
        return Err(ParseError {
            line: None,
            message: "no articles found in this export".into(),
            empty: false,
        });
    }
    for (i, entry) in entries.iter_mut().enumerate() {
        entry.part = Some(i + 1);
    }
    Ok(Parsed {
        entries,
        warnings: Vec::new(),
    })
}

/// Every article of an export of the newer layout, numbered in file order: the text
/// between two `End of Document` lines holds one, after the cover page for the first.
fn parse_newer(text: &str) -> Result<Parsed, ParseError> {
    let mut from = 0;
    let mut ends: Vec<(usize, usize)> = end_of_document()
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    ends.push((text.len(), text.len()));
    let mut entries = Vec::new();
    for (start, end) in ends {
        entries.extend(newer_document(&text[from..start]));
        from = end;
    }
    numbered(entries)
}

/// Every article of a field-coded export, numbered in file order.
fn parse_field_coded(text: &str) -> Result<Parsed, ParseError> {
    let mut entries = Vec::new();
    let mut fields: Vec<(&str, Vec<&str>)> = Vec::new();
    let finish = |fields: &mut Vec<(&str, Vec<&str>)>, entries: &mut Vec<Entry>| {
        if fields.iter().any(|(code, _)| *code == "HD") {
            entries.push(field_coded_article(fields));
        }
        fields.clear();
    };
    for line in text.lines() {
        // A page break (form feed) ends an article, as a new headline does.
        if line.contains('\u{c}') {
            finish(&mut fields, &mut entries);
        }
        let line = line.trim_matches('\u{c}');
        match field_code(line) {
            Some((code, rest)) => {
                if code == "HD" {
                    finish(&mut fields, &mut entries);
                }
                fields.push((
                    code,
                    if rest.is_empty() {
                        Vec::new()
                    } else {
                        vec![rest]
                    },
                ));
            }
            None => {
                if let Some((_, lines)) = fields.last_mut() {
                    lines.push(line);
                }
            }
        }
    }
    finish(&mut fields, &mut entries);
    numbered(entries)
}

/// One article of a field-coded export, from its fields in order.
fn field_coded_article(fields: &[(&str, Vec<&str>)]) -> Entry {
    let value = |code: &str| {
        fields
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, lines)| {
                unwrap(
                    &lines
                        .iter()
                        .map(|l| l.trim())
                        .filter(|l| !l.is_empty())
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|v| !v.is_empty())
    };
    let mut notes = Vec::new();
    let mut body: Vec<String> = Vec::new();
    for (_, lines) in fields
        .iter()
        .filter(|(code, _)| matches!(*code, "LP" | "TD"))
    {
        // Paragraphs are blocks between blank lines; without blank lines, each line.
        let joined = lines.join("\n");
        let blocks = paragraphs(&joined);
        let one_a_line = blocks.len() == 1 && blocks[0].1.len() > 1;
        if one_a_line {
            body.extend(blocks[0].1.iter().map(|l| l.trim().to_string()));
        } else {
            body.extend(blocks.iter().map(|(_, lines)| unwrap(lines)));
        }
    }
    let article = Article {
        title: value("HD").unwrap_or_default(),
        author: value("BY").map(|b| byline(&b)),
        source: value("SN"),
        date: value("PD").and_then(|raw| read_date(&raw, &mut notes)),
        body: body.join("\n\n"),
        ..Article::default()
    };
    if article.body.is_empty() {
        notes.push("no body text; indexed by its title alone".into());
    }
    Entry {
        part: None,
        article,
        notes,
    }
}

/// Labels of the newer layout's metadata lines (matched without regard to case).
const NEWER_LABELS: [&str; 14] = [
    "section",
    "length",
    "byline",
    "dateline",
    "highlight",
    "load-date",
    "language",
    "publication-type",
    "classification",
    "subject",
    "graphic",
    "notes",
    "correction",
    "edition",
];

/// The label a line opens with, if it is one of the newer layout's.
fn newer_label(line: &str) -> Option<(String, &str)> {
    let (label, value) = line.split_once(':')?;
    let label = label.trim().to_ascii_lowercase();
    NEWER_LABELS
        .contains(&label.as_str())
        .then_some((label, value.trim()))
}

/// One article of the newer layout, from the text before its `End of Document`; `None`
/// for text without a `Body` line (what follows the last article).
fn newer_document(chunk: &str) -> Option<Entry> {
    let blocks = blocks(chunk);
    let body_at = blocks.iter().position(|b| b == "Body")?;
    let head = &blocks[..body_at];
    // The title, source and date come before the first metadata line or the copyright.
    let meta_at = head
        .iter()
        .position(|b| newer_label(b).is_some() || b.starts_with("Copyright") || b.starts_with('©'))
        .unwrap_or(head.len());
    let top = &head[..meta_at];
    let mut article = Article::default();
    let dated = top.iter().rposition(|b| day_line(b).is_some());
    let (title_at, source_at) = match dated {
        Some(d) => {
            article.date = day_line(&top[d]);
            (d.checked_sub(2), d.checked_sub(1))
        }
        None => (top.len().checked_sub(2), top.len().checked_sub(1)),
    };
    article.title = title_at.map(|i| top[i].clone()).unwrap_or_default();
    article.source = source_at.map(|i| top[i].clone());
    for block in &head[meta_at..] {
        if let Some((label, value)) = newer_label(block) {
            if label == "byline" {
                article.author = Some(byline(value));
            }
        }
    }
    let mut body: Vec<&String> = blocks[body_at + 1..].iter().collect();
    let mut notes = Vec::new();
    while let Some(last) = body.last() {
        match newer_label(last) {
            Some((label, value)) => {
                if label == "load-date" && article.date.is_none() {
                    article.date = read_date(value, &mut notes);
                }
                body.pop();
            }
            None => break,
        }
    }
    article.body = body
        .iter()
        .map(|b| b.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    if article.body.is_empty() {
        notes.push("no body text; indexed by its title alone".into());
    }
    Some(Entry {
        part: None,
        article,
        notes,
    })
}

/// The paragraphs of a text, each unwrapped onto one line.
pub fn blocks(text: &str) -> Vec<String> {
    paragraphs(text)
        .into_iter()
        .map(|(_, lines)| unwrap(&lines))
        .collect()
}

/// The paragraphs of a part of the file: lines separated by blank ones, with whether the
/// paragraph is centred.
fn paragraphs(text: &str) -> Vec<(bool, Vec<&str>)> {
    let mut out: Vec<(bool, Vec<&str>)> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if let Some(first) = current.first() {
                let indent = first.len() - first.trim_start().len();
                out.push((indent >= CENTRED, std::mem::take(&mut current)));
            }
            continue;
        }
        current.push(line);
    }
    out
}

/// The label a metadata paragraph opens with, and its value.
fn labelled<'a>(lines: &[&'a str]) -> Option<(&'a str, &'a str)> {
    let (label, value) = lines.first()?.trim().split_once(':')?;
    LABELS.contains(&label).then_some((label, value.trim()))
}

/// Where in an article a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Before the title: the source and the date, centred.
    Head,
    /// After the title: metadata, then the text.
    Meta,
    /// The text.
    Body,
    /// The metadata and copyright after the text.
    Tail,
}

/// One article: the text between its `N of M DOCUMENTS` line and the next.
fn document(text: &str) -> Entry {
    let mut article = Article::default();
    let mut notes = Vec::new();
    let mut body: Vec<String> = Vec::new();
    let mut load_date = None;
    let mut stage = Stage::Head;
    for (centred, lines) in paragraphs(text) {
        if centred {
            // The source, then the date (and an edition); after the title, a copyright.
            if stage == Stage::Head {
                for line in lines.iter().map(|l| l.trim()) {
                    if article.source.is_none() {
                        article.source = Some(line.to_string());
                    } else if article.date.is_none() {
                        article.date = day_line(line);
                    }
                }
            }
            continue;
        }
        if let Some((label, value)) = labelled(&lines) {
            match label {
                "BYLINE" => article.author = Some(byline(value)),
                "LOAD-DATE" => load_date = Some(value.to_string()),
                _ => {}
            }
            stage = match stage {
                Stage::Head => Stage::Meta,
                Stage::Body | Stage::Tail => Stage::Tail,
                Stage::Meta => Stage::Meta,
            };
            continue;
        }
        match stage {
            Stage::Head => {
                article.title = unwrap(&lines);
                stage = Stage::Meta;
            }
            Stage::Meta | Stage::Body => {
                body.push(unwrap(&lines));
                stage = Stage::Body;
            }
            Stage::Tail => {}
        }
    }
    article.body = body.join("\n\n");
    if article.date.is_none() {
        article.date = load_date.and_then(|raw| read_date(&raw, &mut notes));
    }
    if article.body.is_empty() {
        notes.push("no body text; indexed by its title alone".into());
    }
    Entry {
        part: None,
        article,
        notes,
    }
}

/// A centred date line (`March 3, 1987 Tuesday`), with or without its weekday.
fn day_line(line: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let words: Vec<&str> = line.split_whitespace().collect();
    (0..words.len()).rev().find_map(|n| {
        let candidate = words[..=n].join(" ");
        let parsed = parse_date(&candidate).ok()?;
        Some(parsed.when)
    })
}

/// A byline without its "By ".
fn byline(value: &str) -> String {
    let value = value.trim();
    let rest = value
        .strip_prefix("By ")
        .or_else(|| value.strip_prefix("BY "))
        .unwrap_or(value);
    rest.trim().to_string()
}

/// A paragraph's lines joined: a line that ends in a hyphen after a letter is joined to
/// the next without a space (the exporter breaks lines at spaces or after hyphens).
pub fn unwrap(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines.iter().map(|l| l.trim()) {
        if !out.is_empty() && !out.ends_with('-') {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = "\n\nDownload Request: Selected Items: 1-2\nTerms: harbour\n\n\n\
        \x20                              1 of 2 DOCUMENTS\n\n\n\
        \x20                               Kestvik Courier\n\n\
        \x20                          March 3, 2023 Friday\n\
        \x20                                Edition 1;\n\n\
        Harbour fees rise as the\nwinter ends\n\n\
        BYLINE: By Ilse Varga-Holm\n\nSECTION: NEWS; Pg. 13\n\nLENGTH: 52 words\n\n\
        The harbour board raised its fees on Friday, the second rise in a\n\
        year, and the ferry companies said fares for non-\nresidents would follow.\n\n\
        \"We had no choice,\" said Tomas Brekke.\n\n\
        LOAD-DATE: March 4, 2023\n\nLANGUAGE: ENGLISH\n\n\n\
        \x20                    Copyright 2023 Kestvik Courier\n\
        \x20                           All Rights Reserved\n\n\
        \x20                              2 of 2 DOCUMENTS\n\n\
        \x20                                Nordvik Post\n\n\
        Quiet week at the port\n\nLENGTH: 9 words\n\nNothing moved at the port this week.\n\n\
        LOAD-DATE: April 2, 2023\n";

    #[test]
    fn each_document_is_an_article_with_its_metadata_apart() -> Result<(), ParseError> {
        assert!(looks_like(EXPORT));
        let parsed = parse(EXPORT)?;
        assert_eq!(parsed.entries.len(), 2);
        let first = &parsed.entries[0];
        let a = &first.article;
        assert_eq!(first.part, Some(1));
        assert_eq!(a.title, "Harbour fees rise as the winter ends");
        assert_eq!(a.source.as_deref(), Some("Kestvik Courier"));
        assert_eq!(a.author.as_deref(), Some("Ilse Varga-Holm"));
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()),
            Some("2023-03-03T00:00:00+00:00".into())
        );
        assert_eq!(
            a.body,
            "The harbour board raised its fees on Friday, the second rise in a year, and the \
             ferry companies said fares for non-residents would follow.\n\n\"We had no \
             choice,\" said Tomas Brekke."
        );
        let second = &parsed.entries[1].article;
        assert_eq!(second.title, "Quiet week at the port");
        assert_eq!(second.body, "Nothing moved at the port this week.");
        assert_eq!(
            second.date.map(|d| d.to_rfc3339()),
            Some("2023-04-02T00:00:00+00:00".into()),
            "no date line: the load date"
        );
        Ok(())
    }

    #[test]
    fn the_newer_layout_is_split_at_end_of_document() -> Result<(), ParseError> {
        let export = "Date and Time: Monday, 6. May 2024 10:15:00 CET\n\nJob Number: 1\n\n\
            Documents (2)\n\n1. Harbour fees rise\n\nClient/Matter: -None-\n\n\
            2. Quiet week at the port\n\nClient/Matter: -None-\n\n\
            Harbour fees rise\n\nKestvik Courier\n\nMarch 3, 2023 Friday\n\n\
            Copyright 2023 Kestvik Courier All Rights Reserved\n\n\
            Section: News; Version:1\n\nLength: 20 words\n\nByline: Ilse Varga-Holm\n\n\
            Body\n\nThe harbour board raised its fees on Friday.\n\n\
            \"We had no choice,\" said Tomas Brekke.\n\nLoad-Date: March 4, 2023\n\n\
            End of Document\n\n\
            Quiet week at the port\n\nNordvik Post\n\nApril 1, 2023\n\n\
            Length: 8 words\n\nBody\n\nNothing moved at the port this week.\n\n\
            End of Document\n";
        assert!(looks_like(export));
        let parsed = parse(export)?;
        assert_eq!(parsed.entries.len(), 2);
        let a = &parsed.entries[0].article;
        assert_eq!(a.title, "Harbour fees rise");
        assert_eq!(a.source.as_deref(), Some("Kestvik Courier"));
        assert_eq!(a.author.as_deref(), Some("Ilse Varga-Holm"));
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()),
            Some("2023-03-03T00:00:00+00:00".into())
        );
        assert_eq!(
            a.body,
            "The harbour board raised its fees on Friday.\n\n\"We had no choice,\" said Tomas Brekke."
        );
        let b = &parsed.entries[1];
        assert_eq!(b.part, Some(2));
        assert_eq!(b.article.title, "Quiet week at the port");
        assert_eq!(b.article.source.as_deref(), Some("Nordvik Post"));
        assert_eq!(b.article.body, "Nothing moved at the port this week.");
        Ok(())
    }

    #[test]
    fn a_field_coded_export_is_split_at_each_headline() -> Result<(), ParseError> {
        let export = "   SE\tNews\n   HD\n   Harbour fees rise\n   BY\tBy Ilse Varga-Holm\n\
            \x20  WC\t24 words\n   PD\n   3 March 2023\n   ET\t07:30\n   SN\n   Kestvik Courier\n\
            \x20  SC\tKESTC\n   LA\tEnglish\n   CY\t(c) 2023 Kestvik Courier\n\
            \x20  LP\n   The harbour board raised its fees on Friday.\n\
            \x20  TD\n   \"We had no choice,\" said Tomas Brekke.\n   Fares will follow.\n\
            \x20  NS\tgtrans : Transport\n   AN\n   Document KESTC00020230303ej330001\n\
            \u{c}   HD\tQuiet week at the port\n   PD\t1 April 2023\n   SN\tNordvik Post\n\
            \x20  LP\tNothing moved at the port this week.\n   AN\tDocument NORDP0002\n";
        assert!(looks_like(export));
        let parsed = parse(export)?;
        assert_eq!(parsed.entries.len(), 2);
        let a = &parsed.entries[0].article;
        assert_eq!(a.title, "Harbour fees rise");
        assert_eq!(a.author.as_deref(), Some("Ilse Varga-Holm"));
        assert_eq!(a.source.as_deref(), Some("Kestvik Courier"));
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()),
            Some("2023-03-03T00:00:00+00:00".into())
        );
        assert_eq!(
            a.body,
            "The harbour board raised its fees on Friday.\n\n\"We had no choice,\" said Tomas \
             Brekke.\n\nFares will follow."
        );
        let b = &parsed.entries[1];
        assert_eq!(
            (b.part, b.article.title.as_str()),
            (Some(2), "Quiet week at the port")
        );
        assert_eq!(b.article.body, "Nothing moved at the port this week.");
        // Words that look like codes inside the text are text.
        assert_eq!(field_code("IN a statement, the board said"), None);
        assert_eq!(
            field_code("   CO\tkestc : Kestvik Ports"),
            Some(("CO", "kestc : Kestvik Ports"))
        );
        Ok(())
    }
}
