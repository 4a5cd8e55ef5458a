//! The date a page prints beside its headline, for pages that mark it nowhere else:
//! "22.04.2020", "25. Januar 2022", "3 de mayo de 2022", "5 mars 2021", "March 5, 2021".
//!
//! The page's visible text is read in document order without menus, footers, asides,
//! scripts and forms; the first date within a short reach after the main headline (`h1`)
//! is the article's, else the nearest one just before it. A page without a headline has
//! no date read this way: a date somewhere on a page of links says nothing of which.

use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};
use dom_query::{Document, NodeRef};
use regex::{Captures, Regex};

use super::date::in_range;

/// How far after the headline's start (in characters of visible text) its date is looked
/// for: a dateline, a byline block, a lead paragraph.
const AFTER_HEADLINE: usize = 1500;
/// How far before the headline: a kicker line with the date above the title.
const BEFORE_HEADLINE: usize = 400;
/// Characters a title and a heading need for one to be found in the other.
const MIN_TITLE: usize = 8;
/// Visible text read at most: the headline is near the top of any page that has one.
const MAX_TEXT: usize = 200_000;

/// Elements whose text is not the page's own: menus, page furniture, code, forms.
const SKIPPED: [&str; 13] = [
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "select",
    "button", "iframe", "svg", "head",
];

/// Month names and their abbreviations in English, German, French, Spanish, Italian,
/// Portuguese and Dutch, with each month's number.
const MONTHS: [(&str, u32); 94] = [
    ("january", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("janeiro", 1),
    ("januari", 1),
    ("jan", 1),
    ("february", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("fevereiro", 2),
    ("februari", 2),
    ("feb", 2),
    ("march", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("maart", 3),
    ("mar", 3),
    ("mär", 3),
    ("april", 4),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("apr", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("maio", 5),
    ("mei", 5),
    ("june", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("junho", 6),
    ("jun", 6),
    ("july", 7),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("luglio", 7),
    ("julho", 7),
    ("jul", 7),
    ("august", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("augustus", 8),
    ("aug", 8),
    ("september", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("settembre", 9),
    ("setembro", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oktober", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("outubro", 10),
    ("oct", 10),
    ("okt", 10),
    ("november", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("nov", 11),
    ("december", 12),
    ("dezember", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dicembre", 12),
    ("dezembro", 12),
    ("dec", 12),
    ("dez", 12),
    ("fév", 2),
    ("déc", 12),
    ("ene", 1),
    ("dic", 12),
    ("ago", 8),
    ("abr", 4),
];

/// The date printed near the page's main headline, at midnight UTC. The headline is the
/// first heading (`h1` to `h4`) that the page's `title` holds or is held by, else the
/// first `h1`.
pub fn near_headline(doc: &Document, title: Option<&str>) -> Option<DateTime<Utc>> {
    let title = title
        .map(comparable)
        .filter(|t| t.chars().count() >= MIN_TITLE);
    let page = visible_text(doc, title.as_deref());
    let headline = page.headline?;
    let found: Vec<(usize, NaiveDate)> = dates_in(&page.text).collect();
    found
        .iter()
        .find(|(at, _)| *at >= headline && *at - headline <= AFTER_HEADLINE)
        .or_else(|| {
            found
                .iter()
                .rev()
                .find(|(at, _)| *at < headline && headline - at <= BEFORE_HEADLINE)
        })
        .map(|(_, date)| date.and_time(chrono::NaiveTime::MIN).and_utc())
        .filter(in_range)
}

/// Every date written in `text`, with its byte offset, in text order.
pub fn dates_in(text: &str) -> impl Iterator<Item = (usize, NaiveDate)> + '_ {
    pattern()
        .into_iter()
        .flat_map(move |p| p.captures_iter(text))
        .filter_map(|caps| Some((caps.get(0)?.start(), date_of(&caps)?)))
}

/// The date one match of [`pattern`] names, if it is a real day.
fn date_of(caps: &Captures) -> Option<NaiveDate> {
    let number = |name: &str| caps.name(name)?.as_str().parse::<u32>().ok();
    let month_named = |name: &str| month_number(caps.name(name)?.as_str());
    let (year, month, day) = if let Some(year) = number("iy") {
        (year, number("im")?, number("id")?)
    } else if let Some(year) = number("dy") {
        (year, number("dm")?, number("dd")?)
    } else if let Some(year) = number("sy") {
        let (a, b) = (number("sa")?, number("sb")?);
        // Day and month in either order: only a date that cannot be read two ways.
        match (a, b) {
            (a, b) if a == b || a > 12 => (year, b, a),
            (a, b) if b > 12 => (year, a, b),
            _ => return None,
        }
    } else if let Some(year) = number("ny") {
        (year, month_named("nm")?, number("nd")?)
    } else {
        (number("my")?, month_named("mm")?, number("md")?)
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// A month's number from its name or abbreviation in any language of [`MONTHS`].
fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == name).map(|(_, n)| *n)
}

/// The date forms: ISO `2020-04-22`, day-first dotted `22.04.2020`, slashed `4/22/2020`,
/// day before a month name (`22. April 2020`, `22 de abril de 2020`, `22nd April, 2020`),
/// month name before the day (`April 22, 2020`).
fn pattern() -> Option<&'static Regex> {
    static PATTERN: OnceLock<Option<Regex>> = OnceLock::new();
    PATTERN
        .get_or_init(|| {
            let mut names: Vec<&str> = MONTHS.iter().map(|(m, _)| *m).collect();
            // The longest name first: an alternation takes the first that matches.
            names.sort_by_key(|m| std::cmp::Reverse(m.chars().count()));
            let month = |group: &str| format!(r"(?P<{group}>(?:{})\.?)", names.join("|"));
            let year = |group: &str| format!(r"(?P<{group}>(?:19|20)\d{{2}})");
            let forms = [
                format!(r"{}-(?P<im>\d{{2}})-(?P<id>\d{{2}})", year("iy")),
                format!(r"(?P<dd>\d{{1,2}})\.\s?(?P<dm>\d{{1,2}})\.\s?{}", year("dy")),
                format!(r"(?P<sa>\d{{1,2}})/(?P<sb>\d{{1,2}})/{}", year("sy")),
                format!(
                    r"(?P<nd>\d{{1,2}})(?:\.|st|nd|rd|th|er|º)?\s+(?:de\s+)?{}\s*,?\s+(?:de\s+|del\s+)?{}",
                    month("nm"),
                    year("ny")
                ),
                format!(
                    r"{}\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{}",
                    month("mm"),
                    year("my")
                ),
            ];
            // An ISO date runs on into its time: `2019-10-21T08:00`.
            Regex::new(&format!(r"(?i)\b(?:{})(?:\b|T)", forms.join("|"))).ok()
        })
        .as_ref()
}

/// A page's visible text, and where its main headline starts in it.
struct PageText {
    text: String,
    headline: Option<usize>,
}

/// Text as compared with a title: lower case, soft hyphens dropped, spaces collapsed.
fn comparable(text: &str) -> String {
    text.replace('\u{ad}', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a heading's text is the page's title: one holds the other.
fn is_title(heading: &str, title: &str) -> bool {
    let heading = comparable(heading);
    heading.chars().count() >= MIN_TITLE && (title.contains(&heading) || heading.contains(title))
}

/// The text of the page's body in document order, without [`SKIPPED`] elements, each
/// element's text set apart by a space. An explicit stack: a page nested 100,000 tags
/// deep is read without recursion.
fn visible_text(doc: &Document, title: Option<&str>) -> PageText {
    let mut page = PageText {
        text: String::new(),
        headline: None,
    };
    let mut first_h1 = None;
    let Some(root) = doc.select("body").nodes().first().cloned() else {
        return page;
    };
    let mut stack: Vec<NodeRef> = vec![root];
    while let Some(node) = stack.pop() {
        if page.text.len() >= MAX_TEXT {
            break;
        }
        if node.is_text() {
            page.text.push_str(&node.text());
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let name = node.node_name().unwrap_or_default();
        if SKIPPED.contains(&&*name) {
            continue;
        }
        page.text.push(' ');
        if page.headline.is_none() && matches!(&*name, "h1" | "h2" | "h3" | "h4") {
            let at = page.text.len();
            if title.is_some_and(|t| is_title(&node.text(), t)) {
                page.headline = Some(at);
            } else if &*name == "h1" {
                first_h1.get_or_insert(at);
            }
        }
        stack.extend(node.children_it(true));
    }
    page.headline = page.headline.or(first_h1);
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<String> {
        dates_in(text).map(|(_, d)| d.to_string()).collect()
    }

    #[test]
    fn the_forms_pages_print_in_several_languages_are_read() {
        assert_eq!(dates("Stand: 22.04.2020 / 06:15"), ["2020-04-22"]);
        assert_eq!(dates("25. Januar 2022 (dpa)"), ["2022-01-25"]);
        assert_eq!(dates("le 5 mars 2021 à 10h"), ["2021-03-05"]);
        assert_eq!(dates("3 de mayo de 2022"), ["2022-05-03"]);
        assert_eq!(dates("Published March 5, 2021"), ["2021-03-05"]);
        assert_eq!(dates("5th Sept. 2019"), ["2019-09-05"]);
        assert_eq!(dates("posted 2019-10-21T08:00"), ["2019-10-21"]);
        assert_eq!(
            dates("on 21/10/2019 and 10/21/2019"),
            ["2019-10-21", "2019-10-21"]
        );
    }

    #[test]
    fn what_is_not_one_day_is_not_read_as_a_date() {
        assert!(dates("on 03/04/2020, a date read two ways").is_empty());
        assert!(dates("31.02.2020 is no day; nor is 2020-13-01").is_empty());
        assert!(dates("version 1.2.2020a, 12345.06.2020").is_empty());
        assert!(dates("May 2020, a month").is_empty());
    }

    #[test]
    fn the_date_beside_the_headline_wins_over_others_on_the_page() {
        let html = r#"<html><body>
            <nav>Archive: 01.01.2019</nav>
            <div class="teaser">Older story, 3. März 2021</div>
            <p>padding</p><p>more padding text that goes on for a while</p>
            <article><h1>Brücke wieder offen</h1>
            <p class="meta">Von Jana Ort | 14. Juni 2023</p>
            <p>Seit dem 2. Mai 2023 wurde gebaut.</p></article>
            <footer>© 20.12.2023</footer></body></html>"#;
        let date = near_headline(&Document::from(html), None).map(|d| d.to_rfc3339());
        assert_eq!(date.as_deref(), Some("2023-06-14T00:00:00+00:00"));
    }

    #[test]
    fn the_heading_that_is_the_title_is_the_headline_even_when_not_the_first() {
        let html = r#"<html><body>
            <h1>Navigation und Service</h1><p>Termine 01.01.2022</p>
            <p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor
            incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud
            exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.</p>
            <h2>Radon im Boden: Neue Karte</h2><p>Datum 25.01.2022</p></body></html>"#;
        let date = |title| near_headline(&Document::from(html), title).map(|d| d.date_naive());
        assert_eq!(
            date(Some("Radon im Boden: Neue Karte | BfS"))
                .map(|d| d.to_string())
                .as_deref(),
            Some("2022-01-25")
        );
        assert_eq!(
            date(None).map(|d| d.to_string()).as_deref(),
            Some("2022-01-01")
        );
    }

    #[test]
    fn a_page_without_a_headline_has_no_date_read_from_its_text() {
        let html = "<html><body><p>Events on 14.06.2023</p></body></html>";
        assert_eq!(near_headline(&Document::from(html), None), None);
    }
}
