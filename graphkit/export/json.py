"""Node-link JSON (networkx's ``node_link_data``, edges under ``"edges"``), lists kept as lists."""

from __future__ import annotations

import json
from typing import IO, Any

from graphkit.export.base import Exporter
from graphkit.export.graphml import to_export_graph
from graphkit.store.base import GraphData


def node_link(graph: GraphData) -> dict[str, Any]:
    """Node-link data (``networkx.node_link_graph(data, edges="edges")`` reads it back)."""
    import networkx as nx

    return nx.node_link_data(to_export_graph(graph, xml=False), edges="edges")


def write_json(graph: GraphData, handle: IO[str]) -> None:
    json.dump(node_link(graph), handle, ensure_ascii=False, indent=1)
    handle.write("\n")


class JSONExporter(Exporter):
    format = "json"

    def write(self, graph: GraphData, handle: IO[Any]) -> None:
        write_json(graph, handle)
