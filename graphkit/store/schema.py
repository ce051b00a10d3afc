"""Schema statements for each backend, derived from the ontology: the stores run them,
``graphkit schema`` prints them and :mod:`graphkit.schema` renders them as the files under
``cypher/schema/``.
"""

from __future__ import annotations

from graphkit import model

DIALECTS = ("ladybug", "neo4j")


def ladybug_ddl() -> list[str]:
    """LadybugDB needs typed tables: one node table per label, one rel table per type."""
    statements = []
    for label, spec in model.NODE_TYPES.items():
        columns = [
            f"{p.name} {p.type.value}" + (" PRIMARY KEY" if p.name == spec.key else "")
            for p in model.stored_node_properties(label)
        ]
        statements.append(f"CREATE NODE TABLE IF NOT EXISTS {label}({', '.join(columns)})")
    for rel_type, spec in model.RELATIONSHIP_TYPES.items():
        parts = [f"FROM {src} TO {dst}" for src, dst in spec.endpoints]
        parts += [f"{p.name} {p.type.value}" for p in model.relationship_properties(rel_type)]
        statements.append(f"CREATE REL TABLE IF NOT EXISTS {rel_type}({', '.join(parts)})")
    return statements


def ladybug_columns() -> dict[str, list[tuple[str, str]]]:
    """Every LadybugDB table's non-key columns as (name, type): what an older database may lack."""
    columns = {
        label: [
            (p.name, p.type.value)
            for p in model.stored_node_properties(label)
            if p.name != spec.key
        ]
        for label, spec in model.NODE_TYPES.items()
    }
    for rel_type in model.RELATIONSHIP_TYPES:
        columns[rel_type] = [
            (p.name, p.type.value) for p in model.relationship_properties(rel_type)
        ]
    return columns


RENAMED_NODE_PROPERTIES: dict[str, str] = {"reports": model.NAMED_IN_PROPERTY.name}
"""Entity properties an older graphkit stored under another name (old -> new), renamed when
a store is opened for writing. An older ``reports`` list (every report that supports the
node) is a valid ``named_in``: a node's support is its list and its relationships' reports,
so a list that also holds the latter changes nothing but its length."""


def neo4j_renames() -> list[str]:
    """Move each entity's older properties (:data:`RENAMED_NODE_PROPERTIES`) to their names."""
    return [
        f"MATCH (n:{label}) WHERE n.{old} IS NOT NULL "
        f"SET n.{new} = coalesce(n.{new}, []) + n.{old} REMOVE n.{old}"
        for label in model.ENTITY_LABELS
        for old, new in RENAMED_NODE_PROPERTIES.items()
    ]


def neo4j_ddl() -> list[str]:
    """Neo4j is schema-free: uniqueness on each key, and an index on ``report`` per type.

    The relationship indexes keep removing or replacing one report's contribution
    proportional to that report, not to the whole graph.
    """
    statements = []
    for label, spec in model.NODE_TYPES.items():
        statements.append(
            f"CREATE CONSTRAINT {label.lower()}_{spec.key} IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.{spec.key} IS UNIQUE"
        )
    for rel_type in model.RELATIONSHIP_TYPES:
        statements.append(
            f"CREATE INDEX {rel_type.lower()}_report IF NOT EXISTS "
            f"FOR ()-[e:{rel_type}]-() ON (e.report)"
        )
    return statements


def ddl(dialect: str) -> list[str]:
    if dialect == "ladybug":
        return ladybug_ddl()
    if dialect == "neo4j":
        return neo4j_ddl()
    raise ValueError(f"unknown dialect {dialect!r}; choose one of {', '.join(DIALECTS)}")
