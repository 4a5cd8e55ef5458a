//! Turns raw flags into checked settings: the index location, colour, a search request.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{bail, Context};
use chrono::{DateTime, Duration, Utc};

use crate::cli::{ColorChoice, Filters, QuotesArgs, SearchArgs, SortArg, SpeakersArgs};
use crate::parse::parse_date;
use crate::search::{Request, Sort};

/// Facet values shown below the hits.
const FACET_LIMIT: usize = 10;
/// Deepest nesting of parentheses a query may have (the query parser recurses).
const MAX_NESTING: usize = 32;

/// Where the index lives: `--index`, else `$CLIPDEX_INDEX` (clap reads both), else the
/// per-user data folder.
pub fn index_path(flag: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    if let Some(path) = flag {
        return Ok(path);
    }
    let data = dirs::data_local_dir().context(
        "cannot find a per-user data folder for the index; pass --index PATH or set CLIPDEX_INDEX",
    )?;
    Ok(data.join("clipdex").join("index"))
}

/// Whether stdout gets ANSI colour.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            !no_color && std::io::stdout().is_terminal()
        }
    }
}

/// What a search asks for, as typed: by `clipdex search` flags or by the server's URL
/// parameters. [`request`] checks it.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pub query: String,
    pub tags: Vec<String>,
    pub speakers: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    /// How errors name the date settings: `--` on the command line, nothing in a URL.
    pub prefix: &'static str,
}

impl Params {
    fn from_cli(query: &[String], filters: &Filters, limit: u32) -> Params {
        Params {
            query: query.join(" "),
            tags: filters.tag.clone(),
            since: filters.since.clone(),
            until: filters.until.clone(),
            sort: Sort::Date,
            limit: limit as usize,
            prefix: "--",
            ..Params::default()
        }
    }
}

/// A date bound, if any.
type Bound = Option<DateTime<Utc>>;

/// Checks the dates: `since` inclusive, `until` inclusive of its day (a date without a
/// time covers that whole day), returned as an exclusive bound.
fn date_range(p: &Params) -> anyhow::Result<(Bound, Bound)> {
    let (since_name, until_name) = (format!("{}since", p.prefix), format!("{}until", p.prefix));
    let since = p
        .since
        .as_deref()
        .filter(|raw| !raw.trim().is_empty())
        .map(|raw| parse_flag_date(&since_name, raw).map(|(when, _)| when))
        .transpose()?;
    let until = p
        .until
        .as_deref()
        .filter(|raw| !raw.trim().is_empty())
        .map(|raw| {
            parse_flag_date(&until_name, raw).map(|(when, has_time)| {
                if has_time {
                    when + Duration::seconds(1)
                } else {
                    when + Duration::days(1)
                }
            })
        })
        .transpose()?;
    if let (Some(since), Some(until)) = (since, until) {
        if since >= until {
            bail!("{since_name} is after {until_name}: nothing can match; swap the two dates");
        }
    }
    Ok((since, until))
}

/// Checks a search and resolves it into a [`Request`].
pub fn request(p: &Params) -> anyhow::Result<Request> {
    let (since, until) = date_range(p)?;
    let trimmed = p.query.trim();
    if !trimmed.is_empty() && trimmed != "*" && !trimmed.chars().any(char::is_alphanumeric) {
        bail!(
            "the query {trimmed:?} has no words to search for; give some words, or leave the query out to list every article"
        );
    }
    let operators = ["AND", "OR", "NOT", "IN", "&&", "||", "+", "-"];
    if !trimmed.is_empty() && trimmed.split_whitespace().all(|w| operators.contains(&w)) {
        bail!(
            "the query {trimmed:?} has only operators (AND, OR, NOT, IN join words); give some words, or write them in lower case to search for them"
        );
    }
    let mut depth: usize = 0;
    for c in trimmed.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING {
            bail!("the query nests parentheses more than {MAX_NESTING} deep; simplify it");
        }
    }
    // An empty value filters nothing, as an empty field of the search page's form does.
    let given = |values: &[String]| -> Vec<String> {
        values
            .iter()
            .filter(|v| !v.trim().is_empty())
            .cloned()
            .collect()
    };
    Ok(Request {
        query: p.query.clone(),
        tags: given(&p.tags),
        speakers: given(&p.speakers),
        since,
        until,
        sort: p.sort,
        limit: p.limit,
        offset: p.offset,
        facet_limit: FACET_LIMIT,
    })
}

/// Checks the search flags and resolves them into a [`Request`].
pub fn search_request(args: &SearchArgs) -> anyhow::Result<Request> {
    request(&Params {
        speakers: args.speaker.clone(),
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
        },
        offset: args.offset as usize,
        ..Params::from_cli(&args.query, &args.filters, args.limit)
    })
}

/// The request behind `quotes`: newest first.
pub fn quotes_request(args: &QuotesArgs) -> anyhow::Result<Request> {
    request(&Params::from_cli(&args.query, &args.filters, args.limit))
}

/// The request behind `speakers`.
pub fn speakers_request(args: &SpeakersArgs) -> anyhow::Result<Request> {
    request(&Params::from_cli(&args.query, &args.filters, args.limit))
}

fn parse_flag_date(flag: &str, raw: &str) -> anyhow::Result<(DateTime<Utc>, bool)> {
    parse_date(raw)
        .map(|p| (p.when, p.has_time))
        .with_context(|| format!("{flag} {raw:?}: not a date I can read"))
}
