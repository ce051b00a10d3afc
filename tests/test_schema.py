"""Schema statements are derived from the ontology, and create what they say in real databases."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphkit import model, schema
from graphkit.store.ladybug import LadybugStore
from graphkit.store.neo4j import Neo4jStore
from graphkit.store.statements import relationship_patterns


def test_ladybug_has_a_typed_node_table_per_label() -> None:
    statements = schema.ladybug_ddl()
    for label, spec in model.NODE_TYPES.items():
        (statement,) = [
            s for s in statements if re.search(rf"NODE TABLE IF NOT EXISTS {label}\(", s)
        ]
        for prop in model.stored_node_properties(label):
            column = f"{prop.name} {prop.type.value}"
            if prop.name == spec.key:
                column += " PRIMARY KEY"
            assert column in statement, (label, column)
        assert statement.count("PRIMARY KEY") == 1
    assert "reports STRING[]" not in next(
        s for s in statements if "TABLE IF NOT EXISTS Report(" in s
    )


def test_ladybug_has_a_rel_table_per_type_with_every_endpoint_pair() -> None:
    statements = schema.ladybug_ddl()
    for rel_type, spec in model.RELATIONSHIP_TYPES.items():
        (statement,) = [s for s in statements if f"REL TABLE IF NOT EXISTS {rel_type}(" in s]
        for src, dst in spec.endpoints:
            assert f"FROM {src} TO {dst}" in statement
        for prop in model.relationship_properties(rel_type):
            assert f"{prop.name} {prop.type.value}" in statement
        # `start` and `end` are reserved words in LadybugDB's Cypher.
        assert not re.search(r"\b(start|end) ", statement)
    assert len(statements) == len(model.NODE_TYPES) + len(model.RELATIONSHIP_TYPES)


def test_neo4j_has_a_uniqueness_constraint_for_every_key() -> None:
    statements = schema.neo4j_ddl()
    for label, spec in model.NODE_TYPES.items():
        assert (
            f"CREATE CONSTRAINT {label.lower()}_{spec.key} IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.{spec.key} IS UNIQUE"
        ) in statements
    for rel_type in model.RELATIONSHIP_TYPES:
        assert any(f"[e:{rel_type}]" in s and "ON (e.report)" in s for s in statements)
    assert all("IF NOT EXISTS" in s for s in statements)


def test_every_statement_names_only_ontology_labels_and_types() -> None:
    known = model.LABELS | model.REL_TYPES
    for dialect in schema.DIALECTS:
        for statement in schema.ddl(dialect):
            named = set(re.findall(r"(?:TABLE IF NOT EXISTS |FROM |TO |\(n:|\[e:)(\w+)", statement))
            assert named and named <= known, statement


def test_render_is_one_statement_per_line() -> None:
    for dialect in schema.DIALECTS:
        lines = schema.render(dialect).splitlines()
        assert lines[0].startswith("// graphkit schema for")
        assert lines[1:] == [f"{s};" for s in schema.ddl(dialect)]
    with pytest.raises(ValueError, match="unknown dialect"):
        schema.ddl("sqlite")


def test_ladybug_creates_exactly_the_ontology_tables(tmp_path) -> None:
    with LadybugStore(tmp_path / "db") as store:
        store.ensure_schema()  # a second time: idempotent
        tables = store.run("CALL show_tables() RETURN name, type").rows
    assert {name for name, kind in tables if kind == "NODE"} == model.LABELS
    assert {name for name, kind in tables if kind == "REL"} == model.REL_TYPES


@pytest.mark.neo4j
def test_neo4j_creates_the_constraints_and_indexes(neo4j_store: Neo4jStore) -> None:
    neo4j_store.ensure_schema()
    rows = neo4j_store.run(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "RETURN type, labelsOrTypes[0] AS label, properties[0] AS property"
    ).records()
    unique = {(r["label"], r["property"]) for r in rows if r["type"] == "UNIQUENESS"}
    assert unique >= {(label, spec.key) for label, spec in model.NODE_TYPES.items()}
    indexes = neo4j_store.run(
        "SHOW INDEXES YIELD entityType, labelsOrTypes, properties, state "
        "WHERE entityType = 'RELATIONSHIP' "
        "RETURN labelsOrTypes[0] AS type, properties[0] AS property, state"
    ).records()
    assert {(r["type"], r["property"]) for r in indexes} >= {
        (t, "report") for t in model.RELATIONSHIP_TYPES
    }
    assert all(r["state"] == "ONLINE" for r in indexes)


def test_statements_refuse_labels_and_types_outside_the_ontology() -> None:
    """Labels and types are spliced into Cypher, so only the ontology's names may pass."""
    from graphkit.store.base import read_nodes_statement, read_relationships_statement

    with pytest.raises(ValueError, match="not in the ontology"):
        read_nodes_statement("Country) DETACH DELETE n //")
    with pytest.raises(ValueError, match="not in the ontology"):
        read_relationships_statement("KNOWS]->() DELETE e //", "Agency", "Agency")
    statement, _ = read_nodes_statement("Country")
    assert statement.startswith("MATCH (n:Country) RETURN")


@given(st.data())
def test_a_read_row_becomes_properties_with_lists_sorted(data) -> None:
    """What the stores' reads give back: each value under its property's name, every list
    sorted (the stores keep them in no fixed order), everything else as it came."""
    from graphkit.store.statements import (
        properties_reader,
        read_nodes_statement,
        read_relationships_statement,
    )

    pattern = data.draw(st.sampled_from(list(relationship_patterns())))
    _, props = data.draw(
        st.sampled_from([read_nodes_statement(pattern[1]), read_relationships_statement(*pattern)])
    )
    text = st.text(max_size=3)
    values = {
        model.PropertyType.STRING: text,
        model.PropertyType.INT: st.integers(),
        model.PropertyType.FLOAT: st.floats(allow_nan=False),
        model.PropertyType.STRING_LIST: st.lists(text, max_size=4),
    }
    row = [data.draw(st.none() | values[p.type]) for p in props]
    read = properties_reader(props)(row)
    assert list(read) == [p.name for p in props]
    for p, value in zip(props, row, strict=True):
        expected = sorted(value) if isinstance(value, list) else value
        assert read[p.name] == expected
    with pytest.raises(ValueError):
        properties_reader(props)([*row, "one too many"])
