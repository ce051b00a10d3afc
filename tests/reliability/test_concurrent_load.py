"""Two ``load`` processes on one embedded store: the second stops with one clear line (or
waits its turn), and the store is never corrupted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from factories import expected_graph
from many_reports import small_report, write_reports
from reliability_cli import ROOT, SEED, assert_ok, assert_one_line_error, error_lines, graphkit

from graphkit.facts import FactsDocument
from graphkit.store.ladybug import LadybugStore

HOLD = """
import sys
from graphkit.store.ladybug import LadybugStore
store = LadybugStore(sys.argv[1])
print("open", flush=True)
sys.stdin.read()
store.close()
"""


@pytest.fixture
def held(tmp_path: Path):
    """An embedded store held open for writing by another graphkit process."""
    db = tmp_path / "db"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=dict(os.environ),
    )
    assert holder.stdout is not None and holder.stdout.readline() == b"open\n"
    yield db, holder
    if holder.poll() is None:
        holder.communicate(b"", timeout=60)


def test_load_on_a_store_in_use_stops_with_one_line(held) -> None:
    db, holder = held
    result = graphkit("load", str(SEED), db=db)
    line = assert_one_line_error(result, str(db))
    assert "in use by another graphkit process" in line, line
    holder.communicate(b"", timeout=60)  # the other process finishes: loading works again
    assert_ok(graphkit("load", str(SEED), db=db))
    with LadybugStore(db, read_only=True) as store:
        assert store.read_graph() == expected_graph([FactsDocument.read(SEED)])


def test_the_message_says_the_store_is_in_use(held) -> None:
    db, _ = held
    line = assert_one_line_error(graphkit("load", str(SEED), db=db))
    assert "in use by another" in line, line


def test_two_loads_at_once_never_corrupt_the_store(tmp_path: Path) -> None:
    first = write_reports(tmp_path / "a", 300)
    second = write_reports(tmp_path / "b", 300, start=300)
    db = tmp_path / "db"
    command = [sys.executable, "-m", "graphkit", "--db", str(db), "load"]
    processes = [
        subprocess.Popen(
            [*command, str(tmp_path / name)],
            cwd=ROOT,
            env=dict(os.environ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name in ("a", "b")
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    results = [
        subprocess.CompletedProcess(p.args, p.returncode, *out)
        for p, out in zip(processes, outputs, strict=True)
    ]
    for result in results:
        assert b"Traceback" not in result.stderr, result.stderr.decode()
        if result.returncode != 0:  # stopped: one line, about the store, nothing else
            assert len(error_lines(result)) == 1, (result.returncode, result.stderr.decode())
            [line] = error_lines(result)
            assert str(db) in line and "in use by another graphkit process" in line, line
    assert any(r.returncode == 0 for r in results)
    # whatever happened, loading both again completes the graph, without duplicates: the
    # graph of loading the two folders one after the other, in the order the race gave
    # (a report already stored with the same facts is not written again, so the winner's
    # values of shared nodes are not rewritten by the second load)
    assert_ok(graphkit("load", str(tmp_path / "a"), str(tmp_path / "b"), db=db))
    with LadybugStore(db, read_only=True) as store:
        graph = store.read_graph()
    assert graph in (expected_graph(first + second), expected_graph(second + first))


READER = """
import json, sys, time
from factories import expected_graph
from many_reports import small_report
from graphkit.errors import StoreBusy
from graphkit.store.ladybug import LadybugStore

db, total, until = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
docs = [small_report(i) for i in range(total)]
seen = []
while time.time() < until and len(seen) < 40:
    try:
        with LadybugStore(db, read_only=True) as store:
            graph = store.read_graph()
    except StoreBusy as exc:
        seen.append(["busy", str(exc)])
        continue
    loaded = sum(node.label == "Report" for node in graph.nodes)
    seen.append(["read", loaded, graph == expected_graph(docs[:loaded])])
print(json.dumps(seen))
"""


def test_readers_during_a_load_see_whole_committed_reports_or_busy(tmp_path: Path) -> None:
    """A reader opening the embedded store while a load writes it gets the last committed
    graph (whole reports, in load order) or a clear "busy" error, never "the WAL file is
    corrupted" or "Reading past the end of ...wal"."""
    total = 1_200
    write_reports(tmp_path / "first", 100)
    docs_rest = write_reports(tmp_path / "rest", total - 100, start=100)
    assert docs_rest
    db = tmp_path / "db"
    assert_ok(graphkit("load", str(tmp_path / "first"), db=db))
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(ROOT / "tests"), str(ROOT / "tests" / "reliability")]),
    )
    loader = subprocess.Popen(
        [sys.executable, "-m", "graphkit", "--db", str(db), "load", str(tmp_path / "rest")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    until = str(time.time() + 240)
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db), str(total), until],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    cli_results = []
    while loader.poll() is None:
        cli_results.append(graphkit("stats", db=db))
    _, loader_err = loader.communicate(timeout=300)
    assert loader.returncode == 0, loader_err.decode()
    out, err = reader.communicate(timeout=300)
    assert reader.returncode == 0, err.decode()
    seen = json.loads(out)
    assert seen and all(entry[0] in ("read", "busy") for entry in seen), seen
    for entry in seen:
        if entry[0] == "read":
            assert entry[2], f"{entry[1]} reports: not the graph of whole committed reports"
        else:
            assert "is busy" in entry[1] and "try again" in entry[1], entry
    for result in cli_results:
        if result.returncode != 0:
            assert_one_line_error(result, "is busy")
    with LadybugStore(db, read_only=True) as store:
        assert store.read_graph() == expected_graph([small_report(i) for i in range(total)])
