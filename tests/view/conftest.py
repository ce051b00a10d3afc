"""Fixtures for the view tests: graphs loaded into real stores, one headless browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from view_browser import Browser, available

from graphkit.facts import FactsDocument
from graphkit.store.ladybug import LadybugStore
from graphkit.view import View, view_store

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "facts" / "seed.json"
ARTIFACTS = ROOT / "artifacts" / "view"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session (Debian's chromium + chromium-driver)."""
    if not available():  # a failure, not a skip: `make test` installs it (make browser)
        pytest.fail(
            "headless Chromium missing: run `make browser` (Debian chromium, chromium-driver)"
        )
    chromium = Browser()
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture
def seed_store(tmp_path: Path) -> Iterator[LadybugStore]:
    """An embedded store holding the hand-checked seed facts document."""
    store = LadybugStore(tmp_path / "seed-db")
    store.write(FactsDocument.read(SEED))
    yield store
    store.close()


@pytest.fixture
def seed_page(seed_store: LadybugStore, tmp_path: Path) -> tuple[View, Path]:
    """The seed store's whole view, saved as a page."""
    view = view_store(seed_store)
    return view, view.save(tmp_path / "seed.html")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots are kept after the run (gitignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
