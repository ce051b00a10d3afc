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

# What a node's tooltip lists, in this order (the key is shown separately).
TOOLTIP_PROPERTIES: dict[str, tuple[str, ...]] = {
    "Report": ("title", "published", "source"),
    "Operation": ("name", "start_date", "end_date", "arrests", "officers", "searches", "crimes"),
    "CriminalGroup": ("name", "descriptor", "crimes"),
    "Country": ("name",),
    "Agency": ("name", "country", "kind"),
    "Seizure": ("item", "quantity", "unit"),
    "Person": ("name", "nationality", "age"),
}

LABEL_CHARS = 40
EDGE_LABELS_UP_TO = 60  # draw relationship types on edges in small views only
EVIDENCE_PER_EDGE = 8
IMPROVED_LAYOUT_UP_TO = 150  # vis-network's Kamada-Kawai start is slow beyond this
LAYOUT_BUDGET_MS = 5000  # the browser stops refining the layout after this long
LEAF_LAYOUT_FROM = 1000  # above this many nodes, leaves sit out the layout (see view.js)
REPORTS_PER_NODE = 5


# --------------------------------------------------------------------------------------
# The result
# --------------------------------------------------------------------------------------


@dataclass
class NetworkData:
    """Everything the page embeds: vis nodes and edges (with ``gk`` metadata) and options."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    legend: dict[str, Any]
    reports: dict[str, list[str | None]]
    title: str
    subtitle: str
    notice: str | None = None
    total_nodes: int = 0
    measures: dict[str, dict[str, float]] = field(default_factory=dict)

    def payload(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "notice": self.notice,
            "nodes": self.nodes,
            "edges": self.edges,
            "options": self.options,
            "legend": self.legend,
            "reports": self.reports,
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
    report_info = _report_info(graph, reports)
    filtered = filter_graph(graph, options.filters())
    projection = str(options.projection)
    g = project(filtered, projection)
    if labels is not None:
        g = g.subgraph([n for n, a in g.nodes(data=True) if a["label"] in labels]).copy()

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
    notice = None
    if total > options.max_nodes:
        if distance is not None:
            ranked = sorted(g, key=lambda n: (distance[n], -size.get(n, 0.0), n))
            how = "nearest the focus"
        else:
            ranked = sorted(g, key=lambda n: (-size.get(n, 0.0), n))
            how = f"with the highest {options.size_by}"
        g = g.subgraph(ranked[: options.max_nodes]).copy()
        notice = (
            f"Showing {options.max_nodes:,} of {total:,} nodes: those {how}. "
            "Narrow the view with --focus, --type, --country or --since/--until, "
            "or raise --max-nodes."
        )

    net = _Network()
    by_id = {_nid(n): n for n in filtered.nodes}
    communities = values.get("community", {})
    community_colors = _community_colors(communities, g) if communities else {}
    node_counts: Counter[str] = Counter()
    ordered = sorted(g, key=lambda n: (_label_order(g.nodes[n]["label"]), n))
    start = _initial_positions(ordered, options.seed)
    for nid in ordered:
        attrs = g.nodes[nid]
        label = attrs["label"]
        node_counts[label] += 1
        shape, color = NODE_STYLES.get(label, ("dot", NEUTRAL_NODE))
        if communities:
            color = community_colors.get(communities.get(nid), NEUTRAL_NODE)
        name = str(attrs.get("name") or display_name(by_id[nid]))
        measures = [[m, _format_measure(values[m].get(nid))] for m in wanted if m in values]
        net.add_node(
            nid,
            label=_shorten(name),
            shape=shape,
            color=color,
            value=_finite(size.get(nid, 0.0)),
            **start.get(nid, {}),
            gk={
                "type": label,
                "name": name,
                "key": attrs["key"],
                "props": _node_properties(label, by_id.get(nid), name),
                "measures": measures,
                "reports": _node_reports(by_id.get(nid)),
            },
        )

    edge_counts: Counter[str] = Counter()
    if projection == Projection.full:
        groups = _group_edges(filtered.edges, g)
        show_labels = len(groups) <= EDGE_LABELS_UP_TO
        parallel: Counter[tuple[str, str]] = Counter()
        for (src, dst, rel_type), members in groups.items():
            edge_counts[rel_type] += 1
            pair = (min(src, dst), max(src, dst))
            k = parallel[pair]
            parallel[pair] += 1
            alleged = all(e.properties.get("certainty") == "alleged" for e in members)
            extra = _edge_extra(rel_type, members)
            net.add_edge(
                src,
                dst,
                id=f"e{len(net.edges)}",
                color=EDGE_COLORS.get(rel_type, PROJECTION_EDGE_COLOR),
                dashes=alleged,
                width=min(1 + 0.75 * (len(members) - 1), 5),
                arrows={"to": {"enabled": rel_type not in UNDIRECTED_TYPES, "scaleFactor": 0.5}},
                smooth=_smooth(k),
                label=(rel_type + (f" ({extra})" if extra else "")) if show_labels else None,
                gk={
                    "type": rel_type,
                    "from": g.nodes[src]["name"],
                    "to": g.nodes[dst]["name"],
                    "alleged": alleged,
                    "props": _edge_properties(members),
                    "evidence": [
                        [
                            str(e.properties.get("report") or ""),
                            str(e.properties.get("evidence") or ""),
                            str(e.properties.get("certainty") or "reported"),
                        ]
                        for e in members[:EVIDENCE_PER_EDGE]
                    ],
                    "more": max(0, len(members) - EVIDENCE_PER_EDGE),
                },
            )
    else:
        rel_type, meaning = PROJECTION_EDGES[projection]
        weights = [d.get("weight", 1) for _, _, d in g.edges(data=True)]
        top = max(weights, default=1)
        for u, v, d in sorted(g.edges(data=True), key=lambda e: (e[0], e[1])):
            edge_counts[rel_type] += 1
            w = d.get("weight", 1)
            net.add_edge(
                u,
                v,
                id=f"e{len(net.edges)}",
                color=PROJECTION_EDGE_COLOR,
                width=1 + 5 * (w / top if top else 0),
                arrows={"to": {"enabled": False}},
                smooth=False,
                gk={
                    "type": rel_type,
                    "from": g.nodes[u]["name"],
                    "to": g.nodes[v]["name"],
                    "alleged": False,
                    "props": [["weight", f"{w:g} ({meaning})"]],
                    "evidence": [],
                    "more": 0,
                },
            )

    net.options = _vis_options(len(net.nodes), len(net.edges), options.seed)
    nodes, edges, _heading, _height, _width, options_json = net.get_network_data()
    for edge in edges:
        if edge.get("label") is None:
            edge.pop("label", None)

    used_reports = {r for n in nodes for r in n["gk"]["reports"]["keys"]} | {
        ev[0] for e in edges for ev in e["gk"]["evidence"]
    }
    legend = {
        "nodes": [
            {
                "type": label,
                "shape": NODE_STYLES.get(label, ("dot", NEUTRAL_NODE))[0],
                "color": NEUTRAL_NODE
                if communities
                else NODE_STYLES.get(label, ("dot", NEUTRAL_NODE))[1],
                "count": node_counts[label],
            }
            for label in sorted(node_counts, key=_label_order)
        ],
        "edges": [
            {
                "type": rel_type,
                "color": EDGE_COLORS.get(rel_type, PROJECTION_EDGE_COLOR),
                "count": n,
            }
            for rel_type, n in sorted(edge_counts.items())
        ],
        "alleged": any(e["gk"]["alleged"] for e in edges),
        "communities": _community_legend(communities, community_colors, g),
        "sizeBy": str(options.size_by),
        "colorBy": str(options.color_by),
    }
    return NetworkData(
        nodes=nodes,
        edges=edges,
        options=json.loads(options_json),
        legend=legend,
        reports={k: report_info[k] for k in sorted(used_reports) if k in report_info},
        title=options.title or "graphkit view",
        subtitle=_describe(options, len(nodes), len(edges)),
        notice=notice,
        total_nodes=total,
        measures={m: dict(v) for m, v in values.items()},
    )


def _nid(node: GraphNode) -> str:
    return f"{node.label}:{node.key}"


def _label_order(label: str) -> int:
    order = list(NODE_STYLES)
    return order.index(label) if label in order else len(order)


def _report_info(
    graph: GraphData, reports: Mapping[str, Mapping[str, Any]] | None
) -> dict[str, list[str | None]]:
    info: dict[str, list[str | None]] = {}
    for node in graph.nodes:
        if node.label == "Report":
            info[node.key] = [node.properties.get("title"), node.properties.get("published")]
    for key, row in (reports or {}).items():
        info[key] = [row.get("title"), row.get("published")]
    return info


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
    for name in TOOLTIP_PROPERTIES.get(label, ()):
        value = node.properties.get(name)
        if value not in (None, "", []) and not (name in ("name", "title") and value == shown):
            rows.append([name, _format_value(value)])
    return rows


def _node_reports(node: GraphNode | None) -> dict[str, Any]:
    keys = [] if node is None else list(node.properties.get("reports") or ())
    return {"keys": keys[:REPORTS_PER_NODE], "total": len(keys)}


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
        {"name": f"community {i + 1}", "color": colors[c], "count": sizes[c]}
        for i, c in enumerate(colors)
    ]
    rest = sum(n for c, n in sizes.items() if c not in colors)
    if rest:
        rows.append({"name": "smaller communities", "color": NEUTRAL_NODE, "count": rest})
    return rows


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
