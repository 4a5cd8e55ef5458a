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

    /// Say on stderr what clipdex is doing (the same as CLIPDEX_LOG=debug; CLIPDEX_LOG also
    /// takes error, warn, info and trace)
    #[arg(long, global = true)]
    pub debug: bool,

    /// What to do
    #[command(subcommand)]
    pub command: Command,
}

/// When output is coloured (`--color`). The values are explained in the flag's own help:
/// a doc comment on each would turn `--help` into its long form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(missing_docs)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// A table's layout (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Comma-separated values, quoted as RFC 4180 says
    Csv,
    /// Tab-separated values, quoted the same way where a value holds a tab, quote or
    /// line break
    Tsv,
}

/// The order of search hits (`--sort`).
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

const QUOTES_EXAMPLES: &str = "\
Examples:
  clipdex quotes 'Marta Kowalczyk'             everything she was quoted saying
  clipdex quotes Kowalczyk harbour             a surname, and only quotes about the harbour
  clipdex quotes Ivanov --all                  every Ivanov (Pavel, Sergei; not Ivanova)
  clipdex quotes 'Andrey Sokolenko' --timeline stories per month as a bar chart

Exit codes: 0 quotes found, 1 none, 2 error or a name that fits several people.";

const EXPORT_EXAMPLES: &str = "\
Examples:
  clipdex export --to quickwit --out export/      index-config.yaml, docs.ndjson
  clipdex export --to opensearch --out export/    mapping.json, bulk.ndjson

The README (\"When one machine is not enough\") shows how to load them.";

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index (or re-index) folders of clippings; unchanged files are skipped
    Index(IndexArgs),
    /// Index folders, then keep the index current as files are added, changed, moved or
    /// removed, until Ctrl-C
    Watch(WatchArgs),
    /// Search the index
    #[command(after_help = SEARCH_EXAMPLES)]
    Search(SearchArgs),
    /// Every story quoting a person, newest first, with their role and words and where else
    /// the story ran
    #[command(after_help = QUOTES_EXAMPLES)]
    Quotes(QuotesArgs),
    /// The people quoted, most-quoted first, with their number of stories and articles and
    /// the latest
    Speakers(SpeakersArgs),
    /// Stories that ran more than once (copies of one story), largest first, each with
    /// every article of it
    Copies(CopiesArgs),
    /// Show what the index holds
    Stats(StatsArgs),
    /// Print the articles read from files, one JSON object per line, as the indexer sees them
    Extract(ExtractArgs),
    /// Write the index out for a search cluster (Quickwit, OpenSearch): its settings and
    /// every article, one JSON document a line
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),
    /// Serve the index to browsers (a search page) and programs (a JSON API), read-only
    Serve(ServeArgs),
    /// Print a completion script for a shell (see the README for where to put it)
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. clipdex man > ~/.local/share/man/man1/clipdex.1
    Man,
}

/// `clipdex completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `clipdex index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Folders (or single files) to index; none: every folder indexed before, again
    #[arg(value_name = "DIR")]
    pub dirs: Vec<PathBuf>,

    /// Print the summary as one JSON object
    #[arg(long)]
    pub json: bool,

    /// Build a fresh index from DIR... and swap it in only once it is complete (needed
    /// after an upgrade changes the index version)
    #[arg(long)]
    pub rebuild: bool,

    /// Skip finding who is quoted (faster; `quotes`, `speakers` and the speaker facet
    /// then have nothing for the files read in this run, until a run without it reads them
    /// again)
    #[arg(long)]
    pub no_speakers: bool,

    /// Exit with code 2 if any file was skipped (the rest is still indexed)
    #[arg(long)]
    pub strict: bool,

    /// Commit after this many new articles (and at least every 30 seconds), so an
    /// interrupted run keeps what it had done. Each commit writes out the segments being
    /// built and makes more of them to merge: fewer commits index faster
    #[arg(long, default_value_t = 1_000_000, value_name = "ARTICLES",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub batch: u32,

    /// Memory for indexing buffers, in MiB: 24 for the files read ahead, the rest for the
    /// index writer's; the whole run stays within about this plus 250 MiB. More memory
    /// means fewer, larger segments
    #[arg(long, default_value_t = 256, value_name = "MIB",
          value_parser = clap::value_parser!(u32).range(64..=16_384))]
    pub memory: u32,
}

/// `clipdex watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Folders (or single files) to index and watch; none: every folder indexed before
    #[arg(value_name = "DIR")]
    pub dirs: Vec<PathBuf>,

    /// Print each pass's summary as one JSON object a line (as `index --json` does)
    #[arg(long)]
    pub json: bool,

    /// Skip finding who is quoted (as `index --no-speakers` does)
    #[arg(long)]
    pub no_speakers: bool,

    /// Memory for indexing buffers, in MiB (as for `index`)
    #[arg(long, default_value_t = 256, value_name = "MIB",
          value_parser = clap::value_parser!(u32).range(64..=16_384))]
    pub memory: u32,
}

/// `clipdex search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query: words (all must match), "exact phrases", OR, NOT/-word, field:word
    /// (title, body, tags, speakers, author, source); leave empty to list everything
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Tag and date filters
    #[command(flatten)]
    pub filters: Filters,

    /// Only articles quoting this person (repeat to require several)
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,

    /// Order of the hits
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,

    /// Number of hits to show; 0 shows every match, as --all does
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(0..=10_000))]
    pub limit: u32,

    /// Show every match (for exports: hits are read and printed one at a time)
    #[arg(long, conflicts_with = "limit")]
    pub all: bool,

    /// Number of hits to skip (for paging)
    #[arg(long, default_value_t = 0)]
    pub offset: u32,

    /// List every article, copies of one story included (by default a story is listed
    /// once, as its best-ranked copy, with its other copies under it)
    #[arg(long)]
    pub copies: bool,

    /// Print results as one JSON object
    #[arg(long)]
    pub json: bool,

    /// Print a table for spreadsheets and data tools instead: a header row, one row per
    /// hit (columns in the README)
    #[arg(long, value_enum, conflicts_with = "json")]
    pub format: Option<TableFormat>,
}

/// Filters shared by the commands that narrow down articles.
#[derive(Debug, Args)]
pub struct Filters {
    /// Only articles with this tag (repeat to require several)
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,

    /// Only articles dated on or after DATE (e.g. 2021-03-01, "3 March 2021")
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only articles dated on or before DATE (a whole day when no time is given)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

/// `clipdex quotes`.
#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// The person: full name, a spelling variant or the surname alone
    #[arg(value_name = "NAME")]
    pub name: String,

    /// Only articles matching this query (its words are highlighted in the quotes)
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Tag and date filters
    #[command(flatten)]
    pub filters: Filters,

    /// When the name fits several people, show them all instead of asking which
    #[arg(long)]
    pub all: bool,

    /// Show stories (with --copies, articles) per month as a bar chart instead of the
    /// quotes
    #[arg(long)]
    pub timeline: bool,

    /// List every article, copies of one story included (by default a story is listed
    /// once, as its earliest copy, with its other copies under it)
    #[arg(long)]
    pub copies: bool,

    /// Number of stories (with --copies, articles) to show; 0 shows every one
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(0..=10_000))]
    pub limit: u32,

    /// Print results as one JSON object
    #[arg(long)]
    pub json: bool,

    /// Print a table for spreadsheets and data tools instead: a header row, one row per
    /// quote (columns in the README)
    #[arg(long, value_enum, conflicts_with_all = ["json", "timeline"])]
    pub format: Option<TableFormat>,
}

/// `clipdex speakers`.
#[derive(Debug, Args)]
pub struct SpeakersArgs {
    /// Only articles matching this query
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Tag and date filters
    #[command(flatten)]
    pub filters: Filters,

    /// Number of people to show; 0 shows everyone, as --all does
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(0..=10_000))]
    pub limit: u32,

    /// Show everyone quoted
    #[arg(long, conflicts_with = "limit")]
    pub all: bool,

    /// Print results as one JSON object
    #[arg(long)]
    pub json: bool,

    /// Print a table for spreadsheets and data tools instead: a header row, one row per
    /// person (columns in the README)
    #[arg(long, value_enum, conflicts_with = "json")]
    pub format: Option<TableFormat>,
}

/// `clipdex copies`.
#[derive(Debug, Args)]
pub struct CopiesArgs {
    /// Only stories with an article matching this query
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Tag and date filters
    #[command(flatten)]
    pub filters: Filters,

    /// Every story, those that ran once included
    #[arg(long)]
    pub all: bool,

    /// Number of stories to show; 0 shows every one
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
    pub limit: u32,

    /// Print JSON Lines: one story a line, {"story", "articles": [{"uid", "path", "part",
    /// "title", "date", "source"}]}
    #[arg(long)]
    pub json: bool,
}

/// The search engine an export is for (`--to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportTarget {
    /// Quickwit: index-config.yaml and docs.ndjson
    Quickwit,
    /// OpenSearch (or Elasticsearch): mapping.json and bulk.ndjson
    Opensearch,
}

/// `clipdex export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The search engine to write for
    #[arg(long, value_enum)]
    pub to: ExportTarget,

    /// Folder to write the files into (made if missing; files of the same names are
    /// replaced)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// The name of the index in the cluster: lower-case letters, digits, - and _,
    /// starting with a letter
    #[arg(long, default_value = "clipdex", value_parser = index_name)]
    pub name: String,
}

/// Checks a cluster index name: what both Quickwit and OpenSearch accept.
fn index_name(name: &str) -> Result<String, String> {
    let mut chars = name.chars();
    let first_is_letter = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_fits =
        chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if first_is_letter && rest_fits && (3..=255).contains(&name.len()) {
        Ok(name.to_string())
    } else {
        Err("use 3 to 255 lower-case letters, digits, - and _, starting with a letter".into())
    }
}

/// `clipdex serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port. The default takes connections from
    /// this computer only: 0.0.0.0:7070 shares the index on the network
    #[arg(long, default_value = "127.0.0.1:7070", value_name = "IP:PORT")]
    pub addr: std::net::SocketAddr,
}

/// `clipdex stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print as one JSON object
    #[arg(long)]
    pub json: bool,
}

/// `clipdex extract`.
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
