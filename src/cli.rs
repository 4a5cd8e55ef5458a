//! Command-line arguments (clap derive). Doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Search folders of news clippings: ranked hits with highlighted snippets, tag and speaker
/// counts, and filters by date, tag and speaker.
#[derive(Debug, Parser)]
#[command(name = "clipdex", version, propagate_version = true)]
pub struct Cli {
    /// Index folder [default: the per-user data folder, e.g. ~/.local/share/clipdex/index]
    #[arg(long, global = true, env = "CLIPDEX_INDEX", value_name = "PATH")]
    pub index: Option<PathBuf>,

    /// When to colour output: auto (terminal and NO_COLOR unset), always or never
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Best match first
    Relevance,
    /// Newest first; undated articles last
    Date,
}

const SEARCH_EXAMPLES: &str = "\
Examples:
  clipdex search oil prices                    both words (stemmed, accents folded)
  clipdex search '\"prime minister\" OR premier'
  clipdex search 'opec AND NOT saudi'          or: clipdex search -- opec -saudi
  clipdex search 'title:blair' --sort date --since 2005-01-01
  clipdex search --tag energy --speaker 'Marta Kowalczyk' --json | jq '.hits[].title'

Exit codes: 0 matches found, 1 no match, 2 error.";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index (or re-index) folders of clippings; unchanged files are skipped
    Index(IndexArgs),
    /// Search the index
    #[command(after_help = SEARCH_EXAMPLES)]
    Search(SearchArgs),
    /// Show what the index holds
    Stats(StatsArgs),
    /// Print the articles read from files, one JSON object per line, as the indexer sees them
    Extract(ExtractArgs),
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders (or single files) to index
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,

    /// Print the summary as one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query: words (all must match), "exact phrases", OR, NOT/-word, field:word
    /// (title, body, tags, speakers, author, source); leave empty to list everything
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Only articles with this tag (repeat to require several)
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,

    /// Only articles quoting this person (repeat to require several)
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,

    /// Only articles dated on or after DATE (e.g. 2021-03-01, "3 March 2021")
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only articles dated on or before DATE (a whole day when no time is given)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Order of the hits
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,

    /// Number of hits to show
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub limit: u32,

    /// Number of hits to skip (for paging)
    #[arg(long, default_value_t = 0)]
    pub offset: u32,

    /// Print results as one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print as one JSON object
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files (or folders, read recursively) to read
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
