"""``graphkit analyze`` as a library call: project, measure, rank; plain rows to print."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphkit.analytics.measures import MeasureResult, check_measures, compute_measures
from graphkit.analytics.projection import PROJECTIONS, project
from graphkit.collector import fewer_collections
from graphkit.errors import AnalysisError
from graphkit.store.base import GraphData

FLAG_MEASURES = frozenset({"articulation", "bridges"})

PROJECTED_LABEL = {
    "agencies": "Agency",
    "countries": "Country",
    "groups": "CriminalGroup",
    "persons": "Person",
}


@dataclass
class Analysis:
    projection: str
    graph: nx.Graph
    result: MeasureResult

    @property
    def measures(self) -> list[str]:
        return list(self.result.values)

    def rows(self, measure: str, top: int | None = 10) -> list[dict[str, Any]]:
        """The ``top`` nodes for ``measure`` (all with None or 0): rank, id, label, key,
        name, value. Ranked by value (constraint: lowest first), then degree, then id.
        For articulation and bridges, only the nodes where the value is not 0."""
        if top is not None and top < 0:
            raise AnalysisError("--top must be 0 (all rows) or more")
        # the flagged nodes (not 0) come first, so the top of all holds the top flagged
        ranked = self.result.ranked(measure, self.graph, top or None)
        if measure in FLAG_MEASURES:  # only the nodes that are articulation points / at bridges
            ranked = [(v, x) for v, x in ranked if x]
        nodes = self.graph.nodes
        return [
            {
                "rank": i,
                "id": nid,
                "label": nodes[nid].get("label"),
                "key": nodes[nid].get("key"),
                "name": nodes[nid].get("name"),
                "value": value,
            }
            for i, (nid, value) in enumerate(ranked, 1)
        ]

    def communities(self, top: int | None = 10, members: int = 5) -> list[dict[str, Any]]:
        """Communities, largest first: id, size and the best-connected members' names."""
        degree = dict(self.graph.degree(weight="weight"))
        found = self.result.communities()
        rows = []
        for cid, group in enumerate(found[:top] if top else found):
            best = sorted(group, key=lambda v: (-degree.get(v, 0), v))
            rows.append(
                {
                    "community": cid,
                    "size": len(group),
                    "members": [self.graph.nodes[v].get("name") for v in best[:members]],
                }
            )
        return rows

    def to_dict(self, top: int | None = 10) -> dict[str, Any]:
        data: dict[str, Any] = {
            "projection": self.projection,
            "nodes": self.graph.number_of_nodes(),
            "edges": self.graph.number_of_edges(),
            "notes": self.result.notes,
            "measures": {m: self.rows(m, top) for m in self.measures},
        }
        if "community" in self.result.values:
            data["communities"] = self.communities(top)
        return data


def analyze(
    data: GraphData,
    projection: str = "full",
    measures: list[str] | None = None,
    seed: int = 42,
    engine: str | None = "networkx",
    *,
    exact: bool = False,
    workers: int | None = None,
    progress: Callable[[int, int, float], None] | None = None,
) -> Analysis:
    """Project ``data`` and compute ``measures`` on it (``exact``, ``workers``,
    ``progress``: exact betweenness whatever the size, see :func:`compute_measures`).

    Raises :class:`AnalysisError` for an empty graph or an empty projection (measures on
    nothing are no answer), an unknown projection or measure."""
    if projection not in PROJECTIONS:
        raise AnalysisError(
            f"unknown projection {projection!r}; choose one of {', '.join(PROJECTIONS)}"
        )
    wanted = check_measures(measures)
    if not data.nodes:
        raise AnalysisError("the graph is empty (or the filters left nothing): nothing to analyse")
    with fewer_collections(freeze=True):  # data stays alive throughout: see graphkit.collector
        start = time.perf_counter()
        graph = project(data, projection)
        projected = time.perf_counter() - start
        if graph.number_of_nodes() == 0:
            label = PROJECTED_LABEL[projection]
            raise AnalysisError(
                f"the {projection} projection is empty: the graph has no {label} nodes"
                + (" (after filtering)" if data.nodes else "")
            )
        result = compute_measures(
            graph, wanted, seed=seed, engine=engine, exact=exact, workers=workers, progress=progress
        )
    result.seconds = {"projection": projected, **result.seconds}
    return Analysis(projection, graph, result)
