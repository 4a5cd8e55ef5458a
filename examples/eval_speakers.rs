//! Measures the speaker extractor against the hand labels in `tests/data/speakers/`.
//!
//! ```text
//! cargo run --release --example eval_speakers [-- --verbose] [--corpora DIR] [LABELS.jsonl...]
//! ```
//!
//! Articles are read through the same loader as `clipdex index`: BBC and Reuters sources
//! from `../shared/corpora/` (or `--corpora`), `sample-corpus/...` from this repository.
//! Prints precision, recall and F1 per label file, micro-averaged over (article, speaker)
//! pairs, and the retrieval view: for people labelled in two or more articles, how many
//! of their articles the extractor attributes to them.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clipdex::ingest;
use clipdex::model::Article;
use clipdex::speakers::score::{score, score_quotes, Labelled, QuoteTally, Tally};
use clipdex::speakers::{extract, identity_key};

struct Options {
    verbose: bool,
    corpora: PathBuf,
    files: Vec<PathBuf>,
}

fn options() -> Result<Options, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut options = Options {
        verbose: false,
        corpora: root.join("../shared/corpora"),
        files: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--verbose" | "-v" => options.verbose = true,
            "--corpora" => {
                options.corpora = args.next().ok_or("--corpora needs a folder")?.into();
            }
            _ => options.files.push(arg.into()),
        }
    }
    if options.files.is_empty() {
        let labels = root.join("tests/data/speakers");
        options.files = [
            "dev.jsonl",
            "dev2.jsonl",
            "dev3.jsonl",
            "heldout.jsonl",
            "dev4.jsonl",
            "heldout2.jsonl",
            "sample.jsonl",
        ]
        .iter()
        .map(|f| labels.join(f))
        .collect();
    }
    Ok(options)
}

/// Loads the articles of a file once, keyed by part (`None` for one-article files).
struct Loader {
    cache: HashMap<PathBuf, Vec<(Option<usize>, Article)>>,
}

impl Loader {
    fn article(&mut self, path: &Path, part: Option<usize>) -> Result<Option<&Article>, String> {
        if !self.cache.contains_key(path) {
            let loaded = ingest::load(path).map_err(|e| e.to_string())?;
            let entries = loaded
                .parsed
                .entries
                .into_iter()
                .map(|e| (e.part, e.article))
                .collect();
            self.cache.insert(path.to_path_buf(), entries);
        }
        let entries = &self.cache[path];
        Ok(entries
            .iter()
            .find(|(p, _)| *p == part || part.is_none())
            .map(|(_, a)| a))
    }
}

fn main() -> ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut loader = Loader {
        cache: HashMap::new(),
    };
    let mut failed = false;
    for file in &options.files {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("error: {}: {err}", file.display());
                failed = true;
                continue;
            }
        };
        let mut total = Tally::default();
        let mut quoted = QuoteTally::default();
        let mut articles = 0;
        let mut absent = 0;
        let mut seconds = 0.0;
        // Retrieval view: person key -> (labelled articles, predicted articles).
        let mut people: BTreeMap<String, (String, HashSet<usize>, HashSet<usize>)> =
            BTreeMap::new();
        for (number, line) in text.lines().enumerate() {
            let labelled: Labelled = match serde_json::from_str(line) {
                Ok(labelled) => labelled,
                Err(err) => {
                    eprintln!("error: {}:{}: {err}", file.display(), number + 1);
                    failed = true;
                    continue;
                }
            };
            let (path, part) = match labelled.source.split_once('#') {
                Some((path, part)) => (path, part.parse().ok()),
                None => (labelled.source.as_str(), None),
            };
            let path = if path.starts_with("sample-corpus/") {
                root.join(path)
            } else {
                options.corpora.join(path)
            };
            if !path.exists() {
                absent += 1;
                continue;
            }
            let article = match loader.article(&path, part) {
                Ok(Some(article)) => article,
                Ok(None) => {
                    eprintln!("error: {}: no article {:?}", labelled.source, part);
                    failed = true;
                    continue;
                }
                Err(err) => {
                    eprintln!("error: {err}");
                    failed = true;
                    continue;
                }
            };
            let started = Instant::now();
            let found = extract(article);
            seconds += started.elapsed().as_secs_f64();
            let predicted: Vec<String> = found.iter().map(|s| s.name.clone()).collect();
            let outcome = score(&predicted, &labelled.speakers);
            total.add(outcome.tally);
            if labelled.speakers.iter().any(|l| !l.quotes.is_empty()) {
                let given: Vec<Vec<(usize, usize)>> = found
                    .iter()
                    .map(|s| s.quotes.iter().map(|q| (q.start, q.end)).collect())
                    .collect();
                let scored = score_quotes(&article.body, &given, &labelled.speakers, &outcome);
                quoted.add(scored.tally);
                if options.verbose {
                    let text = |a: usize, b: usize| article.body.get(a..b).unwrap_or("");
                    for &(a, b) in &scored.wrong {
                        println!("  {}\n    wrong quote: {:?}", labelled.source, text(a, b));
                    }
                    for span in &scored.missed {
                        println!(
                            "  {}\n    missed {:?}: {:?}",
                            labelled.source,
                            span.kind,
                            text(span.start, span.end)
                        );
                    }
                }
            }
            articles += 1;
            for label in &labelled.speakers {
                let entry = people
                    .entry(identity_key(&label.name))
                    .or_insert_with(|| (label.name.clone(), HashSet::new(), HashSet::new()));
                entry.1.insert(number);
            }
            for name in &predicted {
                if let Some(entry) = people.get_mut(&identity_key(name)) {
                    entry.2.insert(number);
                }
            }
            if options.verbose && (!outcome.extra.is_empty() || !outcome.missed.is_empty()) {
                println!(
                    "  {}\n    extra: {:?}\n    missed: {:?}",
                    labelled.source, outcome.extra, outcome.missed
                );
            }
        }
        let name = file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        println!(
            "{name}: {articles} articles, {} labelled speakers: precision {:.3}  recall {:.3}  F1 {:.3}  (tp {} fp {} fn {}; {:.1} ms extracting)",
            total.true_positives + total.false_negatives,
            total.precision(),
            total.recall(),
            total.f1(),
            total.true_positives,
            total.false_positives,
            total.false_negatives,
            seconds * 1000.0,
        );
        if quoted.marked > 0 {
            println!(
                "  quotes: precision {:.3} ({} of {} given)  recall {:.3} ({} of {} marked)  direct quotations {:.3} ({} of {})",
                quoted.precision(),
                quoted.right,
                quoted.shown,
                quoted.recall(),
                quoted.found,
                quoted.marked,
                quoted.direct_recall(),
                quoted.direct_found,
                quoted.direct,
            );
        }
        if absent > 0 {
            println!(
                "  {absent} articles skipped: their text is not under {}",
                options.corpora.display()
            );
        }
        let mut retrieval = Tally::default();
        let mut experts = 0;
        for (labelled, predicted) in people
            .values()
            .map(|(_, l, p)| (l, p))
            .filter(|(l, _)| l.len() >= 2)
        {
            experts += 1;
            let hits = labelled.intersection(predicted).count();
            retrieval.add(Tally {
                true_positives: hits,
                false_positives: predicted.len() - hits,
                false_negatives: labelled.len() - hits,
            });
        }
        if experts > 0 {
            println!(
                "  retrieval, {experts} people quoted in 2+ articles: precision {:.3}  recall {:.3}",
                retrieval.precision(),
                retrieval.recall()
            );
        }
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
