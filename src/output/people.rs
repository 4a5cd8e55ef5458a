//! Human-readable output for people: who is quoted, one person's quotes, and their
//! timeline as a bar chart.

use std::io::{self, Write};
use std::path::Path;

use super::terminal::{counted, paint, print_hit_copies, snippet_line, LABEL, META, TITLE};
use super::{day, display_path, Style};
use crate::search::{People, PeriodCount, Person, Quoted, Quotes};

/// Width of the longest bar in a timeline.
const BAR_WIDTH: usize = 40;

fn articles(n: u64) -> String {
    counted(n as usize, "article", "articles")
}

/// "3 stories", or "3 stories (5 articles)" when copies add articles.
fn stories(stories: u64, articles: u64) -> String {
    let told = counted(stories as usize, "story", "stories");
    if articles == stories {
        told
    } else {
        format!("{told} ({})", self::articles(articles))
    }
}

/// What a quotes listing counts: stories and articles, or with `--copies` articles.
fn listed(quotes: &Quotes) -> String {
    if quotes.copies {
        articles(quotes.total as u64)
    } else {
        stories(quotes.stories as u64, quotes.total as u64)
    }
}

/// `clipdex speakers`: one line per person.
pub fn print_people<W: Write>(out: &mut W, people: &People, style: Style) -> io::Result<()> {
    let width = people
        .people
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(0);
    for person in &people.people {
        let pad = width - person.name.chars().count();
        writeln!(
            out,
            "{}{}  {:>11}  {:>14}  {}",
            paint(style, TITLE, &person.name),
            " ".repeat(pad),
            counted(person.stories as usize, "story", "stories"),
            articles(person.articles),
            paint(style, META, &format!("latest {}", day(person.latest)))
        )?;
    }
    let noun = if people.total == 1 {
        "article"
    } else {
        "articles"
    };
    let who = if people.quoted == 1 {
        "person"
    } else {
        "people"
    };
    let shown = if people.people.len() < people.quoted {
        format!("{} of ", people.people.len())
    } else {
        String::new()
    };
    writeln!(
        out,
        "{shown}{} {who} quoted in {} matching {noun}{}",
        people.quoted,
        people.total,
        if people.people.is_empty() {
            ""
        } else {
            ", most-quoted first"
        }
    )
}

/// The people a name could mean, for the user to choose from.
pub fn print_choices<W: Write>(out: &mut W, name: &str, people: &[Person]) -> io::Result<()> {
    writeln!(out, "\"{name}\" fits {} people:", people.len())?;
    for person in people {
        let count = stories(person.stories, person.articles);
        writeln!(out, "  {}  ({count})", person.name)?;
    }
    writeln!(
        out,
        "Say which with the full name, e.g. clipdex quotes \"{}\", or add --all.",
        people.first().map_or(name, |p| p.name.as_str())
    )
}

fn names(people: &[Person]) -> String {
    people
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `clipdex quotes NAME`: each story (or article), newest first, with role, words and
/// the story's other copies.
pub fn print_quotes<W: Write>(
    out: &mut W,
    quotes: &Quotes,
    cwd: Option<&Path>,
    style: Style,
) -> io::Result<()> {
    let mut printer = QuotesPrinter::new(out, cwd, style);
    for article in &quotes.articles {
        printer.article(article)?;
    }
    printer.finish(quotes)
}

/// `clipdex quotes NAME` printed an article at a time, as [`print_quotes`] prints a page.
pub struct QuotesPrinter<'a, W: Write> {
    out: &'a mut W,
    cwd: Option<&'a Path>,
    style: Style,
    printed: usize,
}

impl<'a, W: Write> QuotesPrinter<'a, W> {
    /// A printer to `out`, paths shown relative to `cwd`.
    pub fn new(out: &'a mut W, cwd: Option<&'a Path>, style: Style) -> Self {
        QuotesPrinter {
            out,
            cwd,
            style,
            printed: 0,
        }
    }

    /// Prints one story's (or article's) quotes.
    pub fn article(&mut self, article: &Quoted) -> io::Result<()> {
        let (out, style, cwd) = (&mut *self.out, self.style, self.cwd);
        let meta = format!(
            "{} · {}",
            day(article.date),
            display_path(&article.path, cwd)
        );
        writeln!(out, "{}", paint(style, TITLE, &article.title))?;
        writeln!(out, "   {}", paint(style, META, &meta))?;
        let who = match &article.role {
            Some(role) => format!("{}, {role}", article.name),
            None => article.name.clone(),
        };
        writeln!(out, "   {} {who}", paint(style, LABEL, "quoted:"))?;
        for quote in &article.quotes {
            writeln!(out, "   > {}", snippet_line(quote, style))?;
        }
        print_hit_copies(out, &article.copies, article.copy_count, cwd, style)?;
        writeln!(out)?;
        self.printed += 1;
        Ok(())
    }

    /// Prints the summary of `quotes` (who, how many) after the articles.
    pub fn finish(self, quotes: &Quotes) -> io::Result<()> {
        let shown = if self.printed < quotes.listed() {
            format!(", showing the newest {}", self.printed)
        } else {
            String::new()
        };
        writeln!(
            self.out,
            "{}: {}{shown}",
            names(&quotes.people),
            listed(quotes)
        )
    }
}

/// `clipdex quotes NAME --timeline`: stories (or articles) per month (or year) as bars.
pub fn print_timeline<W: Write>(out: &mut W, quotes: &Quotes, style: Style) -> io::Result<()> {
    let most = quotes
        .timeline
        .iter()
        .map(|m| m.articles)
        .max()
        .unwrap_or(0);
    for PeriodCount { period, articles } in &quotes.timeline {
        let bar = if *articles == 0 {
            String::new()
        } else {
            "█".repeat((articles * BAR_WIDTH).div_ceil(most.max(1)).max(1))
        };
        writeln!(out, "{}  {bar} {articles}", paint(style, LABEL, period))?;
    }
    let undated = quotes.listed() - quotes.timeline.iter().map(|m| m.articles).sum::<usize>();
    let undated = if undated > 0 {
        format!(" ({undated} undated)")
    } else {
        String::new()
    };
    let unit = match quotes.timeline.first() {
        Some(p) if p.period.len() == 4 => "year",
        _ => "month",
    };
    writeln!(
        out,
        "{}: {} by {unit}{undated}",
        names(&quotes.people),
        listed(quotes)
    )
}
