"""Reading the whole graph back (what analyze, disrupt, path, views and exports start with).

N synthetic facts documents (benchmarks/common.py) are written into one embedded store and
one Neo4j; then ``GraphStore.read_graph`` is timed on each, without evidence (what
analytics read) and with it (views, exports), ``--repeat`` times. On Neo4j the graph is
also read with one row per Bolt record (``Dialect.rows_per_record = None``, how graphkit
read it before), for the ratio; whether the driver's Rust codec (``neo4j-rust-ext``, in
``graphkit[fast]``) is installed is printed.

    python benchmarks/bench_read.py                   # 20,000 documents
    python benchmarks/bench_read.py --documents 2000 --json out.json
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from common import (
    input_documents,
    load_average,
    machine,
    neo4j_server,
    store_arguments,
    wipe_neo4j,
)

from graphkit.store.base import GraphStore
from graphkit.store.ladybug import LadybugStore
from graphkit.store.neo4j import Neo4jStore
from graphkit.store.statements import Dialect

BATCH = 200  # graphkit.load.BATCH_DOCUMENTS


def timed_reads(store: GraphStore, repeat: int) -> dict[str, Any]:
    """Seconds per read, without and with evidence, ``repeat`` times each (alternating)."""
    out: dict[str, Any] = {"without_evidence": [], "with_evidence": []}
    for _ in range(repeat):
        for name, evidence in (("without_evidence", False), ("with_evidence", True)):
            gc.collect()
            t = time.perf_counter()
            graph = store.read_graph(evidence=evidence)
            out[name].append(time.perf_counter() - t)
            out["nodes"], out["edges"] = len(graph.nodes), len(graph.edges)
            del graph
    return out


@contextmanager
def rows_per_record(store: GraphStore, size: int | None) -> Iterator[None]:
    saved = store.dialect
    dialect = Dialect()
    dialect.rows_per_record = size
    store.dialect = dialect
    try:
        yield
    finally:
        store.dialect = saved


def fill(store: GraphStore, docs: list) -> float:
    t = time.perf_counter()
    for i in range(0, len(docs), BATCH):
        store.write_many(docs[i : i + BATCH])
    return time.perf_counter() - t


def show(name: str, r: dict[str, Any]) -> None:
    def span(xs: list[float]) -> str:
        return f"{min(xs):.2f}-{max(xs):.2f} s" if len(xs) > 1 else f"{xs[0]:.2f} s"

    print(
        f"  {name}: {r['nodes']} nodes, {r['edges']} relationships; without evidence "
        f"{span(r['without_evidence'])}, with evidence {span(r['with_evidence'])}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    store_arguments(parser)
    args = parser.parse_args()
    docs = input_documents(args.documents)
    rust = importlib.util.find_spec("neo4j._rust") is not None
    print(
        f"{machine()}; {len(docs)} documents; neo4j-rust-ext {'installed' if rust else 'absent'}"
        f"; load average {load_average()}",
        flush=True,
    )
    results: dict[str, Any] = {"documents": len(docs), "neo4j_rust_ext": rust}
    if "embedded" in args.stores:
        folder = Path(tempfile.mkdtemp(prefix="bench-read-"))
        try:
            with LadybugStore(folder / "db") as store:
                results["embedded_fill_seconds"] = fill(store, docs)
                results["embedded"] = timed_reads(store, args.repeat)
                show("embedded", results["embedded"])
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    if "neo4j" in args.stores:
        with neo4j_server(args.neo4j_uri) as bolt, Neo4jStore(bolt) as store:
            wipe_neo4j(store)
            results["neo4j_fill_seconds"] = fill(store, docs)
            results["neo4j"] = timed_reads(store, args.repeat)
            show(f"neo4j, {store.dialect.rows_per_record} rows a record", results["neo4j"])
            with rows_per_record(store, None):
                results["neo4j_row_per_record"] = timed_reads(store, args.repeat)
            show("neo4j, a row a record", results["neo4j_row_per_record"])
            old = min(results["neo4j_row_per_record"]["without_evidence"])
            new = min(results["neo4j"]["without_evidence"])
            results["neo4j_ratio"] = old / new
            print(f"  neo4j: records of many rows x{old / new:.1f} (best of each)", flush=True)
            wipe_neo4j(store)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
