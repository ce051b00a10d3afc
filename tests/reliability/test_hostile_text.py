"""Hostile text through the CLI into both stores: stored literally, nothing executed.

Every string of a facts document (keys, names, evidence, report text, source, title) holds
Cypher injection attempts, quoting tricks, ``$parameter`` look-alikes, Unicode look-alikes
and control characters. Loading it next to the seed must add exactly its own nodes and
relationships, read back equal, and leave every other value as it was.
"""

from __future__ import annotations

import json
from pathlib import Path

from factories import expected_graph
from hostile_docs import DELETE_ALL, EUROPOL, INJECTIONS, hostile_document, write_json
from reliability_cli import SEED, assert_ok, graphkit, open_for_reading, store_args

from graphkit.facts import FactsDocument


def read_graph(where: dict):
    with open_for_reading(where) as store:
        return store.read_graph(), store.counts()


def test_hostile_strings_are_stored_literally(cli_store: dict, tmp_path: Path) -> None:
    seed = FactsDocument.read(SEED)
    hostile = hostile_document()
    path = write_json(hostile, tmp_path / "hostile.json")
    assert_ok(graphkit("load", str(SEED), **store_args(cli_store)))
    _, seed_counts = read_graph(cli_store)

    result = graphkit("load", str(path), **store_args(cli_store))
    assert_ok(result)
    graph, counts = read_graph(cli_store)
    # exactly the reference graph: hostile values equal, character for character, and the
    # seed's nodes changed only by the intended `reports` bookkeeping of shared nodes
    assert graph == expected_graph([seed, hostile])
    added = sum(counts["nodes"].values()) - sum(seed_counts["nodes"].values())
    assert added == 1 + len(hostile.nodes) - 2  # report + its nodes, minus shared Europol and BE
    assert sum(counts["relationships"].values()) - sum(
        seed_counts["relationships"].values()
    ) == len(hostile.relationships)
    names = {n.properties.get("name") for n in graph.nodes if n.label == "Agency"}
    assert set(INJECTIONS[:4]) <= names and "Europol" in names
    decomposed = next(n for n in graph.nodes if n.label == "Person").properties["name"]
    assert decomposed == INJECTIONS[11] and "e\u0301" in decomposed  # not normalised

    # values given as --param find the hostile nodes; nothing is interpreted
    rows = graphkit(
        "query",
        "MATCH (a:Agency {name: $name})-[e:COOPERATED_WITH]->(b:Agency) "
        "RETURN a.key AS key, e.evidence AS evidence, b.key AS partner",
        "--param",
        f"name={DELETE_ALL}",
        "--format",
        "json",
        **store_args(cli_store),
    )
    assert_ok(rows)
    [row] = json.loads(rows.stdout)
    assert row["key"] == f"agency:{DELETE_ALL}" and row["partner"] == EUROPOL
    assert DELETE_ALL in row["evidence"]

    # taking the report back by its hostile source leaves exactly the seed
    removed = graphkit("remove", hostile.report.source, **store_args(cli_store))
    assert_ok(removed)
    graph, counts = read_graph(cli_store)
    assert graph == expected_graph([seed])
    assert counts == seed_counts


def test_hostile_stdin_and_yaml_are_the_same_graph(tmp_path: Path) -> None:
    """The same hostile document as YAML and through stdin: one report, the same graph."""
    hostile = hostile_document(1)
    db = tmp_path / "db"
    yaml_path = tmp_path / "hostile.yaml"
    yaml_path.write_text(hostile.to_yaml(), encoding="utf-8")
    assert_ok(graphkit("load", str(yaml_path), db=db))
    stdin = json.dumps(hostile.to_dict(), ensure_ascii=True).encode()
    assert_ok(graphkit("load", "-", db=db, stdin=stdin))
    with open_for_reading({"db": db}) as store:
        assert store.read_graph() == expected_graph([hostile])
