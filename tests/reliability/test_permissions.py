"""A database that cannot be created, opened or written: one clear line, nothing half-written."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from factories import expected_graph
from reliability_cli import SEED, assert_ok, assert_one_line_error, graphkit

from graphkit.facts import FactsDocument
from graphkit.store.ladybug import LadybugStore


def test_database_folder_under_a_file_cannot_be_created(tmp_path: Path) -> None:
    """Works as root too: no permission bits can make a folder inside a regular file."""
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder\n", encoding="utf-8")
    for command in (["load", str(SEED)], ["stats"], ["query", "RETURN 1 AS x"]):
        result = graphkit(*command, db=blocker / "db")
        line = assert_one_line_error(result, "afile")
        assert "database" in line, line
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


def test_a_file_that_is_not_a_database_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "db"
    db.mkdir()
    garbage = random.Random(3).randbytes(64 * 1024)
    (db / "graph.lbug").write_bytes(garbage)
    line = assert_one_line_error(graphkit("load", str(SEED), db=db), "graph.lbug")
    assert "not a valid" in line, line
    assert (db / "graph.lbug").read_bytes() == garbage
    assert sorted(p.name for p in db.iterdir()) == ["graph.lbug"]


@pytest.mark.skipif(
    os.geteuid() == 0, reason="running as root: file permissions are not enforced for root"
)
def test_read_only_database_folder(tmp_path: Path) -> None:
    db = tmp_path / "db"
    assert_ok(graphkit("load", str(SEED), db=db))
    files = {p: p.read_bytes() for p in db.iterdir()}
    db.chmod(0o555)
    for path in files:
        path.chmod(0o444)
    try:
        result = graphkit("load", str(SEED), db=db)
        assert_one_line_error(result, str(db))
        assert {p: p.read_bytes() for p in db.iterdir()} == files
        assert_ok(graphkit("stats", db=db))  # reading still works
    finally:
        db.chmod(0o755)
        for path in files:
            path.chmod(0o644)
    with LadybugStore(db, read_only=True) as store:
        assert store.read_graph() == expected_graph([FactsDocument.read(SEED)])
