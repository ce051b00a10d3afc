"""Operations in date order, with where, who, how many arrests and what was seized."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graphkit.analytics.projection import date_range, display_name
from graphkit.store.base import GraphData, GraphNode

ROLE_ORDER = {"led": 0, "supported": 1, "participated": 2}


def operation_date(op: GraphNode, published: list[str]) -> str | None:
    """The operation's start date, else its end date, else its report's published date."""
    return (
        op.properties.get("start_date")
        or op.properties.get("end_date")
        or (min(published) if published else None)
    )


def _sort_key(row: dict[str, Any]) -> tuple[int, str, str]:
    date = row["date"]
    span = date_range(date)
    if span is not None:
        return (0, span[0], row["key"])
    if date:  # a date without a year ("--04-07"): after the dated ones
        return (1, date, row["key"])
    return (2, "", row["key"])


def timeline(graph: GraphData) -> list[dict[str, Any]]:
    """One row per operation: date, start/end, name, key, reports, countries, agencies
    (with role, leaders first), groups targeted, arrests, searches and seizures.

    Sorted by date (partial dates by their first day); dates without a year and undated
    operations come last."""
    nodes = {n.id: n for n in graph.nodes}
    related: dict[tuple[str, str], dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for e in graph.edges:
        if e.type == "CONDUCTED_IN":
            related[e.src]["countries"].append(e.dst)
        elif e.type == "PARTICIPATED_IN":
            related[e.dst]["agencies"].append((e.src, e.properties.get("role")))
        elif e.type == "TARGETED":
            related[e.src]["groups"].append(e.dst)
        elif e.type == "SEIZED":
            related[e.src]["seizures"].append(e.dst)
        elif e.type == "DESCRIBES":
            related[e.dst]["reports"].append(e.src)

    def name(nid: tuple[str, str]) -> str:
        node = nodes.get(nid)
        return display_name(node) if node else nid[1]

    rows = []
    for op in graph.nodes:
        if op.label != "Operation":
            continue
        rel = related[op.id]
        reports = sorted({r[1] for r in rel["reports"]})
        published = [
            nodes[("Report", r)].properties.get("published")
            for r in reports
            if ("Report", r) in nodes and nodes[("Report", r)].properties.get("published")
        ]
        agencies: dict[tuple[str, str], str | None] = {}
        for agency, role in rel["agencies"]:  # one agency, several reports: its strongest role
            old = agencies.get(agency)
            if agency not in agencies or ROLE_ORDER.get(role or "", 9) < ROLE_ORDER.get(
                old or "", 9
            ):
                agencies[agency] = role
        rows.append(
            {
                "date": operation_date(op, published),
                "start_date": op.properties.get("start_date"),
                "end_date": op.properties.get("end_date"),
                "operation": display_name(op),
                "key": op.key,
                "reports": reports,
                "countries": sorted({name(c) for c in rel["countries"]}),
                "agencies": [
                    {"name": name(a), "role": role}
                    for a, role in sorted(
                        agencies.items(),
                        key=lambda kv: (ROLE_ORDER.get(kv[1] or "", 9), name(kv[0])),
                    )
                ],
                "groups": sorted({name(g) for g in rel["groups"]}),
                "arrests": op.properties.get("arrests"),
                "searches": op.properties.get("searches"),
                "seizures": sorted({name(s) for s in rel["seizures"]}),
                "crimes": sorted(op.properties.get("crimes") or []),
            }
        )
    return sorted(rows, key=_sort_key)
