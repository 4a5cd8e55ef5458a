//! A web page's metadata, from its most reliable source: JSON-LD (`NewsArticle` and the
//! other article types, also inside `@graph`), then `meta` tags (OpenGraph, `article:*`,
//! Parse.ly, Sailthru, Dublin Core, `citation_*`), then `<time datetime>` and elements
//! marked as the publication date, then a date in the page's URL, then the date printed
//! beside the headline.

use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use dom_query::Document;
use regex::Regex;
use serde_json::Value;

use super::date::parse_date;
use super::page_date;
use super::text::{collapse_whitespace, push_unique, split_list};

/// What a page says about itself; every field empty when the page does not say.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    /// The headline.
    pub title: Option<String>,
    /// When the article was first published.
    pub date: Option<DateTime<Utc>>,
    /// The authors' names, in page order.
    pub authors: Vec<String>,
    /// Keywords and tags, in page order.
    pub tags: Vec<String>,
    /// The publisher or site name.
    pub source: Option<String>,
    /// The page's canonical address.
    pub url: Option<String>,
    /// The language of the page (`<html lang>`), as given.
    pub language: Option<String>,
    /// The page calls itself a list of other pages (JSON-LD `CollectionPage`, `ItemList`,
    /// `SearchResultsPage`) and names no article.
    pub listing: bool,
}

/// JSON-LD types of an article (schema.org), most specific first.
const ARTICLE_TYPES: [&str; 8] = [
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "LiveBlogPosting",
    "BlogPosting",
    "Article",
    "ScholarlyArticle",
];

/// JSON-LD types of a page that lists other pages: a section front, a search page.
const LISTING_TYPES: [&str; 3] = ["CollectionPage", "ItemList", "SearchResultsPage"];

/// `meta` names (or properties) that give each field, most reliable first.
const META_TITLE: [&str; 6] = [
    "og:title",
    "twitter:title",
    "parsely-title",
    "sailthru.title",
    "dc.title",
    "citation_title",
];
const META_DATE: [&str; 16] = [
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "pubdate",
    "publishdate",
    "publish-date",
    "article.published",
    "date",
];
const META_AUTHOR: [&str; 7] = [
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "citation_author",
    "byl",
];
const META_TAGS: [&str; 5] = [
    "article:tag",
    "news_keywords",
    "keywords",
    "parsely-tags",
    "sailthru.tags",
];
const META_SOURCE: [&str; 4] = [
    "og:site_name",
    "application-name",
    "dc.publisher",
    "publisher",
];

/// Reads what a parsed page says about itself.
pub fn read(doc: &Document) -> PageMeta {
    let metas = meta_tags(doc);
    let objects = json_ld_objects(doc);
    let ld = ARTICLE_TYPES.iter().find_map(|wanted| {
        objects
            .iter()
            .find(|o| types_of(o).iter().any(|t| t == wanted))
            .cloned()
    });
    let listing = ld.is_none()
        && objects.iter().any(|o| {
            types_of(o)
                .iter()
                .any(|t| LISTING_TYPES.contains(&t.as_str()))
        });
    let ld_str = |key: &str| ld.as_ref().and_then(|a| text_of(a.get(key)?));
    let first_meta = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| metas.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()))
    };
    let all_meta = |names: &[&str]| -> Vec<String> {
        names
            .iter()
            .flat_map(|n| metas.iter().filter(move |(k, _)| k == n))
            .map(|(_, v)| v.clone())
            .collect()
    };
    let title = ld_str("headline").or_else(|| first_meta(&META_TITLE));
    let date = ld
        .as_ref()
        .and_then(|a| {
            ["datePublished", "dateCreated"]
                .iter()
                .find_map(|k| date_in(a.get(*k)?))
        })
        .or_else(|| META_DATE.iter().find_map(|n| meta_date(&metas, n)))
        .or_else(|| marked_date(doc));
    let mut authors = ld
        .as_ref()
        .map(|a| names_in(a.get("author")))
        .unwrap_or_default();
    if authors.is_empty() {
        authors = all_meta(&META_AUTHOR)
            .into_iter()
            .filter(|a| !a.starts_with("http"))
            .flat_map(|a| split_list(a.trim_start_matches("By ").trim_start_matches("by ")))
            .collect();
        dedup(&mut authors);
    }
    let mut tags: Vec<String> = ld
        .as_ref()
        .and_then(|a| a.get("keywords"))
        .map(list_in)
        .unwrap_or_default();
    if tags.is_empty() {
        tags = all_meta(&META_TAGS)
            .iter()
            .flat_map(|t| split_list(t))
            .collect();
    }
    dedup(&mut tags);
    let source = ld
        .as_ref()
        .and_then(|a| a.get("publisher"))
        .and_then(|p| names_in(Some(p)).into_iter().next())
        .or_else(|| first_meta(&META_SOURCE));
    let url = first_meta(&["og:url"])
        .or_else(|| {
            doc.select("link[rel=canonical]")
                .attr("href")
                .map(|h| h.to_string())
        })
        .filter(|u| u.starts_with("http"));
    let date = date
        .or_else(|| url.as_deref().and_then(date_in_url))
        .or_else(|| {
            let page_title = doc.select("title").text();
            page_date::near_headline(doc, title.as_deref().or(Some(&*page_title)))
        });
    let language = doc
        .select("html")
        .attr("lang")
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    PageMeta {
        title: title
            .map(|t| collapse_whitespace(&t))
            .filter(|t| !t.is_empty()),
        date,
        authors,
        tags,
        source: source
            .map(|s| collapse_whitespace(&s))
            .filter(|s| !s.is_empty()),
        url,
        language,
        listing,
    }
}

/// Every `meta` tag's name (or property, or itemprop), lower-cased, with its content.
fn meta_tags(doc: &Document) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for node in doc.select("meta[content]").nodes() {
        let Some(content) = node.attr("content") else {
            continue;
        };
        let content = collapse_whitespace(&content);
        if content.is_empty() {
            continue;
        }
        for key in ["property", "name", "itemprop"] {
            if let Some(name) = node.attr(key) {
                found.push((name.trim().to_ascii_lowercase(), content.clone()));
            }
        }
    }
    found
}

/// Every object of the page's JSON-LD blocks: each block's top level, the items of a
/// list, those of an `@graph`.
fn json_ld_objects(doc: &Document) -> Vec<Value> {
    let mut objects = Vec::new();
    for node in doc.select(r#"script[type="application/ld+json"]"#).nodes() {
        let text = node.text();
        // Some sites leave a trailing comma or a comment: such a block is passed over.
        if let Ok(value) = serde_json::from_str::<Value>(text.trim()) {
            flatten(value, &mut objects);
        }
    }
    objects
}

/// The objects of a JSON-LD block: itself, the items of a list, those of an `@graph`.
fn flatten(value: Value, into: &mut Vec<Value>) {
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten(v, into)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, into);
            }
            into.push(Value::Object(map));
        }
        _ => {}
    }
}

/// An object's `@type`s (one, or a list).
fn types_of(object: &Value) -> Vec<String> {
    match object.get("@type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(|t| t.as_str().map(String::from))
            .collect(),
        _ => Vec::new(),
    }
}

/// A value as text: a string, or the first string of a list.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => items.iter().find_map(text_of),
        _ => None,
    }
}

/// The names in an `author` or `publisher` value: a string, an object with `name`, or a
/// list of either.
fn names_in(value: Option<&Value>) -> Vec<String> {
    let mut names = Vec::new();
    match value {
        Some(Value::String(s)) => names.extend(split_list(s)),
        Some(Value::Object(o)) => {
            if let Some(name) = o.get("name").and_then(text_of) {
                names.push(collapse_whitespace(&name));
            }
        }
        Some(Value::Array(items)) => {
            for item in items {
                names.extend(names_in(Some(item)));
            }
        }
        _ => {}
    }
    names.retain(|n| !n.is_empty() && !n.starts_with("http"));
    dedup(&mut names);
    names
}

/// Keywords: a comma-separated string or a list.
fn list_in(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => split_list(s),
        Value::Array(items) => items
            .iter()
            .filter_map(Value::as_str)
            .flat_map(split_list)
            .collect(),
        _ => Vec::new(),
    }
}

/// A date given as a JSON value.
fn date_in(value: &Value) -> Option<DateTime<Utc>> {
    text_of(value).and_then(|t| date_from(&t))
}

/// The date of a `meta` tag of this name.
fn meta_date(metas: &[(String, String)], name: &str) -> Option<DateTime<Utc>> {
    metas
        .iter()
        .filter(|(k, _)| k == name)
        .find_map(|(_, v)| date_from(v))
}

/// A date written in an attribute or a short text, read by the rules of every other
/// date clipdex reads (an ambiguous one is not guessed).
fn date_from(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if text.is_empty() || text.len() > 80 {
        return None;
    }
    parse_date(text).ok().map(|d| d.when).or_else(|| {
        // "Published 14 June 2023, 09:30": the date inside the words around it.
        let found = date_pattern()?.find(text)?;
        parse_date(found.as_str()).ok().map(|d| d.when)
    })
}

/// Dates as pages write them inside other words: ISO, "14 June 2023", "June 14, 2023".
fn date_pattern() -> Option<&'static Regex> {
    static PATTERN: OnceLock<Option<Regex>> = OnceLock::new();
    PATTERN
        .get_or_init(|| {
            let month = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?";
            Regex::new(&format!(
                r"\b(?:\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?|\d{{1,2}} {month} \d{{4}}|{month} \d{{1,2}}, \d{{4}})"
            ))
            .ok()
        })
        .as_ref()
}

/// The date an element marks as the page's: `<time datetime>`, `itemprop=datePublished`,
/// or a short element whose class or id says it is the publication date.
fn marked_date(doc: &Document) -> Option<DateTime<Utc>> {
    let attribute = |selector: &str, attrs: &[&str]| {
        doc.select(selector).nodes().iter().find_map(|node| {
            attrs
                .iter()
                .find_map(|a| node.attr(a).and_then(|v| date_from(&v)))
                .or_else(|| date_from(&node.text()))
        })
    };
    attribute(
        "[itemprop=datePublished]",
        &["content", "datetime", "title"],
    )
    .or_else(|| attribute("time[datetime]", &["datetime"]))
    .or_else(|| {
        attribute(
            "[class*=publish], [class*=date], [id*=date], [class*=dateline], [class*=posted]",
            &["datetime", "title"],
        )
    })
}

/// A date in a URL's path: `/2019/10/21/` or `/2019-10-21/`.
fn date_in_url(url: &str) -> Option<DateTime<Utc>> {
    static PATTERN: OnceLock<Option<Regex>> = OnceLock::new();
    let pattern = PATTERN
        .get_or_init(|| Regex::new(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)").ok())
        .as_ref()?;
    let found = pattern.captures(url)?;
    let text = format!("{}-{:0>2}-{:0>2}", &found[1], &found[2], &found[3]);
    parse_date(&text).ok().map(|d| d.when)
}

/// Drops repeats, whatever their case, keeping the first (as [`push_unique`] adds).
fn dedup(items: &mut Vec<String>) {
    let mut kept = Vec::with_capacity(items.len());
    for item in items.drain(..) {
        push_unique(&mut kept, &item);
    }
    *items = kept;
}
