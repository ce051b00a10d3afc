"""Network analytics on the graph, with networkx: projections, measures, paths, disruption.

Read a graph through any store (``store.read_graph()``, or :func:`load_graph` without
evidence sentences), keep what :class:`Filters` say, then build the typed graph
(:func:`to_networkx`) or a weighted projection (:func:`project`, or :class:`Projected`:
its arrays, which the igraph engine takes without a networkx graph) and measure it
(:func:`compute_measures`, or :func:`analyze` for ranked rows). :func:`connections`
explains how two entities (:func:`find_entity`) are linked, :func:`simulate` removes key
players, :func:`timeline` lists operations, :func:`write_back` stores measures on nodes.
Nothing here depends on which store the graph came from. See docs/analytics.md.
"""

from graphkit.analytics.analysis import Analysis, analyze
from graphkit.analytics.disrupt import STRATEGIES, Disruption, plot_disruption, simulate
from graphkit.analytics.measures import (
    DEFAULT_MEASURES,
    ENGINES,
    MEASURES,
    MeasureResult,
    compute_measures,
)
from graphkit.analytics.paths import Connection, Hop, connections, find_entity
from graphkit.analytics.projection import (
    PROJECTIONS,
    Filters,
    Projected,
    display_name,
    filter_graph,
    node_id,
    project,
    split_node_id,
    to_networkx,
)
from graphkit.analytics.read import load_graph
from graphkit.analytics.timeline import timeline
from graphkit.analytics.writeback import WRITABLE, write_back

__all__ = [
    "DEFAULT_MEASURES",
    "ENGINES",
    "MEASURES",
    "PROJECTIONS",
    "STRATEGIES",
    "WRITABLE",
    "Analysis",
    "Connection",
    "Disruption",
    "Filters",
    "Hop",
    "MeasureResult",
    "Projected",
    "analyze",
    "compute_measures",
    "connections",
    "display_name",
    "filter_graph",
    "find_entity",
    "load_graph",
    "node_id",
    "plot_disruption",
    "project",
    "simulate",
    "split_node_id",
    "timeline",
    "to_networkx",
    "write_back",
]
