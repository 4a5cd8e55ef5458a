//! What a search asks for: the settings as typed (by command-line flags or URL
//! parameters), checked into a [`Request`] the same way for every front-end.

use std::fmt;

use chrono::{DateTime, Duration, Utc};

use crate::parse::parse_date;

/// The limit that lists every match (`--all`, `--limit 0`): hits, quotes or people.
pub const UNLIMITED: usize = usize::MAX;

/// Facet values shown below the hits.
const FACET_LIMIT: usize = 10;
/// Deepest nesting of parentheses a query may have (the query parser recurses).
const MAX_NESTING: usize = 32;
/// Words that join other words in a query; a query of these alone searches nothing.
const OPERATORS: [&str; 8] = ["AND", "OR", "NOT", "IN", "&&", "||", "+", "-"];

/// The order of the hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest first; undated articles last.
    Date,
}

/// What to look for, checked. Dates: `since` inclusive, `until` exclusive.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The query text as given (words, phrases, operators, `field:word`).
    pub query: String,
    /// Tags every article must have.
    pub tags: Vec<String>,
    /// People every article must quote (each as a name a user typed).
    pub speakers: Vec<String>,
    /// The earliest date, inclusive.
    pub since: Option<DateTime<Utc>>,
    /// The end of the dates wanted, exclusive.
    pub until: Option<DateTime<Utc>>,
    /// The order of the hits.
    pub sort: Sort,
    /// Hits (or people, or articles) to list; [`UNLIMITED`] lists them all.
    pub limit: usize,
    /// Hits to skip, for paging.
    pub offset: usize,
    /// Values listed per facet.
    pub facet_limit: usize,
    /// Every article, rather than one per story.
    pub copies: bool,
    /// Other copies listed under each hit (the oldest); `copy_count` counts them all.
    pub copies_listed: usize,
}

/// What a search asks for, as typed. [`Params::check`] turns it into a [`Request`].
#[derive(Debug, Clone, Default)]
pub struct Params {
    /// The query text.
    pub query: String,
    /// Tags required; empty values filter nothing.
    pub tags: Vec<String>,
    /// People required; empty values filter nothing.
    pub speakers: Vec<String>,
    /// The earliest date, as typed.
    pub since: Option<String>,
    /// The latest date, as typed (a date without a time covers that whole day).
    pub until: Option<String>,
    /// The order of the hits.
    pub sort: Sort,
    /// Hits to list.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Every article, rather than one per story.
    pub copies: bool,
}

/// Which end of the date range a setting is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateBound {
    /// The earliest date (`since`).
    Since,
    /// The latest date (`until`).
    Until,
}

impl DateBound {
    fn name(self) -> &'static str {
        match self {
            DateBound::Since => "since",
            DateBound::Until => "until",
        }
    }
}

/// Why a search cannot be made as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestError {
    /// A date that cannot be read.
    BadDate {
        /// Which date.
        bound: DateBound,
        /// The date as typed.
        raw: String,
        /// Why it cannot be read, and how to write it.
        reason: String,
    },
    /// `since` is not before `until`.
    Reversed,
    /// Query text without a single letter or digit.
    NoWords(String),
    /// Query text of operators alone.
    OnlyOperators(String),
    /// Parentheses nested deeper than the query parser allows (32 levels).
    TooDeep,
}

impl RequestError {
    /// The message, naming the date settings as the front-end spells them: `--since` on
    /// the command line (`prefix` `"--"`), `since` in a URL (`prefix` `""`).
    pub fn describe(&self, prefix: &str) -> String {
        let (since, until) = (format!("{prefix}since"), format!("{prefix}until"));
        match self {
            RequestError::BadDate { bound, raw, reason } => {
                format!("{prefix}{} {raw:?}: not a date I can read: {reason}", bound.name())
            }
            RequestError::Reversed => {
                format!("{since} is after {until}: nothing can match; swap the two dates")
            }
            RequestError::NoWords(query) => format!(
                "the query {query:?} has no words to search for; give some words, or leave the query out to list every article"
            ),
            RequestError::OnlyOperators(query) => format!(
                "the query {query:?} has only operators (AND, OR, NOT, IN join words); give some words, or write them in lower case to search for them"
            ),
            RequestError::TooDeep => {
                format!("the query nests parentheses more than {MAX_NESTING} deep; simplify it")
            }
        }
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(""))
    }
}

impl std::error::Error for RequestError {}

/// A date bound, if any.
type Bound = Option<DateTime<Utc>>;

impl Params {
    /// Checks the settings and resolves them into a [`Request`].
    pub fn check(&self) -> Result<Request, RequestError> {
        let (since, until) = self.date_range()?;
        check_query(self.query.trim())?;
        Ok(Request {
            query: self.query.clone(),
            tags: given(&self.tags),
            speakers: given(&self.speakers),
            since,
            until,
            sort: self.sort,
            limit: self.limit,
            offset: self.offset,
            facet_limit: FACET_LIMIT,
            copies: self.copies,
            copies_listed: super::stories::HIT_COPIES,
        })
    }

    /// The dates: `since` inclusive, `until` inclusive of its day (a date without a time
    /// covers that whole day), returned as an exclusive bound.
    fn date_range(&self) -> Result<(Bound, Bound), RequestError> {
        let since = read_date(DateBound::Since, self.since.as_deref())?.map(|(when, _)| when);
        let until = read_date(DateBound::Until, self.until.as_deref())?.map(|(when, has_time)| {
            if has_time {
                when + Duration::seconds(1)
            } else {
                when + Duration::days(1)
            }
        });
        if let (Some(since), Some(until)) = (since, until) {
            if since >= until {
                return Err(RequestError::Reversed);
            }
        }
        Ok((since, until))
    }
}

/// Refuses query text that can only be a mistake.
fn check_query(trimmed: &str) -> Result<(), RequestError> {
    if !trimmed.is_empty() && trimmed != "*" && !trimmed.chars().any(char::is_alphanumeric) {
        return Err(RequestError::NoWords(trimmed.to_string()));
    }
    if !trimmed.is_empty() && trimmed.split_whitespace().all(|w| OPERATORS.contains(&w)) {
        return Err(RequestError::OnlyOperators(trimmed.to_string()));
    }
    let mut depth: usize = 0;
    for c in trimmed.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING {
            return Err(RequestError::TooDeep);
        }
    }
    Ok(())
}

/// The values given; an empty value filters nothing, as an empty field of the search
/// page's form does.
fn given(values: &[String]) -> Vec<String> {
    values
        .iter()
        .filter(|v| !v.trim().is_empty())
        .cloned()
        .collect()
}

/// A date as typed, if one is given, and whether it has a time of day.
fn read_date(
    bound: DateBound,
    raw: Option<&str>,
) -> Result<Option<(DateTime<Utc>, bool)>, RequestError> {
    let Some(raw) = raw.filter(|raw| !raw.trim().is_empty()) else {
        return Ok(None);
    };
    parse_date(raw)
        .map(|p| Some((p.when, p.has_time)))
        .map_err(|err| RequestError::BadDate {
            bound,
            raw: raw.to_string(),
            reason: err.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_dates_as_each_front_end_spells_them() {
        let params = Params {
            since: Some("2024-05-02".into()),
            until: Some("1 May 2024".into()),
            ..Params::default()
        };
        let err = params.check().unwrap_err();
        assert_eq!(
            err.describe("--"),
            "--since is after --until: nothing can match; swap the two dates"
        );
        assert_eq!(
            err.to_string(),
            "since is after until: nothing can match; swap the two dates"
        );
    }

    #[test]
    fn a_date_without_a_time_covers_its_whole_day() -> Result<(), RequestError> {
        let request = Params {
            since: Some("2024-05-02".into()),
            until: Some("2024-05-02".into()),
            ..Params::default()
        }
        .check()?;
        let day = |d: &str| DateTime::parse_from_rfc3339(d).map(|d| d.to_utc()).ok();
        assert_eq!(request.since, day("2024-05-02T00:00:00Z"));
        assert_eq!(request.until, day("2024-05-03T00:00:00Z"));
        Ok(())
    }
}
