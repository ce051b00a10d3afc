"""Does writing slow down as the store grows? Slices of reports into one store, timed each.

N synthetic facts documents (benchmarks/common.py: ~30 relationships each, agencies and
countries shared as in real reports) are written in ``--slices`` slices of ``--slice``
documents, each slice in batches of 200 documents per transaction
(:meth:`GraphStore.write_many`, as ``graphkit load`` writes), into one embedded store and
one Neo4j. Each slice's rate is printed; the ratio last / first is the number that matters
(target: >= 0.8, a flat cost per report). Then the last slice is written again, unchanged
(the skip-unchanged path), and its time compared with writing it new.

The whole sequence runs ``--repeat`` times per store, each into a new store, and the ratios
reported are the runs' medians (each run's are printed and kept in the JSON): on this
2-core machine one run's last/first ratio moved between 0.53 and 0.97 from one run to the
next with the same input, by as much as the target's margin, so one run says little.

    python benchmarks/bench_load_scaling.py                       # 10 x 2,000 (issue 15), 3 runs
    python benchmarks/bench_load_scaling.py --slices 4 --slice 500 --repeat 1 --json out.json
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import input_documents, load_average, machine, neo4j_server, store_arguments, wipe_neo4j

from graphkit.store.base import GraphStore
from graphkit.store.ladybug import LadybugStore
from graphkit.store.neo4j import Neo4jStore

BATCH = 200  # graphkit.load.BATCH_DOCUMENTS


def write_slices(store: GraphStore, docs: list, slice_size: int) -> dict[str, Any]:
    rates, seconds = [], []
    for start in range(0, len(docs), slice_size):
        part = docs[start : start + slice_size]
        rels = sum(len(d.relationships) for d in part)
        t = time.perf_counter()
        for i in range(0, len(part), BATCH):
            store.write_many(part[i : i + BATCH])
        elapsed = time.perf_counter() - t
        seconds.append(elapsed)
        rates.append(len(part) / elapsed)
        print(
            f"  slice {start // slice_size + 1}: {elapsed:.1f} s, {len(part) / elapsed:.0f} "
            f"reports/s, {rels / elapsed:.0f} rel/s (store holds {start + len(part)})",
            flush=True,
        )
    last = docs[-slice_size:]
    t = time.perf_counter()
    for i in range(0, len(last), BATCH):
        store.write_many(last[i : i + BATCH])
    unchanged = time.perf_counter() - t
    print(f"  the last slice again, unchanged: {unchanged:.1f} s", flush=True)
    return {
        "slice_seconds": seconds,
        "rates": rates,
        "last_over_first": rates[-1] / rates[0],
        "unchanged_seconds": unchanged,
        "new_over_unchanged": seconds[-1] / max(unchanged, 1e-9),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slices", type=int, default=10)
    parser.add_argument("--slice", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per store (medians)")
    store_arguments(parser)
    args = parser.parse_args(argv)
    docs = input_documents(args.slices * args.slice)
    print(f"{machine()}; {len(docs)} documents; load average {load_average()}", flush=True)
    results: dict[str, Any] = {}
    stores: dict[str, Callable[[], Any]] = {}
    if "embedded" in args.stores:
        stores["embedded"] = embedded
    if "neo4j" in args.stores:
        stores["neo4j"] = lambda: neo4j(args.neo4j_uri)
    for name, run in stores.items():
        runs = []
        for i in range(args.repeat):
            print(f"{name}, run {i + 1} of {args.repeat}:", flush=True)
            runs.append(run()(docs, args.slice))
        results[name] = r = medians(runs)
        print(
            f"{name}: last slice / first slice = {r['last_over_first']:.2f} (target >= 0.8); "
            f"unchanged reload {r['new_over_unchanged']:.1f}x faster than new (target >= 10)"
            + (
                f"; medians of {len(runs)} runs: "
                + ", ".join(f"{x['last_over_first']:.2f}" for x in runs)
                + " and "
                + ", ".join(f"{x['new_over_unchanged']:.1f}x" for x in runs)
                if len(runs) > 1
                else ""
            ),
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The runs' median ratios, and the runs themselves."""
    return {
        "last_over_first": statistics.median(r["last_over_first"] for r in runs),
        "new_over_unchanged": statistics.median(r["new_over_unchanged"] for r in runs),
        "runs": runs,
    }


def embedded() -> Callable[[list, int], dict[str, Any]]:
    def run(docs: list, slice_size: int) -> dict[str, Any]:
        folder = Path(tempfile.mkdtemp(prefix="bench-scaling-"))
        try:
            with LadybugStore(folder / "db") as store:
                return write_slices(store, docs, slice_size)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    return run


def neo4j(uri: str | None) -> Callable[[list, int], dict[str, Any]]:
    def run(docs: list, slice_size: int) -> dict[str, Any]:
        with neo4j_server(uri) as bolt, Neo4jStore(bolt) as store:
            wipe_neo4j(store)
            return write_slices(store, docs, slice_size)

    return run


if __name__ == "__main__":
    sys.exit(main())
