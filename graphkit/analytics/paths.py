"""How two entities are connected, and on what evidence.

Entities are found by name with :func:`graphkit.filters.find_entity` (imported here too):
an exact node id, key or display name, else the best fuzzy match; an ambiguous name stops
with a "did you mean" list instead of guessing.

Paths run over the typed graph read undirected (relationship direction is shown, not
required). Report nodes are left out: two operations are not connected because one
press release mentions both. By default a path does not pass through a Country nor use
BASED_IN (an agency's home): "Europol <- BKA -> Germany <- 'Ndrangheta" says only that both
touched Germany, which connects nothing. A country may still be an end of the path;
``through_countries=True`` lifts both rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice, pairwise
from typing import Any

import networkx as nx

from graphkit.errors import AnalysisError
from graphkit.filters import (
    AMBIGUITY_MARGIN,
    HINT_SCORE,
    MIN_SCORE,
    describe_node,
    find_entity,
    fuzzy_scores,
)

__all__ = [
    "AMBIGUITY_MARGIN",
    "HINT_SCORE",
    "MIN_SCORE",
    "Connection",
    "Hop",
    "connections",
    "find_entity",
    "fuzzy_scores",
]

DEFAULT_MAX_HOPS = 6
MAX_PATHS = 5
PLACE_LABEL = "Country"
"""Nodes a path does not pass through unless asked (they may be its ends)."""
HOME_TYPE = "BASED_IN"
"""Relationships a path does not use unless asked: an agency's home joins it to everything
else that happened in that country."""


@dataclass
class Hop:
    """One step of a path: from ``src`` to ``dst`` by every relationship between them."""

    src: str
    dst: str
    relationships: list[dict[str, Any]] = field(default_factory=list)
    """Each: type, direction ("->" when src is the relationship's source, else "<-"),
    report, evidence, certainty and the relationship's own properties."""


@dataclass
class Connection:
    nodes: list[str]
    hops: list[Hop]

    @property
    def length(self) -> int:
        return len(self.hops)


def _hop(graph: nx.MultiDiGraph, u: str, v: str, skip: frozenset[str] = frozenset()) -> Hop:
    hop = Hop(u, v)
    for a, b, direction in ((u, v, "->"), (v, u, "<-")):
        if not graph.has_edge(a, b):
            continue
        for attrs in graph[a][b].values():
            if attrs.get("type") not in skip:
                hop.relationships.append({"direction": direction, **attrs})
    hop.relationships.sort(key=lambda r: (r["type"], r["direction"], str(r.get("report"))))
    return hop


def _searchable(graph: nx.MultiDiGraph, ends: tuple[str, str], through_countries: bool) -> nx.Graph:
    """The undirected graph paths run on: no reports; unless ``through_countries``, no
    country but the ``ends`` and no BASED_IN."""
    keep = [
        n
        for n, label in graph.nodes(data="label")
        if label != "Report" and (through_countries or label != PLACE_LABEL or n in ends)
    ]
    view = nx.Graph()
    view.add_nodes_from(keep)
    view.add_edges_from(
        (u, v)
        for u, v, kind in graph.subgraph(keep).edges(data="type")
        if through_countries or kind != HOME_TYPE
    )
    return view


def connections(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    max_hops: int = DEFAULT_MAX_HOPS,
    limit: int = MAX_PATHS,
    *,
    through_countries: bool = False,
) -> list[Connection]:
    """The shortest paths (up to ``limit``) between two node ids, at most ``max_hops`` long;
    not through a Country node nor by BASED_IN unless ``through_countries`` (see module).

    Raises :class:`AnalysisError` when they are the same node or nothing connects them
    within ``max_hops``.
    """
    if max_hops < 1:
        raise AnalysisError("--max-hops must be at least 1")
    if limit < 1:
        raise AnalysisError("--limit must be at least 1")
    if source == target:
        raise AnalysisError(f"both names are the same entity: {describe_node(graph, source)}")
    view = _searchable(graph, (source, target), through_countries)
    try:
        distance = nx.shortest_path_length(view, source, target)
    except nx.NetworkXNoPath:
        hint = ""
        if not through_countries and nx.has_path(
            _searchable(graph, (source, target), True), source, target
        ):
            hint = " except through a country (--through-countries allows it)"
        ends = f"{describe_node(graph, source)} and {describe_node(graph, target)}"
        raise AnalysisError(f"{ends} are not connected{hint}") from None
    if distance > max_hops:
        raise AnalysisError(
            f"no connection within {max_hops} hops between {describe_node(graph, source)} and "
            f"{describe_node(graph, target)} (the shortest has {distance}; raise --max-hops)"
        )
    # the number of shortest paths can explode: look at a bounded number, in a stable order
    paths = sorted(islice(nx.all_shortest_paths(view, source, target), 1000))[:limit]
    skip = frozenset() if through_countries else frozenset({HOME_TYPE})
    return [
        Connection(nodes=path, hops=[_hop(graph, a, b, skip) for a, b in pairwise(path)])
        for path in paths
    ]
