//! A saved web page (`.html`, `.htm`, `.xhtml`) as one article: its own text, without
//! menus, related stories, share buttons, comments and scripts, and its metadata.
//!
//! The extraction is rs-trafilatura's (a Rust port of trafilatura), chosen by measurement
//! on `../shared/corpora/html-news` (README, "Web pages"): it reads JSON-LD, OpenGraph,
//! Dublin Core and `meta` tags for the metadata, and scores the page's blocks to find the
//! article. This module turns its answer into an [`Article`]: the site name glued to a
//! title is removed, and a page with no article text is an error, not an empty article.

use dom_query::Document;
use rs_trafilatura::{ExtractResult, Options};

use super::date::parse_date;
use super::html_meta::{self, PageMeta};
use super::text::{collapse_whitespace, normalise, push_unique, split_list};
use super::{Entry, ParseError, Parsed};
use crate::model::Article;

/// Deepest nesting of elements read. The HTML parsers recurse into the tree: a page nested
/// deeper than any real one (a hostile or broken file) is refused before it is parsed.
const MAX_DEPTH: usize = 3_000;

/// Reads the article of one web page.
pub fn parse(html: &str) -> Result<Parsed, ParseError> {
    let depth = nesting_depth(html);
    if depth > MAX_DEPTH {
        return Err(ParseError {
            line: None,
            message: format!(
                "elements nested {depth} deep (more than {MAX_DEPTH}): not a page a browser \
                 or a crawler saves; move it out of the folder"
            ),
            empty: false,
        });
    }
    let options = Options {
        include_tables: true,
        include_comments: false,
        include_images: false,
        ..Options::default()
    };
    let spaced = spaced_blocks(html);
    let result =
        rs_trafilatura::extract_with_options(&spaced, &options).map_err(|err| ParseError {
            line: None,
            message: format!("not a web page clipdex can read ({err})"),
            empty: false,
        })?;
    let meta = html_meta::read(&Document::from(html));
    if meta.listing {
        return Err(ParseError {
            line: None,
            message: "the page is a list of articles (a section front or a search page), not \
                      an article; save the articles it links to instead"
                .into(),
            empty: false,
        });
    }
    let article = article_of(&result, meta);
    // The headline alone (some pages' only text outside their scripts) is no article.
    let only_title =
        !article.title.is_empty() && article.body.replace(&article.title, "").trim().is_empty();
    if article.body.is_empty() || only_title {
        return Err(ParseError {
            line: None,
            message: "no article text found in the page (a section front, a search page or a \
                      login wall?); move it out of the folder if it is not an article"
                .into(),
            empty: false,
        });
    }
    Ok(Parsed {
        entries: vec![Entry::whole_file(article, Vec::new())],
        warnings: Vec::new(),
    })
}

/// Block elements whose end is a break in the text.
const BLOCK_ENDS: [&str; 14] = [
    "</p>",
    "</h1>",
    "</h2>",
    "</h3>",
    "</h4>",
    "</h5>",
    "</h6>",
    "</li>",
    "</div>",
    "</blockquote>",
    "</td>",
    "</tr>",
    "</header>",
    "</figure>",
];

/// The page with a line break after each block element that another element follows at
/// once. Minified pages (and e-mail newsletters) write `</h1><p>`, and rs-trafilatura
/// then glues the headline to the first sentence ("Pilots strike endsThe harbour...").
fn spaced_blocks(html: &str) -> std::borrow::Cow<'_, str> {
    let mut inserted = false;
    let mut out = String::with_capacity(html.len() + html.len() / 64);
    let mut rest = html;
    while let Some(at) = rest.find("</") {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        let end = BLOCK_ENDS.iter().find(|end| {
            tag.len() >= end.len()
                && tag.as_bytes()[..end.len()].eq_ignore_ascii_case(end.as_bytes())
        });
        match end {
            Some(end) => {
                out.push_str(&tag[..end.len()]);
                rest = &tag[end.len()..];
                if rest.starts_with('<') {
                    out.push('\n');
                    inserted = true;
                }
            }
            None => {
                out.push_str("</");
                rest = &tag[2..];
            }
        }
    }
    out.push_str(rest);
    if inserted {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(html)
    }
}

/// The article rs-trafilatura found, with the metadata the page gives about itself
/// (`meta`) before what rs-trafilatura makes of it.
fn article_of(result: &ExtractResult, meta: PageMeta) -> Article {
    let found = &result.metadata;
    let source = meta
        .source
        .or_else(|| found.sitename.as_deref().map(collapse_whitespace))
        .map(|s| decoded(&s))
        .filter(|s| !s.is_empty());
    let title = meta
        .title
        .or_else(|| found.title.as_deref().map(collapse_whitespace))
        .map(|title| without_site_name(&decoded(&title), source.as_deref()))
        .unwrap_or_default();
    let mut tags = meta.tags;
    if tags.is_empty() {
        for tag in found.tags.iter().chain(&found.categories) {
            for item in split_list(tag) {
                push_unique(&mut tags, &item);
            }
        }
    }
    let author = if meta.authors.is_empty() {
        found.author.as_deref().map(collapse_whitespace)
    } else {
        Some(meta.authors.join(", "))
    };
    let author = author.filter(|a| !a.is_empty());
    Article {
        body: body_text(&result.content_text, &title, author.as_deref()),
        title,
        date: meta.date.or(found.date),
        speakers: Vec::new(),
        tags,
        author,
        url: meta.url.or_else(|| found.url.clone()),
        source,
    }
}

/// Text with the character references a page escaped twice (`&amp;#8222;` in a `meta`
/// tag, read once as `&#8222;`) decoded.
fn decoded(text: &str) -> String {
    static REFERENCE: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let escaped = REFERENCE
        .get_or_init(|| {
            regex::Regex::new(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});").ok()
        })
        .as_ref()
        .is_some_and(|r| r.is_match(text));
    if !escaped || text.contains('<') {
        return text.to_string();
    }
    collapse_whitespace(&Document::fragment(text).text())
}

/// The article's text: paragraphs one to a line, separated by a blank line, spaces
/// inside a paragraph collapsed; without the byline, kicker and dateline lines that open
/// it ([`is_heading_line`]) and the "Read more: ..." teasers inside it.
fn body_text(text: &str, title: &str, author: Option<&str>) -> String {
    let paragraphs: Vec<String> = normalise(text)
        .lines()
        .map(collapse_whitespace)
        .filter(|line| !line.is_empty() && !is_teaser(line))
        .collect();
    let opening = paragraphs
        .iter()
        .take_while(|p| is_heading_line(p, title, author))
        .count();
    // Only lines above the text: a page of short lines keeps them all.
    let opening = if paragraphs[opening..].iter().any(|p| is_long(p)) {
        opening
    } else {
        0
    };
    paragraphs[opening..].join("\n\n")
}

/// A paragraph of more than twelve words: text, not a heading, byline or dateline.
fn is_long(line: &str) -> bool {
    line.split_whitespace().nth(12).is_some()
}

/// Words a teaser for another story opens with, inside an article's text.
const TEASER_OPENINGS: [&str; 6] = [
    "read more:",
    "read more ",
    "read also:",
    "see also:",
    "related:",
    "more on this story",
];

/// A short paragraph that sends the reader to another story.
fn is_teaser(line: &str) -> bool {
    let lower = line.to_lowercase();
    line.len() < 200 && TEASER_OPENINGS.iter().any(|t| lower.starts_with(t))
}

/// A short line above an article's first paragraph that is not part of its text: the
/// title again, the byline (it names the author), a dateline or time stamp (it is mostly
/// a date), or a one-to-three-word kicker that does not end a sentence.
fn is_heading_line(line: &str, title: &str, author: Option<&str>) -> bool {
    if is_long(line) {
        return false;
    }
    let words = line.split_whitespace().count();
    let names_author = author
        .into_iter()
        .flat_map(|a| a.split(", "))
        .any(|name| !name.is_empty() && line.contains(name));
    let ends_sentence = line.ends_with(['.', '!', '?', '"', '\u{201d}']);
    line == title || names_author || parse_date(line).is_ok() || (words <= 3 && !ends_sentence)
}

/// A title without the site name glued to its end or start ("Title | Site",
/// "Title - Site", "Site: Title"); unchanged when no site name is known or nothing
/// would be left.
fn without_site_name(title: &str, site: Option<&str>) -> String {
    const SEPARATORS: [&str; 9] = [
        " | ", " - ", " – ", " — ", " :: ", " · ", " › ", " » ", " • ",
    ];
    let key = |name: &str| -> String {
        name.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let Some(site) = site.map(key).filter(|s| !s.is_empty()) else {
        return title.to_string();
    };
    // "Chefkoch" for "Chefkoch.de", "evang.at" for "Evang.at": the name, however written.
    let same = |a: &str| {
        let a = key(a);
        a == site || (a.len() >= 4 && (site.starts_with(&a) || a.starts_with(&site)))
    };
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if same(tail) && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if same(head) && !tail.trim().is_empty() {
                return tail.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Elements that never hold others ...
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// ... and those whose end tag pages leave out, which parsers close themselves: neither
/// counts towards the depth.
const OPTIONAL_END: [&str; 14] = [
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "rt",
];

/// Where the end tag `</name` starts in `bytes` (in any case), or their length.
fn end_tag(bytes: &[u8], name: &str) -> usize {
    let mut at = 0;
    while let Some(offset) = memchr::memmem::find(&bytes[at..], b"</") {
        let start = at + offset + 2;
        let candidate = &bytes[start..bytes.len().min(start + name.len())];
        if candidate.eq_ignore_ascii_case(name.as_bytes()) {
            return at + offset;
        }
        at = start;
    }
    bytes.len()
}

/// How deep the page's elements nest, by its tags (an estimate that errs high: a tag
/// left open counts until the end of the page). Comments and the text of scripts and
/// styles are passed over.
fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        at += offset + 1;
        let rest = &bytes[at..];
        if rest.starts_with(b"!--") {
            at += memchr::memmem::find(rest, b"-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = html[at + name_start..at + name_start + name_len].to_ascii_lowercase();
        let tag_end = memchr::memchr(b'>', rest).map_or(rest.len(), |end| end + 1);
        let self_closing = tag_end >= 2 && rest[tag_end - 2] == b'/';
        at += tag_end;
        if VOID.contains(&name.as_str()) || OPTIONAL_END.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
            if name == "script" || name == "style" {
                // Their text is not markup: skip to the end tag.
                at += end_tag(&bytes[at..], &name);
            }
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minified_page_keeps_its_blocks_apart() -> Result<(), ParseError> {
        let page = "<html><body><article><H1>Pilots strike ends</H1><p>The harbour pilots \
            went back to work on Monday after a long strike over rosters and pay.</p><p>Ferries \
            ran late all week, the operator said in a statement on Friday.</p><ul><li>Quay \
            1</li><li>Quay 2</li></ul></article></body></html>";
        let parsed = parse(page)?;
        let a = &parsed.entries[0].article;
        assert_eq!(a.title, "Pilots strike ends");
        assert!(
            a.body.starts_with(
                "The harbour pilots went back to work on Monday after a long strike over \
                 rosters and pay.\n\nFerries ran late"
            ),
            "{:?}",
            a.body
        );
        assert!(!a.body.contains("Quay 1Quay 2"), "{:?}", a.body);
        assert_eq!(spaced_blocks("<p>a</p>\n<p>b</p>"), "<p>a</p>\n<p>b</p>");
        assert_eq!(
            spaced_blocks("<p>a</P><b>b</b></div>"),
            "<p>a</P>\n<b>b</b></div>"
        );
        Ok(())
    }

    #[test]
    fn the_site_name_is_taken_off_either_end_of_a_title() {
        let site = Some("Kestvik Post");
        assert_eq!(
            without_site_name("Harbour fees rise | Kestvik Post", site),
            "Harbour fees rise"
        );
        assert_eq!(
            without_site_name("Kestvik Post - Harbour fees rise", site),
            "Harbour fees rise"
        );
        // A dash inside the title stays; so does a title without a known site name.
        assert_eq!(
            without_site_name("Fees rise - and fall | Kestvik Post", site),
            "Fees rise - and fall"
        );
        assert_eq!(
            without_site_name("Harbour fees rise | Port Daily", site),
            "Harbour fees rise | Port Daily"
        );
        assert_eq!(without_site_name("Kestvik Post", site), "Kestvik Post");
        // The name however the site writes it: another case, a domain, other separators.
        assert_eq!(
            without_site_name("Ferry timetable › kestvikpost.example", site),
            "Ferry timetable"
        );
        assert_eq!(
            without_site_name("Ferry timetable » KESTVIK-POST", site),
            "Ferry timetable"
        );
    }

    #[test]
    fn references_a_page_escaped_twice_are_decoded_once_more() {
        assert_eq!(
            decoded("Olive &#038; Herb &quot;Bread&quot;"),
            "Olive & Herb \"Bread\""
        );
        assert_eq!(
            decoded("&#8222;Sturm&#8220; &raquo; Serie"),
            "„Sturm“ » Serie"
        );
        assert_eq!(decoded("Fish & chips"), "Fish & chips");
        assert_eq!(decoded("a &lt;b&gt; <i>c</i>"), "a &lt;b&gt; <i>c</i>");
    }

    #[test]
    fn paragraphs_are_separated_by_a_blank_line_without_byline_or_teasers() {
        let first = "The harbour board voted on Monday to raise the fees that ships pay to berth.";
        let page = format!(
            "Harbour\nBy Ana Berg\n12 May 2024\n{first}\n\n\nSecond\u{a0} line.\r\nRead more: Fees rise\nThird."
        );
        assert_eq!(
            body_text(&page, "Fees", Some("Ana Berg")),
            format!("{first}\n\nSecond line.\n\nThird.")
        );
        // Short lines alone are the text: nothing is taken off them.
        assert_eq!(
            body_text("Harbour\nBy Ana Berg", "Fees", Some("Ana Berg")),
            "Harbour\n\nBy Ana Berg"
        );
    }

    #[test]
    fn nesting_is_counted_without_void_elements_optional_ends_and_scripts() {
        assert_eq!(
            nesting_depth("<html><body><div><p>a<p>b<br><img src=x></div></body></html>"),
            3
        );
        assert_eq!(
            nesting_depth("<div><script>if (a<b) { '<div><div>' }</script></div>"),
            2
        );
        assert_eq!(
            nesting_depth("<div><!-- <div><div><div> --><span/></div>"),
            1
        );
        let deep = format!("{}{}", "<div>".repeat(5000), "</div>".repeat(5000));
        assert_eq!(nesting_depth(&deep), 5000);
        let err = parse(&deep).err().map(|e| e.message).unwrap_or_default();
        assert!(
            err.starts_with("elements nested 5000 deep (more than 3000)"),
            "{err}"
        );
    }
}
