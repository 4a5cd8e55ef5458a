//! A PDF's text, page by page (as `ingest` extracts it), as articles: a database export
//! split as its text layout is ([`super::export`]), else one clipping: a running header
//! (`Outlet | 2 March 1987 | Page 4`) giving the source and date, the title, a `By` line,
//! and the text, without page numbers, copyright and licence footers, or the hyphens
//! that broke words at line ends.

use std::sync::OnceLock;

use regex::Regex;

use super::{export, parse_date, Entry, ParseError, Parsed};
use crate::model::Article;

fn hyphen_break() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(\p{L})-\n[ \t]*(\p{Ll})").expect("valid regex"))
}

/// The articles of a PDF whose pages hold `pages`.
pub fn parse(pages: &[String]) -> Result<Parsed, ParseError> {
    let mut header = None;
    let mut text = String::new();
    for page in pages {
        let (fields, kept) = without_furniture(page);
        header = header.or(fields);
        let kept = kept.trim();
        if kept.is_empty() {
            continue;
        }
        if !text.is_empty() {
            // A sentence that runs on to the next page stays one paragraph.
            let ended = text.ends_with(['.', '!', '?', '"', '\u{201d}', ':']);
            let runs_on = !ended && kept.starts_with(|c: char| c.is_lowercase());
            text.push_str(if runs_on { "\n" } else { "\n\n" });
        }
        text.push_str(kept);
    }
    let text = hyphen_break().replace_all(&text, "$1$2");
    if text.trim().is_empty() {
        return Err(ParseError {
            line: None,
            message: "no text in this PDF (a scanned page? clipdex does not read images of \
                      text); run it through OCR first"
                .into(),
            empty: false,
        });
    }
    if export::looks_like(&text) {
        return export::parse(&text);
    }
    Ok(Parsed {
        entries: vec![clipping(&text, header.unwrap_or_default())],
        warnings: Vec::new(),
    })
}

/// What a running header says: the outlet and the date.
#[derive(Debug, Default, Clone)]
struct Header {
    source: Option<String>,
    date: Option<chrono::DateTime<chrono::Utc>>,
}

/// A page without its running header, footers and page number; the header's fields.
fn without_furniture(page: &str) -> (Option<Header>, String) {
    let lines: Vec<&str> = page.lines().collect();
    let mut header = None;
    let mut kept: Vec<&str> = Vec::with_capacity(lines.len());
    let first = lines.iter().position(|l| !l.trim().is_empty());
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if Some(i) == first && trimmed.contains(" | ") {
            header = Some(header_fields(trimmed));
            continue;
        }
        let footer = trimmed.starts_with("(c)")
            || trimmed.starts_with('©')
            || trimmed.starts_with("Copyright ");
        let page_number = !trimmed.is_empty() && trimmed.chars().all(|c| c.is_ascii_digit());
        if footer || page_number {
            continue;
        }
        kept.push(line);
    }
    (header, kept.join("\n"))
}

/// The fields of a running header: the first is the outlet, one is the date.
fn header_fields(line: &str) -> Header {
    let fields: Vec<&str> = line.split('|').map(str::trim).collect();
    Header {
        source: fields
            .first()
            .filter(|f| !f.is_empty())
            .map(|f| f.to_string()),
        date: fields
            .iter()
            .skip(1)
            .find_map(|f| parse_date(f).ok())
            .map(|d| d.when),
    }
}

/// One clipping: the title, a `By` line, the text.
fn clipping(text: &str, header: Header) -> Entry {
    let mut blocks = export::blocks(text).into_iter();
    let title = blocks.next().unwrap_or_default();
    let mut body: Vec<String> = blocks.collect();
    let mut article = Article {
        title,
        source: header.source,
        date: header.date,
        ..Article::default()
    };
    if let Some(author) = body.first().and_then(|b| b.strip_prefix("By ")) {
        article.author = Some(author.trim().to_string());
        body.remove(0);
    }
    article.body = body.join("\n\n");
    let mut notes = Vec::new();
    if article.body.is_empty() {
        notes.push("no body text; indexed by its title alone".into());
    }
    Entry {
        part: None,
        article,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clipping_loses_its_page_furniture_and_hyphens() -> Result<(), ParseError> {
        let pages = [
            "\n\nKestvik Courier  |  3 March 2023  |  Page 4\n\n\
             (c) 2023 Kestvik Courier. Supplied under licence. 1\n\n\
             Harbour fees rise as\nthe winter ends\n\nBy Ilse Varga-Holm\n\n\
             The harbour board raised its fees on Friday, and the ferry compa-\n\
             nies said fares for non-\nResidents would follow, as the\n"
                .to_string(),
            "Kestvik Courier  |  3 March 2023  |  Page 5\n\nboard expected.\n\n\
             \"We had no choice,\" said Tomas Brekke.\n\n2\n"
                .to_string(),
        ];
        let parsed = parse(&pages)?;
        let a = &parsed.entries[0].article;
        assert_eq!(a.title, "Harbour fees rise as the winter ends");
        assert_eq!(a.source.as_deref(), Some("Kestvik Courier"));
        assert_eq!(a.author.as_deref(), Some("Ilse Varga-Holm"));
        assert_eq!(
            a.date.map(|d| d.to_rfc3339()),
            Some("2023-03-03T00:00:00+00:00".into())
        );
        assert_eq!(
            a.body,
            "The harbour board raised its fees on Friday, and the ferry companies said fares \
             for non-Residents would follow, as the board expected.\n\n\"We had no choice,\" \
             said Tomas Brekke."
        );
        Ok(())
    }

    #[test]
    fn a_pdf_without_text_is_reported_as_a_scan() {
        let err = parse(&["  \n".to_string(), String::new()]).map(|_| ());
        assert!(err.is_err_and(|e| e
            .message
            .starts_with("no text in this PDF (a scanned page?")));
    }
}
