"""Disruption simulation: which removals break a network apart.

After Cavallaro et al. (2020), "Disrupting resilient criminal networks through data
analysis: the case of Sicilian Mafia", PLOS ONE 15(8): e0236476. Nodes are removed one at a
time by a strategy, either *sequentially* (the measure is recomputed on what is left after
each removal) or *one-shot* (the ranking of the intact network is used throughout), and
after each removal we record the size of the largest connected component (LCC) and the
global efficiency (mean of 1/shortest-path-length over all ordered pairs, hop counts).

Efficiency is exact up to :data:`EFFICIENCY_LIMIT` nodes, and above it estimated from
breadth-first searches from seeded random sources (noted): :data:`EFFICIENCY_SAMPLE` of
them, fewer on large graphs so that each step stays within the same work budget as
sampled betweenness (``SAMPLE_WORK / (n + m)``, at least :data:`MIN_EFFICIENCY_SAMPLE`).
Each step costs one estimate per mode, and a sequential betweenness or PageRank step
recomputes the ranking: on 100k nodes, count minutes per step.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from graphkit.analytics import measures
from graphkit.analytics.measures import betweenness, simple_undirected
from graphkit.errors import AnalysisError
from graphkit.output import write_file

STRATEGIES: tuple[str, ...] = ("degree", "betweenness", "pagerank", "random")
DEFAULT_STEPS = 10
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
    sequential: list[Step] = field(default_factory=list)
    one_shot: list[Step] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def ranking(graph: nx.Graph, strategy: str, seed: int = 42) -> list[str]:
    """Nodes by decreasing score for ``strategy``; ties by node id (random: seeded shuffle)."""
    if strategy == "random":
        order = sorted(graph)
        random.Random(seed).shuffle(order)
        return order
    if strategy == "degree":
        scores: dict[str, float] = dict(graph.degree())
    elif strategy == "betweenness":
        scores = betweenness(graph, seed)
    elif strategy == "pagerank":
        scores = nx.pagerank(graph, weight="weight") if graph.number_of_edges() else {}
        scores = scores or dict.fromkeys(graph, 0.0)
    else:
        raise AnalysisError(f"unknown strategy {strategy!r}; choose one of {', '.join(STRATEGIES)}")
    return sorted(graph, key=lambda v: (-scores[v], v))


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
            lcc_fraction=lcc / base[0] if base[0] else 0.0,
            efficiency=eff,
            efficiency_fraction=eff / base[1] if base[1] else 0.0,
        ),
        sampled,
    )


def simulate(
    graph: nx.Graph, strategy: str = "degree", steps: int = DEFAULT_STEPS, seed: int = 42
) -> Disruption:
    """Remove up to ``steps`` nodes by ``strategy``, sequentially and one-shot; step 0 is
    the intact network. ``lcc_fraction`` and ``efficiency_fraction`` are relative to it."""
    if strategy not in STRATEGIES:
        raise AnalysisError(f"unknown strategy {strategy!r}; choose one of {', '.join(STRATEGIES)}")
    if steps < 1:
        raise AnalysisError("--steps must be at least 1")
    g = simple_undirected(graph)
    n = g.number_of_nodes()
    if n == 0:
        raise AnalysisError("the graph is empty: nothing to disrupt")
    result = Disruption(strategy, seed, n, g.number_of_edges())
    if steps > n:
        result.notes.append(f"only {n} node(s) to remove: {n} step(s), not {steps}")
        steps = n
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
    if strategy == "random":
        result.notes.append(f"random order, seed={seed}: sequential and one-shot coincide")

    for mode, target in (("sequential", result.sequential), ("one_shot", result.one_shot)):
        h = g.copy()
        target.append(intact)
        # random removal has nothing to recompute: both modes follow one seeded order
        recompute = mode == "sequential" and strategy != "random"
        order = [] if recompute else ranking(h, strategy, seed)
        for step in range(1, steps + 1):
            victim = ranking(h, strategy, seed)[0] if recompute else order[step - 1]
            h.remove_node(victim)
            state, _ = _state(h, step, victim, base, seed)
            state.name = names.get(victim)
            target.append(state)
    return result


def plot_path(path: str | Path) -> Path:
    """Where a plot may go: a name ending in .png (matplotlib picks the format from the
    suffix, and adds .png to a name without one, beside what the user named)."""
    path = Path(path).expanduser()
    if path.suffix.lower() != ".png":
        raise AnalysisError(
            f"--plot {path}: the plot is a PNG image; give a file name ending in .png"
        )
    return path


def plot_disruption(
    result: Disruption, path: str | Path, title: str | None = None, *, protect: Iterable[Path] = ()
) -> Path:
    """A PNG with LCC and efficiency (fractions of the intact network) per removal, written
    by :mod:`graphkit.output`'s rules (nothing under ``protect`` is written)."""
    path = plot_path(path)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(10, 4), constrained_layout=True)
    for ax, metric, label in (
        (axes[0], "lcc_fraction", "largest connected component (fraction)"),
        (axes[1], "efficiency_fraction", "global efficiency (fraction)"),
    ):
        for series, style, name in (
            (result.sequential, "o-", "sequential"),
            (result.one_shot, "s--", "one-shot"),
        ):
            ax.plot(
                [s.step for s in series], [getattr(s, metric) for s in series], style, label=name
            )
        ax.set_xlabel("nodes removed")
        ax.set_ylabel(label)
        ax.set_ylim(0, 1.05)
        ax.grid(alpha=0.3)
        ax.legend()
    fig.suptitle(title or f"disruption by {result.strategy} ({result.nodes} nodes)")
    try:
        write_file(
            path,
            lambda handle: fig.savefig(handle, format="png", dpi=120),
            binary=True,
            protect=protect,
            error=AnalysisError,
        )
    finally:
        plt.close(fig)
    return path
