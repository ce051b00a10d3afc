"""Schema statements for each backend, derived from the ontology.

``graphkit schema --dialect neo4j|ladybug`` prints these, the stores run them, and the
files under ``cypher/schema/`` are generated from them (a test keeps the three in step).
The statements themselves are built in :mod:`graphkit.store.schema` (all Cypher lives in
``graphkit/store/``); this module renders them and the schema's documentation.
"""

from __future__ import annotations

from graphkit import model
from graphkit.store.schema import (
    DIALECTS,
    ddl,
    ladybug_columns,
    ladybug_ddl,
    neo4j_ddl,
)

__all__ = [
    "DIALECTS",
    "GENERATED_FILES",
    "ddl",
    "ladybug_columns",
    "ladybug_ddl",
    "markdown",
    "neo4j_ddl",
    "render",
]


def render(dialect: str) -> str:
    """The schema as a Cypher script, one statement per line."""
    header = f"// graphkit schema for {dialect}, generated from graphkit/model.py; do not edit.\n"
    return header + "".join(f"{statement};\n" for statement in ddl(dialect))


def markdown() -> str:
    """``docs/schema.md``: the graph contract for people, from the same tables as the DDL."""
    lines = [
        "# The graphkit graph schema",
        "",
        "Generated from `graphkit/model.py` by `make schema`; do not edit by hand.",
        "",
        "## Nodes",
        "",
    ]
    for label, spec in model.NODE_TYPES.items():
        lines += [f"### `{label}` (key: `{spec.key}`)", "", spec.doc, ""]
        lines += ["| property | type | meaning |", "|---|---|---|"]
        props = model.stored_node_properties(label)
        lines += [
            f"| `{p.name}` | {p.type.value} | {p.doc or 'unique key'} |"
            if p.name == spec.key
            else f"| `{p.name}` | {p.type.value} | {p.doc} |"
            for p in props
        ]
        lines.append("")
    lines += ["## Relationships", ""]
    lines += [
        "Every relationship carries its provenance:",
        "",
        "| property | type | meaning |",
        "|---|---|---|",
    ]
    lines += [f"| `{p.name}` | {p.type.value} | {p.doc} |" for p in model.PROVENANCE]
    lines += ["", "| type | from → to | own properties | meaning |", "|---|---|---|---|"]
    for rel_type, spec in model.RELATIONSHIP_TYPES.items():
        ends = ", ".join(f"`{src}` → `{dst}`" for src, dst in spec.endpoints)
        own = ", ".join(f"`{p.name}` ({p.doc})" for p in spec.properties) or "—"
        lines.append(f"| `{rel_type}` | {ends} | {own} | {spec.doc} |")
    lines += [
        "",
        "## Vocabularies",
        "",
        "- crimes: " + ", ".join(f"`{c}`" for c in model.CRIMES),
        "- roles: " + ", ".join(f"`{r}`" for r in model.ROLES),
        "- certainty: " + ", ".join(f"`{c}`" for c in model.CERTAINTIES),
        "- agency kinds: " + ", ".join(f"`{k}`" for k in model.AGENCY_KINDS),
        "",
    ]
    return "\n".join(lines)


GENERATED_FILES = {
    "cypher/schema/ladybug.cypher": lambda: render("ladybug"),
    "cypher/schema/neo4j.cypher": lambda: render("neo4j"),
    "docs/schema.md": markdown,
}
"""Files in the repository derived from the ontology (``make schema`` writes them)."""
