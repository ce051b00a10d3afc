"""Cypher written the Neo4j way, on both stores: the corpus in ``cypher_corpus.yaml``.

Every query runs on Neo4j as written and on the embedded store through its translation
(:mod:`graphkit.store.translate`), over the same facts (the seed facts and the factory
reports). The rows must be identical: in order where the query orders them, as multisets
otherwise; lists a query collects are compared as multisets (``collect()`` promises no
order on either store). A query the embedded store cannot run must fail there with a
one-line message naming the alternative. At least 90% must give identical rows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from factories import action_day, follow_up, mare_nostrum

from graphkit import queries
from graphkit.errors import GraphkitError
from graphkit.load import read_facts
from graphkit.store.base import GraphStore
from graphkit.store.ladybug import LadybugStore
from graphkit.store.translate import NEO4J, Untranslatable

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "facts" / "seed.json"
CORPUS: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).with_name("cypher_corpus.yaml")).read_text(encoding="utf-8")
)
TARGET_SHARE = 0.9
_ORDERED = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)


def fill(store: GraphStore) -> GraphStore:
    for doc in [read_facts(str(SEED)), action_day(), follow_up(), mare_nostrum()]:
        store.write(doc)
    return store


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LadybugStore]:
    store = LadybugStore(tmp_path_factory.mktemp("corpus") / "db")
    fill(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def neo4j(neo4j_target) -> Iterator[GraphStore]:
    store = neo4j_target.open()
    store.run("MATCH (n) DETACH DELETE n", write=True)
    fill(store)
    yield store
    store.close()


def canonical(value: Any) -> Any:
    """A cell as compared: floats to 9 digits, lists and maps without order."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        number = float(value)
        return round(number, 9) if math.isfinite(number) else repr(number)
    if isinstance(value, list):
        return ("list", tuple(sorted((canonical(v) for v in value), key=repr)))
    if isinstance(value, dict):
        return ("map", tuple(sorted((k, canonical(v)) for k, v in value.items())))
    return repr(value)


def answer(store: GraphStore, entry: dict[str, Any]) -> tuple[list[str], list[Any]]:
    result = store.run(entry["cypher"], entry.get("params") or {}, dialect=NEO4J)
    rows = [tuple(canonical(v) for v in row) for row in result.rows]
    if not _ORDERED.search(entry["cypher"]):
        rows.sort(key=repr)
    return result.columns, rows


def expected_failure(entry: dict[str, Any]) -> str | None:
    promise = entry.get("embedded")
    if promise is None:
        return None
    kind, _, message = promise.partition(": ")
    assert kind == "untranslatable", promise
    return message


def test_the_corpus_is_big_enough_and_its_names_unique() -> None:
    names = [entry["name"] for entry in CORPUS]
    assert len(names) >= 40
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("entry", CORPUS, ids=lambda e: e["name"])
def test_a_query_gives_the_same_rows_on_both_stores(
    entry: dict[str, Any], embedded: LadybugStore, neo4j: GraphStore
) -> None:
    columns, rows = answer(neo4j, entry)
    assert rows, "every corpus query answers something on Neo4j"
    failure = expected_failure(entry)
    if failure is not None:
        with pytest.raises(Untranslatable) as raised:
            answer(embedded, entry)
        message = str(raised.value)
        assert failure in message and "\n" not in message
        assert re.search(r"\b(use|match|compute|see)\b", message), "names an alternative"
        return
    assert answer(embedded, entry) == (columns, rows)


def test_at_least_nine_in_ten_give_identical_rows(
    embedded: LadybugStore, neo4j: GraphStore, capsys: pytest.CaptureFixture[str]
) -> None:
    identical, different = 0, []
    for entry in CORPUS:
        try:
            same = answer(embedded, entry) == answer(neo4j, entry)
        except GraphkitError as exc:
            same, reason = False, str(exc)
        else:
            reason = "different rows"
        if same:
            identical += 1
        else:
            different.append(f"{entry['name']}: {reason}")
    share = identical / len(CORPUS)
    with capsys.disabled():
        print(f"\ncypher corpus: {identical}/{len(CORPUS)} identical ({share:.1%})")
        for line in different:
            print(f"  not identical: {line}")
    assert share >= TARGET_SHARE, different


#: Library queries whose Neo4j file the embedded store cannot run, and why (each has a
#: ``.ladybug.cypher`` sibling, which is what ``graphkit query NAME`` runs there).
LIBRARY_DIFFERENT: dict[str, str] = {}  # none at present


def library_cases() -> list[Any]:
    cases = []
    for name, query in sorted(queries.library(ROOT / "cypher" / "queries").items()):
        marks = ()
        if name in LIBRARY_DIFFERENT:
            marks = (pytest.mark.xfail(reason=LIBRARY_DIFFERENT[name], strict=True),)
        cases.append(pytest.param(name, query.examples(), marks=marks, id=name))
    return cases


@pytest.mark.parametrize(("name", "params"), library_cases())
def test_the_librarys_neo4j_files_translated_give_neo4js_rows(
    name: str, params: dict[str, Any], embedded: LadybugStore, neo4j: GraphStore
) -> None:
    """Each ``cypher/queries/NAME.cypher`` (the file analysts paste into Neo4j Browser),
    translated, gives the embedded store the rows Neo4j gives, or says in one line what
    to write instead."""
    query = queries.get(name, ROOT / "cypher" / "queries")
    entry = {"cypher": query.path.read_text(encoding="utf-8"), "params": params}
    expected = answer(neo4j, entry)
    try:
        found = answer(embedded, entry)
    except Untranslatable as exc:
        assert query.ladybug_path is not None, "a query without a sibling must translate"
        assert "\n" not in str(exc)
        return
    assert found == expected
