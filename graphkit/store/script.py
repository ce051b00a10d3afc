"""A Cypher script: the graph as statements with literal values, for ``cypher-shell -f``.

The store's own statements (:mod:`graphkit.store.statements`) pass values as parameters;
a script has none, so here every value is written as a properly escaped literal
(:func:`cypher_literal`). Labels, types and property names come from the ontology only.
:mod:`graphkit.export.cypher` builds the rows and writes the file.
"""

from __future__ import annotations

import math
from typing import Any

from graphkit.errors import ExportError
from graphkit.model import allowed_label, allowed_type

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b"}
_ESCAPES["\f"] = "\\f"


def cypher_string(text: str) -> str:
    """``text`` as a single-quoted Cypher string literal.

    Backslash, quote, control characters, lone surrogates and line separators are escaped
    (``\\uXXXX`` for the rarer ones); everything else stays as it is, so the script is
    readable UTF-8 with one statement per line.
    """
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or 0xD800 <= ord(ch) < 0xE000:
            out.append(f"\\u{ord(ch):04x}")  # controls and lone surrogates
        elif ch in "\u2028\u2029":  # line separators some editors break lines at
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def cypher_literal(value: Any) -> str:
    """A Python value (str, int, float, bool, None, list, dict) as a Cypher literal.

    >>> print(cypher_literal({"name": "it's", "n": [1, 2.5, None, True]}))
    {name: 'it\\'s', n: [1, 2.5, null, true]}
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(f"cannot write {value!r} as a Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{_identifier(k)}: {cypher_literal(v)}" for k, v in value.items())
            + "}"
        )
    raise ExportError(f"cannot write a {type(value).__name__} as a Cypher literal")


def _identifier(name: str) -> str:
    if name.isidentifier() and name.isascii():
        return name
    return "`" + name.replace("`", "``") + "`"


def merge_nodes_statement(label: str, key: str, rows: list[dict[str, Any]]) -> str:
    """MERGE ``rows`` (``{"k": key value, "p": {property: value}}``) as ``label`` nodes on
    their key property ``key``, setting the other properties."""
    return (
        f"UNWIND {cypher_literal(rows)} AS row "
        f"MERGE (n:{allowed_label(label)} {{{key}: row.k}}) SET n += row.p"
    )


def merge_relationships_statement(
    rel_type: str,
    src: tuple[str, str],
    dst: tuple[str, str],
    rows: list[dict[str, Any]],
) -> str:
    """MERGE ``rel_type`` relationships, one per row (``{"a": source key, "b": target key,
    "r": report, "p": {property: value}}``), between nodes found by (label, key property)
    ``src`` and ``dst``, one per report."""
    (src_label, src_key), (dst_label, dst_key) = src, dst
    return (
        f"UNWIND {cypher_literal(rows)} AS row "
        f"MATCH (a:{allowed_label(src_label)} {{{src_key}: row.a}}) "
        f"MATCH (b:{allowed_label(dst_label)} {{{dst_key}: row.b}}) "
        f"MERGE (a)-[e:{allowed_type(rel_type)} {{report: row.r}}]->(b) SET e += row.p"
    )


SCRIPT_HEADER = (
    "// graphkit export: recreates the graph in an empty Neo4j 5 database.\n"
    "// Run: cypher-shell -a bolt://localhost:7687 -u neo4j -f graph.cypher\n"
    "// One statement per line; running it twice changes nothing.\n"
)


def script_statements(text: str) -> list[str]:
    """The statements of a script written one statement per line (comments dropped)."""
    return [
        line.rstrip().removesuffix(";")
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("//")
    ]
