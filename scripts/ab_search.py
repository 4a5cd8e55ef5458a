#!/usr/bin/env python3
"""Builds (or flags) of `clipdex search` side by side, one fresh process a query, as a
user runs it from the shell.

Each round runs the 20 shared queries (../shared/bench/peers/queries.txt) with every
variant in turn, the order reversed every other round so that a busy minute favours none.
It prints each variant's mean, p50 and p95 over all runs, then each query's best time per
variant. On a shared machine, compare best times and p50: the means swing with outliers.

usage: ab_search.py ROUNDS VARIANT [VARIANT ...]

A variant is a binary, its index folder and any extra arguments, comma separated:
`target/release/clipdex,/tmp/ix` or `/tmp/clipdex-old,/tmp/ix-old,--copies`.
"""
import statistics
import subprocess
import sys
import time
from pathlib import Path

QUERIES = Path(__file__).resolve().parents[1] / "../shared/bench/peers/queries.txt"


def queries():
    """The shared queries: the text after the tab of each line that is not a comment."""
    lines = QUERIES.read_text().splitlines()
    return [l.split("\t", 1)[1].strip() for l in lines if l.strip() and not l.startswith("#")]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    rounds = int(sys.argv[1])
    variants = [v.split(",") for v in sys.argv[2:]]
    qs = queries()
    times = {i: {q: [] for q in qs} for i in range(len(variants))}
    for r in range(rounds):
        for q in qs:
            order = list(range(len(variants)))
            if r % 2:
                order.reverse()
            for i in order:
                binary, index, *extra = variants[i]
                start = time.perf_counter()
                subprocess.run(
                    [binary, "--index", index, "search", q, *extra],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    check=False,
                )
                times[i][q].append((time.perf_counter() - start) * 1000)
    for i, variant in enumerate(variants):
        every = sorted(t for ts in times[i].values() for t in ts)
        print(
            f"{' '.join(variant)}: mean {statistics.mean(every):.1f} ms, "
            f"p50 {every[len(every) // 2]:.1f}, p95 {every[int(len(every) * 0.95)]:.1f}"
        )
    for q in qs:
        best = " ".join(f"{min(times[i][q]):7.1f}" for i in times)
        print(f"{q:30} {best}")


if __name__ == "__main__":
    main()
