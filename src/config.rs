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

/// Checks the date flags: `since` inclusive, `until` exclusive (a date without a time
/// covers that whole day).
/// A date bound given on the command line, if any.
type Bound = Option<DateTime<Utc>>;

fn date_range(filters: &Filters) -> anyhow::Result<(Bound, Bound)> {
    let since = filters
        .since
        .as_deref()
        .map(|raw| parse_flag_date("--since", raw).map(|(when, _)| when))
        .transpose()?;
    let until = filters
        .until
        .as_deref()
        .map(|raw| {
            parse_flag_date("--until", raw).map(|(when, has_time)| {
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
            bail!("--since is after --until: nothing can match; swap the two dates");
        }
    }
    Ok((since, until))
}

fn filtered(query: &[String], filters: &Filters, limit: u32) -> anyhow::Result<Request> {
    let (since, until) = date_range(filters)?;
    let text = query.join(" ");
    let trimmed = text.trim();
    if !trimmed.is_empty() && trimmed != "*" && !trimmed.chars().any(char::is_alphanumeric) {
        bail!(
            "the query {trimmed:?} has no words to search for; give some words, or leave the query out to list every article"
        );
    }
    Ok(Request {
        query: text,
        tags: filters.tag.clone(),
        speakers: Vec::new(),
        since,
        until,
        sort: Sort::Date,
        limit: limit as usize,
        offset: 0,
        facet_limit: FACET_LIMIT,
    })
}

/// Checks the search flags and resolves them into a [`Request`].
pub fn search_request(args: &SearchArgs) -> anyhow::Result<Request> {
    Ok(Request {
        speakers: args.speaker.clone(),
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
        },
        offset: args.offset as usize,
        ..filtered(&args.query, &args.filters, args.limit)?
    })
}

/// The request behind `quotes`: newest first.
pub fn quotes_request(args: &QuotesArgs) -> anyhow::Result<Request> {
    filtered(&args.query, &args.filters, args.limit)
}

/// The request behind `speakers`.
pub fn speakers_request(args: &SpeakersArgs) -> anyhow::Result<Request> {
    filtered(&args.query, &args.filters, args.limit)
}

fn parse_flag_date(flag: &str, raw: &str) -> anyhow::Result<(DateTime<Utc>, bool)> {
    parse_date(raw)
        .map(|p| (p.when, p.has_time))
        .with_context(|| format!("{flag} {raw:?}: not a date I can read"))
}
