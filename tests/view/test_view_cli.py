"""``graphkit view`` as a user runs it: a real process, a real embedded store, real files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.facts import FactsDocument
from graphkit.store.ladybug import LadybugStore

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "facts" / "seed.json"


def graphkit(*args: str, db: Path | None, cwd: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "graphkit"]
    if db is not None:
        command += ["--db", str(db)]
    return subprocess.run([*command, *args], capture_output=True, timeout=120, cwd=cwd, text=True)


def data_of(page: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="gk-data">(.*?)</script>', text, re.S)
    assert match
    return json.loads(match.group(1))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "db"
    store = LadybugStore(path)
    store.write(FactsDocument.read(SEED))
    store.close()
    return path


@pytest.fixture
def work(tmp_path: Path) -> Path:
    path = tmp_path / "work"
    path.mkdir()
    return path


def assert_one_line_error(result: subprocess.CompletedProcess, fragment: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert fragment in lines[0]


def test_view_writes_one_file_and_prints_its_path(db: Path, work: Path, tmp_path: Path) -> None:
    out = tmp_path / "views" / "seed.html"
    result = graphkit("view", "-o", str(out), db=db, cwd=work)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out.resolve())
    assert "nodes" in result.stderr and "note:" not in result.stderr
    assert list(work.iterdir()) == []  # nothing in the working directory: no lib/, no temp
    data = data_of(out)
    assert data["stats"]["nodes"] == 18 and data["notice"] is None
    # without -o: graphkit-view.html in the current directory, and nothing else
    result = graphkit("view", db=db, cwd=work)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in work.iterdir()] == ["graphkit-view.html"]
    assert result.stdout.strip() == str((work / "graphkit-view.html").resolve())


def test_view_options(db: Path, work: Path) -> None:
    out = work / "v.html"
    result = graphkit(
        "view", "-o", str(out), "--focus", "Europol", "--hops", "1", "--type", "Agency",
        "--type", "operation", "--certainty", "reported", "--color-by", "community",
        "--size-by", "pagerank", db=db, cwd=work,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = data_of(out)
    assert {n["gk"]["type"] for n in data["nodes"]} == {"Agency", "Operation"}
    assert "Europol" in {n["gk"]["name"] for n in data["nodes"]}
    assert data["legend"]["communities"] and data["legend"]["sizeBy"] == "pagerank"
    assert not any(e["gk"]["alleged"] for e in data["edges"])
    result = graphkit(
        "view", "-o", str(out), "--projection", "countries", "--country", "be", db=db, cwd=work
    )
    assert result.returncode == 0, result.stderr
    assert {n["gk"]["type"] for n in data_of(out)["nodes"]} == {"Country"}


def test_max_nodes_reduces_and_says_so(db: Path, work: Path) -> None:
    out = work / "v.html"
    result = graphkit("view", "-o", str(out), "--max-nodes", "5", db=db, cwd=work)
    assert result.returncode == 0, result.stderr
    assert "note: Showing 5 of 18 nodes" in result.stderr
    data = data_of(out)
    assert data["stats"]["nodes"] == 5 and "5 of 18" in data["notice"]


def test_view_errors_are_one_line(db: Path, work: Path, tmp_path: Path) -> None:
    assert_one_line_error(graphkit("view", "--type", "Spaceship", db=db, cwd=work), "Spaceship")
    assert_one_line_error(graphkit("view", "--focus", "Atlantis", db=db, cwd=work), "Atlantis")
    assert_one_line_error(graphkit("view", "--focus", "police", db=db, cwd=work), "ambiguous")
    assert_one_line_error(
        graphkit("view", db=tmp_path / "missing", cwd=work), "no graphkit database"
    )
    assert_one_line_error(graphkit("view", "-o", str(work), db=db, cwd=work), "folder")
    blocked = tmp_path / "file"
    blocked.write_text("x")
    assert_one_line_error(
        graphkit("view", "-o", str(blocked / "v.html"), db=db, cwd=work), "cannot write"
    )
    assert graphkit("view", "--hops", "-1", db=db, cwd=work).returncode == 2  # usage error
    assert [p.name for p in work.iterdir()] == []


def test_other_commands_do_not_import_pyvis(work: Path) -> None:
    code = "import sys, graphkit.cli; print('pyvis' in sys.modules, 'networkx' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=work)
    assert result.stdout.split()[0] == "False"
