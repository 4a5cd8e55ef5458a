//! Builds the tantivy query: the user's text, parsed leniently, AND the filters.

use std::ops::Bound;

use chrono::{DateTime, Utc};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::query_grammar::{self, UserInputAst, UserInputLeaf};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::names::{fitting, nobody_called};
use super::Request;
use crate::index::{to_tantivy, Catalog};
use crate::keys::tag_key;

/// Title words weigh this much more than body words.
const TITLE_BOOST: f32 = 2.0;

/// A query ready to run, and what was wrong with the text it was built from.
pub struct BuiltQuery {
    /// The user's words AND the filters.
    pub query: Box<dyn Query>,
    /// What was wrong with the query text; the rest of it was still used.
    pub warnings: Vec<String>,
}

/// The query for `request`: its text, parsed leniently, AND its tag, speaker and date
/// filters.
pub fn build_query(catalog: &Catalog, request: &Request) -> BuiltQuery {
    let f = &catalog.fields;
    let mut warnings = Vec::new();
    let text = request.query.trim();
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !text.is_empty() && text != "*" {
        clauses.push((Occur::Must, text_query(catalog, text, &mut warnings)));
    }
    for tag in &request.tags {
        clauses.push((Occur::Must, exact(f.tag_key, &tag_key(tag))));
    }
    for speaker in &request.speakers {
        clauses.push((Occur::Must, speaker_query(catalog, speaker, &mut warnings)));
    }
    if request.since.is_some() || request.until.is_some() {
        clauses.push((
            Occur::Must,
            date_query(f.date, request.since, request.until),
        ));
    }
    let query: Box<dyn Query> = match clauses.len() {
        0 => Box::new(AllQuery),
        1 => clauses.remove(0).1,
        _ => Box::new(BooleanQuery::new(clauses)),
    };
    BuiltQuery { query, warnings }
}

/// The user's words, parsed leniently: what cannot be parsed is left out, with a warning.
fn text_query(catalog: &Catalog, text: &str, warnings: &mut Vec<String>) -> Box<dyn Query> {
    let f = &catalog.fields;
    let mut parser = QueryParser::for_index(&catalog.index, f.default_search());
    parser.set_conjunction_by_default();
    parser.set_field_boost(f.title, TITLE_BOOST);
    let (ast, syntax_errors) = query_grammar::parse_query_lenient(text);
    warnings.extend(syntax_errors.iter().map(|e| {
        format!(
            "query problem at character {}: {}; searched without that part",
            e.pos, e.message
        )
    }));
    let (query, errors) = parser.build_query_from_user_input_ast_lenient(lift_negations(ast));
    for error in errors {
        let mut warning = format!("query problem, searched without that part: {error}");
        if warning.contains("date field") {
            warning.push_str(
                "; a date in a query is written date:[2021-01-01T00:00:00Z TO \
                 2022-01-01T00:00:00Z], or use --since and --until",
            );
        }
        // The parser reports a problem once for each field searched.
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }
    if has_wildcards(text) {
        warnings.push(
            "`*`, `?` and `~` are not wildcards here: words match whole (and by their \
             English stem: `price` also finds `prices`); the end of a phrase may be cut \
             short, as in \"gas pri\"*"
                .to_string(),
        );
    }
    query
}

/// Articles with exactly this key in a keyword field.
fn exact(field: Field, key: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, key),
        IndexRecordOption::Basic,
    ))
}

/// Articles quoting anyone the name fits, as `quotes` finds them: "Yeutter" finds
/// Clayton Yeutter, and "Reagan" also the articles that name Ronald Reagan by surname
/// alone. A name that fits nobody, or several people, is worth a warning.
fn speaker_query(catalog: &Catalog, speaker: &str, warnings: &mut Vec<String>) -> Box<dyn Query> {
    let people = fitting(catalog, speaker);
    match people.as_slice() {
        [] => warnings.push(nobody_called(speaker)),
        [_] => {}
        several => warnings.push(format!(
            "\"{speaker}\" fits {} people ({}); articles quoting any of them are shown; give a full name for one",
            several.len(),
            several
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
    let any: Vec<(Occur, Box<dyn Query>)> = people
        .into_iter()
        .flat_map(|p| std::iter::once(p.key).chain(p.also))
        .map(|key| (Occur::Should, exact(catalog.fields.speaker_key, &key)))
        .collect();
    Box::new(BooleanQuery::new(any))
}

/// Articles dated from `since` (inclusive) to `until` (exclusive).
fn date_query(
    field: Field,
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
) -> Box<dyn Query> {
    let bound = |d: Option<DateTime<Utc>>, inclusive: bool| match d {
        None => Bound::Unbounded,
        Some(d) => {
            let term = Term::from_field_date_for_search(field, to_tantivy(d));
            if inclusive {
                Bound::Included(term)
            } else {
                Bound::Excluded(term)
            }
        }
    };
    Box::new(RangeQuery::new(bound(since, true), bound(until, false)))
}

/// Whether `text` has `*`, `?` or `~` in a word outside quotes, where a user may mean a
/// wildcard or a fuzzy match. A phrase's closing `"*` is tantivy's prefix phrase, and a
/// question mark at a word's end ends a question, so neither counts.
fn has_wildcards(text: &str) -> bool {
    let mut quoted = false;
    let mut previous = ' ';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let in_word = !quoted && previous.is_alphanumeric();
        match c {
            '"' => quoted = !quoted,
            '*' | '~' if in_word => return true,
            // A question mark ending a word is the question's.
            '?' if in_word && chars.peek().is_some_and(|n| n.is_alphanumeric()) => return true,
            _ => {}
        }
        previous = c;
    }
    false
}

/// Makes `a AND NOT b` mean "a without b" (the grammar reads it as "a and (nothing but
/// not-b)", which matches nothing), and lets a query of only exclusions match everything
/// else.
fn lift_negations(ast: UserInputAst) -> UserInputAst {
    match ast {
        UserInputAst::Clause(clauses) => {
            let mut lifted: Vec<_> = clauses
                .into_iter()
                .map(|(occur, sub)| match lift_negations(sub) {
                    UserInputAst::Clause(mut inner)
                        if inner.len() == 1 && inner[0].0 == Some(Occur::MustNot) =>
                    {
                        inner.remove(0)
                    }
                    sub => (occur, sub),
                })
                .collect();
            if !lifted.is_empty() && lifted.iter().all(|(o, _)| *o == Some(Occur::MustNot)) {
                let everything = UserInputAst::Leaf(Box::new(UserInputLeaf::All));
                lifted.push((Some(Occur::Must), everything));
            }
            UserInputAst::Clause(lifted)
        }
        UserInputAst::Boost(inner, boost) => {
            UserInputAst::Boost(Box::new(lift_negations(*inner)), boost)
        }
        leaf => leaf,
    }
}
