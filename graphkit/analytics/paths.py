"""How two entities are connected, and on what evidence.

Entities are found by name: an exact node id (``"Agency:agency:eu:europol"``), an exact key
or display name (case-insensitive), else the best fuzzy match (rapidfuzz). When two
candidates score about the same, the lookup stops with a "did you mean" list instead of
guessing.

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
from rapidfuzz import fuzz, process, utils

from graphkit.errors import AnalysisError

MIN_SCORE = 70.0
"""A fuzzy match below this score is no match."""

HINT_SCORE = 50.0
"""Below MIN_SCORE but at least this: named in the error as the closest."""

AMBIGUITY_MARGIN = 3.0
"""Candidates within this many points of the best are ambiguous."""

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


def _candidates(graph: nx.Graph) -> dict[str, list[str]]:
    """Searchable strings for each node: its display name, key and (countries) name/iso2."""
    found: dict[str, list[str]] = {}
    for nid, attrs in graph.nodes(data=True):
        if attrs.get("label") == "Report":
            continue
        names = (attrs.get("name"), attrs.get("key"), attrs.get("descriptor"))
        found[nid] = [str(n) for n in names if n]
    return found


def _describe(graph: nx.Graph, nid: str) -> str:
    attrs = graph.nodes[nid]
    return f"{attrs.get('name')} ({attrs.get('label')}, {attrs.get('key')})"


def fuzzy_scores(text: str, choices: dict[tuple[str, int], str]) -> dict[str, float]:
    """Each node's score for ``text``: the mean of its best token-set score (all the
    query's words found) and its best WRatio (overall similarity) over its names.
    ``choices`` maps (node id, name index) to a name."""
    scores: dict[str, list[float]] = {}
    for scorer in (fuzz.token_set_ratio, fuzz.WRatio):
        per_node: dict[str, float] = {}
        for _name, score, (nid, _i) in process.extract(
            text, choices, scorer=scorer, processor=utils.default_process, limit=None
        ):
            per_node[nid] = max(per_node.get(nid, score), score)
        for nid, score in per_node.items():
            scores.setdefault(nid, []).append(score)
    return {nid: sum(pair) / 2 for nid, pair in scores.items()}


def find_entity(graph: nx.Graph, query: str) -> str:
    """The node id ``query`` names; :class:`AnalysisError` when none or several fit."""
    text = query.strip()
    if not text:
        raise AnalysisError("empty entity name")
    if text in graph and graph.nodes[text].get("label") != "Report":
        return text
    candidates = _candidates(graph)
    if not candidates:
        raise AnalysisError("the graph is empty: load some reports first")
    folded = text.casefold()
    exact = sorted(
        nid for nid, names in candidates.items() if any(n.casefold() == folded for n in names)
    )
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise _ambiguous(graph, query, exact)
    # fuzzy: names only (keys match exactly or not at all); the mean of a token-set score
    # (all the query's words found) and WRatio (overall similarity) separates
    # "Belgian police" -> Belgian Federal Police from the other police forces
    choices = {
        (nid, i): name
        for nid, names in candidates.items()
        for i, name in enumerate(names)
        if name != graph.nodes[nid].get("key")
    }
    best = fuzzy_scores(text, choices)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < MIN_SCORE:
        close = [nid for nid, score in ranked[:3] if score >= HINT_SCORE]
        hint = f"; closest: {'; '.join(_describe(graph, n) for n in close)}" if close else ""
        raise AnalysisError(f"no entity matches {query!r}{hint}")
    top = ranked[0][1]
    tied = [nid for nid, score in ranked if score >= top - AMBIGUITY_MARGIN]
    if len(tied) > 1:
        raise _ambiguous(graph, query, tied)
    return ranked[0][0]


SHOWN_CANDIDATES = 8
"""Candidates an ambiguous name lists; the rest are counted."""


def _ambiguous(graph: nx.Graph, query: str, candidates: list[str]) -> AnalysisError:
    """The one error for a name that fits several entities: the first candidates, the
    number of the others, and how to name one exactly."""
    options = "; ".join(_describe(graph, nid) for nid in candidates[:SHOWN_CANDIDATES])
    more = len(candidates) - SHOWN_CANDIDATES
    if more > 0:
        options += f"; and {more} more"
    return AnalysisError(
        f"{query!r} is ambiguous; did you mean: {options}? (name one by Label:key)"
    )


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
        raise AnalysisError(f"both names are the same entity: {_describe(graph, source)}")
    view = _searchable(graph, (source, target), through_countries)
    try:
        distance = nx.shortest_path_length(view, source, target)
    except nx.NetworkXNoPath:
        hint = ""
        if not through_countries and nx.has_path(
            _searchable(graph, (source, target), True), source, target
        ):
            hint = " except through a country (--through-countries allows it)"
        raise AnalysisError(
            f"{_describe(graph, source)} and {_describe(graph, target)} are not connected{hint}"
        ) from None
    if distance > max_hops:
        raise AnalysisError(
            f"no connection within {max_hops} hops between {_describe(graph, source)} and "
            f"{_describe(graph, target)} (the shortest has {distance}; raise --max-hops)"
        )
    # the number of shortest paths can explode: look at a bounded number, in a stable order
    paths = sorted(islice(nx.all_shortest_paths(view, source, target), 1000))[:limit]
    skip = frozenset() if through_countries else frozenset({HOME_TYPE})
    return [
        Connection(nodes=path, hops=[_hop(graph, a, b, skip) for a, b in pairwise(path)])
        for path in paths
    ]
