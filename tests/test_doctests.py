"""The examples in docstrings run (issue 13), as ``pytest --doctest-modules`` would run
them, module by module: an example that stops being true fails here."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "graphkit"

MODULES = ("graphkit.model", "graphkit.filters", "graphkit.store.script")
"""The modules whose docstrings hold examples that run."""

ILLUSTRATIONS = {"graphkit.view"}
"""Modules whose examples show a session (a store to open, a file to write) and are not run."""

FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=FLAGS, verbose=False)
    assert result.attempted > 0 and result.failed == 0, result


def test_every_module_with_examples_is_run_or_named_an_illustration() -> None:
    with_examples = set()
    for path in PACKAGE.rglob("*.py"):
        if ">>> " in path.read_text(encoding="utf-8"):
            parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
            with_examples.add(".".join(p for p in parts if p != "__init__"))
    assert with_examples == set(MODULES) | ILLUSTRATIONS
