"""Disruption simulation: which removals break a network apart.

After Cavallaro et al. (2020), "Disrupting resilient criminal networks through data
analysis: the case of Sicilian Mafia", PLOS ONE 15(8): e0236476. Nodes are removed one at a
time, picked by a strategy (a centrality, highest first), in one of three modes:

- *sequential*: the measure is recomputed on what is left after each removal;
- *one-shot*: the ranking of the intact network is used throughout;
- *block*: recomputed every ``block_size`` removals (the paper's "node block removal").

After each removal we record the size of the largest connected component (LCC) and the
global efficiency (mean of 1/shortest-path-length over all ordered pairs, hop counts),
both also as fractions of the intact network (step 0 = 1.0).

Strategies: ``degree``, ``betweenness``, ``katz`` (networkx's ``katz_centrality_numpy``,
alpha 0.1, beta 1, normalised; the same linear system solved sparse above
:data:`KATZ_DENSE_LIMIT` nodes), ``collective-influence`` (CI at distance 1, Morone & Makse
2015: (k_i - 1) x sum over neighbours j of (k_j - 1)), ``pagerank`` and ``random`` (seeded).
Ties in a score go to the smaller node id, so a run is reproducible.

Targets: only nodes with one of the ``targets`` labels are removed (the whole network still
counts for scores, components and efficiency). The command line's default is the criminal
side, :data:`DEFAULT_TARGETS`: taking Europol or a country out of the graph says nothing
about dismantling a network. Agencies and countries are targets only when named, or when
the projection holds nothing else (``agencies``, ``countries``): :func:`targets_for`.

Weights (``weight="weight"``): a tie's strength. Degree and collective influence use the
strength of a node (the sum of its ties' weights), PageRank and Katz weigh links by it,
and betweenness, a shortest-path measure, turns it into a distance ``1 / weight`` (a tie
twice as strong is half as long). ``weight="none"`` counts every tie as 1.

Efficiency is exact up to :data:`EFFICIENCY_LIMIT` nodes, and above it estimated from
breadth-first searches from seeded random sources (noted): :data:`EFFICIENCY_SAMPLE` of
them, fewer on large graphs so that each step stays within the same work budget as
sampled betweenness (``SAMPLE_WORK / (n + m)``, at least :data:`MIN_EFFICIENCY_SAMPLE`).
Each step costs one estimate per mode, and a sequential betweenness or PageRank step
recomputes the ranking: on 100k nodes, count minutes per step.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from graphkit.analytics import measures
from graphkit.analytics.measures import betweenness, simple_undirected
from graphkit.collector import fewer_collections
from graphkit.errors import AnalysisError
from graphkit.filters import canonical_labels
from graphkit.output import write_file

if TYPE_CHECKING:
    from matplotlib.figure import Figure

STRATEGIES: tuple[str, ...] = (
    "degree",
    "betweenness",
    "katz",
    "collective-influence",
    "pagerank",
    "random",
)
MODES: tuple[str, ...] = ("sequential", "one-shot", "block")
DEFAULT_MODES: tuple[str, ...] = ("sequential", "one-shot")
WEIGHTS: tuple[str, ...] = ("none", "weight")
DEFAULT_TARGETS: tuple[str, ...] = ("CriminalGroup", "Person")
"""What ``disrupt`` removes unless told: the criminal side of the full graph."""
DEFAULT_STEPS = 10
DEFAULT_BLOCK_SIZE = 5
KATZ_ALPHA = 0.1
KATZ_BETA = 1.0
KATZ_DENSE_LIMIT = 2_000
"""Katz is networkx's dense solver up to this many nodes (n x n floats), sparse above."""
EFFICIENCY_LIMIT = 2_000
EFFICIENCY_SAMPLE = 200
MIN_EFFICIENCY_SAMPLE = 10


@dataclass
class Step:
    step: int
    removed: str | None
    name: str | None
    lcc: int
    lcc_fraction: float
    efficiency: float
    efficiency_fraction: float


@dataclass
class Disruption:
    strategy: str
    seed: int
    nodes: int
    edges: int
    weight: str = "none"
    block_size: int | None = None
    targets: list[str] | None = None
    """The labels that could be removed; None: any node."""
    sequential: list[Step] = field(default_factory=list)
    one_shot: list[Step] = field(default_factory=list)
    block: list[Step] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    modes: tuple[str, ...] = DEFAULT_MODES

    def curve(self, mode: str) -> list[Step]:
        """The steps of ``mode`` (``sequential``, ``one-shot`` or ``block``)."""
        return getattr(self, _attribute(mode))

    def to_dict(self) -> dict[str, Any]:
        """Plain data: the modes that were run, each a list of steps."""
        data = asdict(self)
        for mode in MODES:
            if mode not in self.modes:
                del data[_attribute(mode)]
        if "block" not in self.modes:
            del data["block_size"]
        data["modes"] = list(self.modes)
        return data


def _attribute(mode: str) -> str:
    return mode.replace("-", "_")


def targets_for(projection: str, given: Iterable[str] | None = None) -> tuple[str, ...] | None:
    """The labels a disruption of ``projection`` may remove: those ``given`` (checked against
    the ontology, in any case: :func:`graphkit.filters.canonical_labels`), else on the full
    graph :data:`DEFAULT_TARGETS`, else None (every node of a one-label projection: choosing
    ``agencies`` asks for agencies)."""
    try:
        labels = canonical_labels(given or ())  # the one rule for labels
    except AnalysisError as exc:
        raise AnalysisError(f"--target: {exc}") from None
    if labels:
        return labels
    return DEFAULT_TARGETS if projection == "full" else None


def scores(
    graph: nx.Graph,
    strategy: str,
    *,
    weight: str = "none",
    seed: int = 42,
    engine: str | None = "networkx",
) -> dict[str, float]:
    """Each node's score for ``strategy`` (not ``random``), on ``weight`` (see module);
    ``engine`` computes betweenness (see :data:`graphkit.analytics.measures.ENGINES`)."""
    w = _weight_attr(weight)
    if strategy == "degree":
        return {v: float(d) for v, d in graph.degree(weight=w)}
    if strategy == "betweenness":
        return betweenness(graph, seed, weighted=w is not None, engine=engine)
    if strategy == "katz":
        return katz(graph, weight=w)
    if strategy == "collective-influence":
        return collective_influence(graph, weight=w)
    if strategy == "pagerank":
        if not graph.number_of_edges():
            return dict.fromkeys(graph, 1.0 / max(1, graph.number_of_nodes()))
        return nx.pagerank(graph, weight=w)
    raise AnalysisError(f"unknown strategy {strategy!r}; choose one of {', '.join(STRATEGIES)}")


def _weight_attr(weight: str) -> str | None:
    if weight not in WEIGHTS:
        raise AnalysisError(f"unknown weight {weight!r}; choose one of {', '.join(WEIGHTS)}")
    return "weight" if weight == "weight" else None


def ranking(
    graph: nx.Graph,
    strategy: str,
    seed: int = 42,
    weight: str = "none",
    engine: str | None = "networkx",
) -> list[str]:
    """Nodes by decreasing score for ``strategy``; ties by node id (random: seeded shuffle)."""
    if strategy == "random":
        order = sorted(graph)
        random.Random(seed).shuffle(order)
        return order
    values = scores(graph, strategy, weight=weight, seed=seed, engine=engine)
    return sorted(graph, key=lambda v: (-values[v], v))


def collective_influence(graph: nx.Graph, weight: str | None = None) -> dict[str, float]:
    """CI at distance 1: (k_i - 1) x sum over neighbours j of (k_j - 1), k the degree (or
    the strength, with a weight)."""
    k = dict(graph.degree(weight=weight))
    return {v: (k[v] - 1) * sum(k[u] - 1 for u in graph[v]) for v in graph}


def katz(graph: nx.Graph, weight: str | None = None) -> dict[str, float]:
    """Katz centrality, alpha :data:`KATZ_ALPHA`, beta :data:`KATZ_BETA`, normalised:
    ``katz_centrality_numpy`` up to :data:`KATZ_DENSE_LIMIT` nodes, else the same system
    ``(I - alpha A) x = beta`` solved sparse and normalised the same way."""
    n = graph.number_of_nodes()
    if n <= 1:  # networkx fails on one node; normalised, its score is 1 (none: empty)
        return dict.fromkeys(graph, 1.0)
    if n <= KATZ_DENSE_LIMIT:
        return nx.katz_centrality_numpy(
            graph, alpha=KATZ_ALPHA, beta=KATZ_BETA, normalized=True, weight=weight
        )
    import numpy as np
    import scipy.sparse as sp
    import scipy.sparse.linalg as spla

    nodes = list(graph)
    a = nx.to_scipy_sparse_array(graph, nodelist=nodes, weight=weight, format="csc")
    x = spla.spsolve(sp.identity(n, format="csc") - KATZ_ALPHA * a.T, np.full(n, KATZ_BETA))
    norm = float(np.sign(x.sum()) * np.linalg.norm(x))
    return dict(zip(nodes, (x / norm).tolist(), strict=True))


def katz_note(graph: nx.Graph, weight: str | None = None) -> str | None:
    """A warning when alpha is not below 1/lambda_max: Katz's series then diverges and its
    scores (the solution of the linear system all the same) stop meaning influence."""
    if graph.number_of_edges() == 0:
        return None
    import numpy as np
    import scipy.sparse.linalg as spla

    a = nx.to_scipy_sparse_array(graph, weight=weight, dtype=float)
    if graph.number_of_nodes() <= KATZ_DENSE_LIMIT:
        top = float(np.linalg.eigvalsh(a.toarray()).max())
    else:
        top = float(spla.eigsh(a, k=1, which="LA", return_eigenvectors=False)[0])
    if KATZ_ALPHA * top < 1:
        return None
    return (
        f"katz: alpha {KATZ_ALPHA} is not below 1/lambda_max (lambda_max = {top:.3g}): the "
        "scores solve Katz's equation but no longer rank by influence; prefer another strategy"
    )


def global_efficiency(graph: nx.Graph, seed: int = 42) -> tuple[float, bool]:
    """Global efficiency (hop counts) and whether it was estimated from sampled sources."""
    n = graph.number_of_nodes()
    if n < 2:
        return 0.0, False
    if n <= EFFICIENCY_LIMIT:
        return float(nx.global_efficiency(graph)), False
    sources = random.Random(seed).sample(
        sorted(graph), efficiency_sample(n, graph.number_of_edges())
    )
    total = 0.0
    for s in sources:
        lengths = nx.single_source_shortest_path_length(graph, s)
        total += sum(1.0 / d for d in lengths.values() if d > 0)
    return total / (len(sources) * (n - 1)), True


def efficiency_sample(n: int, m: int) -> int:
    """Sources sampled for global efficiency above EFFICIENCY_LIMIT nodes."""
    budget = measures.SAMPLE_WORK // max(1, n + m)
    return min(n, EFFICIENCY_SAMPLE, max(MIN_EFFICIENCY_SAMPLE, budget))


def _state(g: nx.Graph, step: int, removed: str | None, base: tuple[int, float], seed: int):
    lcc = max((len(c) for c in nx.connected_components(g)), default=0)
    eff, sampled = global_efficiency(g, seed + step)
    return (
        Step(
            step=step,
            removed=removed,
            name=None,
            lcc=lcc,
            lcc_fraction=lcc / base[0],  # never 0: simulate refuses an empty graph
            efficiency=eff,
            efficiency_fraction=eff / base[1] if base[1] else 0.0,
        ),
        sampled,
    )


def removals(
    graph: nx.Graph,
    strategy: str,
    steps: int,
    *,
    every: int | None,
    seed: int = 42,
    weight: str = "none",
    engine: str | None = "networkx",
    eligible: frozenset[str] | None = None,
) -> Iterator[tuple[str, nx.Graph]]:
    """The nodes removed one by one, each with the graph left after it: the ranking is
    recomputed before removals 1, 1 + every, 1 + 2 x every... (``every`` = 1: sequential;
    None: once, one-shot). ``random`` never recomputes (one seeded order). Only nodes in
    ``eligible`` (None: any) are removed; the others still count in every score."""
    h = graph.copy()
    order: Iterator[str] = iter(())
    for step in range(1, steps + 1):
        if step == 1 or (strategy != "random" and every and (step - 1) % every == 0):
            ranked = ranking(h, strategy, seed, weight, engine)
            order = iter(ranked if eligible is None else [v for v in ranked if v in eligible])
        victim = next(order)
        h.remove_node(victim)
        yield victim, h


@fewer_collections(freeze=True)  # the graph lives throughout: see graphkit.collector
def simulate(
    graph: nx.Graph,
    strategy: str = "degree",
    steps: int = DEFAULT_STEPS,
    seed: int = 42,
    *,
    weight: str = "none",
    modes: Iterable[str] = DEFAULT_MODES,
    block_size: int = DEFAULT_BLOCK_SIZE,
    targets: Iterable[str] | None = None,
    engine: str | None = "networkx",
) -> Disruption:
    """Remove up to ``steps`` nodes by ``strategy`` in each of ``modes``; step 0 is the
    intact network. ``lcc_fraction`` and ``efficiency_fraction`` are relative to it.
    ``targets``: the labels that may be removed (None: any node; see module). ``engine``
    computes the betweenness ranking (the same sample, the same order)."""
    if strategy not in STRATEGIES:
        raise AnalysisError(f"unknown strategy {strategy!r}; choose one of {', '.join(STRATEGIES)}")
    engine = measures.resolve_engine(engine)
    w = _weight_attr(weight)
    modes = tuple(dict.fromkeys(modes))
    unknown = [m for m in modes if m not in MODES]
    if unknown or not modes:
        raise AnalysisError(
            f"unknown mode {unknown[0] if unknown else ''!r}; choose from {', '.join(MODES)}"
        )
    if steps < 1:
        raise AnalysisError("--steps must be at least 1")
    if "block" in modes and block_size < 1:
        raise AnalysisError("--block-size must be at least 1")
    g = simple_undirected(graph)
    n = g.number_of_nodes()
    if n == 0:
        raise AnalysisError("the graph is empty: nothing to disrupt")
    result = Disruption(
        strategy,
        seed,
        n,
        g.number_of_edges(),
        weight=weight,
        block_size=block_size if "block" in modes else None,
        modes=modes,
    )
    eligible = None
    removable = n
    if targets is not None:
        result.targets = list(dict.fromkeys(targets))
        eligible = frozenset(v for v in g if g.nodes[v].get("label") in result.targets)
        removable = len(eligible)
        if not removable:
            raise AnalysisError(
                f"nothing to remove: no {' or '.join(result.targets)} in the graph (choose "
                "what may be removed with --target LABEL)"
            )
    if steps > removable:
        what = "node(s)" if targets is None else f"{' or '.join(result.targets or [])} node(s)"
        result.notes.append(f"only {removable} {what} to remove: {removable} step(s), not {steps}")
        steps = removable
    names = {v: g.nodes[v].get("name") for v in g}
    lcc0 = max(len(c) for c in nx.connected_components(g))
    eff0, sampled = global_efficiency(g, seed)
    base = (lcc0, eff0)
    intact = Step(0, None, None, lcc0, 1.0, eff0, 1.0 if eff0 else 0.0)
    if sampled:
        result.notes.append(
            f"efficiency estimated from {efficiency_sample(n, g.number_of_edges())} sampled "
            f"sources per step, seed={seed} (exact up to {EFFICIENCY_LIMIT} nodes)"
        )
    k = measures.betweenness_sample(n, g.number_of_edges())
    if strategy == "betweenness" and k is not None:
        result.notes.append(f"betweenness ranking sampled, k={k} seed={seed}")
    if strategy == "katz":
        note = katz_note(g, w)
        if note:
            result.notes.append(note)
    if strategy == "random":
        result.notes.append(f"random order, seed={seed}: every mode follows it")
    every = {"sequential": 1, "one-shot": None, "block": block_size}
    for mode in modes:
        target = result.curve(mode)
        target.append(intact)
        removed = removals(
            g,
            strategy,
            steps,
            every=every[mode],
            seed=seed,
            weight=weight,
            engine=engine,
            eligible=eligible,
        )
        for step, (victim, h) in enumerate(removed, 1):
            state, _ = _state(h, step, victim, base, seed)
            state.name = names.get(victim)
            target.append(state)
    return result


_STYLES = {"sequential": "o-", "one-shot": "s--", "block": "^:"}


def plot_path(path: str | Path) -> Path:
    """Where a plot may go: a name ending in .png (matplotlib picks the format from the
    suffix, and adds .png to a name without one, beside what the user named)."""
    path = Path(path).expanduser()
    if path.suffix.lower() != ".png":
        raise AnalysisError(
            f"--plot {path}: the plot is a PNG image; give a file name ending in .png"
        )
    return path


def disruption_figure(result: Disruption, title: str | None = None) -> Figure:
    """LCC and efficiency (fractions of the intact network) per removal, one line per mode,
    side by side. A Figure of its own, not pyplot's: no global backend or state."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 4), layout="constrained")
    axes = fig.subplots(1, 2)
    for ax, metric, label in (
        (axes[0], "lcc_fraction", "largest connected component (fraction)"),
        (axes[1], "efficiency_fraction", "global efficiency (fraction)"),
    ):
        for mode in result.modes:
            series = result.curve(mode)
            name = f"block of {result.block_size}" if mode == "block" else mode
            steps = [s.step for s in series]
            ax.plot(steps, [getattr(s, metric) for s in series], _STYLES[mode], label=name)
        ax.set_xlabel("nodes removed")
        ax.set_ylabel(label)
        ax.set_ylim(0, 1.05)
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle(title or f"disruption by {result.strategy} ({result.nodes} nodes)")
    return fig


def plot_disruption(
    result: Disruption, path: str | Path, title: str | None = None, *, protect: Iterable[Path] = ()
) -> Path:
    """A PNG of :func:`disruption_figure` (1200 x 480 pixels), written by
    :mod:`graphkit.output`'s rules (nothing under ``protect`` is written)."""
    path = plot_path(path)
    fig = disruption_figure(result, title)
    write_file(
        path,
        lambda handle: fig.savefig(handle, format="png", dpi=120),
        binary=True,
        protect=protect,
        error=AnalysisError,
    )
    return path
