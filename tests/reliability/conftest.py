"""Fixtures of the reliability suite (helpers are in reliability_cli.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def cli_store(request: pytest.FixtureRequest, tmp_path: Path):
    """Where a CLI test runs: ``{"db": folder}`` (embedded) or ``{"neo4j": target}`` (emptied)."""
    if request.param == "embedded":
        return {"db": tmp_path / "db"}
    return {"neo4j": request.getfixturevalue("empty_neo4j")}
