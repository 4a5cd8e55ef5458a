//! Tables for spreadsheets and data tools (`--format csv|tsv`): a header row, then one row
//! per hit, quote or person, quoted as RFC 4180 says (the `csv` crate).

use std::io::{self, Write};

use chrono::{DateTime, SecondsFormat, Utc};

use crate::search::{Hit, People, Quoted, Quotes, Results};

/// Separates the values of a list in one cell.
const LIST: &str = "; ";

fn writer<W: Write>(out: W, delimiter: u8) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(out)
}

/// A date as JSON output gives it (RFC 3339, UTC, to the second), empty when undated.
fn date(date: Option<DateTime<Utc>>) -> String {
    date.map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true))
        .unwrap_or_default()
}

fn io_error(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(err) => err,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// `search --format csv`: one row per hit of the page.
pub fn write_hits<W: Write>(out: W, results: &Results, delimiter: u8) -> io::Result<()> {
    let mut table = HitTable::new(out, delimiter)?;
    for hit in &results.hits {
        table.row(hit)?;
    }
    table.finish()
}

/// `search --format csv` written a hit at a time: the header row, then a row per hit.
pub struct HitTable<W: Write>(csv::Writer<W>);

impl<W: Write> HitTable<W> {
    /// Writes the header row.
    pub fn new(out: W, delimiter: u8) -> io::Result<Self> {
        let mut table = writer(out, delimiter);
        let header = [
            "rank", "score", "uid", "story", "copies", "date", "title", "path", "tags", "speakers",
            "snippet",
        ];
        table.write_record(header).map_err(io_error)?;
        Ok(HitTable(table))
    }

    /// Writes one hit's row.
    pub fn row(&mut self, hit: &Hit) -> io::Result<()> {
        self.0
            .write_record([
                hit.rank.to_string(),
                format!("{:.3}", hit.score),
                hit.uid.clone(),
                hit.story.clone(),
                hit.copy_count.to_string(),
                date(hit.date),
                hit.title.clone(),
                hit.path.clone(),
                hit.tags.join(LIST),
                hit.speakers.join(LIST),
                // One line: the window's paragraph breaks would split a row for line tools.
                hit.snippet
                    .text
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            ])
            .map_err(io_error)
    }

    /// Writes out what is buffered.
    pub fn finish(mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// `quotes --format csv`: one row per quote, in the order the listing gives them.
pub fn write_quotes<W: Write>(out: W, quotes: &Quotes, delimiter: u8) -> io::Result<()> {
    let mut table = QuoteTable::new(out, delimiter)?;
    for article in &quotes.articles {
        table.rows(article)?;
    }
    table.finish()
}

/// `quotes --format csv` written an article at a time: the header row, then a row per
/// quote.
pub struct QuoteTable<W: Write>(csv::Writer<W>);

impl<W: Write> QuoteTable<W> {
    /// Writes the header row.
    pub fn new(out: W, delimiter: u8) -> io::Result<Self> {
        let mut table = writer(out, delimiter);
        let header = [
            "uid", "story", "date", "title", "path", "name", "role", "quote",
        ];
        table.write_record(header).map_err(io_error)?;
        Ok(QuoteTable(table))
    }

    /// Writes a row for each of the article's quotes.
    pub fn rows(&mut self, article: &Quoted) -> io::Result<()> {
        for quote in &article.quotes {
            self.0
                .write_record([
                    article.uid.as_str(),
                    &article.story,
                    &date(article.date),
                    &article.title,
                    &article.path,
                    &article.name,
                    article.role.as_deref().unwrap_or_default(),
                    &quote.text,
                ])
                .map_err(io_error)?;
        }
        Ok(())
    }

    /// Writes out what is buffered.
    pub fn finish(mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// `speakers --format csv`: one row per person, most-quoted first.
pub fn write_people<W: Write>(out: W, people: &People, delimiter: u8) -> io::Result<()> {
    let mut table = writer(out, delimiter);
    table
        .write_record(["name", "key", "stories", "articles", "latest"])
        .map_err(io_error)?;
    for person in &people.people {
        table
            .write_record([
                person.name.clone(),
                person.key.clone(),
                person.stories.to_string(),
                person.articles.to_string(),
                date(person.latest),
            ])
            .map_err(io_error)?;
    }
    table.flush()
}
