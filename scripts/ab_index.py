#!/usr/bin/env python3
"""Two builds (or settings) of clipdex indexing the same corpus, in pairs, to tell whether
a change to indexing speed is real.

On a shared machine one run of each can land in a quiet or a busy minute: a change of a
few percent needs many runs side by side. Each runs once untimed first; then each pair
runs A and B back to back (B first in every other pair, so that a minute that slows down
or speeds up favours neither), each on a fresh index after an untimed read of the corpus.
It prints the medians of wall time, CPU time (user + system) and peak RSS, how many pairs
each won, and the chance of a split at least that lopsided if the two were the same (a
two-sided sign test): below 0.05, the difference is unlikely to be the machine's.

usage: ab_index.py CORPUS PAIRS VARIANT_A VARIANT_B [MEMORY_MIB]

A variant is a clipdex binary, optionally followed by environment settings for it, comma
separated: `target/release/clipdex` or `/tmp/clipdex-old,MIMALLOC_PURGE_DELAY=-1`.
"""
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True  # keep the repo free of __pycache__
from index_rounds import timed_index  # noqa: E402  (beside this script)


def parse_variant(text):
    binary, *settings = text.split(",")
    env = dict(os.environ)
    for setting in settings:
        name, _, value = setting.partition("=")
        env[name] = value
    return binary, env


def run_once(binary, env, corpus, memory):
    """Wall seconds, CPU seconds and peak RSS in MiB of one `clipdex index` on a fresh index."""
    work = Path(tempfile.mkdtemp(prefix="clipdex-ab-"))
    try:
        subprocess.run(["sync"], check=False)
        time.sleep(1)
        return timed_index(binary, corpus, memory, work, env=env)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def sign_test(wins, pairs):
    """Two-sided p-value of `wins` of `pairs` when each side wins half the time."""
    low = min(wins, pairs - wins)
    tail = sum(math.comb(pairs, k) for k in range(low + 1)) / 2 ** pairs
    return min(1.0, 2 * tail)


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    corpus, pairs = sys.argv[1], int(sys.argv[2])
    variants = {"A": parse_variant(sys.argv[3]), "B": parse_variant(sys.argv[4])}
    memory = sys.argv[5] if len(sys.argv) == 6 else "256"
    # One untimed run of each first: the binaries and the corpus come into memory.
    for binary, env in variants.values():
        run_once(binary, env, corpus, memory)
    runs = {"A": [], "B": []}
    for pair in range(pairs):
        order = ["A", "B"] if pair % 2 == 0 else ["B", "A"]
        for name in order:
            binary, env = variants[name]
            runs[name].append(run_once(binary, env, corpus, memory))
        print(f"pair {pair + 1}: " + ", ".join(
            f"{name} {runs[name][-1][0]:.2f} s wall {runs[name][-1][1]:.2f} s CPU"
            for name in ("A", "B")), file=sys.stderr, flush=True)

    print(f"| {pairs} pairs | A: {sys.argv[3]} | B: {sys.argv[4]} |")
    print("|---|---|---|")
    for column, label in enumerate(["wall s", "CPU s", "peak RSS MiB"]):
        medians = [statistics.median(run[column] for run in runs[name]) for name in "AB"]
        print(f"| {label}, median | {medians[0]:.2f} | {medians[1]:.2f} |")
    for column, label in enumerate(["wall", "CPU"]):
        b_wins = sum(b[column] < a[column] for a, b in zip(runs["A"], runs["B"]))
        ratio = statistics.median(b[column] / a[column] for a, b in zip(runs["A"], runs["B"]))
        print(f"| {label}: pairs B took less, median B/A, sign test p | {b_wins} of {pairs}, "
              f"{ratio:.3f} | p = {sign_test(b_wins, pairs):.3f} |")


if __name__ == "__main__":
    main()
