"""Helpers for the reliability suite: the CLI as a real process, hostile facts documents,
and the graph read back from either store in-process for exact comparison."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from factories import expected_graph

from graphkit.facts import FactsDocument
from graphkit.store.base import GraphData

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "facts" / "seed.json"


def graphkit(
    *args: str,
    db: Path | None = None,
    neo4j=None,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess:
    """Run ``python -m graphkit`` in the repository root on the embedded store at ``db`` or
    on the Neo4j of ``neo4j`` (a ``Neo4jTarget``), with extra environment ``env``."""
    command, full_env = _command(args, db, neo4j, env)
    return subprocess.run(
        command, input=stdin, capture_output=True, timeout=timeout, env=full_env, cwd=ROOT
    )


def start_graphkit(
    *args: str,
    db: Path | None = None,
    neo4j=None,
    env: dict[str, str] | None = None,
    capture: bool = False,
) -> subprocess.Popen:
    """:func:`graphkit` started in the background (to be killed, or to lose its store);
    with ``capture``, its output is kept for :func:`finish`."""
    command, full_env = _command(args, db, neo4j, env)
    output = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=output, stderr=output, env=full_env, cwd=ROOT
    )


def finish(process: subprocess.Popen, timeout: float = 120) -> subprocess.CompletedProcess:
    """Wait for a :func:`start_graphkit` process: its result as :func:`graphkit` gives it."""
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def kill_after(process: subprocess.Popen, seconds: float) -> bool:
    """SIGKILL ``process`` after ``seconds``; True if it was still running then."""
    try:
        process.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def _command(
    args: Sequence[str], db: Path | None, neo4j, env: dict[str, str] | None
) -> tuple[list[str], dict[str, str]]:
    command = [sys.executable, "-m", "graphkit"]
    full_env = dict(os.environ)
    if db is not None:
        command += ["--db", str(db)]
    if neo4j is not None:
        command += ["--neo4j", neo4j.uri]
        full_env.update(neo4j.env)
    full_env.update(env or {})
    return [*command, *args], full_env


def assert_prefix(graph: GraphData, docs: Sequence[FactsDocument]) -> int:
    """``graph`` holds whole reports, the first ``n`` in load order (what a load stopped
    between two transactions leaves): returns ``n``."""
    loaded = sum(node.label == "Report" for node in graph.nodes)
    assert graph == expected_graph(docs[:loaded]), loaded
    return loaded


def error_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.decode().splitlines() if line.startswith("error: ")]


def assert_one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> str:
    """Non-zero exit, no traceback, exactly one ``error:`` line holding every fragment."""
    stderr = result.stderr.decode()
    assert result.returncode != 0, stderr
    assert "Traceback" not in stderr, stderr
    lines = error_lines(result)
    assert len(lines) == 1, stderr
    for fragment in fragments:
        assert fragment in lines[0], stderr
    return lines[0]


def assert_ok(result: subprocess.CompletedProcess) -> None:
    assert result.returncode == 0, result.stderr.decode()


def open_for_reading(where: dict):
    """The store a ``cli_store`` value names, opened in-process to read the graph back."""
    if "db" in where:
        from graphkit.store.ladybug import LadybugStore

        return LadybugStore(where["db"], read_only=True)
    return where["neo4j"].open()


def store_args(where: dict) -> dict:
    """``graphkit()`` keyword arguments for a ``cli_store`` value."""
    return {"db": where.get("db"), "neo4j": where.get("neo4j")}
