"""From graph records to a pyvis network: what to show, how it looks, what the tooltips say.

The steps, in order: filter the graph (:func:`graphkit.analytics.filter_graph`), project it
(:func:`graphkit.analytics.project`), keep the chosen node types, keep the focus
neighbourhood, compute the sizing (and community) measures, cap the number of nodes, then
add nodes and edges to a :class:`pyvis.network.Network`. The network's node and edge
dictionaries, and its options, are what the page (:mod:`graphkit.view.page`) embeds as data.

Nothing here produces HTML. Report-derived text travels as plain strings in the ``gk``
field of each node and edge; the page turns it into DOM text nodes.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter, defaultdict, deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from pyvis.network import Network

from graphkit import model
from graphkit.analytics import compute_measures, display_name, filter_graph, project
from graphkit.errors import AnalysisError, ViewError
from graphkit.filters import check_labels, find_entity
from graphkit.store.base import GraphData, GraphEdge, GraphNode
from graphkit.view.options import ColorBy, Projection, ViewOptions
from graphkit.view.provenance import (
    Support,
    evidence_row,
    node_countries,
    operation_span,
    projection_support,
    report_rows,
    report_texts,
    spellings,
)

# --------------------------------------------------------------------------------------
# Styles: colour-blind-safe Tableau colours, and a shape per type so colour is not needed
# --------------------------------------------------------------------------------------

NODE_STYLES: dict[str, tuple[str, str]] = {
    "Operation": ("diamond", "#f28e2b"),
    "CriminalGroup": ("triangle", "#e15759"),
    "Person": ("star", "#b07aa1"),
    "Agency": ("dot", "#4e79a7"),
    "Country": ("square", "#59a14f"),
    "Seizure": ("triangleDown", "#edc948"),
    "Report": ("hexagon", "#9d9d9d"),
}
NEUTRAL_NODE = "#c9c9c9"

EDGE_COLORS: dict[str, str] = {
    "OPERATED_IN": "#d37295",
    "CONDUCTED_IN": "#59a14f",
    "ARRESTED_IN": "#e15759",
    "TARGETED": "#f28e2b",
    "PARTICIPATED_IN": "#4e79a7",
    "COOPERATED_WITH": "#76b7b2",
    "BASED_IN": "#8cd17d",
    "SEIZED": "#b6992d",
    "DESCRIBES": "#9d9d9d",
    "MEMBER_OF": "#b07aa1",
    "MET": "#9c755f",
    "CALLED": "#ff9da7",
    "ASSOCIATED_WITH": "#86bcb6",
}
UNDIRECTED_TYPES = frozenset(t for t, spec in model.RELATIONSHIP_TYPES.items() if not spec.directed)

COMMUNITY_COLORS: tuple[str, ...] = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#86bcb6",
    "#d37295",
    "#b6992d",
)

PROJECTION_EDGES: dict[str, tuple[str, str]] = {
    "agencies": ("WORKED_WITH", "operations together (or reports of cooperation)"),
    "countries": ("LINKED", "groups and operations in common"),
    "groups": ("LINKED", "countries and operations in common"),
    "persons": ("LINKED", "tie strength (meetings, calls...) + groups and arrests in common"),
}
PROJECTION_EDGE_COLOR = "#8c8c8c"

# Line patterns (vis-network ``dashes``: dash, gap, ...) so that types are told apart
# without colour; types of similar colours (BASED_IN and CONDUCTED_IN, two greens) differ.
SOLID, LONG_DASH, DASH_DOT, SHORT_DASH = False, [12, 5], [12, 4, 2, 4], [6, 4]
EDGE_DASHES: dict[str, Any] = {
    "PARTICIPATED_IN": SOLID,
    "TARGETED": SOLID,
    "ARRESTED_IN": SOLID,
    "DESCRIBES": SOLID,
    "SEIZED": LONG_DASH,
    "COOPERATED_WITH": LONG_DASH,
    "CONDUCTED_IN": LONG_DASH,
    "CALLED": LONG_DASH,
    "BASED_IN": DASH_DOT,
    "OPERATED_IN": DASH_DOT,
    "MET": DASH_DOT,
    "MEMBER_OF": SHORT_DASH,
    "ASSOCIATED_WITH": SHORT_DASH,
}
ALLEGED_DASHES = [2, 5]
"""Alleged relationships are dotted, whatever their type (their colour still tells it)."""

# What a node's tooltip lists, in this order (the key is shown separately).

LABEL_CHARS = 40
EDGE_LABELS_UP_TO = 60  # draw relationship types on edges in small views only
IMPROVED_LAYOUT_UP_TO = 150  # vis-network's Kamada-Kawai start is slow beyond this
LAYOUT_BUDGET_MS = 5000  # the browser stops refining the layout after this long
LEAF_LAYOUT_FROM = 1000  # above this many nodes, leaves sit out the layout (see view.js)
LABELS = {"minPx": 11, "maxPx": 16, "allFromScale": 0.75}
"""Node labels, drawn by the page in screen pixels (11 to 16 by size): at lower zooms the
biggest nodes first, skipping labels that would overlap; from ``allFromScale`` on, all."""


# --------------------------------------------------------------------------------------
# The result
# --------------------------------------------------------------------------------------


@dataclass
class NetworkData:
    """Everything the page embeds: vis nodes and edges (with ``gk`` metadata) and options.

    ``reserve`` holds the nodes and edges carried beyond those shown (the neighbourhood a
    double-click expands into); ``texts`` the full text of the reports cited.
    """

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    legend: dict[str, Any]
    reports: dict[str, list[Any]]
    title: str
    subtitle: str
    notice: str | None = None
    total_nodes: int = 0
    measures: dict[str, dict[str, float]] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    reserve: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {"nodes": [], "edges": []}
    )

    def payload(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "notice": self.notice,
            "nodes": self.nodes,
            "edges": self.edges,
            "reserve": self.reserve,
            "options": self.options,
            "legend": self.legend,
            "reports": self.reports,
            "texts": self.texts,
            "labels": LABELS,
            "layoutBudgetMs": LAYOUT_BUDGET_MS,
            "layoutLeaves": len(self.nodes) > LEAF_LAYOUT_FROM,
            "stats": {
                "nodes": len(self.nodes),
                "edges": len(self.edges),
                "totalNodes": self.total_nodes,
            },
        }


class _Ids(list):
    """pyvis keeps node ids in a list and tests membership for every node and edge added
    (quadratic); this list answers ``in`` from a set."""

    def __init__(self) -> None:
        super().__init__()
        self._set: set[Any] = set()

    def append(self, item: Any) -> None:
        super().append(item)
        self._set.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._set


class _Network(Network):
    def __init__(self) -> None:
        # directed=True: pyvis then skips its quadratic duplicate-edge scan; arrows are
        # set per edge. cdn_resources is irrelevant: pyvis never renders our page.
        super().__init__(height="100%", width="100%", directed=True)
        self.node_ids = _Ids()


@dataclass
class _Context:
    """What styling a node or an edge needs to know about the whole view."""

    options: ViewOptions
    by_id: dict[str, GraphNode]
    sizes: dict[str, float]
    values: dict[str, dict[str, float]]
    communities: dict[str, Any]
    community_colors: dict[Any, str]
    countries: dict[str, list[str]]


# --------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------


def build_network(
    graph: GraphData,
    options: ViewOptions,
    reports: Mapping[str, Mapping[str, Any]] | None = None,
) -> NetworkData:
    """Select, measure, cap and style ``graph`` as ``options`` say; see the module docstring.

    ``reports`` maps report keys to ``title`` / ``published`` (from ``store.reports()``);
    without it, the graph's Report nodes are used.
    """
    labels = check_labels(options.labels, ViewError)
    if options.hops < 0:
        raise ViewError("--hops must be 0 or more")
    if options.max_nodes < 1:
        raise ViewError("--max-nodes must be at least 1")
    report_info = report_rows(graph, reports)
    filtered = filter_graph(graph, options.filters())
    projection = str(options.projection)
    g = project(filtered, projection)
    if labels is not None:
        g = g.subgraph([n for n, a in g.nodes(data=True) if a["label"] in labels]).copy()
    whole = g

    distance: dict[str, int] | None = None
    if options.focus:
        sources = _find_focus(g, options.focus)
        distance = _bfs(g, sources, options.hops)
        g = g.subgraph(distance).copy()

    wanted = [str(options.size_by)]
    if options.color_by is ColorBy.community:
        wanted.append("community")
    values = _measures(g, wanted, options.seed)
    size = values.get(str(options.size_by), {})

    total = g.number_of_nodes()
    g, notice = _cap(g, options, size, distance)

    reserve = _reserve(whole, set(g), options.max_nodes - g.number_of_nodes())
    carried = whole.subgraph([*g, *reserve]).copy() if reserve else g
    communities = values.get("community", {})
    community_colors = _community_colors(communities, g) if communities else {}
    ctx = _Context(
        options=options,
        by_id={_nid(n): n for n in filtered.nodes},
        sizes={**_reserve_sizes(carried, reserve, options), **size},
        values=values,
        communities=communities,
        community_colors=community_colors,
        countries=node_countries(filtered),
    )

    net = _Network()
    node_counts: Counter[str] = Counter()
    ordered = sorted(carried, key=lambda n: (_label_order(carried.nodes[n]["label"]), n))
    start = _initial_positions([n for n in ordered if n in g], options.seed)
    for nid in ordered:
        node_counts[carried.nodes[nid]["label"]] += nid in g
        net.add_node(nid, **start.get(nid, {}), **_node_style(nid, carried.nodes[nid], ctx))

    if projection == Projection.full:
        _add_full_edges(net, filtered, carried, set(g), ctx)
    else:
        _add_projected_edges(net, projection, filtered, carried, g, ctx)

    net.options = _vis_options(g.number_of_nodes(), len(net.edges), options.seed)
    all_nodes, all_edges, _heading, _height, _width, options_json = net.get_network_data()
    for edge in all_edges:
        if edge.get("label") is None:
            edge.pop("label", None)
    nodes = [n for n in all_nodes if n["id"] in g]
    edges = [e for e in all_edges if e["from"] in g and e["to"] in g]
    extra = {
        "nodes": [n for n in all_nodes if n["id"] not in g],
        "edges": [e for e in all_edges if not (e["from"] in g and e["to"] in g)],
    }

    cited = sorted(_cited_reports(all_nodes, all_edges))
    edge_counts = Counter({e["gk"]["type"]: 0 for e in all_edges})  # a reserve's types too
    edge_counts.update(e["gk"]["type"] for e in edges)
    legend = _legend(node_counts, edge_counts, edges, g, ctx)
    return NetworkData(
        nodes=nodes,
        edges=edges,
        options=json.loads(options_json),
        legend=legend,
        reports={k: report_info[k] for k in cited if k in report_info},
        title=options.title or "graphkit view",
        subtitle=_describe(options, len(nodes), len(edges)),
        notice=notice,
        total_nodes=total,
        measures={m: dict(v) for m, v in values.items()},
        texts=report_texts(graph, cited),
        reserve=extra,
    )


def _cap(
    g: nx.Graph, options: ViewOptions, size: Mapping[str, float], distance: dict[str, int] | None
) -> tuple[nx.Graph, str | None]:
    """At most ``--max-nodes``: those nearest the focus, else the biggest; and a notice
    saying what was left out and how to see it."""
    total = g.number_of_nodes()
    if total <= options.max_nodes:
        return g, None
    if distance is not None:
        ranked = sorted(g, key=lambda n: (distance[n], -size.get(n, 0.0), n))
        how = "nearest the focus"
    else:
        ranked = sorted(g, key=lambda n: (-size.get(n, 0.0), n))
        how = f"with the highest {options.size_by}"
    notice = (
        f"Showing {options.max_nodes:,} of {total:,} nodes: those {how}. "
        "Narrow the view with --focus, --label, --country or --since/--until, "
        "or raise --max-nodes."
    )
    return g.subgraph(ranked[: options.max_nodes]).copy(), notice


def _add_full_edges(
    net: _Network, filtered: GraphData, carried: nx.Graph, shown: set[str], ctx: _Context
) -> None:
    """One edge per (source, target, type) between carried nodes; labels on the edges
    when few are shown; parallel edges curve apart."""
    groups = _group_edges(filtered.edges, carried)
    show_labels = sum(s in shown and d in shown for s, d, _ in groups) <= EDGE_LABELS_UP_TO
    parallel: Counter[tuple[str, str]] = Counter()
    for (src, dst, rel_type), members in groups.items():
        pair = (min(src, dst), max(src, dst))
        style = _full_edge_style(
            (src, dst, rel_type), members, carried, ctx, parallel[pair], show_labels
        )
        parallel[pair] += 1
        net.add_edge(src, dst, id=f"e{len(net.edges)}", **style)


def _add_projected_edges(
    net: _Network,
    projection: str,
    filtered: GraphData,
    carried: nx.Graph,
    g: nx.Graph,
    ctx: _Context,
) -> None:
    """The projection's weighted links between carried nodes, widths relative to the
    heaviest shown, each with what makes it."""
    support = projection_support(filtered, projection)
    top = max((d.get("weight", 1) for _, _, d in g.edges(data=True)), default=1)
    for u, v, d in sorted(carried.edges(data=True), key=lambda e: (e[0], e[1])):
        style = _projected_edge_style(projection, u, v, d, top, carried, ctx, support)
        net.add_edge(u, v, id=f"e{len(net.edges)}", **style)


def _node_style(nid: str, attrs: Mapping[str, Any], ctx: _Context) -> dict[str, Any]:
    """The vis attributes and ``gk`` metadata (what the panel and filters read) of a node."""
    label = attrs["label"]
    shape, color = NODE_STYLES.get(label, ("dot", NEUTRAL_NODE))
    if ctx.communities:
        color = ctx.community_colors.get(ctx.communities.get(nid), NEUTRAL_NODE)
    node = ctx.by_id.get(nid)
    name = str(attrs.get("name") or display_name(node))
    measures = [[m, _format_measure(v.get(nid))] for m, v in ctx.values.items() if nid in v]
    return {
        "label": _shorten(name),
        "shape": shape,
        "color": color,
        "value": _finite(ctx.sizes.get(nid, 0.0)),
        "gk": {
            "type": label,
            "name": name,
            "key": attrs["key"],
            "props": _node_properties(label, node, name),
            "measures": measures,
            "reports": _node_reports(node),
            "span": _node_span(node),
            "countries": ctx.countries.get(nid, []),
        },
    }


def _full_edge_style(
    key: tuple[str, str, str],
    members: list[GraphEdge],
    g: nx.Graph,
    ctx: _Context,
    k: int,
    show_label: bool,
) -> dict[str, Any]:
    """One drawn relationship (all its sources grouped): style, evidence and metadata."""
    src, dst, rel_type = key
    alleged = all(e.properties.get("certainty") == "alleged" for e in members)
    extra = _edge_extra(rel_type, members)
    names = [*_spellings_of(src, g, ctx), *_spellings_of(dst, g, ctx)]
    return {
        "color": EDGE_COLORS.get(rel_type, PROJECTION_EDGE_COLOR),
        "dashes": ALLEGED_DASHES if alleged else EDGE_DASHES.get(rel_type, SOLID),
        "width": min(1 + 0.75 * (len(members) - 1), 5),
        "arrows": {"to": {"enabled": rel_type not in UNDIRECTED_TYPES, "scaleFactor": 0.5}},
        "smooth": _smooth(k),
        "label": (rel_type + (f" ({extra})" if extra else "")) if show_label else None,
        "gk": {
            "type": rel_type,
            "from": g.nodes[src]["name"],
            "to": g.nodes[dst]["name"],
            "alleged": alleged,
            "props": _edge_properties(members),
            "evidence": [evidence_row(e, names) for e in members],
            "contexts": [],
        },
    }


def _projected_edge_style(
    projection: str,
    u: str,
    v: str,
    d: Mapping[str, Any],
    top: float,
    g: nx.Graph,
    ctx: _Context,
    support: Mapping[tuple[str, str], Support],
) -> dict[str, Any]:
    """A projected link (two agencies that WORKED_WITH each other...) with what makes it:
    the shared operations, countries or groups, and the relationships behind them."""
    rel_type, meaning = PROJECTION_EDGES[projection]
    w = d.get("weight", 1)
    why = support.get((min(u, v), max(u, v)), Support())
    names = [*_spellings_of(u, g, ctx), *_spellings_of(v, g, ctx)]
    for context in why.contexts:
        names.extend(_spellings_of(context, g, ctx))
    return {
        "color": PROJECTION_EDGE_COLOR,
        "width": 1 + 5 * (min(w, top) / top if top else 0),
        "arrows": {"to": {"enabled": False}},
        "smooth": False,
        "gk": {
            "type": rel_type,
            "from": g.nodes[u]["name"],
            "to": g.nodes[v]["name"],
            "alleged": False,
            "props": [["weight", f"{w:g} ({meaning})"]],
            "evidence": [evidence_row(e, names) for e in _unique(why.edges)],
            "contexts": sorted(_context_name(c, ctx) for c in why.contexts),
        },
    }


def _unique(edges: list[GraphEdge]) -> list[GraphEdge]:
    """Each relationship once, in a stable order (report, sentence)."""
    seen: dict[tuple[Any, ...], GraphEdge] = {}
    for e in edges:
        seen.setdefault((e.type, e.src, e.dst, e.properties.get("report")), e)
    return sorted(
        seen.values(),
        key=lambda e: (
            str(e.properties.get("report")),
            e.properties.get("evidence_start") or 0,
            e.type,
            e.src,
            e.dst,
        ),
    )


def _context_name(nid: str, ctx: _Context) -> str:
    node = ctx.by_id.get(nid)
    return f"{node.label}: {display_name(node)}" if node is not None else nid


def _spellings_of(nid: str, g: nx.Graph, ctx: _Context) -> list[str]:
    shown = g.nodes[nid]["name"] if nid in g else ""
    return spellings(ctx.by_id.get(nid), shown)


def _cited_reports(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> set[str]:
    return {r for n in nodes for r in n["gk"]["reports"]["keys"]} | {
        ev[0] for e in edges for ev in e["gk"]["evidence"]
    }


def _legend(
    node_counts: Counter[str],
    edge_counts: Counter[str],
    edges: list[dict[str, Any]],
    g: nx.Graph,
    ctx: _Context,
) -> dict[str, Any]:
    """Node types (shape, colour, count), relationship types (colour, line, count),
    communities by name, and how sizes and colours were chosen. Types only in the reserve
    are listed with a count of 0, so that they can be hidden once expanded into view."""
    return {
        "nodes": [
            {
                "type": label,
                "shape": NODE_STYLES.get(label, ("dot", NEUTRAL_NODE))[0],
                "color": NEUTRAL_NODE
                if ctx.communities
                else NODE_STYLES.get(label, ("dot", NEUTRAL_NODE))[1],
                "count": node_counts[label],
            }
            for label in sorted(node_counts, key=_label_order)
        ],
        "edges": [
            {
                "type": rel_type,
                "color": EDGE_COLORS.get(rel_type, PROJECTION_EDGE_COLOR),
                "dashes": EDGE_DASHES.get(rel_type, SOLID),
                "count": n,
            }
            for rel_type, n in sorted(edge_counts.items())
        ],
        "alleged": any(e["gk"]["alleged"] for e in edges),
        "alleged_dashes": ALLEGED_DASHES,
        "communities": _community_legend(ctx.communities, ctx.community_colors, g),
        "sizeBy": str(ctx.options.size_by),
        "colorBy": str(ctx.options.color_by),
    }


def _reserve(whole: nx.Graph, shown: set[str], room: int) -> list[str]:
    """The nodes carried beyond those shown, nearest first (ring by ring, then by id), at
    most ``room``: a double-click on a node shows those next to it."""
    if room <= 0 or len(shown) >= whole.number_of_nodes():
        return []
    distance = _bfs(whole, sorted(shown), room)
    outside = sorted((d, n) for n, d in distance.items() if n not in shown)
    return [n for _, n in outside[:room]]


def _reserve_sizes(carried: nx.Graph, reserve: list[str], options: ViewOptions) -> dict[str, float]:
    """Sizes of the reserve nodes, measured on everything carried (the shown nodes keep
    their sizes, measured on what is shown)."""
    if not reserve:
        return {}
    measure = str(options.size_by)
    values = _measures(carried, [measure], options.seed).get(measure, {})
    return {n: values.get(n, 0.0) for n in reserve}


def _nid(node: GraphNode) -> str:
    return f"{node.label}:{node.key}"


def _label_order(label: str) -> int:
    order = list(NODE_STYLES)
    return order.index(label) if label in order else len(order)


def _find_focus(g: nx.Graph, focus: str) -> list[str]:
    """The node ``focus`` names, by the rule ``path`` follows (:func:`find_entity`: node id,
    key or name exactly, else a fuzzy match; an ambiguous name is refused with the
    candidates, "did you mean")."""
    try:
        return [find_entity(g, focus)]
    except AnalysisError as exc:
        raise ViewError(f"--focus: {exc}") from None


def _bfs(g: nx.Graph, sources: list[str], hops: int) -> dict[str, int]:
    distance = dict.fromkeys(sources, 0)
    queue = deque(sources)
    while queue:
        node = queue.popleft()
        if distance[node] >= hops:
            continue
        for nb in sorted(g[node]):
            if nb not in distance:
                distance[nb] = distance[node] + 1
                queue.append(nb)
    return distance


def _measures(g: nx.Graph, wanted: list[str], seed: int) -> dict[str, dict[str, float]]:
    if g.number_of_nodes() == 0:
        return {m: {} for m in wanted}
    result = compute_measures(g, wanted, seed=seed)
    return {m: dict(result.values.get(m, {})) for m in wanted}


def _finite(value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) else 0.0


def _format_measure(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _format_value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _node_properties(label: str, node: GraphNode | None, shown: str) -> list[list[str]]:
    """Key properties as (name, text) rows; the one already shown as the title is skipped."""
    if node is None:
        return []
    rows = []
    for name in model.node_type(label).featured if label in model.NODE_TYPES else ():
        value = node.properties.get(name)
        if value not in (None, "", []) and not (name in ("name", "title") and value == shown):
            rows.append([name, _format_value(value)])
    return rows


def _node_reports(node: GraphNode | None) -> dict[str, Any]:
    """Every report that mentions the node (the panel lists them all)."""
    keys = [] if node is None else list(node.properties.get("reports") or ())
    return {"keys": keys, "total": len(keys)}


def _node_span(node: GraphNode | None) -> list[str] | None:
    """An operation's own dates, which the page's date filter uses before its reports'."""
    if node is None or node.label != "Operation":
        return None
    span = operation_span(node)
    return list(span) if span else None


def _group_edges(
    edges: list[GraphEdge], g: nx.Graph
) -> dict[tuple[str, str, str], list[GraphEdge]]:
    """One drawn edge per (source, target, type); pairs of undirected types are unordered."""
    groups: dict[tuple[str, str, str], list[GraphEdge]] = defaultdict(list)
    for edge in edges:
        src, dst = "{}:{}".format(*edge.src), "{}:{}".format(*edge.dst)
        if src not in g or dst not in g:
            continue
        if edge.type in UNDIRECTED_TYPES and dst < src:
            src, dst = dst, src
        groups[(src, dst, edge.type)].append(edge)
    for members in groups.values():
        members.sort(
            key=lambda e: (
                e.properties.get("certainty") == "alleged",
                str(e.properties.get("report")),
            )
        )
    return dict(sorted(groups.items()))


def _edge_properties(members: list[GraphEdge]) -> list[list[str]]:
    rows = []
    for name in ("role", "count"):
        values = sorted(
            {str(e.properties[name]) for e in members if e.properties.get(name) is not None}
        )
        if values:
            rows.append([name, ", ".join(values)])
    return rows


def _edge_extra(rel_type: str, members: list[GraphEdge]) -> str:
    for name in ("role", "count"):
        values = sorted(
            {str(e.properties[name]) for e in members if e.properties.get(name) is not None}
        )
        if values:
            return "/".join(values)
    return ""


def _smooth(k: int) -> Any:
    """Straight for the first edge between two nodes, then curves bending alternately."""
    if k == 0:
        return False
    return {
        "enabled": True,
        "type": "curvedCW" if k % 2 else "curvedCCW",
        "roundness": 0.15 * ((k + 1) // 2),
    }


def _community_colors(communities: Mapping[str, Any], g: nx.Graph) -> dict[Any, str]:
    sizes = Counter(communities[n] for n in g if n in communities)
    ranked = [c for c, _ in sorted(sizes.items(), key=lambda kv: (-kv[1], str(kv[0])))]
    return {c: COMMUNITY_COLORS[i] for i, c in enumerate(ranked[: len(COMMUNITY_COLORS)])}


def _community_legend(
    communities: Mapping[str, Any], colors: Mapping[Any, str], g: nx.Graph
) -> list[dict[str, Any]] | None:
    if not communities:
        return None
    sizes = Counter(communities[n] for n in g if n in communities)
    rows = [
        {
            "name": f"around {_best_connected(g, communities, c)}",
            "color": colors[c],
            "count": sizes[c],
        }
        for c in colors
    ]
    rest = sum(n for c, n in sizes.items() if c not in colors)
    if rest:
        rows.append({"name": "smaller communities", "color": NEUTRAL_NODE, "count": rest})
    return rows


def _best_connected(g: nx.Graph, communities: Mapping[str, Any], community: Any) -> str:
    """The name of a community's member with the most neighbours (ties: by name): a
    community is easier to talk about as "around Europol" than as "community 3"."""
    members = [n for n in g if communities.get(n) == community]
    best = min(members, key=lambda n: (-g.degree(n), str(g.nodes[n].get("name") or n), n))
    return str(g.nodes[best].get("name") or best)


def _initial_positions(nodes: list[str], seed: int) -> dict[str, dict[str, float]]:
    """Where the layout starts on big graphs: uniformly in a disc, seeded.

    vis-network would start every node on one circle of radius ~n, which a time-boxed
    layout of thousands of nodes cannot untangle; small graphs get its own start (with
    Kamada-Kawai up to 150 nodes).
    """
    if len(nodes) <= IMPROVED_LAYOUT_UP_TO:
        return {}
    rng = random.Random(seed)
    radius = 55 * math.sqrt(len(nodes))
    out = {}
    for nid in nodes:
        r, a = radius * math.sqrt(rng.random()), 2 * math.pi * rng.random()
        out[nid] = {"x": round(r * math.cos(a), 1), "y": round(r * math.sin(a), 1)}
    return out


def _vis_options(n_nodes: int, n_edges: int, seed: int) -> dict[str, Any]:
    small, big = n_nodes <= 300, n_nodes > 1000
    return {
        "autoResize": True,
        "height": "100%",
        "width": "100%",
        "layout": {"randomSeed": seed, "improvedLayout": n_nodes <= IMPROVED_LAYOUT_UP_TO},
        "nodes": {
            "borderWidth": 1,
            "scaling": {"min": 8, "max": 40, "label": {"enabled": False}},
            "font": {
                "size": 13,
                "face": "system-ui, sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
        },
        "edges": {
            "smooth": False,
            "color": {"inherit": False, "opacity": 0.8},
            "font": {"size": 9, "align": "middle", "strokeWidth": 3, "color": "#555555"},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": False,
        },
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            # small graphs: room for labels; big ones: cheaper forces (no overlap
            # avoidance, a coarser Barnes-Hut approximation)
            "forceAtlas2Based": {
                "gravitationalConstant": -200 if small else -60,
                "centralGravity": 0.005 if small else 0.01,
                "springLength": 120 if small else 90,
                "springConstant": 0.08,
                "damping": 0.5,
                "avoidOverlap": 0.5 if small else 0,
                "theta": 1.0 if big else 0.5,
            },
            "maxVelocity": 60,
            "minVelocity": 1,
            "timestep": 0.4,
            "stabilization": {
                "enabled": True,
                "iterations": 1000 if small else 400,
                "updateInterval": 10,
                "fit": True,
            },
        },
    }


def _describe(options: ViewOptions, n_nodes: int, n_edges: int) -> str:
    parts = [f"{n_nodes:,} nodes, {n_edges:,} relationships"]
    if options.projection != Projection.full:
        parts.append(f"projection: {options.projection}")
    if options.focus:
        parts.append(
            f"focus: {options.focus} ({options.hops} hop{'s' if options.hops != 1 else ''})"
        )
    if options.labels:
        parts.append("types: " + ", ".join(sorted(options.labels)))
    if options.countries:
        parts.append("countries: " + ", ".join(sorted(options.countries)))
    if options.since or options.until:
        parts.append(f"dates: {options.since or '…'} to {options.until or '…'}")
    if options.certainty != "all":
        parts.append("reported relationships only")
    parts.append(f"size: {options.size_by}")
    if options.color_by != ColorBy.type:
        parts.append(f"colour: {options.color_by}")
    return " · ".join(parts)
