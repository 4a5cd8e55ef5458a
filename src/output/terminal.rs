//! Human-readable output: search hits, index summaries and stats.

use std::io::{self, Write};
use std::path::Path;

use anstyle::{AnsiColor, Style as Ansi};

use super::{day, display_path, Style};
use crate::export::{Exported, Target};
use crate::model::{IndexReport, Problem};
use crate::search::{Copy, FacetCount, Hit, Results, Snippet, Sort, Stats, Stories};

pub(super) const TITLE: Ansi = Ansi::new().bold();
pub(super) const META: Ansi = Ansi::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Cyan)));
pub(super) const LABEL: Ansi = Ansi::new().dimmed();
const MATCH: Ansi = Ansi::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));

/// Skipped files and warnings listed in a text summary before "... and N more".
const MAX_LISTED: usize = 20;

/// Marks for highlighted words when colour is off.
const PLAIN_MARK: &str = "**";

pub(super) fn paint(style: Style, ansi: Ansi, text: &str) -> String {
    if style.color {
        format!("{}{text}{}", ansi.render(), ansi.render_reset())
    } else {
        text.to_string()
    }
}

/// The snippet on one line, with highlights marked.
pub(super) fn snippet_line(snippet: &Snippet, style: Style) -> String {
    let text = &snippet.text;
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for &(start, end) in &snippet.highlights {
        let (Some(before), Some(word)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        out.push_str(before);
        if style.color {
            out.push_str(&paint(style, MATCH, word));
        } else {
            out.push_str(PLAIN_MARK);
            out.push_str(word);
            out.push_str(PLAIN_MARK);
        }
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn facet_line(counts: &[FacetCount]) -> String {
    counts
        .iter()
        .map(|c| format!("{} ({})", c.value, c.count))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `clipdex search`: each hit of the page (a first-sentence title marked `(untitled)`),
/// then the total, the ranks shown and the top tags and speakers of all matches. `sort`
/// only names the order in that summary.
pub fn print_search<W: Write>(
    out: &mut W,
    results: &Results,
    sort: Sort,
    cwd: Option<&Path>,
    style: Style,
) -> io::Result<()> {
    let mut printer = SearchPrinter::new(out, cwd, style);
    for hit in &results.hits {
        printer.hit(hit)?;
    }
    printer.finish(results, sort)
}

/// `clipdex search` printed a hit at a time, as [`print_search`] prints a page.
pub struct SearchPrinter<'a, W: Write> {
    out: &'a mut W,
    cwd: Option<&'a Path>,
    style: Style,
    /// The ranks of the first and last hit printed.
    shown: Option<(usize, usize)>,
}

impl<'a, W: Write> SearchPrinter<'a, W> {
    /// A printer to `out`, paths shown relative to `cwd`.
    pub fn new(out: &'a mut W, cwd: Option<&'a Path>, style: Style) -> Self {
        SearchPrinter {
            out,
            cwd,
            style,
            shown: None,
        }
    }

    /// Prints one hit.
    pub fn hit(&mut self, hit: &Hit) -> io::Result<()> {
        let (out, style) = (&mut *self.out, self.style);
        let title = if hit.title_missing {
            format!("{} (untitled)", hit.title)
        } else {
            hit.title.clone()
        };
        writeln!(
            out,
            "{}",
            paint(style, TITLE, &format!("{}. {title}", hit.rank))
        )?;
        let meta = format!("{} · {}", day(hit.date), display_path(&hit.path, self.cwd));
        writeln!(out, "   {}", paint(style, META, &meta))?;
        if !hit.speakers.is_empty() {
            let label = paint(style, LABEL, "speakers:");
            writeln!(out, "   {label} {}", hit.speakers.join(", "))?;
        }
        if !hit.tags.is_empty() {
            writeln!(
                out,
                "   {} {}",
                paint(style, LABEL, "tags:"),
                hit.tags.join(", ")
            )?;
        }
        let snippet = snippet_line(&hit.snippet, style);
        if !snippet.is_empty() {
            writeln!(out, "   {snippet}")?;
        }
        print_hit_copies(out, &hit.copies, hit.copy_count, self.cwd, style)?;
        writeln!(out)?;
        let first = self.shown.map_or(hit.rank, |(first, _)| first);
        self.shown = Some((first, hit.rank));
        Ok(())
    }

    /// Prints the summary of `results` (its counts and facets) after the hits.
    pub fn finish(self, results: &Results, sort: Sort) -> io::Result<()> {
        let (out, style) = (self.out, self.style);
        let order = match sort {
            Sort::Relevance => "best match first",
            Sort::Date => "newest first",
        };
        let shown = match self.shown {
            Some((first, last)) => format!("showing {first}-{last}, {order}"),
            None => "none shown".to_string(),
        };
        writeln!(
            out,
            "{} ({}), {shown}",
            counted(results.stories, "story", "stories"),
            counted(results.total, "article", "articles")
        )?;
        if !results.facets.tags.is_empty() {
            let label = paint(style, LABEL, "top tags:");
            writeln!(out, "{label} {}", facet_line(&results.facets.tags))?;
        }
        if !results.facets.speakers.is_empty() {
            let label = paint(style, LABEL, "top speakers:");
            writeln!(out, "{label} {}", facet_line(&results.facets.speakers))?;
        }
        Ok(())
    }
}

/// "1 story", "3 stories".
pub(super) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `clipdex copies`: each story with its size, headline and every article, then how many
/// stories there were.
pub fn print_stories<W: Write>(
    out: &mut W,
    found: &Stories,
    all: bool,
    cwd: Option<&Path>,
    style: Style,
) -> io::Result<()> {
    for story in &found.stories {
        let Some(first) = story.articles.first() else {
            continue;
        };
        let size = counted(story.articles.len(), "article", "articles");
        writeln!(out, "{}", paint(style, TITLE, &first.title))?;
        writeln!(
            out,
            "   {}",
            paint(style, META, &format!("{size} · story {}", story.story))
        )?;
        for copy in &story.articles {
            writeln!(out, "     {}", copy_line(copy, cwd))?;
        }
        writeln!(out)?;
    }
    let kind = if all { "" } else { " that ran more than once" };
    writeln!(
        out,
        "{}{kind} ({}), {} shown, largest first",
        counted(found.total, "story", "stories"),
        counted(found.articles, "article", "articles"),
        found.stories.len()
    )
}

/// Copies listed under a hit (or a quoting story); the rest are counted.
pub const COPIES_LISTED: usize = 3;

/// A hit's other copies: where each ran and when, the first few of them.
pub(super) fn print_hit_copies<W: Write>(
    out: &mut W,
    copies: &[Copy],
    count: usize,
    cwd: Option<&Path>,
    style: Style,
) -> io::Result<()> {
    if copies.is_empty() {
        return Ok(());
    }
    let label = match count {
        1 => "also in 1 copy:".to_string(),
        n => format!("also in {n} copies:"),
    };
    writeln!(out, "   {}", paint(style, LABEL, &label))?;
    for copy in copies.iter().take(COPIES_LISTED) {
        writeln!(out, "     {}", copy_line(copy, cwd))?;
    }
    let shown = copies.len().min(COPIES_LISTED);
    if count > shown {
        writeln!(
            out,
            "     and {} more (`clipdex copies` lists them)",
            count - shown
        )?;
    }
    Ok(())
}

/// One copy: its date, source and file.
pub fn copy_line(copy: &Copy, cwd: Option<&Path>) -> String {
    let date = day(copy.date);
    let mut path = display_path(&copy.path, cwd);
    if copy.part > 1 || path.ends_with(".jsonl") {
        path = format!("{path}:{}", copy.part);
    }
    match &copy.source {
        Some(source) => format!("{date} · {source} · {path}"),
        None => format!("{date} · {path}"),
    }
}

fn problem_line(p: &Problem, cwd: Option<&Path>) -> String {
    p.describe(&display_path(&p.path, cwd))
}

/// `clipdex index`: the counts, the first skipped files and warnings (`--json` has them
/// all), and after an interrupted run what to do next.
pub fn print_index_report<W: Write>(
    out: &mut W,
    report: &IndexReport,
    cwd: Option<&Path>,
) -> io::Result<()> {
    let a = &report.articles;
    writeln!(
        out,
        "indexed into {} in {:.1} s",
        display_path(&report.index, cwd),
        report.seconds
    )?;
    writeln!(
        out,
        "  files: {} seen, {} read, {} unchanged, {} skipped",
        report.files_seen,
        report.files_read,
        report.files_unchanged,
        report.skipped.len()
    )?;
    writeln!(
        out,
        "  articles: {} new, {} updated, {} removed, {} unchanged",
        a.indexed, a.updated, a.removed, a.unchanged
    )?;
    if report.untitled > 0 {
        writeln!(
            out,
            "  {} articles read have no title; results show their first sentence",
            report.untitled
        )?;
    }
    print_problems(out, "skipped files", &report.skipped, cwd)?;
    print_problems(out, "warnings", &report.warnings, cwd)?;
    if report.rebuild_abandoned {
        writeln!(
            out,
            "interrupted: the rebuild was abandoned and the index is as it was before it; run \
             `clipdex index --rebuild` again to start over"
        )?;
    } else if report.interrupted {
        writeln!(
            out,
            "interrupted: what was read is committed; run the same `clipdex index` again to finish"
        )?;
    }
    Ok(())
}

/// A pass of `clipdex watch` after the first: when, what changed, and any problems.
pub fn print_watch_pass<W: Write>(
    out: &mut W,
    report: &IndexReport,
    cwd: Option<&Path>,
) -> io::Result<()> {
    let a = &report.articles;
    writeln!(
        out,
        "{} articles: {} new, {} updated, {} removed ({} read in {:.1} s)",
        chrono::Local::now().format("%H:%M:%S"),
        a.indexed,
        a.updated,
        a.removed,
        counted(report.files_read, "file", "files"),
        report.seconds
    )?;
    print_problems(out, "skipped files", &report.skipped, cwd)?;
    print_problems(out, "warnings", &report.warnings, cwd)
}

/// Lists problems, the first [`MAX_LISTED`] of them; `--json` has them all.
fn print_problems<W: Write>(
    out: &mut W,
    heading: &str,
    problems: &[Problem],
    cwd: Option<&Path>,
) -> io::Result<()> {
    if problems.is_empty() {
        return Ok(());
    }
    writeln!(out, "{heading} ({}):", problems.len())?;
    for p in problems.iter().take(MAX_LISTED) {
        writeln!(out, "  {}", problem_line(p, cwd))?;
    }
    if problems.len() > MAX_LISTED {
        let more = problems.len() - MAX_LISTED;
        writeln!(
            out,
            "  ... and {more} more (`clipdex index --json` lists them all)"
        )?;
    }
    Ok(())
}

fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// OpenSearch's default limit on a request's size (`http.max_content_length`).
const BULK_LIMIT: u64 = 100 * 1024 * 1024;

/// `clipdex export`: the files written, and the commands that load them.
pub fn print_export<W: Write>(
    out: &mut W,
    exported: &Exported,
    target: Target,
    name: &str,
) -> io::Result<()> {
    let engine = match target {
        Target::Quickwit => "Quickwit",
        Target::OpenSearch => "OpenSearch",
    };
    writeln!(
        out,
        "Exported {} for {engine}:",
        counted(exported.articles as usize, "article", "articles")
    )?;
    let shown: Vec<String> = exported
        .files
        .iter()
        .map(|(path, _)| path.display().to_string())
        .collect();
    let width = shown.iter().map(String::len).max().unwrap_or(0);
    for (path, (_, bytes)) in shown.iter().zip(&exported.files) {
        writeln!(out, "  {path:width$}  {}", human_bytes(*bytes))?;
    }
    let (Some(settings), Some(docs)) = (shown.first(), shown.get(1)) else {
        return Ok(());
    };
    match target {
        Target::Quickwit => {
            if exported.undated > 0 {
                writeln!(
                    out,
                    "{} no date: Quickwit's timestamp field is left out of the config.",
                    counted(exported.undated as usize, "article has", "articles have")
                )?;
            }
            writeln!(out, "Load them into a running Quickwit:")?;
            writeln!(out, "  quickwit index create --index-config {settings}")?;
            writeln!(
                out,
                "  quickwit index ingest --index {name} --input-path {docs} --force"
            )
        }
        Target::OpenSearch => {
            writeln!(
                out,
                "Load them into OpenSearch at $OS (e.g. http://localhost:9200):"
            )?;
            writeln!(
                out,
                "  curl -X PUT \"$OS/{name}\" -H 'Content-Type: application/json' --data-binary @{settings}"
            )?;
            writeln!(
                out,
                "  curl -X POST \"$OS/_bulk\" -H 'Content-Type: application/x-ndjson' --data-binary @{docs}"
            )?;
            if exported
                .files
                .get(1)
                .is_some_and(|(_, bytes)| *bytes > BULK_LIMIT)
            {
                writeln!(
                    out,
                    "OpenSearch refuses a request over 100 MB: split {docs} first (the README shows how)."
                )?;
            }
            Ok(())
        }
    }
}

/// `clipdex stats`: where the index is and its size, counts, the date range and the last
/// commit.
pub fn print_stats<W: Write>(out: &mut W, stats: &Stats) -> io::Result<()> {
    let day = |d: Option<chrono::DateTime<chrono::Utc>>| {
        d.map_or_else(|| "-".to_string(), |d| d.format("%Y-%m-%d").to_string())
    };
    writeln!(
        out,
        "index:     {} ({})",
        stats.location,
        human_bytes(stats.index_bytes)
    )?;
    writeln!(
        out,
        "articles:  {} from {} files",
        stats.articles, stats.files
    )?;
    writeln!(
        out,
        "stories:   {} (copies of one story count once)",
        stats.stories
    )?;
    writeln!(out, "speakers:  {} distinct", stats.speakers)?;
    writeln!(out, "tags:      {} distinct", stats.tags)?;
    writeln!(
        out,
        "dates:     {} to {}",
        day(stats.first_date),
        day(stats.last_date)
    )?;
    let updated = stats.updated.map_or_else(
        || "never".to_string(),
        |d| d.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
    );
    writeln!(out, "updated:   {updated}")?;
    for (n, folder) in stats.folders.iter().enumerate() {
        let label = if n == 0 { "folders:" } else { "" };
        writeln!(out, "{label:<10} {folder}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Hit, Snippet};

    fn hit() -> Hit {
        Hit {
            rank: 1,
            score: 1.0,
            uid: "0123456789abcdef".into(),
            id: "a".into(),
            path: "/c/a.txt".into(),
            title: "Cod quota cut".into(),
            title_missing: false,
            date: None,
            speakers: vec![],
            tags: vec![],
            snippet: Snippet {
                text: "the cod\nquota was cut".into(),
                highlights: vec![(4, 7), (18, 21)],
            },
            story: "0123456789abcdef".into(),
            copies: vec![],
            copy_count: 0,
        }
    }

    #[test]
    fn plain_snippets_mark_highlights_with_asterisks() {
        assert_eq!(
            snippet_line(&hit().snippet, Style { color: false }),
            "the **cod** quota was **cut**"
        );
    }

    #[test]
    fn colour_snippets_use_ansi() {
        let line = snippet_line(&hit().snippet, Style { color: true });
        assert!(line.contains("\u{1b}[1m\u{1b}[31mcod\u{1b}[0m"), "{line:?}");
    }

    #[test]
    fn a_copy_is_its_date_source_and_file_with_the_line_of_a_feed() {
        let copy = |path: &str, part, source: Option<&str>| Copy {
            uid: "0123456789abcdef".into(),
            path: path.into(),
            part,
            title: "Cod quota cut".into(),
            date: chrono::DateTime::from_timestamp(1_700_000_000, 0),
            source: source.map(String::from),
        };
        let cwd = Some(Path::new("/c"));
        assert_eq!(
            copy_line(&copy("/c/feed.jsonl", 3, Some("Fjord Gazette")), cwd),
            "2023-11-14 · Fjord Gazette · feed.jsonl:3"
        );
        assert_eq!(
            copy_line(&copy("/c/a.txt", 1, None), cwd),
            "2023-11-14 · a.txt"
        );
    }

    #[test]
    fn sizes_are_human() {
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(12_345_678), "12.3 MB");
    }
}
