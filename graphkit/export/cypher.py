"""A Cypher script that recreates the graph in an empty Neo4j (``cypher-shell -f``), one
statement per line. The statements and their literals are the store's
(:mod:`graphkit.store.script`); this module groups the rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import IO, Any

from graphkit import model
from graphkit.export.base import Exporter, grouped, stored_properties, typed
from graphkit.store import schema
from graphkit.store.base import GraphData, GraphEdge
from graphkit.store.script import (
    SCRIPT_HEADER,
    merge_nodes_statement,
    merge_relationships_statement,
)


def cypher_statements(graph: GraphData, batch: int = 200) -> Iterator[str]:
    """The statements of the script: schema, nodes (MERGE on the key, by label, in batches
    of ``batch`` rows), then relationships (MERGE per type, pair and report).

    Running the script twice changes nothing, as loading a report twice does not.
    """
    yield from schema.neo4j_ddl()
    stored = stored_properties(graph)
    by_label = grouped(graph.nodes, lambda node: node.label)
    for label in model.NODE_TYPES:
        key = model.node_type(label).key
        rows = [
            {
                "k": n.key,
                "p": {
                    name: typed(label, name, value)
                    for name, value in stored[n.id].items()
                    if value is not None and name != key
                },
            }
            for n in by_label.get(label, [])
        ]
        for chunk in _chunks(rows, batch):
            yield merge_nodes_statement(label, key, chunk)
    by_pattern: dict[tuple[str, str, str], list[GraphEdge]] = defaultdict(list)
    for edge in graph.edges:
        by_pattern[(edge.type, edge.src[0], edge.dst[0])].append(edge)
    for (rel_type, src, dst), edges in sorted(by_pattern.items()):
        src_key, dst_key = model.node_type(src).key, model.node_type(dst).key
        rows = [
            {
                "a": e.src[1],
                "b": e.dst[1],
                "r": e.properties.get("report"),
                "p": {
                    name: typed(rel_type, name, value)
                    for name, value in e.properties.items()
                    if value is not None and name != "report"
                },
            }
            for e in edges
        ]
        for chunk in _chunks(rows, batch):
            yield merge_relationships_statement(rel_type, (src, src_key), (dst, dst_key), chunk)


def _chunks(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def write_cypher(graph: GraphData, handle: IO[str]) -> None:
    handle.write(SCRIPT_HEADER)
    for statement in cypher_statements(graph):
        handle.write(statement + ";\n")


class CypherExporter(Exporter):
    format = "cypher"

    def write(self, graph: GraphData, handle: IO[Any]) -> None:
        write_cypher(graph, handle)
