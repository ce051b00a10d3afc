"""Helpers for the reliability suite: the CLI as a real process, hostile facts documents,
and the graph read back from either store in-process for exact comparison."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
    command = [sys.executable, "-m", "graphkit"]
    full_env = dict(os.environ)
    if db is not None:
        command += ["--db", str(db)]
    if neo4j is not None:
        command += ["--neo4j", neo4j.uri]
        full_env.update(neo4j.env)
    full_env.update(env or {})
    return subprocess.run(
        [*command, *args],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=full_env,
        cwd=ROOT,
    )


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
