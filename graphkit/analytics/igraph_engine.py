"""The same measures with python-igraph (the optional ``graphkit[fast]`` extra).

networkx stays the reference: every function here returns what its networkx counterpart in
:mod:`graphkit.analytics.measures` returns, in networkx's scale and conventions, so that
results, write-back and views do not depend on the engine. The tests compare both engines
on small graphs. igraph's C core is 10-300x faster on the analytics that bound a large
graph (shortest paths, PageRank, communities, k-core).

Conventions matched:
- betweenness: networkx normalises by (n-1)(n-2) and counts each unordered pair twice on
  an undirected graph; igraph counts it once. Sampled betweenness takes the *same* k
  sources networkx would draw (``random.Random(seed).sample(nodes, k)``) and igraph's
  subset betweenness, so the two engines give the same estimate, not just a similar one.
  With weights, igraph compares path lengths with a tolerance and networkx exactly, so
  paths of lengths 1/3 + 1/3 + 1/3 and 1 tie in igraph only: weighted betweenness can
  differ where such float sums meet (the hop-count and integer-distance cases agree).
- closeness: Wasserman-Faust for disconnected graphs (networkx's ``wf_improved``).
- communities: Louvain (and Leiden, igraph only) with igraph's random numbers drawn from a
  ``random.Random(seed)``: deterministic, but not networkx's partition (quality is compared).
"""

from __future__ import annotations

import contextlib
import math
import random
from collections.abc import Iterator
from typing import Any

import networkx as nx

from graphkit.errors import AnalysisError

INSTALL_HINT = "install it with: pip install 'graphkit[fast]'"


def available() -> bool:
    """Whether python-igraph can be imported."""
    try:
        import igraph  # noqa: F401
    except ImportError:
        return False
    return True


def _igraph() -> Any:
    try:
        import igraph
    except ImportError:
        raise AnalysisError(
            f"the igraph engine (and Leiden communities) need python-igraph; {INSTALL_HINT}"
        ) from None
    return igraph


class Converted:
    """An igraph copy of a simple undirected networkx graph: vertex i is ``nodes[i]``;
    edge attributes ``weight`` (strength) and ``distance`` (1 / weight)."""

    def __init__(self, graph: nx.Graph) -> None:
        ig = _igraph()
        self.nodes: list[Any] = list(graph)
        index = {v: i for i, v in enumerate(self.nodes)}
        edges: list[tuple[int, int]] = []
        weights: list[float] = []
        for u, v, w in graph.edges(data="weight", default=1):
            edges.append((index[u], index[v]))
            weights.append(float(w))
        self.graph = ig.Graph(n=len(self.nodes), edges=edges, directed=False)
        self.weighted = any(w != 1 for w in weights)
        self.graph.es["weight"] = weights
        self.graph.es["distance"] = [1.0 / w for w in weights]

    def values(self, per_vertex: list[Any], cast: type = float) -> dict[Any, Any]:
        return {v: cast(x) for v, x in zip(self.nodes, per_vertex, strict=True)}


@contextlib.contextmanager
def seeded(seed: int) -> Iterator[None]:
    """igraph's random numbers from ``random.Random(seed)`` for the duration, then back."""
    ig = _igraph()
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def betweenness(c: Converted, k: int | None, seed: int, weighted: bool) -> dict[Any, float]:
    """networkx's ``betweenness_centrality(normalized=True)``, exact or from k sources."""
    n = len(c.nodes)
    weights = "distance" if weighted and c.weighted else None
    if n <= 2:
        return dict.fromkeys(c.nodes, 0.0)
    if k is None:
        raw = c.graph.betweenness(directed=False, weights=weights)
        scale = 2.0 / ((n - 1) * (n - 2))  # igraph counts each unordered pair once
    else:
        order = {v: i for i, v in enumerate(c.nodes)}
        sources = [order[v] for v in random.Random(seed).sample(c.nodes, k)]
        raw = c.graph.betweenness(directed=False, weights=weights, sources=sources)
        # networkx (3.6) counts a sampled source's paths both ways (2x igraph's) and
        # rescales a source by 1/((k-1)(n-2)) (it cannot lie on its own paths), any
        # other node by 1/(k(n-2))
        source_scale = 2 / ((k - 1) * (n - 2)) if k > 1 else math.nan
        other_scale = 2 / (k * (n - 2))
        chosen = set(sources)
        return c.values(
            [x * (source_scale if i in chosen else other_scale) for i, x in enumerate(raw)]
        )
    return c.values([x * scale for x in raw])


def closeness(c: Converted, weighted: bool) -> dict[Any, float]:
    """networkx's ``closeness_centrality`` (Wasserman-Faust improved for disconnected graphs)."""
    n = len(c.nodes)
    weights = "distance" if weighted and c.weighted else None
    if n <= 1:
        return dict.fromkeys(c.nodes, 0.0)
    # igraph: (reached - 1) / sum of distances, over the nodes each one reaches
    raw = c.graph.closeness(weights=weights, normalized=True)
    parts = c.graph.connected_components()
    sizes = parts.sizes()
    out = []
    for x, part in zip(raw, parts.membership, strict=True):
        reached = sizes[part]
        out.append(0.0 if reached <= 1 or x != x else x * (reached - 1) / (n - 1))
    return c.values(out)


def pagerank(c: Converted) -> dict[Any, float]:
    return c.values(c.graph.pagerank(damping=0.85, weights="weight", directed=False))


def communities(c: Converted, seed: int, method: str = "louvain") -> list[list[Any]]:
    """Communities as lists of node ids (Louvain, or Leiden optimising modularity)."""
    with seeded(seed):
        if method == "leiden":
            found = c.graph.community_leiden(
                objective_function="modularity", weights="weight", n_iterations=-1
            )
        else:
            found = c.graph.community_multilevel(weights="weight")
    return [[c.nodes[i] for i in members] for members in found]


def kcore(c: Converted) -> dict[Any, int]:
    return c.values(c.graph.coreness(), int)


def articulation_points(c: Converted) -> set[Any]:
    return {c.nodes[i] for i in c.graph.articulation_points()}


def bridges(c: Converted) -> list[tuple[Any, Any]]:
    edges = c.graph.get_edgelist()
    return [(c.nodes[edges[e][0]], c.nodes[edges[e][1]]) for e in c.graph.bridges()]
