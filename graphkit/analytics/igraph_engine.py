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
import ctypes
import functools
import math
import multiprocessing
import os
import random
import signal
import time
from array import array
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import chain
from operator import methodcaller
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit.analytics.projection import Projected, edge_attributes
from graphkit.errors import AnalysisError
from graphkit.parallel import worker_count

INSTALL_HINT = "install it with: pip install 'graphkit[fast]'"

_WEIGHT = methodcaller("get", "weight", 1)  # an edge's weight, 1 when it has none


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
    """An igraph copy of a simple undirected graph (a networkx graph, or a projection's
    arrays, :class:`~graphkit.analytics.projection.Projected`): vertex i is ``nodes[i]``
    (and ``index[nodes[i]]`` is i); edge attributes ``weight`` (strength) and ``distance``
    (1 / weight). Both sources give the same copy, edges in the order of networkx's
    ``graph.edges``, so that results do not depend on which one it was made from."""

    def __init__(self, graph: nx.Graph | Projected) -> None:
        import numpy as np

        ig = _igraph()
        self.nodes: list[Any] = list(graph.ids if isinstance(graph, Projected) else graph)
        self.index: dict[Any, int] = {v: i for i, v in enumerate(self.nodes)}
        if isinstance(graph, Projected):
            low = np.minimum(graph.src, graph.dst)
            # networkx lists a node's edges in the order they were added, each from the
            # first of its ends: a stable sort by that end
            order = np.argsort(low, kind="stable")
            ends, others = low[order], np.maximum(graph.src, graph.dst)[order]
            weights = np.asarray(graph.weights, dtype=float)[order]
        else:
            ends, others, weights = _adjacency(graph, self.index)
        edges = zip(ends.tolist(), others.tolist(), strict=True)  # no list per edge
        self.graph = ig.Graph(n=len(self.nodes), edges=edges, directed=False)
        self.weighted = bool((weights != 1).any())
        self.graph.es["weight"] = weights.tolist()
        self.graph.es["distance"] = (1.0 / weights).tolist()

    def values(self, per_vertex: list[Any], cast: type = float) -> dict[Any, Any]:
        return {v: cast(x) for v, x in zip(self.nodes, per_vertex, strict=True)}


def _adjacency(graph: nx.Graph, index: dict[Any, int]) -> tuple[Any, Any, Any]:
    """Each edge of ``graph`` once, from the first of its ends (``index``: a node's
    position), as the positions of its ends and its weight, in the order of
    ``graph.edges``: networkx's adjacency read in bulk (0.2 s at 670k edges, a loop over
    it 0.9 s)."""
    import numpy as np

    adjacency = graph._adj  # networkx's own dict of dicts: its views cost per item
    degrees = np.fromiter(map(len, adjacency.values()), dtype=np.int64, count=len(adjacency))
    ends = np.repeat(np.arange(len(index), dtype=np.int64), degrees)
    others = np.fromiter(
        map(index.__getitem__, chain.from_iterable(adjacency.values())),
        dtype=np.int64,
        count=len(ends),
    )
    weights = np.fromiter(map(_WEIGHT, edge_attributes(graph)), dtype=float, count=len(ends))
    once = ends < others
    return ends[once], others[once], weights[once]


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
        sources = [c.index[v] for v in random.Random(seed).sample(c.nodes, k)]
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


# --------------------------------------------------------------------------------------
# Exact betweenness on large graphs: one search per source, in chunks, in worker processes
# --------------------------------------------------------------------------------------

EXACT_CHUNK_WORK = 20_000_000
"""Sources per task: about this many nodes + edges visited in all (a second or two of
igraph), so that the progress is reported often and the tasks spread evenly."""

PARALLEL_WORK = 200_000_000
"""With the default number of workers, exact betweenness runs in this process below this
much work (searches x (nodes + edges)): starting worker processes would cost more."""

Progress = Callable[[int, int, float], None]
"""``progress(searches done, searches in all, seconds elapsed)``, called after each chunk."""


@dataclass
class ExactPlan:
    """Which shortest-path searches exact betweenness needs, and what each one counts for.

    A node of degree 1 (a *leaf*) hanging off a node ``u`` of higher degree reaches
    everything through ``u``, by the same shortest paths: its dependencies on every other
    node are ``u``'s own, and on ``u`` it depends for every node of the component but the
    two of them. So no search is run from a leaf: ``u``'s search counts once more per leaf
    (``multiplicity``), and ``u`` gets (component size - 2) per leaf (``extra``, in ordered
    pairs). Nodes with the same neighbours at the same distances (*twins*: persons of the
    same group arrested in the same country) are swapped by an automorphism of the graph
    that fixes every other node, and neither lies on a shortest path from the other: their
    dependencies are equal, so one search counts for all of them. Both are exact for any
    positive distances. Isolated nodes need no search."""

    searches: dict[int, list[int]] = field(default_factory=dict)  # multiplicity -> sources
    extra: dict[int, float] = field(default_factory=dict)  # vertex -> ordered-pair dependency
    leaves: int = 0
    twins: int = 0  # nodes whose search a twin's counts for

    @property
    def total(self) -> int:
        return sum(len(sources) for sources in self.searches.values())


def exact_plan(c: Converted) -> ExactPlan:
    g = c.graph
    degree = g.degree()
    parts = g.connected_components()
    sizes, membership = parts.sizes(), parts.membership
    multiplicity = [1] * g.vcount()
    plan = ExactPlan()
    for v, d in enumerate(degree):
        if d == 1:
            u = g.neighbors(v)[0]
            if degree[u] > 1:
                multiplicity[u] += 1
                multiplicity[v] = 0
                plan.extra[u] = plan.extra.get(u, 0.0) + sizes[membership[u]] - 2
                plan.leaves += 1
        elif d == 0:
            multiplicity[v] = 0
    # twins: nodes of degree >= 2 without leaves (a leaf is no other node's neighbour)
    # whose neighbours and distances to them are the same
    ends = g.get_edgelist()
    distance = g.es["distance"]
    first: dict[tuple[tuple[int, float], ...], int] = {}
    for v, incident in enumerate(g.get_inclist()):
        if degree[v] < 2 or multiplicity[v] != 1:
            continue
        key = tuple(sorted((ends[e][0] + ends[e][1] - v, distance[e]) for e in incident))
        twin = first.setdefault(key, v)
        if twin != v:
            multiplicity[twin] += 1
            multiplicity[v] = 0
            plan.twins += 1
    for v, m in enumerate(multiplicity):
        if m:
            plan.searches.setdefault(m, []).append(v)
    return plan


_worker_graph: Any = None


def _start_worker(parent: int, n: int, ends: array, distances: array | None) -> None:
    """A worker's copy of the graph (and, on Linux, its death with the parent)."""
    global _worker_graph
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)
    ig = _igraph()
    edges = list(zip(ends[::2], ends[1::2], strict=True))
    _worker_graph = ig.Graph(n=n, edges=edges, directed=False)
    if distances is not None:
        _worker_graph.es["distance"] = distances


def _chunk(graph: Any, multiplicity: int, sources: list[int], weighted: bool) -> Any:
    import numpy as np

    raw = graph.betweenness(
        directed=False, weights="distance" if weighted else None, sources=sources
    )
    return np.asarray(raw, dtype=float) * multiplicity


def _worker_chunk(multiplicity: int, sources: list[int], weighted: bool) -> Any:
    return _chunk(_worker_graph, multiplicity, sources, weighted)


def exact_workers(c: Converted, plan: ExactPlan, workers: int | None) -> int:
    """How many processes exact betweenness runs in: ``workers``, else one per core when
    the work is at least :data:`PARALLEL_WORK`, else 1."""
    work = plan.total * (len(c.nodes) + c.graph.ecount())
    return worker_count(workers, worth_it=work >= PARALLEL_WORK)


def exact_betweenness(
    c: Converted,
    weighted: bool,
    workers: int | None = None,
    progress: Progress | None = None,
    plan: ExactPlan | None = None,
) -> dict[Any, float]:
    """networkx's exact ``betweenness_centrality(normalized=True)`` (on distance 1/weight
    unless not ``weighted``), computed with igraph's subset betweenness over chunks of
    sources, in ``workers`` processes (None: one per core when the graph is large enough
    to gain from it), without a search from leaves (:class:`ExactPlan`).

    The chunks are summed in the same order whatever the number of workers, so the result
    does not depend on it."""
    import numpy as np

    n = len(c.nodes)
    if n <= 2:
        return dict.fromkeys(c.nodes, 0.0)
    plan = plan or exact_plan(c)
    weighted = weighted and c.weighted
    per_chunk = max(1, min(1000, EXACT_CHUNK_WORK // (n + c.graph.ecount())))
    chunks = [
        (m, sources[i : i + per_chunk])
        for m, sources in sorted(plan.searches.items())
        for i in range(0, len(sources), per_chunk)
    ]
    workers = min(exact_workers(c, plan, workers), len(chunks))
    total = np.zeros(n)
    done, start = 0, time.perf_counter()
    if workers <= 1:  # no chunk at all (no edges) included
        results: Iterator[Any] = (_chunk(c.graph, m, s, weighted) for m, s in chunks)
        for (_, sources), raw in zip(chunks, results, strict=True):
            total += raw
            done += len(sources)
            if progress:
                progress(done, plan.total, time.perf_counter() - start)
    else:
        ends = array("q", (x for edge in c.graph.get_edgelist() for x in edge))
        distances = array("d", c.graph.es["distance"]) if weighted else None
        pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(os.getpid(), n, ends, distances),
        )
        try:
            ms, sources_list = zip(*chunks, strict=True)
            results = pool.map(
                _worker_chunk, ms, sources_list, [weighted] * len(chunks)
            )  # in chunk order: the same sum whatever the workers
            for sources, raw in zip(sources_list, results, strict=True):
                total += raw
                done += len(sources)
                if progress:
                    progress(done, plan.total, time.perf_counter() - start)
        except BrokenProcessPool:
            raise AnalysisError(
                "a betweenness worker process stopped (out of memory?); try --workers 1"
            ) from None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    # igraph counts each (source, target) pair of an undirected graph half; networkx
    # counts ordered pairs and normalises by (n-1)(n-2)
    ordered = 2 * total
    for v, x in plan.extra.items():
        ordered[v] += x
    return c.values((ordered / ((n - 1) * (n - 2))).tolist())


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
    with one_openmp_thread():
        return c.values(c.graph.pagerank(damping=0.85, weights="weight", directed=False))


@contextlib.contextmanager
def one_openmp_thread() -> Iterator[None]:
    """igraph's own OpenMP runtime at one thread for the duration, then as it was.

    igraph's PageRank (PRPACK) adds up in parallel threads, in the order they finish: on
    2 cores its values moved by ~1e-16 from one call to the next on the same graph, enough
    to swap two nodes of equal PageRank between two runs of ``analyze``. With one thread
    the same graph gives the same values every time. Where igraph is linked to an OpenMP
    runtime it does not bundle (a system build), nothing changes.
    """
    runtime = _openmp_runtime()
    if runtime is None:
        yield
        return
    before = runtime.omp_get_max_threads()
    runtime.omp_set_num_threads(1)
    try:
        yield
    finally:
        runtime.omp_set_num_threads(before)


@functools.cache
def _openmp_runtime() -> ctypes.CDLL | None:
    """The OpenMP runtime bundled with python-igraph's wheel (``igraph.libs``), if any:
    already loaded by igraph, so opening it again gives the same library."""
    bundled = Path(_igraph().__file__).resolve().parent.parent / "igraph.libs"
    for path in sorted(bundled.glob("lib*omp*.so*")):
        try:
            runtime = ctypes.CDLL(str(path))
            runtime.omp_get_max_threads.restype = ctypes.c_int
        except (OSError, AttributeError):
            continue
        return runtime
    return None


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


def strength(c: Converted) -> dict[Any, float]:
    """networkx's ``degree(weight="weight")``: the sum of a node's edge weights."""
    return c.values(c.graph.strength(weights="weight"))


def modularity(c: Converted, communities: list[list[Any]]) -> float:
    """networkx's ``modularity(graph, communities, weight="weight")``, in C: at 100k nodes
    networkx's took 1-3 s, as long as finding the communities or longer."""
    membership = [0] * len(c.nodes)
    for number, members in enumerate(communities):
        for v in members:
            membership[c.index[v]] = number
    return float(c.graph.modularity(membership, weights="weight"))


def kcore(c: Converted) -> dict[Any, int]:
    return c.values(c.graph.coreness(), int)


def articulation_points(c: Converted) -> set[Any]:
    return {c.nodes[i] for i in c.graph.articulation_points()}


def bridges(c: Converted) -> list[tuple[Any, Any]]:
    edges = c.graph.get_edgelist()
    return [(c.nodes[edges[e][0]], c.nodes[edges[e][1]]) for e in c.graph.bridges()]
