//! The plain data that flows between stages: articles as parsed, speakers and quotes.
//!
//! Nothing here knows about files, tantivy or terminals, so every stage can share it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The input layouts clipdex understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Text copied from a news web page: time+date line, page chrome, related headlines.
    Scraped,
    /// `Title:`/`Date:`/... header lines, a blank line, then the body.
    Header,
    /// First line is the title, the rest is the body.
    Plain,
    /// One JSON object or an array of objects.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// A saved web page: the article's text and metadata taken out of its HTML.
    Html,
    /// A web archive: each HTML page it holds read as a saved web page.
    Warc,
    /// A news database's export: many articles in one file, each with its metadata.
    Export,
    /// E-mail: each message (of an `.eml` file or an `.mbox` mailbox) and each attachment
    /// read as a clipping.
    Email,
    /// A PDF clipping: one article, its page furniture left out.
    Pdf,
}

impl Format {
    /// The lower-case name, as in JSON (`"format"` of `extract`) and the index's stored
    /// `format` field.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Scraped => "scraped",
            Format::Header => "header",
            Format::Plain => "plain",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Html => "html",
            Format::Warc => "warc",
            Format::Export => "export",
            Format::Email => "email",
            Format::Pdf => "pdf",
        }
    }
}

/// Words attributed to a speaker, with their byte range in the article body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The words on one line (runs of whitespace as one space); empty from
    /// [`extract_for_index`](crate::speakers::extract_for_index), as the index reads them
    /// back from the body.
    pub text: String,
    /// Byte offset in the article's `body` where the words start.
    pub start: usize,
    /// Byte offset in `body` just past the words (`start..end`).
    pub end: usize,
}

/// A person whose words an article reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// Display name: the fullest form the article uses, without honorifics.
    pub name: String,
    /// Other forms the article uses for the same person.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Role as the article states it ("head of the ...").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The words the article attributes to the person, in body order; none for a name a
    /// source lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<Quote>,
}

impl Speaker {
    /// A name alone, as a source's speaker list gives it: evidence for the extractor.
    pub fn named(name: impl Into<String>) -> Self {
        Speaker {
            name: name.into(),
            aliases: Vec::new(),
            role: None,
            quotes: Vec::new(),
        }
    }
}

/// One news article as the indexer sees it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Article {
    /// Title as found; empty when the source has none (see [`Article::display_title`]).
    pub title: String,
    /// Publication time in UTC (midnight for a date without a time); `None` when the
    /// source gives none or it cannot be read.
    pub date: Option<DateTime<Utc>>,
    /// The article text; quote ranges are byte offsets into it.
    pub body: String,
    /// As parsed, the names the source lists (evidence only); once extracted, the people
    /// quoted in `body`, which replace them.
    pub speakers: Vec<Speaker>,
    /// Tags as the source spells them; filters and facets match their
    /// [`tag_key`](crate::keys::tag_key).
    pub tags: Vec<String>,
    /// Byline as given (a JSON list of names joined with `, `).
    pub author: Option<String>,
    /// Link to the original, as given.
    pub url: Option<String>,
    /// The publication, as the source names it.
    pub source: Option<String>,
}

impl Article {
    /// The title, or the body's first sentence when the source gave none.
    pub fn display_title(&self) -> String {
        display_title(&self.title, &self.body)
    }
}

/// A file that was not indexed, or a note about one that was; `line` where known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file's path as text (lossy for a name that is not UTF-8); absolute in an index
    /// run, whose folders are canonicalised.
    pub path: String,
    /// 1-based line of the problem, where it has one (a JSON array's item is named in
    /// `message` instead).
    pub line: Option<usize>,
    /// What is wrong and what to do, without the path and line.
    pub message: String,
}

impl Problem {
    /// `PATH:LINE: message` (or `PATH: message`), with the path shown as the caller likes.
    pub fn describe(&self, shown_path: &str) -> String {
        match self.line {
            Some(line) => format!("{shown_path}:{line}: {}", self.message),
            None => format!("{shown_path}: {}", self.message),
        }
    }
}

/// Article counts of an index run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ArticleCounts {
    /// From files not indexed before.
    pub indexed: usize,
    /// From files that changed since the last run.
    pub updated: usize,
    /// Gone with vanished files, or no longer in a changed file.
    pub removed: usize,
    /// In files that did not change (not re-read).
    pub unchanged: usize,
}

/// What an index run did.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct IndexReport {
    /// The index folder as given (`--index`, `CLIPDEX_INDEX` or the default).
    pub index: String,
    /// Entries the walk met: clipping files, plus those it skipped (other extensions,
    /// what it could not read).
    pub files_seen: usize,
    /// New or changed files read through, emptied ones included; not those skipped.
    pub files_read: usize,
    /// Files not read again: size and modification time as last indexed, and their
    /// speakers found by this extractor version (any, under `--no-speakers`).
    pub files_unchanged: usize,
    /// What happened to articles, by file state.
    pub articles: ArticleCounts,
    /// Articles read in this run that have no title (results show their first sentence).
    pub untitled: usize,
    /// Files not indexed this run, with why; for a file indexed before, the message says
    /// whether its articles were kept.
    pub skipped: Vec<Problem>,
    /// Notes about files that were read: decoding, skipped lines or items, articles'
    /// notes (a date not read), files emptied since the last run.
    pub warnings: Vec<Problem>,
    /// Wall-clock time of the run, in seconds.
    pub seconds: f64,
    /// Commits made; each leaves the index complete up to that point.
    pub commits: usize,
    /// Ctrl-C stopped the run after a commit; the next run finishes the work.
    pub interrupted: bool,
    /// A `--rebuild` was stopped and its new index deleted: the old one is as it was.
    pub rebuild_abandoned: bool,
}

/// Longest display title before it is cut with an ellipsis.
const MAX_FALLBACK_TITLE_CHARS: usize = 120;

/// The title, or the first sentence of `body` (shortened) when `title` is empty.
pub fn display_title(title: &str, body: &str) -> String {
    if !title.trim().is_empty() {
        return title.trim().to_string();
    }
    first_sentence(body, MAX_FALLBACK_TITLE_CHARS)
}

fn first_sentence(body: &str, max_chars: usize) -> String {
    let text = body.trim_start();
    let first_line = text.lines().next().unwrap_or_default();
    let sentence = first_line[..sentence_end(first_line)].trim();
    if sentence.chars().count() <= max_chars {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > max_chars / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// Words that end in a full stop without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "mt", "gen", "col", "lt", "sgt", "capt", "gov", "sen",
    "rep", "rev", "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "approx", "dept", "est",
    "fig",
];

/// Byte offset just past the first sentence of `line`: a `.`, `!` or `?` followed by a space
/// and a capital, not after an abbreviation or an initial (`Dr.`, `U.S.`, `J.`).
fn sentence_end(line: &str) -> usize {
    let bytes = line.as_bytes();
    for (i, c) in line.char_indices() {
        if !matches!(c, '.' | '!' | '?') || bytes.get(i + 1) != Some(&b' ') {
            continue;
        }
        let next_is_capital = line[i + 2..]
            .chars()
            .next()
            .is_some_and(|n| n.is_uppercase() || matches!(n, '"' | '“' | '‘'));
        let word = line[..i].rsplit(' ').next().unwrap_or_default();
        let is_abbreviation = c == '.'
            && (ABBREVIATIONS.contains(&word.to_lowercase().as_str())
                || word.chars().count() == 1
                || word.contains('.'));
        if next_is_capital && !is_abbreviation {
            return i + 1;
        }
    }
    line.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_title_prefers_the_title() {
        assert_eq!(
            display_title("  Cod quota cut ", "Body. More."),
            "Cod quota cut"
        );
    }

    #[test]
    fn display_title_falls_back_to_first_sentence() {
        let body = "Nordvik cut the cod quota by 12 per cent. Fishers were angry.";
        assert_eq!(
            display_title("", body),
            "Nordvik cut the cod quota by 12 per cent."
        );
    }

    #[test]
    fn abbreviations_inside_words_do_not_end_the_sentence() {
        assert_eq!(
            display_title("", "Prices rose 2.5% in May. Then fell."),
            "Prices rose 2.5% in May."
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_the_first_sentence() {
        assert_eq!(
            display_title("", "Dr. Marta Kowalczyk warned on Monday. Prices rose."),
            "Dr. Marta Kowalczyk warned on Monday."
        );
        assert_eq!(
            display_title(
                "",
                "U.S. officials met J. Smith in St. Petersburg. Talks went on."
            ),
            "U.S. officials met J. Smith in St. Petersburg."
        );
        assert_eq!(
            display_title("", "Is it over? Nobody knows."),
            "Is it over?"
        );
    }

    #[test]
    fn long_first_sentences_are_cut_at_a_word() {
        let body = "word ".repeat(60);
        let title = display_title("", &body);
        assert!(title.ends_with('…'), "{title}");
        assert!(
            title.chars().count() <= MAX_FALLBACK_TITLE_CHARS + 1,
            "{title}"
        );
    }
}
