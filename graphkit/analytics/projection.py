"""The graph as analysts need it: filters, the typed networkx graph, weighted projections.

Everything here works on :class:`~graphkit.store.base.GraphData` (what every store's
``read_graph`` returns, in a deterministic order), so an analysis gives the same answer
on LadybugDB and on Neo4j.

Node ids in networkx are ``"Label:key"`` strings (``"Country:BE"``,
``"Agency:agency:eu:europol"``); every node carries ``label``, ``key``, ``name`` (a
display name, see :func:`display_name`) and its stored properties.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Literal

import networkx as nx

from graphkit import model
from graphkit.errors import AnalysisError
from graphkit.facts import is_partial_date
from graphkit.store.base import GraphData, GraphEdge, GraphNode

Projection = Literal["full", "agencies", "countries", "groups", "persons"]
PROJECTIONS: tuple[str, ...] = ("full", "agencies", "countries", "groups", "persons")
CERTAINTY_FILTERS: tuple[str, ...] = ("reported", "all")


# --------------------------------------------------------------------------------------
# Names and ids
# --------------------------------------------------------------------------------------


def node_id(label: str, key: str) -> str:
    """The networkx id of a node: ``"Label:key"``."""
    return f"{label}:{key}"


def split_node_id(nid: str) -> tuple[str, str]:
    label, _, key = nid.partition(":")
    return label, key


def display_name(node: GraphNode | Mapping[str, Any]) -> str:
    """A short human name for a node (a :class:`GraphNode` or a networkx node attr dict);
    the rule is :func:`graphkit.model.display_name`."""
    if isinstance(node, GraphNode):
        return model.display_name(node.label, node.key, node.properties)
    return model.display_name(str(node.get("label", "")), str(node.get("key", "")), node)


# --------------------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------------------


@dataclass
class Filters:
    """What to keep before analysing; ``None`` means no restriction.

    - ``labels``: node labels to keep (edges are kept when both ends are).
    - ``countries``: ISO2 codes. Keeps those Country nodes (not the others), the operations
      conducted in them, the groups and persons active or arrested there or targeted by a
      kept operation, the agencies based there or taking part in a kept operation, the
      seizures of kept operations, the members of kept groups and the reports describing
      kept operations.
    - ``since`` / ``until``: ISO dates, possibly partial ("2023", "2023-04"), inclusive.
      An operation is kept when its start..end dates (else its report's published date)
      overlap the range; a report when its published date does, or it describes a kept
      operation. Relationships are kept when their report is; other nodes when a kept
      report supports them. Dates without a year ("--04-07") cannot be placed and are
      dropped when a range is given.
    - ``certainty``: ``"reported"`` drops relationships stated as alleged; ``"all"`` keeps them.
    - ``reports``: report keys; keeps relationships read from them and nodes they support.
    """

    labels: set[str] | None = None
    countries: set[str] | None = None
    since: str | None = None
    until: str | None = None
    certainty: str = "all"
    reports: set[str] | None = None

    def is_empty(self) -> bool:
        return (
            self.labels is None
            and self.countries is None
            and self.since is None
            and self.until is None
            and self.certainty == "all"
            and self.reports is None
        )


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_range(value: str | None) -> tuple[str, str] | None:
    """A possibly partial ISO date as an inclusive (first day, last day); None without a year."""
    if not value:
        return None
    match = _DATE.match(value.strip())
    if not match or not is_partial_date(value.strip()):  # 2024-99 is not a month
        return None
    year, month, day = match.groups()
    if day:
        return (f"{year}-{month}-{day}",) * 2
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return (f"{year}-{month}-01", f"{year}-{month}-{last:02d}")
    return (f"{year}-01-01", f"{year}-12-31")


def _bound(value: str | None, which: int, name: str) -> str | None:
    if value is None:
        return None
    span = date_range(value)
    if span is None:
        raise AnalysisError(f"--{name} {value!r}: expected an ISO date (2023, 2023-04, 2023-04-07)")
    return span[which]


def filter_graph(graph: GraphData, filters: Filters) -> GraphData:
    """The part of ``graph`` that ``filters`` keep (see :class:`Filters`), in the same order."""
    if filters.certainty not in CERTAINTY_FILTERS:
        raise AnalysisError(
            f"certainty {filters.certainty!r}: choose one of {', '.join(CERTAINTY_FILTERS)}"
        )
    if filters.labels is not None:
        unknown = sorted(set(filters.labels) - model.LABELS)
        if unknown:
            raise AnalysisError(
                f"unknown label {', '.join(map(repr, unknown))}; "
                f"choose from {', '.join(model.NODE_TYPES)}"
            )
    if filters.is_empty():
        return graph
    nodes: dict[tuple[str, str], GraphNode] = {n.id: n for n in graph.nodes}
    edges = list(graph.edges)

    if filters.certainty == "reported":
        edges = [e for e in edges if e.properties.get("certainty") != "alleged"]

    keep_reports: set[str] | None = None
    if filters.reports is not None:
        keep_reports = set(filters.reports)

    since = _bound(filters.since, 0, "since")
    until = _bound(filters.until, 1, "until")
    dropped_ops: set[tuple[str, str]] = set()
    if since is not None or until is not None:
        in_range_reports, dropped_ops = _dated(nodes, edges, since, until)
        keep_reports = in_range_reports if keep_reports is None else keep_reports & in_range_reports

    if keep_reports is not None:
        edges = [e for e in edges if e.properties.get("report") in keep_reports]
        nodes = {
            nid: n
            for nid, n in nodes.items()
            if nid not in dropped_ops and _supported(n, keep_reports)
        }
        edges = [e for e in edges if e.src in nodes and e.dst in nodes]

    if filters.countries is not None:
        wanted = {c.upper() for c in filters.countries}
        keep = _country_scope(nodes, edges, wanted)
        nodes = {nid: n for nid, n in nodes.items() if nid in keep}

    if filters.labels is not None:
        nodes = {nid: n for nid, n in nodes.items() if n.label in filters.labels}

    edges = [e for e in edges if e.src in nodes and e.dst in nodes]
    return GraphData(nodes=[n for n in graph.nodes if n.id in nodes], edges=edges)


def _supported(node: GraphNode, reports: set[str]) -> bool:
    if node.label == "Report":
        return node.key in reports
    return bool(set(node.properties.get("reports") or ()) & reports)


def _overlaps(span: tuple[str, str] | None, since: str | None, until: str | None) -> bool:
    if span is None:
        return False
    return (since is None or span[1] >= since) and (until is None or span[0] <= until)


def _dated(
    nodes: Mapping[tuple[str, str], GraphNode],
    edges: list[GraphEdge],
    since: str | None,
    until: str | None,
) -> tuple[set[str], set[tuple[str, str]]]:
    """Reports in the date range, and the operations out of it."""
    published = {
        n.key: date_range(n.properties.get("published"))
        for n in nodes.values()
        if n.label == "Report"
    }
    op_reports: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in edges:
        if e.type == "DESCRIBES":
            op_reports[e.dst].add(e.src[1])
    reports_in = {key for key, span in published.items() if _overlaps(span, since, until)}
    ops_out: set[tuple[str, str]] = set()
    for nid, n in nodes.items():
        if n.label != "Operation":
            continue
        start = date_range(n.properties.get("start_date"))
        end = date_range(n.properties.get("end_date"))
        if start or end:
            span = ((start or end)[0], (end or start)[1])  # type: ignore[index]
            inside = _overlaps(span, since, until)
        else:
            support = op_reports.get(nid) or set(n.properties.get("reports") or ())
            inside = any(_overlaps(published.get(r), since, until) for r in support)
        if inside:
            reports_in |= op_reports.get(nid, set())
        else:
            ops_out.add(nid)
    return reports_in, ops_out


def _country_scope(
    nodes: Mapping[tuple[str, str], GraphNode], edges: list[GraphEdge], wanted: set[str]
) -> set[tuple[str, str]]:
    countries = {nid for nid in nodes if nid[0] == "Country" and nid[1] in wanted}
    out: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for e in edges:
        out[e.src].add(e.dst)
    by_type: dict[str, list[GraphEdge]] = defaultdict(list)
    for e in edges:
        by_type[e.type].append(e)

    ops = {e.src for e in by_type["CONDUCTED_IN"] if e.dst in countries}
    groups = {e.src for t in ("OPERATED_IN", "ARRESTED_IN") for e in by_type[t]}
    groups = {g for g in groups if g[0] == "CriminalGroup" and out[g] & countries}
    groups |= {e.dst for e in by_type["TARGETED"] if e.src in ops}
    persons = {e.src for e in by_type["ARRESTED_IN"] if e.src[0] == "Person" and e.dst in countries}
    persons |= {e.src for e in by_type["MEMBER_OF"] if e.dst in groups}
    agencies = {
        nid
        for nid, n in nodes.items()
        if n.label == "Agency" and str(n.properties.get("country") or "").upper() in wanted
    }
    agencies |= {e.src for e in by_type["BASED_IN"] if e.dst in countries}
    agencies |= {e.src for e in by_type["PARTICIPATED_IN"] if e.dst in ops}
    seizures = {e.dst for e in by_type["SEIZED"] if e.src in ops}
    reports = {e.src for e in by_type["DESCRIBES"] if e.dst in ops}
    return countries | ops | groups | persons | agencies | seizures | reports


# --------------------------------------------------------------------------------------
# networkx graphs
# --------------------------------------------------------------------------------------


def _node_attrs(node: GraphNode) -> dict[str, Any]:
    attrs = dict(node.properties)
    attrs.update(label=node.label, key=node.key, name=display_name(node))
    return attrs


def to_networkx(graph: GraphData) -> nx.MultiDiGraph:
    """The full typed graph as a ``MultiDiGraph``.

    Nodes: id ``"Label:key"``, attrs ``label``, ``key``, ``name`` (display name) and every
    stored property. Edges: key = the relationship type, attrs ``type`` and every
    relationship property (report, evidence, evidence_start, evidence_end, certainty,
    count / role). A second relationship of the same type between the same two nodes (read
    from another report) is keyed ``"TYPE@report"``: read the type from the ``type`` attr.
    """
    g = nx.MultiDiGraph()
    for node in graph.nodes:
        g.add_node(node_id(node.label, node.key), **_node_attrs(node))
    for edge in graph.edges:
        u, v = node_id(*edge.src), node_id(*edge.dst)
        if u not in g or v not in g:
            continue
        key = edge.type
        if g.has_edge(u, v, key):
            key = f"{edge.type}@{edge.properties.get('report')}"
            n = 1
            while g.has_edge(u, v, key):  # same type, same report: cannot happen in a store
                n += 1
                key = f"{edge.type}@{edge.properties.get('report')}#{n}"
        g.add_edge(u, v, key=key, type=edge.type, **edge.properties)
    return g


def project(graph: GraphData, projection: str = "full") -> nx.Graph:
    """An undirected, weighted ``nx.Graph`` for analysis. Every edge has a ``weight``
    (tie strength, larger = stronger) and ``distance = 1 / weight`` (for shortest-path
    measures); nodes carry the same attrs as :func:`to_networkx`.

    - ``full``: every node; an edge per connected pair, weight = number of relationships
      between them (both directions, all types and reports).
    - ``agencies``: Agency nodes; weight = operations both took part in (plus, for pairs
      sharing no operation, the reports stating they cooperated).
    - ``countries``: Country nodes; weight = groups active or arrested in both plus
      operations conducted in both (route analysis).
    - ``groups``: CriminalGroup nodes; weight = countries both were active or arrested in
      plus operations that targeted both.
    - ``persons``: Person nodes; weight = the strength of their direct ties (MET, CALLED,
      ASSOCIATED_WITH: meetings, calls, ... summed over types and sources) plus the groups
      both are members of plus the arrests they share (arrested in the same country in
      the same report).
    """
    if projection not in PROJECTIONS:
        raise AnalysisError(
            f"unknown projection {projection!r}; choose one of {', '.join(PROJECTIONS)}"
        )
    if projection == "full":
        return _full(graph)
    label = _CONTEXTS[projection][0]
    g = nx.Graph()
    for node in graph.nodes:
        if node.label == label:
            g.add_node(node_id(node.label, node.key), **_node_attrs(node))
    weights: dict[tuple[str, str], float] = defaultdict(int)
    for group in memberships(graph, projection).values():  # a context reached twice counts once
        present = sorted(m for m in group if m in g)
        for a, b in combinations(present, 2):
            weights[(a, b)] += 1
    if projection == "agencies":
        cooperated: dict[tuple[str, str], set[str]] = defaultdict(set)
        for edge in graph.edges:
            if edge.type == "COOPERATED_WITH":
                a, b = sorted((node_id(*edge.src), node_id(*edge.dst)))
                if a != b and a in g and b in g and (a, b) not in weights:
                    cooperated[(a, b)].add(str(edge.properties.get("report")))
        for pair, reports in cooperated.items():
            weights[pair] = len(reports)
    if projection == "persons":
        for edge in graph.edges:
            if edge.type in model.PERSON_TIES:
                a, b = sorted((node_id(*edge.src), node_id(*edge.dst)))
                if a != b and a in g and b in g:
                    weights[(a, b)] += edge.properties.get("weight") or 1
    for (a, b), w in sorted(weights.items()):
        g.add_edge(a, b, weight=w, distance=1.0 / w)
    return g


def memberships(graph: GraphData, projection: str) -> dict[tuple[Any, ...], dict[str, list[Any]]]:
    """The contexts of a projection (an operation, a country, a group; for arrests of persons,
    a country in one report) and, for each, its members by node id with the relationships
    (``GraphEdge``) that make them members: two members of one context are linked. The view
    lists these relationships as the evidence of a projected link."""
    label, contexts = _CONTEXTS[projection]
    members: dict[tuple[Any, ...], dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for edge in graph.edges:
        for etype, side in contexts:
            if edge.type != etype:
                continue
            member, context = (edge.src, edge.dst) if side == "src" else (edge.dst, edge.src)
            if (projection, etype) in _PER_REPORT:
                context = (*context, edge.properties.get("report"))
            if member[0] == label:
                members[context][node_id(*member)].append(edge)
    return members


# (label projected, [(relationship type, which end is the member)]); the other end is the
# shared context (an operation, a country, a group).
_CONTEXTS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "agencies": ("Agency", [("PARTICIPATED_IN", "src")]),
    "countries": (
        "Country",
        [("OPERATED_IN", "dst"), ("ARRESTED_IN", "dst"), ("CONDUCTED_IN", "dst")],
    ),
    "groups": (
        "CriminalGroup",
        [("OPERATED_IN", "src"), ("ARRESTED_IN", "src"), ("TARGETED", "dst")],
    ),
    "persons": ("Person", [("MEMBER_OF", "src"), ("ARRESTED_IN", "src")]),
}
_PER_REPORT = frozenset({("persons", "ARRESTED_IN")})
"""Contexts that are one per report: persons arrested in one country are linked when one
report tells of both arrests (the same action), not across unrelated reports."""


def _full(graph: GraphData) -> nx.Graph:
    g = nx.Graph()
    for node in graph.nodes:
        g.add_node(node_id(node.label, node.key), **_node_attrs(node))
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for edge in graph.edges:
        u, v = node_id(*edge.src), node_id(*edge.dst)
        if u in g and v in g and u != v:
            counts[(u, v) if u < v else (v, u)] += 1
    g.add_edges_from((u, v, {"weight": w, "distance": 1.0 / w}) for (u, v), w in counts.items())
    return g
