"""Store measures as node properties, so Cypher queries and views can use them.

Only the measures the ontology allows on entity nodes are written
(:data:`graphkit.model.MEASURE_PROPERTIES`: pagerank, betweenness, community, degree).
A write-back replaces every stored measure: all entity nodes are cleared first, then the
analysed nodes get this run's values, in one transaction (:meth:`GraphStore.write_measures`:
the statements live with the store's others).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graphkit import model
from graphkit.analytics.measures import MeasureResult
from graphkit.errors import AnalysisError
from graphkit.filters import split_node_id
from graphkit.store.base import GraphStore

WRITABLE: tuple[str, ...] = tuple(p.name for p in model.MEASURE_PROPERTIES)


def write_back(store: GraphStore, result: MeasureResult) -> dict[str, int]:
    """Write ``result``'s writable measures onto their nodes; returns nodes written per label.

    Raises :class:`AnalysisError` when none of the computed measures can be stored."""
    props = [p for p in model.MEASURE_PROPERTIES if p.name in result.values]
    if not props:
        raise AnalysisError(
            f"--write-back stores only {', '.join(WRITABLE)}; none of them was computed"
        )
    rows: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for prop in props:
        for nid, value in result.values[prop.name].items():
            label, key = split_node_id(nid)
            if label not in model.ENTITY_LABELS:
                continue  # Report nodes carry no measures
            row = rows[label].setdefault(key, {"key": key})
            row[prop.name] = int(value) if prop.type is model.PropertyType.INT else float(value)
    store.write_measures(
        {
            label: [
                {p.name: row.get(p.name) for p in props} | {"key": key}
                for key, row in by_key.items()
            ]
            for label, by_key in rows.items()
        },
        props,
    )
    return {label: len(by_key) for label, by_key in sorted(rows.items())}
