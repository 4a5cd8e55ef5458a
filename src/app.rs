//! One function per subcommand: wires the stages together and picks a printer.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{
    Cli, Command, CopiesArgs, ExportArgs, ExportTarget, ExtractArgs, IndexArgs, QuotesArgs,
    SearchArgs, SpeakersArgs, StatsArgs, WatchArgs,
};
use crate::config;
use crate::error::FileError;
use crate::export;
use crate::index::Catalog;
use crate::ingest::{self, Loaded};
use crate::model::Format;
use crate::output::json::{write_line, ExtractRecord, StreamedObject};
use crate::output::{people as people_out, table, terminal, Style};
use crate::pipeline;
use crate::search::{self, Named};
use crate::shell;
use crate::speakers;

/// Exit code: the command found what was asked for.
pub const EXIT_OK: u8 = 0;
/// Exit code: a search matched nothing.
pub const EXIT_NO_RESULTS: u8 = 1;
/// Exit code: the command could not do its job.
pub const EXIT_ERROR: u8 = 2;
/// Exit code: `index` was stopped by Ctrl-C after committing what it had done.
pub const EXIT_INTERRUPTED: u8 = 130;

/// Runs one command line; the exit code says how it went.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    start_logging(cli.debug, matches!(cli.command, Command::Serve(_)));
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    // These need no index, nor a place for one.
    match &cli.command {
        Command::Completions(args) => return done(shell::completions(args.shell, &mut out), out),
        Command::Man => return done(shell::man(&mut out), out),
        _ => {}
    }
    let index_path = config::index_path(cli.index)?;
    let style = Style {
        color: config::use_color(cli.color),
    };
    let code = match cli.command {
        Command::Index(args) => index(&index_path, &args, &mut out)?,
        Command::Watch(args) => watch(&index_path, &args, &mut out)?,
        Command::Search(args) => search(&index_path, &args, style, &mut out)?,
        Command::Quotes(args) => quotes(&index_path, &args, style, &mut out)?,
        Command::Speakers(args) => speakers(&index_path, &args, style, &mut out)?,
        Command::Copies(args) => copies(&index_path, &args, style, &mut out)?,
        Command::Stats(args) => stats(&index_path, &args, &mut out)?,
        Command::Extract(args) => extract(&index_path, &args, &mut out)?,
        Command::Export(args) => export(&index_path, &args, &mut out)?,
        Command::Serve(args) => {
            crate::serve::run(&index_path, args.addr)?;
            EXIT_OK
        }
        Command::Completions(_) | Command::Man => EXIT_OK,
    };
    out.flush()?;
    Ok(ExitCode::from(code))
}

/// The exit of a command that only writes `out`.
fn done<W: Write>(written: io::Result<()>, mut out: W) -> anyhow::Result<ExitCode> {
    written?;
    out.flush()?;
    Ok(ExitCode::from(EXIT_OK))
}

/// Diagnostics through the `log` facade, on stderr: clipdex's own, at the level
/// `CLIPDEX_LOG` names (`--debug`: debug); by default warnings, and for `serve` one line
/// per request.
fn start_logging(debug: bool, serving: bool) {
    let level = if debug {
        "debug"
    } else if serving {
        "info"
    } else {
        "warn"
    };
    let wanted = std::env::var("CLIPDEX_LOG")
        .ok()
        .filter(|v| !v.trim().is_empty() && !debug)
        .unwrap_or_else(|| level.to_string());
    // Other crates' messages (tantivy's) only when asked for by name.
    let filters = if wanted.contains('=') {
        wanted
    } else {
        format!("clipdex={wanted}")
    };
    // Fails only if a logger is set already.
    let _ = env_logger::Builder::new()
        .parse_filters(&filters)
        .format_target(false)
        .try_init();
}

fn cwd() -> Option<PathBuf> {
    std::env::current_dir().ok()
}

/// The exit code of a command that looks for something.
fn found(anything: bool) -> u8 {
    if anything {
        EXIT_OK
    } else {
        EXIT_NO_RESULTS
    }
}

/// Prints a query's warnings on stderr (with `--json` they are in the output instead).
fn warn(warnings: &[String]) {
    for warning in warnings {
        eprintln!("clipdex: warning: {warning}");
    }
}

fn index<W: Write>(index_path: &Path, args: &IndexArgs, out: &mut W) -> anyhow::Result<u8> {
    let report = pipeline::run(index_path, &config::index_options(args))?;
    if args.json {
        write_line(out, &report)?;
    } else {
        terminal::print_index_report(out, &report, cwd().as_deref())?;
    }
    Ok(if report.interrupted {
        EXIT_INTERRUPTED
    } else if args.strict && !report.skipped.is_empty() {
        EXIT_ERROR
    } else {
        EXIT_OK
    })
}

fn watch<W: Write>(index_path: &Path, args: &WatchArgs, out: &mut W) -> anyhow::Result<u8> {
    let cwd = cwd();
    pipeline::watch(index_path, &config::watch_options(args), |pass| {
        if args.json {
            write_line(out, pass.report)?;
        } else if pass.first {
            terminal::print_index_report(out, pass.report, cwd.as_deref())?;
        } else {
            terminal::print_watch_pass(out, pass.report, cwd.as_deref())?;
        }
        out.flush()?;
        if pass.first {
            let folders = pass.roots.len();
            let named = if folders == 1 { "folder" } else { "folders" };
            eprintln!("clipdex: watching {folders} {named} for changes; Ctrl-C stops");
        }
        Ok(())
    })?;
    eprintln!("clipdex: stopped watching; the index is committed");
    Ok(EXIT_OK)
}

fn search<W: Write>(
    index_path: &Path,
    args: &SearchArgs,
    style: Style,
    out: &mut W,
) -> anyhow::Result<u8> {
    let mut request = config::search_request(args)?;
    // Only the copies an output shows are read: a table counts them.
    if args.format.is_some() {
        request.copies_listed = 0;
    } else if !args.json {
        request.copies_listed = terminal::COPIES_LISTED;
    }
    let catalog = Catalog::open(index_path)?;
    // Hits are read and printed one at a time: `--all` exports every match in bounded
    // memory.
    let (results, hits) = search::search_each(&catalog, &request)?;
    if args.json {
        let mut object = StreamedObject::begin(&mut *out, &results, "hits")?;
        for hit in hits {
            object.item(&hit?)?;
        }
        object.finish()?;
    } else if let Some(format) = args.format {
        warn(&results.warnings);
        let mut table = table::HitTable::new(&mut *out, config::delimiter(format))?;
        for hit in hits {
            table.row(&hit?)?;
        }
        table.finish()?;
    } else {
        warn(&results.warnings);
        let cwd = cwd();
        let mut printer = terminal::SearchPrinter::new(out, cwd.as_deref(), style);
        for hit in hits {
            printer.hit(&hit?)?;
        }
        printer.finish(&results, request.sort)?;
    }
    Ok(found(results.total > 0))
}

fn quotes<W: Write>(
    index_path: &Path,
    args: &QuotesArgs,
    style: Style,
    out: &mut W,
) -> anyhow::Result<u8> {
    if args.name.trim().is_empty() {
        anyhow::bail!("give the name of the person whose quotes you want: `clipdex quotes NAME`");
    }
    let mut request = config::quotes_request(args)?;
    if !args.json && args.format.is_none() {
        request.copies_listed = terminal::COPIES_LISTED;
    }
    let tabular = args.format.map(config::delimiter);
    let catalog = Catalog::open(index_path)?;
    let people = match search::named(&catalog, &args.name, &request, args.all)? {
        Named::Nobody(empty) => {
            if args.json {
                write_line(out, &empty)?;
            } else {
                if let Some(delimiter) = tabular {
                    table::write_quotes(&mut *out, &empty, delimiter)?;
                }
                for nobody in &empty.warnings {
                    eprintln!("clipdex: {nobody}");
                }
            }
            return Ok(EXIT_NO_RESULTS);
        }
        Named::Several(choices) => {
            if args.json {
                write_line(out, &choices)?;
            } else {
                people_out::print_choices(&mut io::stderr(), &choices.name, &choices.ambiguous)?;
            }
            return Ok(EXIT_ERROR);
        }
        Named::People(people) => people,
    };
    // Articles are read and printed one at a time: `--limit 0` exports every one in
    // bounded memory.
    let (quotes, articles) = search::quotes_each(&catalog, &request, people)?;
    if args.json {
        let mut object = StreamedObject::begin(&mut *out, &quotes, "articles")?;
        for article in articles {
            object.item(&article?)?;
        }
        object.finish()?;
    } else if let Some(delimiter) = tabular {
        warn(&quotes.warnings);
        let mut table = table::QuoteTable::new(&mut *out, delimiter)?;
        for article in articles {
            table.rows(&article?)?;
        }
        table.finish()?;
    } else if args.timeline {
        warn(&quotes.warnings);
        people_out::print_timeline(out, &quotes, style)?;
    } else {
        warn(&quotes.warnings);
        let cwd = cwd();
        let mut printer = people_out::QuotesPrinter::new(out, cwd.as_deref(), style);
        for article in articles {
            printer.article(&article?)?;
        }
        printer.finish(&quotes)?;
    }
    Ok(found(quotes.total > 0))
}

fn speakers<W: Write>(
    index_path: &Path,
    args: &SpeakersArgs,
    style: Style,
    out: &mut W,
) -> anyhow::Result<u8> {
    let request = config::speakers_request(args)?;
    let catalog = Catalog::open(index_path)?;
    let people = search::people(&catalog, &request)?;
    if args.json {
        write_line(out, &people)?;
    } else if let Some(format) = args.format {
        warn(&people.warnings);
        table::write_people(&mut *out, &people, config::delimiter(format))?;
    } else {
        warn(&people.warnings);
        people_out::print_people(out, &people, style)?;
    }
    Ok(found(!people.people.is_empty()))
}

fn copies<W: Write>(
    index_path: &Path,
    args: &CopiesArgs,
    style: Style,
    out: &mut W,
) -> anyhow::Result<u8> {
    let request = config::copies_request(args)?;
    let catalog = Catalog::open(index_path)?;
    let stories = search::copies(&catalog, &request, args.all)?;
    warn(&stories.warnings);
    if args.json {
        for story in &stories.stories {
            write_line(out, story)?;
        }
    } else {
        terminal::print_stories(out, &stories, args.all, cwd().as_deref(), style)?;
    }
    Ok(found(!stories.stories.is_empty()))
}

fn export<W: Write>(index_path: &Path, args: &ExportArgs, out: &mut W) -> anyhow::Result<u8> {
    let catalog = Catalog::open(index_path)?;
    let target = match args.to {
        ExportTarget::Quickwit => export::Target::Quickwit,
        ExportTarget::Opensearch => export::Target::OpenSearch,
    };
    let exported = export::export(&catalog, target, &args.out, &args.name)?;
    terminal::print_export(out, &exported, target, &args.name)?;
    Ok(EXIT_OK)
}

fn stats<W: Write>(index_path: &Path, args: &StatsArgs, out: &mut W) -> anyhow::Result<u8> {
    let catalog = Catalog::open(index_path)?;
    let stats = search::stats(&catalog)?;
    if args.json {
        write_line(out, &stats)?;
    } else {
        terminal::print_stats(out, &stats)?;
    }
    Ok(EXIT_OK)
}

fn extract<W: Write>(index_path: &Path, args: &ExtractArgs, out: &mut W) -> anyhow::Result<u8> {
    let index_dir = index_path.canonicalize().ok();
    let mut failed = false;
    let mut report = |err: &FileError| {
        eprintln!("clipdex: {err}");
        failed = true;
    };
    for given in &args.files {
        let files = if given.is_dir() {
            // As `index` does: other kinds of files in a folder are passed over, not errors.
            let found = ingest::walk(given, index_dir.as_deref());
            for err in &found.skipped {
                match err {
                    FileError::Unsupported { .. } => eprintln!("clipdex: skipped {err}"),
                    _ => report(err),
                }
            }
            found.files.into_iter().map(|f| f.path).collect()
        } else {
            match ingest::check_supported(given) {
                Ok(()) => vec![given.clone()],
                Err(err) => {
                    report(&err);
                    continue;
                }
            }
        };
        for path in &files {
            if ingest::is_warc(path) {
                match print_archive(path, out) {
                    Ok(written) => written?,
                    Err(err) => report(&err),
                }
                continue;
            }
            match ingest::load(path) {
                Ok(loaded) => print_extracted(path, loaded, out)?,
                Err(err) => report(&err),
            }
        }
    }
    Ok(if failed { EXIT_ERROR } else { EXIT_OK })
}

/// A web archive's articles, printed as its records are read: an archive of any size
/// in bounded memory. The outer error is the archive's, the inner one the output's.
fn print_archive<W: Write>(path: &Path, out: &mut W) -> Result<io::Result<()>, FileError> {
    let shown = path.to_string_lossy();
    let mut written = Ok(());
    let read = ingest::read_warc(path, 64, |entries| {
        for w in pipeline::note_warnings(path, Format::Warc, &entries) {
            eprintln!("clipdex: warning: {}", w.describe(&shown));
        }
        for entry in pipeline::with_speakers(entries, speakers::extract) {
            written = write_line(out, &ExtractRecord::new(&shown, Format::Warc, &entry));
            if written.is_err() {
                return false;
            }
        }
        true
    })?;
    for warning in &read.warnings {
        eprintln!("clipdex: warning: {shown}: {}", warning.message);
    }
    Ok(written)
}

fn print_extracted<W: Write>(path: &Path, loaded: Loaded, out: &mut W) -> io::Result<()> {
    for w in pipeline::load_warnings(path, &loaded) {
        eprintln!("clipdex: warning: {}", w.describe(&w.path));
    }
    let shown = path.to_string_lossy();
    for entry in pipeline::with_speakers(loaded.parsed.entries, speakers::extract) {
        write_line(out, &ExtractRecord::new(&shown, loaded.format, &entry))?;
    }
    Ok(())
}
