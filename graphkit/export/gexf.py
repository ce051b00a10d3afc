"""GEXF (Gephi), written by networkx from the same graph as GraphML."""

from __future__ import annotations

from typing import IO

from graphkit.export.graphml import NetworkxXMLExporter
from graphkit.store.base import GraphData


class GEXFExporter(NetworkxXMLExporter):
    format = "gexf"
    writer = "write_gexf"


def write_gexf(graph: GraphData, handle: IO[bytes]) -> None:
    GEXFExporter().write(graph, handle)
