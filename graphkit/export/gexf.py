"""GEXF (Gephi), written by networkx from the same graph as GraphML."""

from __future__ import annotations

from typing import IO, Any

from graphkit.export.base import Exporter
from graphkit.export.graphml import to_export_graph
from graphkit.store.base import GraphData


def write_gexf(graph: GraphData, handle: IO[bytes]) -> None:
    import networkx as nx

    nx.write_gexf(to_export_graph(graph), handle, encoding="utf-8", prettyprint=True)


class GEXFExporter(Exporter):
    format = "gexf"
    binary = True

    def write(self, graph: GraphData, handle: IO[Any]) -> None:
        write_gexf(graph, handle)
