"""A database that cannot be created, opened or written: one clear line, nothing half-written.

Permissions are enforced for root too: the CLI runs without root's override of permission
bits (see os_limits.py), so these tests run in CI, which runs as root.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from factories import expected_graph
from many_reports import write_reports
from os_limits import graphkit_as, snapshot, unprivileged
from reliability_cli import SEED, assert_ok, assert_one_line_error, error_lines, graphkit

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


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the seed report, copied by each test that changes its modes."""
    db = tmp_path_factory.mktemp("seeded") / "db"
    assert_ok(graphkit("load", str(SEED), db=db))
    return db


@pytest.fixture(scope="module")
def as_user(tmp_path_factory: pytest.TempPathFactory):
    """The ``preexec_fn`` that makes file permissions hold in the CLI process."""
    return unprivileged(tmp_path_factory.mktemp("probe") / "probe")


def seed_graph():
    return expected_graph([FactsDocument.read(SEED)])


def read_back(db: Path):
    with LadybugStore(db, read_only=True) as store:
        return store.read_graph()


@pytest.mark.parametrize("read_only", ["folder", "files"])
def test_read_only_database(read_only: str, seeded: Path, tmp_path: Path, as_user) -> None:
    """Loading fails before any input is read, naming the database; reading still works."""
    db = tmp_path / "db"
    shutil.copytree(seeded, db)
    before = snapshot(db)
    if "files" in read_only:
        for path in db.iterdir():
            path.chmod(0o444)
    if "folder" in read_only:
        db.chmod(0o555)
    try:
        line = assert_one_line_error(graphkit_as(as_user, "load", str(SEED), db=db), str(db))
        assert "permission denied" in line and "still work" in line, line
        assert snapshot(db) == before
        stats = graphkit_as(as_user, "stats", db=db)
        assert_ok(stats)
        assert re.search(r"Report\W+1\W", stats.stdout.decode()), stats.stdout
        query = graphkit_as(
            as_user, "query", "MATCH (r:Report) RETURN count(r) AS n", "-f", "json", db=db
        )
        assert_ok(query)
        assert query.stdout.decode().strip() == '[{"n": 1}]', query.stdout
        written = graphkit_as(as_user, "query", "--write", "CREATE (:Country {iso2: 'XX'})", db=db)
        assert_one_line_error(written, str(db), "permission denied")
        assert snapshot(db) == before
    finally:
        db.chmod(0o755)
        for path in db.iterdir():
            path.chmod(0o644)
    assert read_back(db) == seed_graph()


def test_unreadable_database_folder(seeded: Path, tmp_path: Path, as_user) -> None:
    db = tmp_path / "db"
    shutil.copytree(seeded, db)
    before = snapshot(db)
    db.chmod(0o000)
    try:
        for command in (["load", str(SEED)], ["stats"], ["query", "RETURN 1 AS x"]):
            line = assert_one_line_error(graphkit_as(as_user, *command, db=db), str(db))
            assert "cannot read the embedded database" in line, line
            assert "permission denied" in line, line
        assert snapshot(db) == before
    finally:
        db.chmod(0o755)
    assert read_back(db) == seed_graph()


def test_new_database_in_a_read_only_folder(tmp_path: Path, as_user) -> None:
    parent = tmp_path / "parent"
    parent.mkdir(mode=0o555)
    try:
        for db in (parent / "db", parent):
            result = graphkit_as(as_user, "load", str(SEED), db=db)
            line = assert_one_line_error(result, str(db), "permission denied")
            assert "database" in line, line
        assert list(parent.iterdir()) == []
    finally:
        parent.chmod(0o755)


def test_unreadable_input_file(tmp_path: Path, as_user) -> None:
    """One line names the file; the other files of the folder still load."""
    inputs = tmp_path / "inputs"
    docs = write_reports(inputs, 5)
    secret = inputs / "r0002.json"
    secret.chmod(0o000)
    db = tmp_path / "db"
    try:
        result = graphkit_as(as_user, "load", str(inputs), db=db)
    finally:
        secret.chmod(0o644)
    line = assert_one_line_error(result, str(secret))
    assert "cannot read" in line and "Permission denied" in line, line
    assert len(error_lines(result)) == 1
    assert read_back(db) == expected_graph(docs[:2] + docs[3:])
