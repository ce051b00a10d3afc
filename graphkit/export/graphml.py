"""GraphML (Gephi, yEd, Cytoscape), written by networkx; also the networkx graph that GEXF
and node-link JSON are written from."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import IO, Any, ClassVar

from graphkit import model
from graphkit.export.base import Exporter, typed
from graphkit.filters import display_name, node_id
from graphkit.store.base import GraphData


def to_export_graph(graph: GraphData, *, xml: bool = True) -> Any:
    """The graph as a networkx ``MultiDiGraph`` with the attributes described in
    :mod:`graphkit.export`.

    With ``xml`` (GraphML, GEXF) lists become JSON strings and characters XML 1.0 cannot
    hold (control characters, lone surrogates) become U+FFFD; nulls are always left out.
    """
    import networkx as nx

    clean: Callable[[Any], Any] = _xml_value if xml else (lambda value: value)
    g = nx.MultiDiGraph(name="graphkit")
    for node in graph.nodes:
        spec = model.node_type(node.label)
        attrs: dict[str, Any] = {
            "label": display_name(node),
            "node_label": node.label,
            "node_key": node.key,
        }
        for name, value in node.properties.items():
            value = typed(node.label, name, value)
            if value is not None and name != spec.key:
                attrs[name] = value
        g.add_node(clean(node_id(node.label, node.key)), **{k: clean(x) for k, x in attrs.items()})
    seen: set[tuple[str, str, str]] = set()
    for edge in graph.edges:
        u, v = clean(node_id(*edge.src)), clean(node_id(*edge.dst))
        if u not in g or v not in g:
            continue
        key = f"{edge.type}@{edge.properties.get('report')}"
        n = 1
        while (u, v, key) in seen:  # same type, pair and report: not made by any store
            n += 1
            key = f"{edge.type}@{edge.properties.get('report')}#{n}"
        seen.add((u, v, key))
        attrs = {"label": edge.type, "rel_type": edge.type}
        for name, value in edge.properties.items():
            value = typed(edge.type, name, value)
            if value is not None:
                attrs[name] = value
        g.add_edge(u, v, key=clean(key), **{k: clean(x) for k, x in attrs.items()})
    return g


_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _XML_INVALID.sub("\ufffd", text)


def _xml_value(value: Any) -> Any:
    if isinstance(value, list | tuple | dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return xml_text(value)
    return value


class NetworkxXMLExporter(Exporter):
    """An XML format networkx writes (``networkx.<writer>``) from :func:`to_export_graph`."""

    binary = True
    writer: ClassVar[str]

    def write(self, graph: GraphData, handle: IO[Any]) -> None:
        import networkx as nx

        write = getattr(nx, self.writer)
        write(to_export_graph(graph), handle, encoding="utf-8", prettyprint=True)


class GraphMLExporter(NetworkxXMLExporter):
    format = "graphml"
    writer = "write_graphml"


def write_graphml(graph: GraphData, handle: IO[bytes]) -> None:
    GraphMLExporter().write(graph, handle)
