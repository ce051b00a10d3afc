"""SIGKILL the loader at several points of a 1,000-report load into the embedded store.

After each kill the graph is exactly that of a prefix of the inputs (whole transactions
only), and re-running ``load`` ends with exactly the graph of an uninterrupted run.
"""

from __future__ import annotations

import os
import random
import subprocess
import time
from pathlib import Path

import pytest
from factories import expected_graph
from many_reports import write_reports
from reliability_cli import assert_ok, assert_prefix, graphkit, kill_after, start_graphkit

from graphkit.store.ladybug import LadybugStore

REPORTS = 1000
# Kill points: random fractions of an uninterrupted run's duration, seeded; the seed is in
# every failure message, and GRAPHKIT_KILL_SEED replays it.
SEED = int(os.environ.get("GRAPHKIT_KILL_SEED") or random.randrange(1 << 32))
_RNG = random.Random(SEED)
FRACTIONS = tuple(sorted(_RNG.uniform(0.05, 0.75) for _ in range(4)))


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("kill") / "inputs"
    docs = write_reports(folder, REPORTS)
    return folder, docs


@pytest.fixture(scope="module")
def reference(reports, tmp_path_factory: pytest.TempPathFactory):
    """The uninterrupted run: its graph and how long it took."""
    folder, docs = reports
    db = tmp_path_factory.mktemp("reference") / "db"
    started = time.monotonic()
    assert_ok(graphkit("load", str(folder), db=db))
    duration = time.monotonic() - started
    graph = read(db)
    assert graph == expected_graph(docs)
    return graph, duration


def read(db: Path):
    with LadybugStore(db) as store:  # read-write: recovery after a kill may need to write
        return store.read_graph()


def start_load(folder: Path, db: Path) -> subprocess.Popen:
    return start_graphkit("load", str(folder), db=db)


def test_rerun_after_kills_gives_the_uninterrupted_graph(reports, reference, tmp_path) -> None:
    folder, docs = reports
    graph, duration = reference
    print(f"kill seed {SEED} (GRAPHKIT_KILL_SEED), fractions {FRACTIONS}")  # shown on failure
    interrupted = 0
    for i, fraction in enumerate(FRACTIONS):
        db = tmp_path / f"db{i}"
        interrupted += kill_after(start_load(folder, db), duration * fraction)
        if db.exists():
            assert_prefix(read(db), docs)
        assert_ok(graphkit("load", str(folder), db=db))
        assert read(db) == graph, (SEED, fraction)
    assert interrupted >= len(FRACTIONS) - 1  # the kills did land during the load


def test_repeated_kills_on_one_store(reports, reference, tmp_path) -> None:
    """Kill, restart, kill again... on the same store; then finish: nothing lost or doubled."""
    folder, docs = reports
    graph, duration = reference
    db = tmp_path / "db"
    print(f"kill seed {SEED} (GRAPHKIT_KILL_SEED), fractions {FRACTIONS}")  # shown on failure
    progress = []
    for fraction in FRACTIONS:
        kill_after(start_load(folder, db), duration * fraction)
        if db.exists():
            progress.append(assert_prefix(read(db), docs))
    assert_ok(graphkit("load", str(folder), db=db))
    assert read(db) == graph, SEED
    assert progress == sorted(progress)  # a restart never loses what was committed
