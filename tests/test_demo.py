"""`make demo`, the README's first command, as a new user runs it (the venv already made):
sample reports loaded into a fresh embedded store, analytics printed, the view written."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_demo_loads_analyses_and_writes_the_view(tmp_path: Path) -> None:
    db, view = tmp_path / "demo", tmp_path / "demo-view.html"
    done = subprocess.run(
        ["make", "-o", ".venv/.installed", "demo", f"DEMO_DB={db}", f"DEMO_VIEW={view}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Loaded" in done.stdout and "betweenness" in done.stdout
    assert view.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (db / "graph.lbug").is_file()
