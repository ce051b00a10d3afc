"""Operations in date order, with where, who, how many arrests and what was seized."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graphkit.filters import date_range, display_name
from graphkit.store.base import GraphData, GraphNode

ROLE_ORDER = {"led": 0, "supported": 1, "participated": 2}


def operation_date(op: GraphNode, published: list[str]) -> str | None:
    """The operation's start date, else its end date, else its report's published date."""
    return (
        op.properties.get("start_date")
        or op.properties.get("end_date")
        or (min(published) if published else None)
    )


def _sort_key(row: dict[str, Any], published: list[str]) -> tuple[int, str, str, str]:
    """Where an operation goes in time: by its date (a partial one by its first day); a date
    without a year ("--04-07") by its report's date, as the --since/--until filters place it;
    operations that cannot be placed at all come last."""
    date = row["date"]
    span = date_range(date)
    if span is None:  # no year: the report's date, if it has one
        spans = [s for s in (date_range(p) for p in published) if s is not None]
        span = min(spans) if spans else None
    if span is not None:
        return (0, span[0], date or "", row["key"])
    return (1 if date else 2, date or "", "", row["key"])


def timeline(graph: GraphData) -> list[dict[str, Any]]:
    """One row per operation: date, start/end, name, key, reports, countries, agencies
    (with role, leaders first), groups targeted, arrests, searches and seizures.

    Sorted by date (partial dates by their first day); a date without a year by its report's
    date; operations with no date to go by come last."""
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

    rows: list[tuple[tuple[int, str, str, str], dict[str, Any]]] = []
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
        row = {
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
        rows.append((_sort_key(row, published), row))
    return [row for _, row in sorted(rows, key=lambda pair: pair[0])]
