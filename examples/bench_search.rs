//! Query latency benchmark: runs each query of a `kind<TAB>query` file against an existing
//! index, in one process, as `clipdex search` does it (total + top 10 with snippets + tag
//! and speaker counts over all matches), and prints one JSON line of figures.
//!
//! cargo run --release --example bench_search -- INDEX QUERIES [REPS]
//! (QUERIES: e.g. ../shared/bench/peers/queries.txt; REPS timed runs after one warm-up, default 5)

use std::path::PathBuf;
use std::time::Instant;

use clipdex::index::Catalog;
use clipdex::search::{search, Request, Sort};

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: bench_search INDEX QUERIES [REPS]";
    let index = PathBuf::from(args.next().ok_or_else(|| anyhow::anyhow!(usage))?);
    let queries = PathBuf::from(args.next().ok_or_else(|| anyhow::anyhow!(usage))?);
    let reps: usize = args.next().map_or(Ok(5), |r| r.parse())?;

    let opened = Instant::now();
    let catalog = Catalog::open(&index)?;
    let open_ms = opened.elapsed().as_secs_f64() * 1e3;
    let text = std::fs::read_to_string(&queries)?;
    let mut all = Vec::new();
    let mut per_query = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (kind, query) = line.split_once('\t').unwrap_or(("", line));
        let request = Request {
            query: query.to_string(),
            tags: vec![],
            speakers: vec![],
            since: None,
            until: None,
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            facet_limit: 10,
        };
        let warm = search(&catalog, &request)?;
        let mut times = Vec::with_capacity(reps);
        for _ in 0..reps {
            let start = Instant::now();
            let results = search(&catalog, &request)?;
            times.push(start.elapsed().as_secs_f64() * 1e3);
            assert_eq!(results.total, warm.total);
        }
        all.extend_from_slice(&times);
        times.sort_by(f64::total_cmp);
        per_query.push(serde_json::json!({
            "kind": kind, "q": query, "p50_ms": percentile(&times, 50.0), "hits": warm.total,
            "top_tags": warm.facets.tags.iter().take(3).map(|t| format!("{}:{}", t.value, t.count)).collect::<Vec<_>>(),
        }));
    }
    all.sort_by(f64::total_cmp);
    let report = serde_json::json!({
        "peer": "clipdex",
        "index": index.display().to_string(),
        "open_ms": open_ms,
        "query_p50_ms": percentile(&all, 50.0),
        "query_p95_ms": percentile(&all, 95.0),
        "query_samples": all.len(),
        "per_query": per_query,
    });
    println!("{report}");
    Ok(())
}
