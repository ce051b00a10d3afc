"""The graph as analysts need it: the typed networkx graph and weighted projections
(filters, node ids and display names live in :mod:`graphkit.filters`, imported here too).

Everything here works on :class:`~graphkit.store.base.GraphData` (what every store's
``read_graph`` returns, in a deterministic order), so an analysis gives the same answer
on LadybugDB and on Neo4j.

Node ids in networkx are ``"Label:key"`` strings (``"Country:BE"``,
``"Agency:agency:eu:europol"``); every node carries ``label``, ``key``, ``name`` (a
display name, see :func:`display_name`) and its stored properties.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, combinations, repeat
from operator import attrgetter
from typing import Any, Literal

import networkx as nx

from graphkit import model
from graphkit.errors import AnalysisError
from graphkit.filters import (
    CERTAINTY_FILTERS,
    Filters,
    date_range,
    display_name,
    filter_graph,
    node_id,
    split_node_id,
)
from graphkit.store.base import GraphData, GraphEdge, GraphNode

Projection = Literal["full", "agencies", "countries", "groups", "persons"]
PROJECTIONS: tuple[str, ...] = ("full", "agencies", "countries", "groups", "persons")

__all__ = [
    "CERTAINTY_FILTERS",
    "PROJECTIONS",
    "Filters",
    "date_range",
    "display_name",
    "filter_graph",
    "node_id",
    "project",
    "split_node_id",
    "to_networkx",
]


# --------------------------------------------------------------------------------------
# networkx graphs
# --------------------------------------------------------------------------------------


def _node_attrs(node: GraphNode) -> dict[str, Any]:
    attrs = dict(node.properties)
    attrs.update(label=node.label, key=node.key, name=display_name(node))
    return attrs


def edge_attributes(graph: nx.Graph) -> Iterator[dict[str, Any]]:
    """Each edge's attribute dict, once from each of its ends, in adjacency order:
    networkx's own dict of dicts read in bulk, as its views cost per item (0.03 s at 670k
    edges, a loop over the views 0.5 s)."""
    return chain.from_iterable(map(dict.values, graph._adj.values()))


def to_networkx(graph: GraphData) -> nx.MultiDiGraph:
    """The full typed graph as a ``MultiDiGraph``.

    Nodes: id ``"Label:key"``, attrs ``label``, ``key``, ``name`` (display name) and every
    stored property. Edges: key = the relationship type, attrs ``type`` and every
    relationship property (report, evidence, evidence_start, evidence_end, certainty,
    count / role). A second relationship of the same type between the same two nodes (read
    from another report) is keyed ``"TYPE@report"``: read the type from the ``type`` attr.
    """
    g = nx.MultiDiGraph()
    for node in graph.nodes:
        g.add_node(node_id(node.label, node.key), **_node_attrs(node))
    for edge in graph.edges:
        u, v = node_id(*edge.src), node_id(*edge.dst)
        if u not in g or v not in g:
            continue
        key = edge.type
        if g.has_edge(u, v, key):
            key = f"{edge.type}@{edge.properties.get('report')}"
            n = 1
            while g.has_edge(u, v, key):  # same type, same report: cannot happen in a store
                n += 1
                key = f"{edge.type}@{edge.properties.get('report')}#{n}"
        g.add_edge(u, v, key=key, type=edge.type, **edge.properties)
    return g


def project(graph: GraphData, projection: str = "full") -> nx.Graph:
    """An undirected, weighted ``nx.Graph`` for analysis. Every edge has a ``weight``
    (tie strength, larger = stronger) and ``distance = 1 / weight`` (for shortest-path
    measures); nodes carry the same attrs as :func:`to_networkx`.

    - ``full``: every node; an edge per connected pair, weight = number of relationships
      between them (both directions, all types and reports).
    - ``agencies``: Agency nodes; weight = operations both took part in (plus, for pairs
      sharing no operation, the reports stating they cooperated).
    - ``countries``: Country nodes; weight = groups active or arrested in both plus
      operations conducted in both (route analysis).
    - ``groups``: CriminalGroup nodes; weight = countries both were active or arrested in
      plus operations that targeted both.
    - ``persons``: Person nodes; weight = the strength of their direct ties (MET, CALLED,
      ASSOCIATED_WITH: meetings, calls, ... summed over types and sources) plus the groups
      both are members of plus the arrests they share (arrested in the same country in
      the same report).
    """
    return Projected.of(graph, projection).graph


class Projected:
    """A projection (see :func:`project`) as its nodes, in order, and each weighted edge
    once, as the positions of its ends: what either engine is made from.

    networkx's graph is made only when asked for (:attr:`graph`); the igraph engine copies
    the arrays into igraph as they are. At the 100k-node benchmark graph (670,610 edges)
    the networkx graph costs ~1.9 s to make and ~1 s more to copy into igraph, more than
    all of igraph's default measures. The methods an analysis needs of a graph (counts,
    degrees, a node by id) are answered from the arrays, networkx's way.
    """

    def __init__(self, nodes: list[GraphNode], src: Any, dst: Any, weights: list[float]) -> None:
        import numpy as np

        self.nodes = nodes
        self.ids = [node_id(node.label, node.key) for node in nodes]
        self.src = np.asarray(src, dtype=np.int64)  # edge i joins src[i] and dst[i]
        self.dst = np.asarray(dst, dtype=np.int64)
        self.weights = weights  # as networkx keeps them: int where every count is one

    @classmethod
    def of(cls, graph: GraphData, projection: str = "full") -> Projected:
        if projection not in PROJECTIONS:
            raise AnalysisError(
                f"unknown projection {projection!r}; choose one of {', '.join(PROJECTIONS)}"
            )
        if projection == "full":
            nodes = list(graph.nodes)
            index = {(node.label, node.key): i for i, node in enumerate(nodes)}
            src, dst, counts = pair_counts(graph.edges, index, len(nodes))
            return cls(nodes, src, dst, counts.tolist())
        label = _CONTEXTS[projection][0]
        nodes = [node for node in graph.nodes if node.label == label]
        position = {node_id(node.label, node.key): i for i, node in enumerate(nodes)}
        weights: dict[tuple[str, str], float] = defaultdict(int)
        for group in memberships(graph, projection).values():  # a context reached twice: once
            present = sorted(m for m in group if m in position)
            for a, b in combinations(present, 2):
                weights[(a, b)] += 1
        if projection == "agencies":
            cooperated: dict[tuple[str, str], set[str]] = defaultdict(set)
            for edge in graph.edges:
                if edge.type == "COOPERATED_WITH":
                    a, b = sorted((node_id(*edge.src), node_id(*edge.dst)))
                    if a != b and a in position and b in position and (a, b) not in weights:
                        cooperated[(a, b)].add(str(edge.properties.get("report")))
            for pair, reports in cooperated.items():
                weights[pair] = len(reports)
        if projection == "persons":
            for edge in graph.edges:
                if edge.type in model.PERSON_TIES:
                    a, b = sorted((node_id(*edge.src), node_id(*edge.dst)))
                    if a != b and a in position and b in position:
                        weights[(a, b)] += edge.properties.get("weight") or 1
        pairs = sorted(weights)
        return cls(
            nodes,
            [position[a] for a, _ in pairs],
            [position[b] for _, b in pairs],
            [weights[pair] for pair in pairs],
        )

    def number_of_nodes(self) -> int:
        return len(self.ids)

    def number_of_edges(self) -> int:
        return len(self.weights)

    @functools.cached_property
    def index(self) -> dict[str, int]:
        """A node's position by its id."""
        return {v: i for i, v in enumerate(self.ids)}

    def node(self, nid: str) -> GraphNode:
        return self.nodes[self.index[nid]]

    def degree(
        self, nbunch: Iterable[str] | None = None, weight: str | None = None
    ) -> list[tuple[str, float]]:
        """``(id, degree)`` for ``nbunch`` (every node when None), as networkx's
        ``graph.degree(nbunch, weight)``: with ``weight="weight"`` the sum of the weights."""
        import numpy as np

        n = len(self.ids)
        if weight is None:
            per = np.bincount(self.src, minlength=n) + np.bincount(self.dst, minlength=n)
        else:
            w = np.asarray(self.weights, dtype=float)
            per = np.bincount(self.src, w, minlength=n) + np.bincount(self.dst, w, minlength=n)
        values = per.tolist()
        if nbunch is None:
            return list(zip(self.ids, values, strict=True))
        return [(v, values[self.index[v]]) for v in nbunch]

    @functools.cached_property
    def graph(self) -> nx.Graph:
        """The projection as an ``nx.Graph`` (see :func:`project`), made once."""
        g = nx.Graph()
        g.add_nodes_from(zip(self.ids, map(_node_attrs, self.nodes), strict=True))
        ids = self.ids
        g.add_edges_from(
            (ids[u], ids[v], {"weight": w, "distance": 1.0 / w})
            for u, v, w in zip(self.src.tolist(), self.dst.tolist(), self.weights, strict=True)
        )
        return g


def memberships(graph: GraphData, projection: str) -> dict[tuple[Any, ...], dict[str, list[Any]]]:
    """The contexts of a projection (an operation, a country, a group; for arrests of persons,
    a country in one report) and, for each, its members by node id with the relationships
    (``GraphEdge``) that make them members: two members of one context are linked. The view
    lists these relationships as the evidence of a projected link."""
    label, contexts = _CONTEXTS[projection]
    members: dict[tuple[Any, ...], dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for edge in graph.edges:
        for etype, side in contexts:
            if edge.type != etype:
                continue
            member, context = (edge.src, edge.dst) if side == "src" else (edge.dst, edge.src)
            if (projection, etype) in _PER_REPORT:
                context = (*context, edge.properties.get("report"))
            if member[0] == label:
                members[context][node_id(*member)].append(edge)
    return members


# (label projected, [(relationship type, which end is the member)]); the other end is the
# shared context (an operation, a country, a group).
_CONTEXTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "agencies": ("Agency", [("PARTICIPATED_IN", "src")]),
    "countries": (
        "Country",
        [("OPERATED_IN", "dst"), ("ARRESTED_IN", "dst"), ("CONDUCTED_IN", "dst")],
    ),
    "groups": (
        "CriminalGroup",
        [("OPERATED_IN", "src"), ("ARRESTED_IN", "src"), ("TARGETED", "dst")],
    ),
    "persons": ("Person", [("MEMBER_OF", "src"), ("ARRESTED_IN", "src")]),
}
_PER_REPORT = frozenset({("persons", "ARRESTED_IN")})
"""Contexts that are one per report: persons arrested in one country are linked when one
report tells of both arrests (the same action), not across unrelated reports."""


def pair_counts(
    edges: Sequence[GraphEdge], index: dict[tuple[str, str], int], n: int
) -> tuple[Any, Any, Any]:
    """Each pair of distinct nodes joined by ``edges`` (``index``: a node's position, below
    ``n``) with the number of relationships between them, in either direction, as three
    arrays ``(u, v, count)`` with ``u < v``, in the order the pairs first occur;
    relationships to nodes not in ``index`` and self-loops are left out.

    Counted in numpy: at the 930k relationships of the 100k-node benchmark graph a dict
    of pairs took 1.2 s, this 0.7-0.8 s, most of it reading the relationships' ends."""
    import numpy as np

    ends = chain.from_iterable(map(_ENDS, edges))  # each edge read once: memory, not work
    positions = np.fromiter(map(index.get, ends, repeat(-1)), np.int64, count=2 * len(edges))
    src, dst = positions[0::2], positions[1::2]
    low, high = np.minimum(src, dst), np.maximum(src, dst)
    joined = (low >= 0) & (low != high)
    pairs, first, counts = np.unique(
        low[joined] * n + high[joined], return_index=True, return_counts=True
    )
    order = np.argsort(first)  # first occurrences are distinct: no ties
    pairs, counts = pairs[order], counts[order]
    return pairs // n, pairs % n, counts


_ENDS = attrgetter("src", "dst")
