"""Reading the graph for analysis, through the store interface.

``store.read_graph()`` returns every relationship with its evidence sentence and offsets:
what ``path`` prints, but dead weight for measures on a large graph. :func:`load_graph`
with ``evidence=False`` asks the store for the same nodes and relationships without them
(:meth:`GraphStore.read_graph`): no evidence strings in memory, and less work (5.6-6 s for
the 930k relationships of the 100k-node benchmark on LadybugDB; see docs/analytics.md).
"""

from __future__ import annotations

from graphkit.store.base import GraphData, GraphStore


def load_graph(store: GraphStore, *, evidence: bool = True, support: bool = True) -> GraphData:
    """The whole graph from ``store``; without evidence sentences unless ``evidence``, and
    without each node's ``reports`` unless ``support`` (:attr:`Filters.needs_support`
    says when filters need them)."""
    return store.read_graph(evidence=evidence, support=support)
