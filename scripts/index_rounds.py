#!/usr/bin/env python3
"""Indexing throughput of clipdex (with and without speakers) and the indexed peers, in
interleaved rounds.

On a shared machine one timing of each tool can land in a quiet or a busy minute, and a
ratio of two such timings says more about the minute than about the tools. Here every
round indexes the same JSONL corpus once with each tool, one after the other, and the
ratios are taken per round; their median is the figure to quote.

usage: index_rounds.py CLIPDEX CORPUS ROUNDS PEERS_DIR TANTIVY_PYTHON [MEMORY_MIB]

clipdex is timed as a whole process (start, read, parse, speakers, index, commit, exit),
right after an untimed read of the corpus; each peer reports its own index_wall_s, which
starts right after its untimed parse pass over the corpus (see PEERS_DIR/README.md).
Beside wall time, each run's CPU time (user + system) is taken: for clipdex the whole
process's, for a peer its process's less its parse pass (one Python thread, so its wall
time is its CPU time). CPU time over wall time is how many of the cores a tool kept busy:
a tool that keeps them all busy can only index faster by doing less work.
Prints one JSON line per round to stderr and a table to stdout.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def warm(corpus):
    """Reads every file of the corpus once, as each peer's parse pass does right before its
    clock starts. Here pages left alone for a second or two cost more to read again, so a
    read done before a pause would not count."""
    for path in sorted(Path(corpus).rglob("*")):
        if path.is_file():
            with open(path, "rb") as file:
                while file.read(1 << 20):
                    pass


def timed_index(binary, corpus, memory, work, *extra, env=None):
    """One `clipdex index` of the corpus into a new index under `work`, right after an
    untimed read of the corpus: wall seconds, CPU seconds (user + system) and peak RSS in
    MiB of the process."""
    warm(corpus)
    start = time.perf_counter()
    proc = subprocess.Popen([binary, "index", corpus, "--index", str(work / "clipdex"),
                             "--memory", memory, *extra],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{binary} index {corpus} failed")
    # ru_maxrss is in KiB on Linux.
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def clipdex_round(binary, corpus, memory, work, *extra):
    """Wall and CPU seconds of one `clipdex index`."""
    return timed_index(binary, corpus, memory, work, *extra)[:2]


def peer_round(python, script, corpus, queries, work, name):
    """The peer's own index_wall_s, and its process's CPU seconds less its parse pass."""
    index = work / name
    index.mkdir()
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen([python, script, "--phase", "index", corpus, queries,
                                 "--index-dir", str(index)],
                                stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"{script} --phase index {corpus} failed")
        out.seek(0)
        result = json.loads(out.read().strip().splitlines()[-1])
    cpu = usage.ru_utime + usage.ru_stime - result["parse_only_s"]
    return result["index_wall_s"], cpu


def main():
    if len(sys.argv) not in (6, 7):
        sys.exit(__doc__)
    binary, corpus, rounds, peers, python = sys.argv[1:6]
    memory = sys.argv[6] if len(sys.argv) == 7 else "256"
    peers = Path(peers)
    queries = str(peers / "queries.txt")
    tools = {
        "clipdex": lambda work: clipdex_round(binary, corpus, memory, work),
        # What speaker extraction costs, beside the peers (which find no speakers).
        "clipdex --no-speakers": lambda work: clipdex_round(binary, corpus, memory, work,
                                                            "--no-speakers"),
        "sqlite-fts5": lambda work: peer_round(sys.executable, str(peers / "fts5_peer.py"),
                                               corpus, queries, work, "fts5"),
        "tantivy-py": lambda work: peer_round(python, str(peers / "tantivy_peer.py"),
                                              corpus, queries, work, "tantivy"),
    }
    walls = {name: [] for name in tools}
    cpus = {name: [] for name in tools}
    for round_no in range(1, int(rounds) + 1):
        times = {}
        for name, run in tools.items():
            work = Path(tempfile.mkdtemp(prefix="clipdex-rounds-"))
            try:
                subprocess.run(["sync"], check=False)
                time.sleep(1)
                wall, cpu = run(work)
            finally:
                shutil.rmtree(work, ignore_errors=True)
            times[name] = wall
            walls[name].append(wall)
            cpus[name].append(cpu)
        print(json.dumps({"round": round_no, **{k: round(v, 3) for k, v in times.items()},
                          "cpu_s": {k: round(v[-1], 2) for k, v in cpus.items()}}),
              file=sys.stderr, flush=True)

    print(f"| {int(rounds)} interleaved rounds, jsonl | " + " | ".join(walls) + " |")
    print("|---" * (len(walls) + 1) + "|")
    print("| index wall s, median (min-max) | " + " | ".join(
        f"{statistics.median(w):.2f} ({min(w):.2f}-{max(w):.2f})" for w in walls.values()) + " |")
    print("| CPU s, median (min-max) | " + " | ".join(
        f"{statistics.median(c):.2f} ({min(c):.2f}-{max(c):.2f})" for c in cpus.values()) + " |")
    print("| cores busy (CPU s / wall s), median of the rounds | " + " | ".join(
        f"{statistics.median(c / w for c, w in zip(cpus[name], walls[name])):.2f}"
        for name in walls) + " |")
    peers_only = [name for name in walls if not name.startswith("clipdex")]
    for ours in [name for name in walls if name.startswith("clipdex")]:
        cells = ["-" for name in walls if name.startswith("clipdex")]
        for peer in peers_only:
            per_round = [theirs / mine for mine, theirs in zip(walls[ours], walls[peer])]
            cells.append(f"{statistics.median(per_round):.2f}x "
                         f"({min(per_round):.2f}-{max(per_round):.2f})")
        print(f"| {ours} docs/s / peer, median of the rounds' ratios (min-max) | "
              + " | ".join(cells) + " |")
    for ours in [name for name in walls if name.startswith("clipdex")]:
        cells = ["-" for name in walls if name.startswith("clipdex")]
        for peer in peers_only:
            per_round = [theirs / mine for mine, theirs in zip(cpus[ours], cpus[peer])]
            cells.append(f"{statistics.median(per_round):.2f}x")
        print(f"| peer's CPU s / {ours}'s, median of the rounds' ratios | "
              + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
