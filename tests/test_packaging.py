"""A wheel installed outside the checkout still extracts and lists its queries.

A development install reads ``data/gazetteers`` and ``cypher/queries`` from the
repository; a wheel must carry them. Built offline from a copy of the sources (so no
``build/`` is left in the repository) and installed into a fresh virtual environment
that borrows only the dependencies of the test environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("pyproject.toml", "README.md", "graphkit", "data/gazetteers", "cypher/queries")


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        origin, copy = ROOT / name, src / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, copy, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, copy)
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
        "-w", out, ".", cwd=src)  # fmt: skip
    (built,) = out.glob("graphkit-*.whl")
    return built


def test_the_wheel_carries_the_gazetteers_and_the_query_library(wheel: Path) -> None:
    names = [Path(n) for n in zipfile.ZipFile(wheel).namelist()]
    for folder, installed, pattern in (
        ("data/gazetteers", "gazetteers", "*.yaml"),
        ("cypher/queries", "queries", "*.cypher"),
    ):
        shipped = {n.name for n in names if n.parent.parts[-3:] == ("share", "graphkit", installed)}
        assert shipped == {p.name for p in (ROOT / folder).glob(pattern)}, folder
    assert any(n.parent == Path("graphkit/view/static") for n in names)


def test_an_installed_wheel_works_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                    cwd=tmp_path).strip())  # fmt: skip
    # The dependencies come from the test environment: a plain path, so its editable
    # graphkit (a .pth hook there) is not activated and cannot shadow the wheel.
    (site / "test_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel, cwd=tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRAPHKIT_")}
    where = run(python, "-c", "import graphkit; print(graphkit.__file__)", cwd=tmp_path, env=env)
    assert Path(where.strip()).is_relative_to(venv)

    report = tmp_path / "report.txt"
    report.write_text(
        "THE HAGUE, 3 March 2025 - Europol supported the Spanish Guardia Civil in an action "
        "day against a cocaine network; 12 suspects were arrested in Spain.\n",
        encoding="utf-8",
    )
    facts = run(venv / "bin" / "graphkit", "extract", report, cwd=tmp_path, env=env)
    assert "Guardia Civil" in facts and "Europol" in facts
    listed = run(venv / "bin" / "graphkit", "queries", cwd=tmp_path, env=env)
    for query in (ROOT / "cypher" / "queries").glob("*.cypher"):
        if ".ladybug." not in query.name:
            assert query.stem in listed
