"""The soak benchmark's code path at a tiny scale, so `make bench` does not find it broken.

benchmarks/bench_soak.py runs the real ``graphkit load`` and ``graphkit query`` CLIs and
the real embedded store; here with 50 reports and 22 queries (embedded only). The graph
check it relies on is also shown to notice a wrong count and a duplicated relationship.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from graphkit.store.ladybug import LadybugStore
from graphkit.store.neo4j import Neo4jStore

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@contextlib.contextmanager
def benchmark(name: str) -> Iterator[ModuleType]:
    """benchmarks/<name>.py imported as a module, with its folder on the path while in use
    (the scripts import their sibling ``common``)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(str(BENCHMARKS))
        sys.modules.pop(name, None)
        sys.modules.pop("common", None)


@pytest.fixture(scope="module")
def bench() -> Iterator[ModuleType]:
    with benchmark("bench_soak") as module:
        yield module


def test_soak_at_tiny_scale(bench: ModuleType) -> None:
    names = sorted(bench.query_library.library())
    results = bench.soak(
        reports=50, queries=2 * len(names), cli_count=2, stores=("embedded",), only=names
    )
    r = results["stores"]["embedded"]
    assert r["after_load"]["wrong_counts"] == {} and r["after_load"]["duplicates"] == {}
    assert r["after_load"]["relationships"] == results["expected_relationships"] > 1000
    assert r["after_load"]["nodes"] == results["expected_nodes"]
    assert r["idempotent"] and r["graph_ok"]
    assert r["load"]["wall_s"] > 0 and r["load"]["loader_peak_rss_kib"] > 10_000
    assert r["reload"]["wall_s"] > 0
    per_query = r["queries"]["per_query"]
    assert sorted(per_query) == names
    for name, s in per_query.items():
        assert (s["n"], s["errors"], s["zero_rows"]) == (2, 0, 0), (name, s)
    assert r["queries"]["queries_per_s"] > 0 and r["queries"]["process_peak_rss_kib"] > 0
    cli = r["cli_queries"]
    assert cli["queries"] == 2
    assert all(s["errors"] == 0 and s["rows_min"] > 0 for s in cli["per_query"].values()), cli


def test_graph_check_notices_wrong_counts_and_duplicates(bench: ModuleType, tmp_path: Path):
    docs = bench.soak_documents(5)
    expected = bench.expected_counts(docs)
    with LadybugStore(tmp_path / "db") as store:
        store.write_many(docs)

    def open_read() -> LadybugStore:
        return LadybugStore(tmp_path / "db", read_only=True)

    assert bench.check_graph(open_read, expected)["ok"]
    bumped = {kind: dict(names) for kind, names in expected.items()}
    bumped["nodes"]["Country"] += 1
    wrong = bench.check_graph(open_read, bumped)
    assert not wrong["ok"]
    assert wrong["wrong_counts"] == {
        "nodes.Country": [expected["nodes"]["Country"], expected["nodes"]["Country"] + 1]
    }

    seizure = next(rel for rel in docs[0].relationships if rel.type == "SEIZED")
    with LadybugStore(tmp_path / "db") as store:  # the same report's relationship, twice
        store.run(
            "MATCH (a:Operation {key: $a}), (b:Seizure {key: $b}) "
            "CREATE (a)-[:SEIZED {report: $report}]->(b)",
            {"a": seizure.src.key, "b": seizure.dst.key, "report": docs[0].report.key},
            write=True,
        )
    doubled = bench.check_graph(open_read, expected)
    assert not doubled["ok"]
    n = expected["relationships"]["SEIZED"]
    assert doubled["duplicates"] == {"SEIZED(Operation->Seizure)": [n + 1, n]}


def test_load_scaling_at_tiny_scale(tmp_path: Path) -> None:
    """benchmarks/bench_load_scaling.py's code path (make bench: 10 slices of 2,000, 3 runs):
    every run's slices, and the medians of the runs' ratios."""
    out = tmp_path / "scaling.json"
    assert gc.get_freeze_count() == 0
    with benchmark("bench_load_scaling") as bench:
        argv = ["--stores", "embedded", "--slices", "3", "--slice", "10", "--repeat", "3"]
        try:
            assert bench.main([*argv, "--json", str(out)]) == 0
        finally:
            gc.unfreeze()  # the benchmark freezes its input documents for its process's life
    embedded = json.loads(out.read_text(encoding="utf-8"))["embedded"]
    runs = embedded["runs"]
    assert [len(r["rates"]) for r in runs] == [3, 3, 3]
    assert all(r["last_over_first"] == r["rates"][-1] / r["rates"][0] for r in runs)
    for ratio in ("last_over_first", "new_over_unchanged"):
        assert embedded[ratio] == sorted(r[ratio] for r in runs)[1]


def test_load_workers_at_tiny_scale(tmp_path: Path) -> None:
    """benchmarks/bench_load_workers.py's code path (make bench: 10,000 reports, 3 pairs):
    each pair's loads through the real CLI, the same graph both ways, the median ratio."""
    out = tmp_path / "workers.json"
    with benchmark("bench_load_workers") as bench:
        argv = ["--reports", "12", "--workers", "2", "--repeat", "3", "--json", str(out)]
        assert bench.main(argv) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    runs = result["runs"]
    assert len(runs) == 3 and all(run["identical"] for run in runs)
    assert all(run["ratio"] == run["workers_1_s"] / run["workers_2_s"] for run in runs)
    assert result["ratio"] == sorted(run["ratio"] for run in runs)[1]


def test_heavy_load_at_tiny_scale() -> None:
    """benchmarks/bench_heavy_load.py's code path (make bench: 4 files x 100,000 nodes)."""
    with benchmark("bench_heavy_load") as module:
        results = module.run(files=2, nodes=500, stores=["embedded"], neo4j_uri=None)
    embedded = results["stores"]["embedded"]
    assert embedded["exit"] == 0 and embedded["people"] == 1_000, embedded
    assert 0 < embedded["peak_rss_gib"] < 4


def test_exact_betweenness_benchmark_at_tiny_scale() -> None:
    """bench_analytics.py --exact's phases on a 600-node graph: the sampled estimate, and
    networkx against the igraph engine's exact betweenness."""
    with benchmark("bench_analytics") as bench:
        out = bench.phase_exact(600, 50, "1")
        assert out["searches"] + out["leaves_folded"] + out["twins_folded"] <= out["nodes"]
        assert [(r["weighted"], r["workers"], r["searches_timed"]) for r in out["runs"]] == [
            (True, 1, 50),
            (False, 1, 50),
        ]
        assert all(r["estimated"] and r["total_wall_s"] > r["wall_s"] for r in out["runs"])
        compared = bench.phase_exact_compare(300)
        assert compared["hops"]["max_difference"] < 1e-9
        assert compared["weighted"]["networkx_s"] > 0 and compared["weighted"]["igraph_s"] > 0


def test_read_benchmark_at_tiny_scale(neo4j_store: Neo4jStore) -> None:
    """benchmarks/bench_read.py's code path: both stores read the same graph, and the
    one-row-a-record read it compares with gives the same graph and restores the dialect."""
    with benchmark("bench_read") as bench, tempfile.TemporaryDirectory() as folder:
        docs = sys.modules["common"].synthetic_documents(40)  # the benchmark's sibling
        with LadybugStore(Path(folder) / "db") as embedded:
            assert bench.fill(embedded, docs) > 0
            timed = bench.timed_reads(embedded, 2)
            graph = embedded.read_graph()
        assert bench.fill(neo4j_store, docs) > 0
        assert neo4j_store.read_graph() == graph
        dialect = neo4j_store.dialect
        with bench.rows_per_record(neo4j_store, None):
            assert neo4j_store.dialect.rows_per_record is None
            assert neo4j_store.read_graph() == graph
        assert neo4j_store.dialect is dialect
    assert (timed["nodes"], timed["edges"]) == (len(graph.nodes), len(graph.edges))
    assert [len(timed["without_evidence"]), len(timed["with_evidence"])] == [2, 2]
