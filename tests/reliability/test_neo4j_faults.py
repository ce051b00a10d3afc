"""Faults during a 1,000-report load into Neo4j: the loader SIGKILLed at random points, and
the server stopped (SIGTERM) or killed (SIGKILL) under it.

After each fault the graph holds whole reports, a prefix of the inputs (one transaction
per batch), and re-running ``load`` ends with exactly the graph of an uninterrupted run.

A killed client's last transaction may outlive it on the server: still running its
statement, or committing (the client had sent COMMIT before it died). Neo4j reads are
read committed, not snapshots, so a read overlapping that commit can see part of it
(even within one statement: a node matched by label whose key reads null). The graph is
therefore read only once the server runs no transaction but ours (:func:`wait_until_quiet`).
The kill points are random (seeded; the seed is in every failure message): set
``GRAPHKIT_KILL_SEED`` to replay one.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from factories import expected_graph
from many_reports import write_reports
from reliability_cli import (
    assert_ok,
    assert_one_line_error,
    assert_prefix,
    finish,
    graphkit,
    start_graphkit,
)

from graphkit.store.neo4j import Neo4jStore

# tests/neo4j/server.py, as tests/conftest.py loaded it (a module named ``neo4j`` would
# shadow the driver, so it is not importable by its own name).
server_module = sys.modules["graphkit_test_neo4j_server"]

pytestmark = pytest.mark.neo4j

REPORTS = 1000
BATCH = 200  # graphkit.load.BATCH_DOCUMENTS: the reports of one transaction
SEED = int(os.environ.get("GRAPHKIT_KILL_SEED") or random.randrange(1 << 32))
QUIET_TIMEOUT = 120.0
ERROR_TIMEOUT = 90.0  # the CLI must fail well within this after Neo4j goes (~30-40 s)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("neo4j-faults") / "inputs"
    docs = write_reports(folder, REPORTS)
    return folder, docs


def report_count(store: Neo4jStore) -> int:
    return int(store.run("MATCH (r:Report) RETURN count(r)").rows[0][0])


def wait_until_quiet(store: Neo4jStore) -> None:
    """Until the server runs no transaction but the one asking (twice in a row)."""
    deadline = time.monotonic() + QUIET_TIMEOUT
    quiet = 0
    while quiet < 2:
        # SHOW TRANSACTIONS lists other sessions' work: not a read-only query (see readonly.py)
        shown = store.run("SHOW TRANSACTIONS YIELD transactionId RETURN count(*)", write=True)
        others = shown.rows[0][0] - 1
        quiet = quiet + 1 if others == 0 else 0
        assert time.monotonic() < deadline, f"{others} transactions still open on Neo4j"
        time.sleep(0.1)


def settled_graph(store: Neo4jStore):
    wait_until_quiet(store)
    return store.read_graph()


def run_until(process: subprocess.Popen, reached: Callable[[], bool], timeout: float = 120) -> bool:
    """Poll ``reached`` while ``process`` runs; True once it holds, False if the process ended."""
    deadline = time.monotonic() + timeout
    while process.poll() is None:
        if reached():
            return True
        assert time.monotonic() < deadline, "the load made no progress"
        time.sleep(0.05)
    return False


# --------------------------------------------------------------------------------------
# 1. The loader killed (the session's Neo4j)
# --------------------------------------------------------------------------------------


def kill_at_random_point(
    store: Neo4jStore, folder: Path, target, rng: random.Random, progress: int
) -> str:
    """Start a load and SIGKILL it at a random point: once the store holds 1-3 batches
    more than ``progress`` (plus up to a second), or after a random 1-3 s (while it
    reads, writes its first batch, or rewrites the batches already there). Returns where
    it landed.

    Whatever the draw, the kill comes at the latest once only the last batch is left to
    write, so a fast machine cannot finish the load first (a load of 1,000 reports takes
    under 3 s on some). When the store already holds all but the last batch, a re-run's
    last batch cannot be seen coming and the kill may miss."""
    goal = progress + rng.randrange(1, 4) * BATCH
    by_time = goal > REPORTS - BATCH or rng.random() < 0.4
    delay = rng.uniform(1.0, 3.0) if by_time else rng.uniform(0.0, 1.0)
    last_batch_only = max(progress + BATCH, REPORTS - BATCH)
    process = start_graphkit("load", str(folder), neo4j=target)
    started = time.monotonic()
    try:
        if by_time or run_until(process, lambda: report_count(store) >= goal):
            moment = time.monotonic() + delay
            run_until(
                process,
                lambda: time.monotonic() >= moment or report_count(store) >= last_batch_only,
            )
    finally:
        process.kill()
        killed = process.wait() == -9
    how = "at a random time" if by_time else f"once {goal} reports were in"
    return f"{time.monotonic() - started:.1f}s in ({how}), {'killed' if killed else 'finished'}"


@pytest.fixture
def session_neo4j(empty_neo4j) -> Iterator[tuple[object, Neo4jStore]]:
    with empty_neo4j.open() as store:
        yield empty_neo4j, store


def test_rerun_after_a_kill_gives_the_uninterrupted_graph(reports, session_neo4j) -> None:
    """A kill on an empty store leaves a prefix; a re-run completes it."""
    folder, docs = reports
    target, store = session_neo4j
    kill = kill_at_random_point(store, folder, target, random.Random(SEED), 0)
    loaded = assert_prefix(settled_graph(store), docs)
    context = f"seed {SEED}: kill {kill}, {loaded} reports loaded"
    assert "killed" in kill, context  # it landed during the load
    assert_ok(graphkit("load", str(folder), neo4j=target))
    assert store.read_graph() == expected_graph(docs), context
    print(context)


def test_repeated_kills_then_a_rerun(reports, session_neo4j) -> None:
    """Kill, restart, kill again... on one store (re-runs rewrite what is there): nothing
    committed is ever lost, and the last run ends with the uninterrupted graph."""
    folder, docs = reports
    target, store = session_neo4j
    rng = random.Random(SEED + 1)
    progress = [0]
    kills = []
    for _ in range(3):
        kills.append(kill_at_random_point(store, folder, target, rng, progress[-1]))
        progress.append(assert_prefix(settled_graph(store), docs))
    context = f"seed {SEED + 1}: kills {kills}, reports loaded after each {progress[1:]}"
    assert sum("killed" in kill for kill in kills) >= len(kills) - 1, context
    assert progress == sorted(progress), context  # a restart never loses what was committed
    assert_ok(graphkit("load", str(folder), neo4j=target))
    assert store.read_graph() == expected_graph(docs), context
    print(context)


# --------------------------------------------------------------------------------------
# 2. Neo4j stopped under the loader (a dedicated server whose data survives a restart)
# --------------------------------------------------------------------------------------


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[object]:
    server = server_module.Neo4jServer(home=tmp_path / "neo4j-home")
    server.start()
    try:
        yield server
    finally:
        server.kill()  # its data is thrown away: no need for a clean shutdown


def load_until_stopped(server, folder: Path, docs, stop: Callable[[], None]):
    """Start a load, let it commit a batch more than the store holds, then ``stop`` the
    server: the CLI ends with one line naming a report, and every report before it is in
    the graph found after a restart. Returns (reports loaded, seconds to the error)."""
    uri = server.uri
    env = {"NEO4J_URI": uri}
    with Neo4jStore(uri) as store:
        before = report_count(store)
        goal = before + BATCH
        assert goal < REPORTS
        process = start_graphkit("load", str(folder), env=env, capture=True)
        reached = run_until(process, lambda: report_count(store) >= goal)
    assert reached, finish(process).stderr.decode()
    stopped = time.monotonic()
    stop()
    # measured from when the server is gone: a clean shutdown first waits for the load's
    # transaction and checkpoints, which takes the server longer on a slower machine
    gone = time.monotonic()
    result = finish(process, timeout=ERROR_TIMEOUT)
    to_error = time.monotonic() - gone
    assert to_error < 60, (to_error, gone - stopped)
    line = assert_one_line_error(result, str(folder), "lost Neo4j", "run load again")
    named = line.split("error: ", 1)[1].split(":", 1)[0]
    assert Path(named).parent == folder, line
    assert server.start() == uri  # started again on the same data, and port
    with Neo4jStore(uri) as store:
        loaded = assert_prefix(settled_graph(store), docs)
    first_missing = int(Path(named).stem[1:])  # r0400.json -> 400
    assert goal <= loaded, (goal, loaded)  # nothing committed was lost
    assert first_missing <= loaded, (line, loaded)  # "those before it are" loaded
    print(f"\n{line}")
    return loaded, to_error


def test_neo4j_stopped_then_killed_during_a_load(reports, own_server) -> None:
    """SIGTERM (a clean shutdown: the load's transaction is terminated, then connections
    are refused), restart, SIGKILL (a crash, often while the load commits), restart: each
    time one line naming a report within 60 s; the last re-run completes the graph."""
    folder, docs = reports
    server = own_server
    figures = {}
    figures["sigterm"] = load_until_stopped(server, folder, docs, server.stop)
    figures["sigkill"] = load_until_stopped(server, folder, docs, server.kill)
    started = time.monotonic()
    assert_ok(graphkit("load", str(folder), env={"NEO4J_URI": server.uri}))
    figures["rerun"] = time.monotonic() - started
    with Neo4jStore(server.uri) as store:
        assert store.read_graph() == expected_graph(docs), figures
    print(f"neo4j faults: {figures}")
