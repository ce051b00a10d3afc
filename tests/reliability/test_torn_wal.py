"""A process killed while committing leaves a torn write-ahead log; the embedded store opens.

The kill tests hit this by chance (CI once saw "the WAL file is corrupted" after a
SIGKILL); here the torn tail is made on purpose, at every kind of cut: a process commits
two reports and dies without closing, then its log is cut inside the second transaction
or has garbage appended. Opening must keep the first report whole and the second either
whole or absent, never refuse to open and never show half a report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from factories import expected_graph
from many_reports import small_report
from reliability_cli import ROOT

from graphkit.store.ladybug import LadybugStore

FIRST, SECOND = small_report(1), small_report(2)

# Commit two reports, print the log's size after each commit, die without a checkpoint.
WRITER = """
import os, sys
from many_reports import small_report
from graphkit.store.ladybug import LadybugStore
store = LadybugStore(sys.argv[1])
sizes = []
for i in (1, 2):
    store.write(small_report(i))
    sizes.append(os.path.getsize(store.path.with_name(store.path.name + ".wal")))
print(sizes, flush=True)
os._exit(0)
"""


@pytest.fixture(scope="module")
def crashed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    """A database left by a writer that died after two commits, and the log's sizes."""
    db = tmp_path_factory.mktemp("torn") / "db"
    tests = ROOT / "tests"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tests), str(tests / "reliability")]))
    done = subprocess.run(
        [sys.executable, "-c", WRITER, str(db)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    after_first, after_second = json.loads(done.stdout)
    assert after_first < after_second
    return db, after_first, after_second


def copy_with_wal(crashed: tuple[Path, int, int], target: Path, wal: bytes) -> Path:
    db = crashed[0]
    target.mkdir()
    for file in db.iterdir():
        (target / file.name).write_bytes(file.read_bytes())
    (target / "graph.lbug.wal").write_bytes(wal)
    return target


def reopened(db: Path):
    with LadybugStore(db) as store:
        return store.read_graph()


def wal_of(crashed: tuple[Path, int, int]) -> bytes:
    return (crashed[0] / "graph.lbug.wal").read_bytes()


def test_the_intact_log_replays_both_reports(crashed, tmp_path) -> None:
    db = copy_with_wal(crashed, tmp_path / "db", wal_of(crashed))
    assert reopened(db) == expected_graph([FIRST, SECOND])


@pytest.mark.parametrize("cut", [1, 7, 0.25, 0.5, 0.75, -16, -1])
def test_a_log_cut_inside_the_last_commit_keeps_the_one_before(crashed, tmp_path, cut) -> None:
    _, after_first, after_second = crashed
    span = after_second - after_first
    offset = after_first + (int(span * cut) if isinstance(cut, float) else cut % span)
    db = copy_with_wal(crashed, tmp_path / "db", wal_of(crashed)[:offset])
    assert reopened(db) == expected_graph([FIRST])
    # The torn tail is gone for good: the store takes new writes and keeps them.
    with LadybugStore(db) as store:
        store.write(SECOND)
    assert reopened(db) == expected_graph([FIRST, SECOND])


@pytest.mark.parametrize("tail", [b"\x00" * 9, b"\xff" * 4096, bytes(range(256)) * 3])
def test_garbage_after_the_last_commit_is_dropped(crashed, tmp_path, tail) -> None:
    db = copy_with_wal(crashed, tmp_path / "db", wal_of(crashed) + tail)
    assert reopened(db) == expected_graph([FIRST, SECOND])
