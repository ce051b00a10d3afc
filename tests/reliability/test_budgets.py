"""Parsers and walks with budgets: no small input may hang a load or exhaust the stack.

- A ~300-byte YAML facts document of nested aliases ("billion laughs", 9 levels: 9^9
  values by reference) hung ``load`` for minutes, in the walk that checks every string.
  Anchors and aliases are refused as the YAML is read.
- 980+ nested folders ended the whole load with a RecursionError (the folder walk was
  recursive), and the inputs named beside them did not load either.

The subprocess timeouts below are guards against a hang, far above what the work takes on
any machine; nothing here measures time.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from factories import expected_graph
from many_reports import small_report
from reliability_cli import (
    SEED,
    assert_ok,
    assert_one_line_error,
    graphkit,
    open_for_reading,
    store_args,
)

from graphkit.errors import FactsError
from graphkit.facts import FactsDocument


def billion_laughs(levels: int = 9) -> str:
    names = "abcdefghijklmnop"[: levels + 1]
    lines = [f"{names[0]}: &{names[0]} [x, x, x, x, x, x, x, x, x]"]
    for previous, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    return "\n".join(lines) + "\n"


def test_a_yaml_bomb_is_refused_at_once_and_loses_nothing(cli_store: dict, tmp_path: Path) -> None:
    assert_ok(graphkit("load", str(SEED), **store_args(cli_store)))
    bombs = tmp_path / "bombs"
    bombs.mkdir()
    (bombs / "laughs.yaml").write_text(billion_laughs(), encoding="utf-8")
    seed = FactsDocument.read(SEED)
    # a real facts document whose report is written once and referred to by an alias
    aliased = seed.to_yaml().replace("report:\n", "report: &r\n", 1) + "copy: *r\n"
    (bombs / "aliased.yaml").write_text(aliased, encoding="utf-8")
    result = graphkit("load", str(bombs), timeout=60, **store_args(cli_store))
    lines = [line for line in result.stderr.decode().splitlines() if line.startswith("error:")]
    assert result.returncode == 1 and len(lines) == 2, result.stderr.decode()
    assert all("anchors and aliases" in line for line in lines), lines
    with open_for_reading(cli_store) as store:
        assert store.read_graph() == expected_graph([seed])


@pytest.mark.parametrize("levels", [1, 3, 9])
def test_aliases_are_refused_whatever_their_depth(levels: int) -> None:
    with pytest.raises(FactsError, match="anchors and aliases"):
        FactsDocument.parse(billion_laughs(levels), "yaml", "bomb.yaml")


def test_graphkit_writes_no_anchors_even_for_shared_values() -> None:
    """A document holding one list object twice is written out twice, so that it reads back."""
    doc = FactsDocument.read(SEED)
    shared = ["drug_trafficking"]
    for node in doc.nodes:
        if "crimes" in node.properties:
            node.properties["crimes"] = shared
    text = doc.to_yaml()
    assert "&id" not in text and "*id" not in text
    assert FactsDocument.parse(text, "yaml") == doc


@pytest.fixture
def deep(tmp_path: Path) -> Iterator[Path]:
    """1,200 nested folders (past Python's recursion limit, well within PATH_MAX), removed
    afterwards deepest first: shutil.rmtree, as pytest's cleanup uses it, recurses."""
    top = tmp_path / "deep"
    chain = [top]
    top.mkdir()
    for _ in range(1_200):
        chain.append(chain[-1] / "d")
        os.mkdir(chain[-1])
    yield top
    for folder in reversed(chain):
        for entry in folder.iterdir():
            if not entry.is_dir():
                entry.unlink()
        folder.rmdir()


def test_deep_folders_load_with_the_inputs_beside_them(deep: Path, tmp_path: Path) -> None:
    folder = deep
    while (folder / "d").is_dir():
        folder = folder / "d"
    (folder / "seed.json").write_bytes(SEED.read_bytes())
    beside = tmp_path / "beside.json"
    other = small_report(1)
    beside.write_text(other.to_json(), encoding="utf-8")
    db = tmp_path / "db"
    result = graphkit("load", str(deep), str(beside), str(tmp_path / "missing"), db=db)
    assert_one_line_error(result, "missing")  # the one bad path, and nothing else
    with open_for_reading({"db": db}) as store:
        assert store.read_graph() == expected_graph([FactsDocument.read(SEED), other])
