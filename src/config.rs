//! The command line's flags turned into the library's settings: the index location,
//! colour, an index run's options and checked search requests. With `cli.rs` and
//! `app.rs`, the only place that knows the command line.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Context;

use crate::cli::{
    ColorChoice, CopiesArgs, Filters, IndexArgs, QuotesArgs, SearchArgs, SortArg, SpeakersArgs,
    TableFormat, WatchArgs,
};
use crate::pipeline::IndexOptions;
use crate::search::{Params, Request, Sort, UNLIMITED};

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

/// What `clipdex index` asks of the pipeline.
pub fn index_options(args: &IndexArgs) -> IndexOptions {
    IndexOptions {
        folders: args.dirs.clone(),
        rebuild: args.rebuild,
        speakers: !args.no_speakers,
        batch: args.batch as usize,
        memory_bytes: args.memory as usize * 1024 * 1024,
    }
}

/// The number of results to list: `--limit`, where 0 (or `--all`) lists every one.
fn limit(limit: u32, all: bool) -> usize {
    if all || limit == 0 {
        UNLIMITED
    } else {
        limit as usize
    }
}

/// What `clipdex watch` asks of the pipeline: an index run's options, committed each pass.
pub fn watch_options(args: &WatchArgs) -> IndexOptions {
    IndexOptions {
        folders: args.dirs.clone(),
        rebuild: false,
        speakers: !args.no_speakers,
        batch: 1_000_000,
        memory_bytes: args.memory as usize * 1024 * 1024,
    }
}

/// The settings shared by the commands that search, newest first unless told otherwise.
fn params(query: &[String], filters: &Filters, limit: usize) -> Params {
    Params {
        query: query.join(" "),
        tags: filters.tag.clone(),
        since: filters.since.clone(),
        until: filters.until.clone(),
        sort: Sort::Date,
        limit,
        ..Params::default()
    }
}

/// Checks a search; problems name the flags as typed (`--since`).
fn checked(params: &Params) -> anyhow::Result<Request> {
    params
        .check()
        .map_err(|err| anyhow::anyhow!(err.describe("--")))
}

/// Checks the search flags and resolves them into a [`Request`].
pub fn search_request(args: &SearchArgs) -> anyhow::Result<Request> {
    checked(&Params {
        speakers: args.speaker.clone(),
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
        },
        offset: args.offset as usize,
        copies: args.copies,
        ..params(&args.query, &args.filters, limit(args.limit, args.all))
    })
}

/// The separator of a `--format` table.
pub fn delimiter(format: TableFormat) -> u8 {
    match format {
        TableFormat::Csv => b',',
        TableFormat::Tsv => b'\t',
    }
}

/// The request behind `quotes`: newest first.
pub fn quotes_request(args: &QuotesArgs) -> anyhow::Result<Request> {
    checked(&Params {
        copies: args.copies,
        ..params(&args.query, &args.filters, limit(args.limit, false))
    })
}

/// The request behind `speakers`.
pub fn speakers_request(args: &SpeakersArgs) -> anyhow::Result<Request> {
    checked(&params(
        &args.query,
        &args.filters,
        limit(args.limit, args.all),
    ))
}

/// The request behind `copies`.
pub fn copies_request(args: &CopiesArgs) -> anyhow::Result<Request> {
    checked(&params(
        &args.query,
        &args.filters,
        limit(args.limit, false),
    ))
}
