"""Criminology measures on a projection, with networkx's own implementations.

Every measure is deterministic: seeded where networkx draws random numbers (Louvain,
sampled betweenness), ties broken by node id wherever we rank.

Weights: an edge's ``weight`` is a tie *strength* (shared operations, parallel
relationships). Measures that sum or propagate strength use it as is (weighted degree,
PageRank, eigenvector, Louvain, Burt's constraint and effective size). Measures built
on shortest paths (betweenness, closeness) need a *distance*, so they use
``distance = 1 / weight``: a tie twice as strong is half as long. When every weight is 1
the two coincide and the faster breadth-first search is used.

Size limits: betweenness is exact while n x (n + m) <= :data:`EXACT_WORK` (about 1,500
nodes of a sparse projection) and estimated above it from ``k`` sampled sources, k sized
to a work budget (:data:`SAMPLE_WORK`), k and seed reported in the notes; closeness,
which has no sampled form in networkx, is skipped above :data:`CLOSENESS_WORK` with a
note. On the benchmark's 10k-node graph, k=109 sources find 8 of the exact top 10
(Spearman 0.98 over all nodes), k=10 find 6 (0.86). ``exact=True`` (``analyze --exact``)
makes betweenness exact at any size (:func:`exact_betweenness`).
"""

from __future__ import annotations

import heapq
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from operator import methodcaller
from typing import Any

import networkx as nx
from scipy.sparse.linalg import ArpackError  # ARPACK's failures, non-convergence included

from graphkit.analytics.projection import Projected, edge_attributes
from graphkit.errors import AnalysisError

MEASURES: tuple[str, ...] = (
    "degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
    "community",
    "leiden",
    "kcore",
    "articulation",
    "bridges",
    "constraint",
    "effective_size",
)
"""Every measure :func:`compute_measures` knows, in the order it reports them."""

DEFAULT_MEASURES: tuple[str, ...] = (
    "degree",
    "weighted_degree",
    "betweenness",
    "pagerank",
    "community",
    "kcore",
    "articulation",
)
"""What ``graphkit analyze`` computes without ``--measure``: the ones that fit the 100k-node
budget. Eigenvector, closeness, bridges and the structural-hole measures are asked for by
name."""

INTEGER_MEASURES = frozenset({"degree", "community", "leiden", "kcore", "articulation", "bridges"})

ENGINES: tuple[str, ...] = ("auto", "networkx", "igraph")
"""``networkx`` is the reference; ``igraph`` (the ``graphkit[fast]`` extra) computes the same
measures in C (:mod:`graphkit.analytics.igraph_engine`); ``auto`` is igraph when installed."""

IGRAPH_SPEED = 40
"""How many times more shortest-path work igraph does in the same time as networkx here
(38-68x measured on sampled betweenness): closeness, which has no sampled form and is
skipped above :data:`CLOSENESS_WORK`, is computed on graphs this many times larger with the
igraph engine. Betweenness samples the same k sources with either engine."""

EXACT_WORK = 10_000_000
"""Betweenness is exact while nodes x (nodes + edges) stays under this: one shortest-path
search per node, each visiting the whole graph (networkx manages roughly 400,000 visits a
second here, so at most about 25 s): e.g. 1,500 nodes with 5,000 edges, 1,000 with 9,000.
Sampling above it costs about the same as exact betweenness at the threshold.
Above it, it is estimated from ``k`` sampled sources, seeded."""

SAMPLE_WORK = 8_000_000
"""Sampled betweenness: k = SAMPLE_WORK / (nodes + edges), clamped to [MIN_SAMPLE_K,
MAX_SAMPLE_K]: 109 sources on 10k nodes / 63k edges, 10 on 100k nodes / 670k edges."""

MIN_SAMPLE_K = 10
MAX_SAMPLE_K = 500

CLOSENESS_WORK = 50_000_000
"""Closeness needs a search from every node and has no sampled form: it is skipped (with a
note) when nodes x (nodes + edges) is above this."""


@dataclass
class MeasureResult:
    """Measure values by node id, and notes on how they were computed.

    ``values[measure][node]`` is a float (int for degree, community, kcore, articulation,
    bridges). A node is absent where a measure is undefined for it (Burt's constraint and
    effective size of an isolated node); the notes say so.
    """

    values: dict[str, dict[str, float | int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict, compare=False)
    """Wall time of each step (a measure; ``igraph copy``; ``projection`` when
    :func:`~graphkit.analytics.analyze` made it): what a benchmark or a user who waits
    wants to know, not part of the answer."""

    def ranked(
        self, measure: str, graph: nx.Graph | Projected | None = None, top: int | None = None
    ) -> list[tuple[str, float | int]]:
        """Nodes by decreasing value (increasing for constraint: low constraint = broker),
        ties broken by degree (when the graph is given), then node id; the first ``top``.

        With ``top``, only the nodes whose value can place them there are ranked (and
        their degrees read): the top ten of 100k nodes is not a sort of 100k."""
        values = self.values[measure]
        sign = 1 if measure == "constraint" else -1
        items: Iterable[tuple[str, float | int]] = values.items()
        if top is not None and 0 < top < len(values):
            cut = heapq.nsmallest(top, (sign * v for v in values.values()))[-1]
            items = [(node, v) for node, v in items if sign * v <= cut]
        degree = dict(graph.degree(node for node, _ in items)) if graph is not None else {}
        found = sorted(items, key=lambda kv: (sign * kv[1], -degree.get(kv[0], 0), kv[0]))
        return found if top is None else found[:top]

    def top(
        self, measure: str, n: int = 10, graph: nx.Graph | Projected | None = None
    ) -> list[tuple[str, float | int]]:
        return self.ranked(measure, graph, n)

    def communities(self) -> list[list[str]]:
        """The Louvain communities, largest first (community ids are these indexes)."""
        groups: dict[int, list[str]] = {}
        for node, c in self.values.get("community", {}).items():
            groups.setdefault(int(c), []).append(node)
        return [sorted(groups[c]) for c in sorted(groups)]


def check_measures(measures: Iterable[str] | None) -> list[str]:
    """The measures to compute, in :data:`MEASURES` order; an error names unknown ones."""
    if measures is None:
        return list(DEFAULT_MEASURES)
    wanted = list(dict.fromkeys(measures))
    unknown = [m for m in wanted if m not in MEASURES]
    if unknown:
        raise AnalysisError(
            f"unknown measure {', '.join(map(repr, unknown))}; choose from {', '.join(MEASURES)}"
        )
    if not wanted:
        raise AnalysisError(f"no measure asked for; choose from {', '.join(MEASURES)}")
    return [m for m in MEASURES if m in wanted]


_HAS_WEIGHT = methodcaller("__contains__", "weight")


def simple_undirected(graph: nx.Graph) -> nx.Graph:
    """An undirected simple graph with ``weight`` on every edge (parallel edges summed,
    self-loops dropped); a simple undirected graph already in that shape is returned as is."""
    if (
        not graph.is_directed()
        and not graph.is_multigraph()
        and nx.number_of_selfloops(graph) == 0
        and all(map(_HAS_WEIGHT, edge_attributes(graph)))
    ):
        return graph
    g = nx.Graph()
    g.add_nodes_from(graph.nodes(data=True))
    for u, v, d in graph.edges(data=True):
        if u == v:
            continue
        w = d.get("weight", 1)
        if g.has_edge(u, v):
            g[u][v]["weight"] += w
        else:
            g.add_edge(u, v, weight=w)
    return g


def distance_graph(graph: nx.Graph) -> tuple[nx.Graph, str | None]:
    """The graph to run shortest-path measures on, and the edge attribute holding distance.

    All weights 1: the graph itself and no attribute (hop counts, breadth-first search).
    Else ``distance = 1 / weight``: the edges' own ``distance`` when every edge has one (as
    :func:`~graphkit.analytics.project` sets it), else computed on a copy."""
    edges = graph.edges(data=True)
    if all(d.get("weight", 1) == 1 for _, _, d in edges):
        return graph, None
    if all("distance" in d for _, _, d in edges):
        return graph, "distance"
    h = nx.Graph()
    h.add_nodes_from(graph)
    h.add_edges_from((u, v, {"distance": 1.0 / d["weight"]}) for u, v, d in edges)
    return h, "distance"


def betweenness_sample(n: int, m: int) -> int | None:
    """How many sources betweenness samples on n nodes and m edges; None = exact. The
    same with either engine, so that the engine changes the time, not the answer."""
    if n * (n + m) <= EXACT_WORK:
        return None
    return min(n, MAX_SAMPLE_K, max(MIN_SAMPLE_K, SAMPLE_WORK // max(1, n + m)))


def _betweenness_note(notes: list[str], k: int | None, seed: int, weighted: bool) -> None:
    how = "distance = 1/weight" if weighted else "hop counts"
    if k is not None:
        notes.append(f"betweenness sampled k={k} seed={seed}; {how}")
    else:
        notes.append(f"betweenness exact; {how}")


def betweenness(
    graph: nx.Graph,
    seed: int = 42,
    notes: list[str] | None = None,
    *,
    weighted: bool = True,
    engine: str | None = "networkx",
) -> dict[str, float]:
    """Normalised betweenness on distances 1/weight (hop counts unless ``weighted``),
    exact or sampled (see EXACT_WORK), with ``engine`` (see :data:`ENGINES`)."""
    notes = notes if notes is not None else []
    k = betweenness_sample(graph.number_of_nodes(), graph.number_of_edges())
    _betweenness_note(notes, k, seed, weighted)
    if resolve_engine(engine) == "igraph":
        from graphkit.analytics import igraph_engine

        return igraph_engine.betweenness(igraph_engine.Converted(graph), k, seed, weighted)
    h, dist = distance_graph(graph) if weighted else (graph, None)
    return nx.betweenness_centrality(h, k=k, normalized=True, weight=dist, seed=seed)


NETWORKX_VISITS_PER_S = 400_000
"""networkx's shortest-path searches visit about this many nodes + edges a second here
(:data:`EXACT_WORK`): what an estimate of its exact betweenness's time is based on."""


def exact_betweenness(
    g: nx.Graph | Projected,
    engine: str,
    requested: str | None,
    fast: _Fast | None,
    workers: int | None,
    progress: Callable[[int, int, float], None] | None,
    notes: list[str],
) -> dict[str, float]:
    """Exact betweenness (distance = 1/weight) whatever the size of ``g`` (``--exact``).

    With the igraph engine: igraph's subset betweenness over chunks of sources, in
    ``workers`` processes (None: one per core when the graph is large), no search from a
    leaf (:class:`~graphkit.analytics.igraph_engine.ExactPlan`); equal to networkx's to
    1e-9 (the float-tie exception of the module's docstring aside). With ``--engine
    networkx``, networkx's own, in this process. When the engine was not named, python-igraph
    is missing and the graph is above :data:`EXACT_WORK`, an error says how to install it
    rather than start hours of networkx."""
    n, m = g.number_of_nodes(), g.number_of_edges()
    if engine == "networkx":
        if requested in (None, "auto") and betweenness_sample(n, m) is not None:
            from graphkit.analytics import igraph_engine

            hours = n * (n + m) / NETWORKX_VISITS_PER_S / 3600
            raise AnalysisError(
                f"exact betweenness on {n:,} nodes and {m:,} edges needs python-igraph "
                f"(networkx alone: about {hours:,.1f} h in one process); "
                f"{igraph_engine.INSTALL_HINT}, or ask for networkx with --engine networkx"
            )
        notes.append("betweenness exact (networkx, one process); distance = 1/weight")
        h, dist = distance_graph(g.graph if isinstance(g, Projected) else g)
        return nx.betweenness_centrality(h, normalized=True, weight=dist)
    assert fast is not None  # made by compute_measures for the igraph engine
    plan = fast.engine.exact_plan(fast.c)
    processes = fast.engine.exact_workers(fast.c, plan, workers)
    notes.append(
        f"betweenness exact: {plan.total:,} searches ({plan.leaves:,} leaves counted with "
        f"their neighbour, {plan.twins:,} nodes with a twin's), "
        f"{processes} process{'es' if processes > 1 else ''}; "
        "distance = 1/weight"
    )
    return fast.engine.exact_betweenness(fast.c, True, processes, progress, plan)


def resolve_engine(engine: str | None) -> str:
    """``networkx`` or ``igraph`` for an engine name (``auto``/None: igraph when installed)."""
    from graphkit.analytics import igraph_engine

    if engine in (None, "auto"):
        return "igraph" if igraph_engine.available() else "networkx"
    if engine not in ENGINES:
        raise AnalysisError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if engine == "igraph" and not igraph_engine.available():
        raise AnalysisError(f"the igraph engine needs python-igraph; {igraph_engine.INSTALL_HINT}")
    return engine


def compute_measures(
    graph: nx.Graph | Projected,
    measures: list[str] | None = None,
    seed: int = 42,
    engine: str | None = "networkx",
    *,
    exact: bool = False,
    workers: int | None = None,
    progress: Callable[[int, int, float], None] | None = None,
) -> MeasureResult:
    """Compute ``measures`` (default :data:`DEFAULT_MEASURES`) on ``graph``.

    ``graph`` is normally a :func:`~graphkit.analytics.project` result, or its arrays
    (:class:`~graphkit.analytics.projection.Projected`: with the igraph engine, networkx's
    graph is then made only for the measures networkx computes); a directed or multi
    graph is first reduced to a simple undirected one with summed weights. Works on
    empty, one-node and disconnected graphs (values are then 0 or absent, with notes).
    ``engine``: see :data:`ENGINES`; measures igraph does not have (eigenvector,
    constraint, effective size) are computed with networkx either way, and those networkx
    does not have (Leiden) with igraph either way.

    ``exact``: betweenness is exact whatever the graph's size (:func:`exact_betweenness`),
    in ``workers`` processes with the igraph engine, ``progress`` told after each chunk of
    searches.
    """
    wanted = check_measures(measures)
    requested = engine
    engine = resolve_engine(engine)
    g = graph if isinstance(graph, Projected) else simple_undirected(graph)
    result = MeasureResult()
    n = g.number_of_nodes()
    if n == 0:
        result.notes.append("the graph is empty: nothing to measure")
        result.values = {m: {} for m in wanted}
        return result
    # the measures igraph computes: all it has with its engine, and those only it has
    by_igraph = {m: m not in _COMPUTE or (engine == "igraph" and m in _FAST) for m in wanted}
    fast = None
    if any(by_igraph.values()):
        start = time.perf_counter()
        fast = _Fast(g)  # raises, with how to install it, when igraph is missing
        result.seconds["igraph copy"] = time.perf_counter() - start
        if engine == "igraph":
            result.notes.append("engine: igraph")
    if isinstance(g, Projected) and not all(by_igraph.values()):
        start = time.perf_counter()
        g = g.graph
        result.seconds["networkx graph"] = time.perf_counter() - start
    for measure in wanted:
        start = time.perf_counter()
        if measure == "betweenness" and exact:
            result.values[measure] = exact_betweenness(
                g, engine, requested, fast, workers, progress, result.notes
            )
        elif by_igraph[measure]:
            result.values[measure] = _FAST[measure](fast, seed, result.notes)
        else:
            result.values[measure] = _COMPUTE[measure](g, seed, result.notes)
        result.seconds[measure] = time.perf_counter() - start
    return result


# --------------------------------------------------------------------------------------
# One function per measure: (graph, seed, notes) -> {node: value}
# --------------------------------------------------------------------------------------


def _degree(g: nx.Graph, seed: int, notes: list[str]) -> dict[str, Any]:
    return {v: int(d) for v, d in g.degree()}


def _weighted_degree(g: nx.Graph, seed: int, notes: list[str]) -> dict[str, Any]:
    return {v: float(d) for v, d in g.degree(weight="weight")}


def _betweenness(g: nx.Graph, seed: int, notes: list[str]) -> dict[str, Any]:
    return betweenness(g, seed, notes)


def _closeness(g: nx.Graph, seed: int, notes: list[str]) -> dict[str, Any]:
    n, m = g.number_of_nodes(), g.number_of_edges()
    if n * (n + m) > CLOSENESS_WORK:
        notes.append(f"closeness skipped: {n} nodes x {n + m} nodes+edges > {CLOSENESS_WORK:,}")
        return {}
    h, dist = distance_graph(g)
    notes.append("closeness: Wasserman-Faust for disconnected graphs; distance = 1/weight")
    return nx.closeness_centrality(h, distance=dist)


def _eigenvector(g: nx.Graph, seed: int, notes: list[str]) -> dict[str, Any]:
    """networkx's eigenvector centrality, one connected component at a time.

    The principal eigenvector of a disconnected graph lives on one component only (or is
    not unique), so each component is measured on its own and its unit vector scaled by
    sqrt(component size / nodes in components): the whole vector keeps unit length and
    components compare. Isolated nodes get 0.
    """
    n = g.number_of_nodes()
    values: dict[str, float] = dict.fromkeys(g, 0.0)
    components = [c for c in nx.connected_components(g) if len(c) > 1]
    if not components:
        notes.append("eigenvector: no edges, all 0")
        return values
    if len(components) > 1 or len(components[0]) < n:
        notes.append("eigenvector: per connected component, scaled by sqrt(its share of nodes)")
    covered = sum(len(c) for c in components)  # isolated nodes get 0 and no share
    for component in components:
        scale = math.sqrt(len(component) / covered)
        if len(component) == 2:
            part = dict.fromkeys(component, math.sqrt(0.5))
        else:
            sub = g.subgraph(component)
            try:
                part = nx.eigenvector_centrality_numpy(sub, weight="weight", max_iter=1000)
            except (nx.NetworkXException, ArithmeticError, ArpackError) as exc:
                notes.append(f"eigenvector did not converge on a component ({exc}); 0 there")
                continue
        for v, x in part.items():
            # the sign of an eigenvector is arbitrary, its last digits solver noise
            values[v] = round(abs(float(x)) * scale, 10)
    return values


def _pagerank(g: nx.Graph, seed: int, notes: list[str]) -> dict[str, Any]:
    return {v: float(x) for v, x in nx.pagerank(g, alpha=0.85, weight="weight").items()}


def _community(g: nx.Graph, seed: int, notes: list[str]) -> dict[str, Any]:
    found = nx.community.louvain_communities(g, weight="weight", seed=seed)
    quality = partial(nx.community.modularity, g, weight="weight")
    return _numbered(found, "community: Louvain", seed, notes, quality, g.number_of_edges())


def _kcore(g: nx.Graph, seed: int, notes: list[str]) -> dict[str, Any]:
    return dict(nx.core_number(g))


def _articulation(g: nx.Graph, seed: int, notes: list[str]) -> dict[str, Any]:
    points = set(nx.articulation_points(g))
    notes.append(f"articulation: {len(points)} articulation points (1 = removing it splits)")
    return {v: int(v in points) for v in g}


def _bridges(g: nx.Graph, seed: int, notes: list[str]) -> dict[str, Any]:
    return _bridge_counts(g, nx.bridges(g), notes)


def _bridge_counts(
    nodes: Iterable[str], found: Iterable[tuple[str, str]], notes: list[str]
) -> dict[str, int]:
    counts = dict.fromkeys(nodes, 0)
    total = 0
    for u, v in found:
        counts[u] += 1
        counts[v] += 1
        total += 1
    notes.append(f"bridges: {total} bridge edges; value = bridges at the node")
    return counts


def _undefined_dropped(name: str, values: dict[str, float], notes: list[str]) -> dict[str, float]:
    kept = {v: float(x) for v, x in values.items() if x is not None and not math.isnan(x)}
    if len(kept) < len(values):
        notes.append(f"{name}: undefined for {len(values) - len(kept)} isolated node(s)")
    return kept


def _constraint(g: nx.Graph, seed: int, notes: list[str]) -> dict[str, Any]:
    return _undefined_dropped("constraint", nx.constraint(g, weight="weight"), notes)


def _effective_size(g: nx.Graph, seed: int, notes: list[str]) -> dict[str, Any]:
    return _undefined_dropped("effective_size", nx.effective_size(g, weight="weight"), notes)


_COMPUTE: dict[str, Callable[[nx.Graph, int, list[str]], dict[str, Any]]] = {
    "degree": _degree,
    "weighted_degree": _weighted_degree,
    "betweenness": _betweenness,
    "closeness": _closeness,
    "eigenvector": _eigenvector,
    "pagerank": _pagerank,
    "community": _community,
    "kcore": _kcore,
    "articulation": _articulation,
    "bridges": _bridges,
    "constraint": _constraint,
    "effective_size": _effective_size,
}


class _Fast:
    """The igraph copy of the graph, made once per :func:`compute_measures` call."""

    def __init__(self, g: nx.Graph | Projected) -> None:
        from graphkit.analytics import igraph_engine

        self.engine = igraph_engine
        self.c = igraph_engine.Converted(g)
        self.nodes = self.c.nodes
        self.n, self.m = self.c.graph.vcount(), self.c.graph.ecount()


def _fast_betweenness(f: _Fast, seed: int, notes: list[str]) -> dict[str, Any]:
    k = betweenness_sample(f.n, f.m)
    _betweenness_note(notes, k, seed, True)
    return f.engine.betweenness(f.c, k, seed, weighted=True)  # the graph converted once


def _fast_closeness(f: _Fast, seed: int, notes: list[str]) -> dict[str, Any]:
    n, m = f.n, f.m
    if n * (n + m) > CLOSENESS_WORK * IGRAPH_SPEED:
        limit = CLOSENESS_WORK * IGRAPH_SPEED
        notes.append(f"closeness skipped: {n} nodes x {n + m} nodes+edges > {limit:,}")
        return {}
    notes.append("closeness: Wasserman-Faust for disconnected graphs; distance = 1/weight")
    return f.engine.closeness(f.c, weighted=True)


def _fast_degree(f: _Fast, seed: int, notes: list[str]) -> dict[str, Any]:
    return f.c.values(f.c.graph.degree(), int)


def _fast_weighted_degree(f: _Fast, seed: int, notes: list[str]) -> dict[str, Any]:
    return f.engine.strength(f.c)


def _fast_pagerank(f: _Fast, seed: int, notes: list[str]) -> dict[str, Any]:
    return f.engine.pagerank(f.c)


def _numbered(
    found: list[list[str]],
    name: str,
    seed: int,
    notes: list[str],
    modularity: Callable[[list[list[str]]], float],
    edges: int,
) -> dict[str, Any]:
    """Community ids by size (largest first, then first member), and a note on quality
    (the partition's weighted ``modularity`` on a graph of ``edges`` edges)."""
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    notes.append(
        f"{name} seed={seed}, {len(ordered)} communities, modularity {modularity(ordered):.3f}"
        if edges
        else f"{name} seed={seed}, {len(ordered)} communities (no edges)"
    )
    return {v: i for i, members in enumerate(ordered) for v in members}


def _fast_community(f: _Fast, seed: int, notes: list[str]) -> dict[str, Any]:
    found = f.engine.communities(f.c, seed, "louvain")
    quality = partial(f.engine.modularity, f.c)
    return _numbered(found, "community: Louvain (igraph)", seed, notes, quality, f.m)


def _fast_leiden(f: _Fast, seed: int, notes: list[str]) -> dict[str, Any]:
    found = f.engine.communities(f.c, seed, "leiden")
    quality = partial(f.engine.modularity, f.c)
    return _numbered(found, "leiden: Leiden (igraph, modularity)", seed, notes, quality, f.m)


def _fast_kcore(f: _Fast, seed: int, notes: list[str]) -> dict[str, Any]:
    return f.engine.kcore(f.c)


def _fast_articulation(f: _Fast, seed: int, notes: list[str]) -> dict[str, Any]:
    points = f.engine.articulation_points(f.c)
    notes.append(f"articulation: {len(points)} articulation points (1 = removing it splits)")
    return {v: int(v in points) for v in f.nodes}


def _fast_bridges(f: _Fast, seed: int, notes: list[str]) -> dict[str, Any]:
    return _bridge_counts(f.nodes, f.engine.bridges(f.c), notes)


_FAST: dict[str, Callable[[_Fast, int, list[str]], dict[str, Any]]] = {
    "degree": _fast_degree,
    "weighted_degree": _fast_weighted_degree,
    "betweenness": _fast_betweenness,
    "closeness": _fast_closeness,
    "pagerank": _fast_pagerank,
    "community": _fast_community,
    "leiden": _fast_leiden,
    "kcore": _fast_kcore,
    "articulation": _fast_articulation,
    "bridges": _fast_bridges,
}
"""The measures the igraph engine computes itself (the others are networkx's either way)."""
