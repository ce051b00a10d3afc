"""Two ``load`` processes on one embedded store: the second stops with one clear line (or
waits its turn), and the store is never corrupted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from factories import expected_graph
from many_reports import write_reports
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
    # whatever happened, loading both again completes the graph, without duplicates
    assert_ok(graphkit("load", str(tmp_path / "a"), str(tmp_path / "b"), db=db))
    with LadybugStore(db, read_only=True) as store:
        assert store.read_graph() == expected_graph(first + second)
