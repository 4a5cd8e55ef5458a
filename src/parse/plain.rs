//! Title-first plain text: the first line is the title, the rest is the body.

use super::text::{collapse_whitespace, tidy_body};
use super::{Entry, ParseError};
use crate::model::Article;

/// A first line longer than this is a paragraph, not a title.
const MAX_TITLE_CHARS: usize = 200;

/// Reads a title-first plain-text file into one article (all body when the first line
/// is too long to be a title or is all there is); an empty file is an `empty` error.
pub fn parse(text: &str) -> Result<Entry, ParseError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(ParseError {
            empty: true,
            line: None,
            message: "the file is empty".into(),
        });
    }
    let (first, rest) = trimmed.split_once('\n').unwrap_or((trimmed, ""));
    let (title, body) = if first.chars().count() > MAX_TITLE_CHARS || rest.trim().is_empty() {
        (String::new(), tidy_body(trimmed))
    } else {
        // A Markdown heading (`# Title`) is a title without its marks.
        let title = first.trim_start_matches('#').trim();
        (collapse_whitespace(title), tidy_body(rest))
    };
    let article = Article {
        title,
        body,
        ..Article::default()
    };
    Ok(Entry::whole_file(article, Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_is_title() {
        let entry = parse("Ad sales lift profits\n\nProfits rose.\n\nShares too.\n").ok();
        let article = entry.map(|e| e.article).unwrap_or_default();
        assert_eq!(article.title, "Ad sales lift profits");
        assert_eq!(article.body, "Profits rose.\n\nShares too.");
        assert_eq!(article.date, None);
    }

    #[test]
    fn markdown_headings_lose_their_marks() {
        let entry = parse("## Harbour fees rise\n\nBody.").ok();
        assert_eq!(
            entry.map(|e| e.article.title).as_deref(),
            Some("Harbour fees rise")
        );
    }

    #[test]
    fn a_single_paragraph_has_no_title() {
        let entry = parse("Just one paragraph of text.").ok();
        let entry = entry.unwrap_or_else(|| panic!("parsed"));
        assert_eq!(entry.article.title, "");
        assert_eq!(entry.article.body, "Just one paragraph of text.");
    }

    #[test]
    fn empty_files_are_errors() {
        assert!(parse(" \n\n ").is_err());
    }
}
