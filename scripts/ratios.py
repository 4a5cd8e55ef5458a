#!/usr/bin/env python3
"""Ratios clipdex/peer from result lines of one `scripts/bench` run, and the issue's
targets checked against them.
usage: ratios.py RESULT.json...   (clipdex lines have a peer name starting 'clipdex')"""
import json
import sys

runs = [json.loads(line) for path in sys.argv[1:] for line in open(path) if line.strip()]
ours = {r["corpus"].rstrip("/").split("/")[-1].split("-")[0]: r for r in runs if r["peer"].startswith("clipdex")}
peers = {r["peer"]: r for r in runs if not r["peer"].startswith("clipdex")}
jsonl = ours.get("jsonl")


def ratio(a, b):
    return f"{a / b:.2f}x" if a is not None and b else "-"


if jsonl and peers:
    print("| clipdex (jsonl) / peer | " + " | ".join(peers) + " |")
    print("|---" * (len(peers) + 1) + "|")
    for label, key in [("docs/s", "docs_per_s"), ("index wall s", "index_wall_s"),
                       ("index size", "index_bytes"), ("index peak RSS", "index_peak_rss_mb"),
                       ("query p50 (in-process)", "query_p50_ms"), ("query p95 (in-process)", "query_p95_ms"),
                       ("facet p50", "facet_p50_ms"), ("query peak RSS", "query_peak_rss_mb")]:
        cells = [ratio(jsonl.get(key), p.get(key)) for p in peers.values()]
        print(f"| {label} | " + " | ".join(cells) + " |")
    print()

checks = []
tpy, rg = peers.get("tantivy-py"), peers.get("ripgrep")
fts = peers.get("sqlite-fts5") or peers.get("fts5")
if jsonl:
    docs = jsonl["docs"]
    if tpy:
        checks.append(("docs/s >= tantivy-py", jsonl["docs_per_s"] >= tpy["docs_per_s"],
                       f"{jsonl['docs_per_s']:.0f} vs {tpy['docs_per_s']:.0f}"))
        if docs <= 200_000:
            checks.append(("in-process p50 <= 1.5x tantivy-py", jsonl["query_p50_ms"] <= 1.5 * tpy["query_p50_ms"],
                           f"{jsonl['query_p50_ms']} vs {tpy['query_p50_ms']} ms"))
        checks.append(("index size <= 1.3x tantivy-py", jsonl["index_bytes"] <= 1.3 * tpy["index_bytes"],
                       f"{jsonl['index_bytes'] / 1e6:.1f} vs {tpy['index_bytes'] / 1e6:.1f} MB"))
    if fts:
        checks.append(("docs/s >= 2x FTS5", jsonl["docs_per_s"] >= 2 * fts["docs_per_s"],
                       f"{jsonl['docs_per_s']:.0f} vs {fts['docs_per_s']:.0f}"))
    p95_limit = 10 if docs <= 200_000 else 50
    checks.append((f"in-process p95 < {p95_limit} ms", jsonl["query_p95_ms"] < p95_limit, f"{jsonl['query_p95_ms']} ms"))
    if docs >= 1_000_000:
        checks.append(("in-process p50 < 5 ms", jsonl["query_p50_ms"] < 5, f"{jsonl['query_p50_ms']} ms"))
for layout, r in ours.items():
    budget = r.get("writer_memory_mb", 256) + 250
    checks.append((f"{layout}: index peak RSS <= budget + 250 MiB", r["index_peak_rss_mb"] <= budget,
                   f"{r['index_peak_rss_mb']} vs {budget} MiB"))
    checks.append((f"{layout}: index peak private memory <= budget + 250 MiB", r["index_peak_anon_mb"] <= budget,
                   f"{r['index_peak_anon_mb']} vs {budget} MiB (RSS less mapped index files)"))
    if r["docs"] >= 1_000_000:
        checks.append((f"{layout}: fresh-process median < 30 ms", r["fresh_p50_ms"] < 30, f"{r['fresh_p50_ms']} ms"))
        checks.append((f"{layout}: search process RSS < 150 MiB", r["query_peak_rss_mb"] < 150,
                       f"{r['query_peak_rss_mb']} MiB"))
    if r["docs"] >= 1_000_000 and layout == "mixed":
        checks.append(("mixed: full index < 240 s", r["index_wall_s"] < 240, f"{r['index_wall_s']} s"))
        checks.append(("mixed: unchanged re-index < 10 s", r["reindex_unchanged_s"] < 10, f"{r['reindex_unchanged_s']} s"))
if rg and "txt" in ours and ours["txt"]["docs"] >= 1_000_000:
    txt = ours["txt"]
    checks.append(("fresh process >= 50x faster than ripgrep (txt, medians)",
                   rg["query_p50_ms"] >= 50 * txt["fresh_p50_ms"],
                   f"{txt['fresh_p50_ms']} vs {rg['query_p50_ms']} ms = {rg['query_p50_ms'] / txt['fresh_p50_ms']:.0f}x"))

if checks:
    print("| target | met | figures |")
    print("|---|---|---|")
    for name, ok, figures in checks:
        print(f"| {name} | {'yes' if ok else '**no**'} | {figures} |")
