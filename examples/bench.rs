//! The clipdex side of `scripts/bench`: indexes one corpus with the release binary,
//! re-indexes it unchanged, then times the shared queries in-process and as fresh
//! `clipdex search` processes. Prints one JSON line with the peers' keys
//! (`../shared/bench/peers/README.md`) plus clipdex's own.
//!
//! cargo run --release --example bench -- CORPUS INDEX QUERIES [REPS] [MEMORY_MIB]
//!
//! Peak RSS comes from `/usr/bin/time -f %M` around each child process; peak private
//! memory from sampling the child's RssAnon.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clipdex::index::{schema, Catalog};
use clipdex::search::{build_query, folder_bytes, search, KeyCounts, Request, Sort};
use serde_json::{json, Value};

/// The allocator of the `clipdex` binary, so the in-process figures are those of
/// `clipdex search` and `clipdex serve`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    (sorted[rank.clamp(1, sorted.len()) - 1] * 1000.0).round() / 1000.0
}

fn sorted(mut samples: Vec<f64>) -> Vec<f64> {
    samples.sort_by(f64::total_cmp);
    samples
}

/// A run of `clipdex ARGS` under `/usr/bin/time`.
#[derive(Default)]
struct Timed {
    wall: f64,
    /// Peak resident set (MiB), memory-mapped index files included.
    rss: f64,
    /// Peak private (anonymous) memory (MiB), sampled every 20 ms.
    anon: f64,
    stdout: String,
}

fn timed(clipdex: &Path, args: &[&str]) -> Result<Timed> {
    let start = Instant::now();
    let mut child = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(clipdex)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("running /usr/bin/time (Debian package `time`)")?;
    let stdout = child.stdout.take().context("stdout")?;
    let reader = std::thread::spawn(move || std::io::read_to_string(stdout).unwrap_or_default());
    let children = format!("/proc/{0}/task/{0}/children", child.id());
    let mut anon_kib: f64 = 0.0;
    while child.try_wait()?.is_none() {
        let pid = std::fs::read_to_string(&children).unwrap_or_default();
        if let Some(pid) = pid.split_whitespace().next() {
            let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
            let kib = status
                .lines()
                .find_map(|l| l.strip_prefix("RssAnon:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
                .unwrap_or(0.0);
            anon_kib = anon_kib.max(kib);
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output()?;
    let wall = start.elapsed().as_secs_f64();
    let stdout = reader.join().unwrap_or_default();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && out.status.code() != Some(1) {
        bail!("clipdex {args:?} failed: {stderr}");
    }
    let kib: f64 = stderr
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0.0);
    Ok(Timed {
        wall,
        rss: kib / 1024.0,
        anon: anon_kib / 1024.0,
        stdout,
    })
}

fn load1() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0)
}

fn request(query: &str) -> Request {
    Request {
        query: query.to_string(),
        tags: vec![],
        speakers: vec![],
        since: None,
        until: None,
        sort: Sort::Relevance,
        limit: 10,
        offset: 0,
        facet_limit: 10,
        copies: false,
        copies_listed: 3,
    }
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, index, queries, rest @ ..] = args.as_slice() else {
        bail!("usage: bench CORPUS INDEX QUERIES [REPS] [MEMORY_MIB]");
    };
    let reps: usize = rest.first().map_or(Ok(5), |r| r.parse())?;
    let memory = rest.get(1).cloned().unwrap_or_else(|| "256".to_string());
    let (corpus, index) = (PathBuf::from(corpus), PathBuf::from(index));
    let clipdex = std::env::current_exe()?
        .parent()
        .and_then(Path::parent)
        .map(|dir| dir.join("clipdex"))
        .context("no clipdex binary beside the examples folder")?;
    let queries: Vec<(String, String)> = std::fs::read_to_string(queries)?
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (kind, q) = l.split_once('\t').unwrap_or(("", l));
            (kind.to_string(), q.trim().to_string())
        })
        .collect();
    let load_at_start = load1();

    // For profiling the query path alone: BENCH_QUERIES_ONLY=1 uses an existing index as it
    // is and skips the fresh processes.
    let queries_only = std::env::var("BENCH_QUERIES_ONLY").is_ok_and(|v| v == "1");
    // 1. Index from scratch, then again with nothing changed.
    if index.exists() && !queries_only {
        std::fs::remove_dir_all(&index)?;
    }
    let (c, i) = (corpus.to_string_lossy(), index.to_string_lossy());
    let index_args = ["index", &c, "--index", &i, "--memory", &memory, "--json"];
    let (indexed, reindexed) = if queries_only {
        (Timed::default(), Timed::default())
    } else {
        (timed(&clipdex, &index_args)?, timed(&clipdex, &index_args)?)
    };
    let report: Value = serde_json::from_str(&indexed.stdout).unwrap_or_default();
    let index_wall = indexed.wall;
    let docs = report["articles"]["indexed"].as_u64().unwrap_or(0);
    let corpus_bytes = folder_bytes(&corpus);

    // 2. In-process: the library as `clipdex search` calls it, and the counting pass alone.
    let opened = Instant::now();
    let catalog = Catalog::open(&index)?;
    let open_ms = opened.elapsed().as_secs_f64() * 1e3;
    let searcher = catalog.searcher()?;
    let counts = KeyCounts::new(&[schema::TAG_KEY, schema::SPEAKER_KEY]);
    let (mut all, mut facet_all, mut fresh_all) = (Vec::new(), Vec::new(), Vec::new());
    let mut per_query = Vec::new();
    let mut search_rss: f64 = 0.0;
    for (kind, q) in &queries {
        let request = request(q);
        let warm = search(&catalog, &request)?;
        let built = build_query(&catalog, &request);
        let (mut times, mut facet_times) = (Vec::new(), Vec::new());
        for _ in 0..reps {
            let start = Instant::now();
            let results = search(&catalog, &request)?;
            times.push(start.elapsed().as_secs_f64() * 1e3);
            if results.total != warm.total {
                bail!("{q}: {} hits, then {}", warm.total, results.total);
            }
            let start = Instant::now();
            searcher.search(&*built.query, &counts)?;
            facet_times.push(start.elapsed().as_secs_f64() * 1e3);
        }
        all.extend_from_slice(&times);
        facet_all.extend_from_slice(&facet_times);
        let summary = json!({
            "kind": kind, "q": q,
            "p50_ms": percentile(&sorted(times), 50.0),
            "hits": warm.total,
            "top_tags": warm.facets.tags.iter().take(3).map(|t| format!("{}:{}", t.value, t.count)).collect::<Vec<_>>(),
            "top_speakers": warm.facets.speakers.iter().take(3).map(|t| format!("{}:{}", t.value, t.count)).collect::<Vec<_>>(),
        });
        if queries_only {
            per_query.push(summary);
            continue;
        }
        // 3. A fresh process per query, as a terminal user runs it.
        let search_args = ["search", q.as_str(), "--index", &i, "--limit", "10"];
        search_rss = search_rss.max(timed(&clipdex, &search_args)?.rss);
        let mut fresh = Vec::new();
        for _ in 0..reps {
            let start = Instant::now();
            let status = Command::new(&clipdex)
                .args(search_args)
                .stdout(Stdio::null())
                .status()?;
            fresh.push(start.elapsed().as_secs_f64() * 1e3);
            if !status.success() && status.code() != Some(1) {
                bail!("clipdex search {q} failed");
            }
        }
        fresh_all.extend_from_slice(&fresh);
        let mut summary = summary;
        summary["fresh_p50_ms"] = json!(percentile(&sorted(fresh), 50.0));
        per_query.push(summary);
    }
    let (all, facet_all, fresh_all) = (sorted(all), sorted(facet_all), sorted(fresh_all));
    let round = |x: f64, n: i32| (x * 10f64.powi(n)).round() / 10f64.powi(n);
    let report = json!({
        "peer": format!("clipdex {}", corpus.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned())),
        "versions": {"clipdex": env!("CARGO_PKG_VERSION"), "tantivy": "0.27"},
        "machine": {"cpus": std::thread::available_parallelism().map_or(0, |n| n.get()), "load1_at_start": load_at_start},
        "corpus": corpus.display().to_string(),
        "corpus_bytes": corpus_bytes,
        "docs": docs,
        "index_wall_s": round(index_wall, 3),
        "docs_per_s": round(docs as f64 / index_wall, 0),
        "mb_per_s": round(corpus_bytes as f64 / 1e6 / index_wall, 1),
        "index_bytes": folder_bytes(&index),
        "index_peak_rss_mb": round(indexed.rss, 1),
        "index_peak_anon_mb": round(indexed.anon, 1),
        "writer_memory_mb": memory.parse::<f64>().unwrap_or(0.0),
        "reindex_unchanged_s": round(reindexed.wall, 3),
        "reindex_peak_rss_mb": round(reindexed.rss, 1),
        "open_ms": round(open_ms, 2),
        "query_p50_ms": percentile(&all, 50.0),
        "query_p95_ms": percentile(&all, 95.0),
        "query_samples": all.len(),
        "facet_p50_ms": percentile(&facet_all, 50.0),
        "facet_p95_ms": percentile(&facet_all, 95.0),
        "fresh_p50_ms": percentile(&fresh_all, 50.0),
        "fresh_p95_ms": percentile(&fresh_all, 95.0),
        "query_peak_rss_mb": round(search_rss, 1),
        "per_query": per_query,
    });
    println!("{report}");
    Ok(())
}
