"""``graphkit analyze`` as a library call: project, measure, rank; plain rows to print."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphkit.analytics.measures import MeasureResult, check_measures, compute_measures
from graphkit.analytics.projection import PROJECTIONS, Projected, display_name
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
    projected: Projected
    result: MeasureResult

    @property
    def graph(self) -> nx.Graph:
        """The projection as a networkx graph (made when first asked for)."""
        return self.projected.graph

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
        ranked = self.result.ranked(measure, self.projected, top or None)
        if measure in FLAG_MEASURES:  # only the nodes that are articulation points / at bridges
            ranked = [(v, x) for v, x in ranked if x]
        return [
            {
                "rank": i,
                "id": nid,
                "label": node.label,
                "key": node.key,
                "name": display_name(node),
                "value": value,
            }
            for i, (nid, value) in enumerate(ranked, 1)
            for node in [self.projected.node(nid)]
        ]

    def communities(self, top: int | None = 10, members: int = 5) -> list[dict[str, Any]]:
        """Communities, largest first: id, size and the best-connected members' names."""
        degree = dict(self.projected.degree(weight="weight"))
        found = self.result.communities()
        rows = []
        for cid, group in enumerate(found[:top] if top else found):
            best = sorted(group, key=lambda v: (-degree.get(v, 0), v))
            rows.append(
                {
                    "community": cid,
                    "size": len(group),
                    "members": [display_name(self.projected.node(v)) for v in best[:members]],
                }
            )
        return rows

    def to_dict(self, top: int | None = 10) -> dict[str, Any]:
        data: dict[str, Any] = {
            "projection": self.projection,
            "nodes": self.projected.number_of_nodes(),
            "edges": self.projected.number_of_edges(),
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
        projected = Projected.of(data, projection)
        seconds = time.perf_counter() - start
        if projected.number_of_nodes() == 0:
            label = PROJECTED_LABEL[projection]
            raise AnalysisError(
                f"the {projection} projection is empty: the graph has no {label} nodes"
                + (" (after filtering)" if data.nodes else "")
            )
        result = compute_measures(
            projected,
            wanted,
            seed=seed,
            engine=engine,
            exact=exact,
            workers=workers,
            progress=progress,
        )
    result.seconds = {"projection": seconds, **result.seconds}
    return Analysis(projection, projected, result)
