"""``graphkit load --workers``: text reports extracted in worker processes while one writes.

Writes N synthetic press releases (bench_extract's templates, a fixed seed) as text files,
loads them with the real CLI into fresh embedded stores with ``--workers 1`` and with
``--workers W`` (default: the usable cores), and reports wall time, reports/s and the ratio;
then checks that the two graphs are identical. The pair runs ``--repeat`` times (default 3)
and the ratio reported is the median: single pairs on this 2-core machine gave x1.48 to
x1.93 with the same code.

    python benchmarks/bench_load_workers.py [--reports 10000] [--workers 2] [--repeat 3]
                                            [--json FILE]

The target (issue 15): on 2 cores, >= 1.7x the one-worker rate on 10,000 reports.
Wall time is what counts here; run it on a quiet machine (the load average is printed).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import report

from graphkit.parallel import usable_cores
from graphkit.store.ladybug import LadybugStore


def write_corpus(folder: Path, count: int) -> None:
    rng = random.Random(11)
    folder.mkdir(parents=True)
    for i in range(count):
        # a unique first line: each file is its own report
        (folder / f"r{i:05d}.txt").write_text(f"Report {i}\n\n{report(rng)}", encoding="utf-8")


def timed_load(folder: Path, db: Path, workers: int) -> float:
    command = [sys.executable, "-m", "graphkit", "--db", str(db), "load", str(folder)]
    start = time.perf_counter()
    done = subprocess.run(
        [*command, "--workers", str(workers)], capture_output=True, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"load --workers {workers} failed:\n{done.stderr}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=usable_cores())
    parser.add_argument("--repeat", type=int, default=3, help="pairs of loads (median ratio)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-workers-"))
    try:
        corpus = work / "reports"
        write_corpus(corpus, args.reports)
        print(f"{args.reports} reports; load average {os.getloadavg()} on {os.cpu_count()} cpus")
        runs = [load_pair(corpus, args.reports, work, args.workers) for _ in range(args.repeat)]
        ratio = statistics.median(run["ratio"] for run in runs)
        same = all(run["identical"] for run in runs)
        each = ", ".join(f"x{run['ratio']:.2f}" for run in runs)
        print(
            f"--workers {args.workers} is x{ratio:.2f} the one-worker rate (median of "
            f"{len(runs)}: {each}); identical graph: {same}; load average {os.getloadavg()}"
        )
        if args.json:
            payload = {"ratio": ratio, "identical": same, "reports": args.reports, "runs": runs}
            args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
        return 0 if same else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


def load_pair(corpus: Path, reports: int, work: Path, workers: int) -> dict[str, Any]:
    """One load with one worker, then one with ``workers``, each into a new store; the
    pairs alternate, so that the machine's drifts in speed (10-25 % here from one minute
    to the next) fall on both sides."""
    seconds: dict[int, float] = {}
    graphs = []
    for count in (1, workers):
        db = work / f"db{count}"
        shutil.rmtree(db, ignore_errors=True)
        seconds[count] = timed_load(corpus, db, count)
        rate = reports / seconds[count]
        print(f"load --workers {count}: {seconds[count]:.1f} s, {rate:.0f} reports/s", flush=True)
        with LadybugStore(db, read_only=True) as store:
            graphs.append(store.read_graph())
    return {
        "workers_1_s": seconds[1],
        f"workers_{workers}_s": seconds[workers],
        "ratio": seconds[1] / seconds[workers],
        "identical": graphs[0] == graphs[-1],
    }


if __name__ == "__main__":
    sys.exit(main())
