"""build_network on small hand-made graphs: what each node and edge carries, how edges are
grouped, styled and labelled, the cap, the focus, the legend and the options the page gets."""

from __future__ import annotations

import pytest

from graphkit.store.base import GraphData, GraphEdge, GraphNode
from graphkit.view.build import (
    COMMUNITY_COLORS,
    NEUTRAL_NODE,
    NetworkData,
    ViewError,
    _bfs,
    _community_colors,
    _community_legend,
    _finite,
    _format_measure,
    _format_value,
    _initial_positions,
    _smooth,
    _vis_options,
    build_network,
)
from graphkit.view.options import ColorBy, Projection, SizeBy, ViewOptions


def edge(rel, src, dst, report="r1", certainty="reported", **props) -> GraphEdge:
    evidence = f"{rel} in {report}"
    return GraphEdge(
        rel, src, dst, {"report": report, "evidence": evidence, "certainty": certainty, **props}
    )


OP, EUROPOL, POLICIA = ("Operation", "op1"), ("Agency", "eu:europol"), ("Agency", "es:policia")
SPAIN, GANG, COKE = ("Country", "ES"), ("CriminalGroup", "g1"), ("Seizure", "s1")


def small() -> GraphData:
    nodes = [
        GraphNode("Report", "r1", {"title": "Ring dismantled", "published": "2023-05-02"}),
        GraphNode("Report", "r2", {"title": "Second", "published": "2023-06-01"}),
        GraphNode(
            "Operation",
            "op1",
            {
                "name": "Operation Kestrel",
                "start_date": "2023-04-01",
                "arrests": 12,
                "crimes": ["drug_trafficking", "money_laundering"],
                "reports": ["r1", "r2"],
            },
        ),
        GraphNode(
            "Agency", "eu:europol", {"name": "Europol", "kind": "eu_agency", "reports": ["r1"]}
        ),
        GraphNode(
            "Agency", "es:policia", {"name": "Policía Nacional", "country": "ES", "reports": []}
        ),
        GraphNode("Country", "ES", {"name": "Spain", "reports": ["r1"]}),
        GraphNode("CriminalGroup", "g1", {"name": "the gang", "descriptor": "a drug ring"}),
        GraphNode("Seizure", "s1", {"item": "cocaine", "quantity": 2.5, "unit": "kg"}),
    ]
    edges = [
        edge("DESCRIBES", ("Report", "r1"), OP),
        edge("DESCRIBES", ("Report", "r2"), OP, report="r2"),
        edge("PARTICIPATED_IN", EUROPOL, OP, role="support"),
        edge("PARTICIPATED_IN", POLICIA, OP, role="lead"),
        edge("PARTICIPATED_IN", POLICIA, OP, report="r2", role="support"),
        edge("CONDUCTED_IN", OP, SPAIN),
        edge("TARGETED", OP, GANG, certainty="alleged"),
        edge("ARRESTED_IN", GANG, SPAIN, count=12),
        edge("SEIZED", OP, COKE),
        edge("COOPERATED_WITH", EUROPOL, POLICIA),
        edge("COOPERATED_WITH", POLICIA, EUROPOL, report="r2", certainty="alleged"),
    ]
    return GraphData(nodes, edges)


def by_type(data: NetworkData) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for e in data.edges:
        out.setdefault(e["gk"]["type"], []).append(e)
    return out


def test_nodes_in_type_order_with_their_style_name_and_tooltip():
    data = build_network(small(), ViewOptions())
    assert [n["id"] for n in data.nodes] == [
        "Operation:op1",
        "CriminalGroup:g1",
        "Agency:es:policia",
        "Agency:eu:europol",
        "Country:ES",
        "Seizure:s1",
        "Report:r1",
        "Report:r2",
    ]
    op = data.nodes[0]
    assert (op["shape"], op["color"], op["label"], op["value"]) == (
        "diamond",
        "#f28e2b",
        "Operation Kestrel",
        7.0,
    )
    assert op["gk"] == {
        "type": "Operation",
        "name": "Operation Kestrel",
        "key": "op1",
        "props": [
            ["start_date", "2023-04-01"],
            ["arrests", "12"],
            ["crimes", "drug_trafficking, money_laundering"],
        ],
        "measures": [["degree", "7"]],
        "reports": {"keys": ["r1", "r2"], "total": 2},
        "span": ["2023-04-01", "2023-04-01"],  # its own dates, for the page's date filter
        "countries": ["ES"],  # kept by --country ES: the page's country filter
    }
    seizure = next(n for n in data.nodes if n["gk"]["type"] == "Seizure")
    assert seizure["gk"]["name"] == "2.5 kg cocaine"  # a display name when there is no name
    assert seizure["gk"]["props"] == [["item", "cocaine"], ["quantity", "2.5"], ["unit", "kg"]]
    report = next(n for n in data.nodes if n["id"] == "Report:r1")
    assert report["gk"]["name"] == "Ring dismantled"
    assert report["gk"]["props"] == [["published", "2023-05-02"]]  # the title is the name
    assert report["gk"]["reports"] == {"keys": [], "total": 0}
    policia = next(n for n in data.nodes if n["id"] == "Agency:es:policia")
    assert policia["gk"]["props"] == [["country", "ES"]]  # empty reports: no row, no key
    assert policia["gk"]["reports"] == {"keys": [], "total": 0}


def test_a_node_lists_every_report():
    graph = GraphData([GraphNode("Country", "ES", {"reports": [f"r{i}" for i in range(7)]})])
    (node,) = build_network(graph, ViewOptions()).nodes
    assert node["gk"]["reports"] == {"keys": [f"r{i}" for i in range(7)], "total": 7}
    assert node["gk"]["name"] == "ES"  # no name: the display name is the key


def test_long_names_are_shortened_on_the_node_only():
    name = "The Very Long Name Of A Criminal Organisation In Europe"
    graph = GraphData([GraphNode("CriminalGroup", "g", {"name": f"  {name} "})])
    (node,) = build_network(graph, ViewOptions()).nodes
    assert node["label"] == name[:39] + "…"
    assert len(node["label"]) == 40
    graph = GraphData([GraphNode("CriminalGroup", "g", {"name": name[:40]})])
    assert build_network(graph, ViewOptions()).nodes[0]["label"] == name[:40]


def test_edges_one_per_pair_and_type_with_evidence_roles_counts_and_style():
    data = build_network(small(), ViewOptions())
    edges = by_type(data)
    coop = edges["COOPERATED_WITH"]
    assert len(coop) == 1  # both directions of an undirected pair are one edge
    (c,) = coop
    assert (c["from"], c["to"]) == ("Agency:es:policia", "Agency:eu:europol")
    assert c["arrows"] == {"to": {"enabled": False, "scaleFactor": 0.5}}
    assert c["dashes"] == [12, 5] and c["gk"]["alleged"] is False  # one of two is reported
    # reported evidence first, then alleged; by report within each (no offsets given)
    assert c["gk"]["evidence"] == [
        ["r1", "COOPERATED_WITH in r1", "reported", None, None, []],
        ["r2", "COOPERATED_WITH in r2", "alleged", None, None, []],
    ]
    assert c["width"] == 1.75 and c["label"] == "COOPERATED_WITH"
    lead = next(e for e in edges["PARTICIPATED_IN"] if e["from"] == "Agency:es:policia")
    assert lead["arrows"] == {"to": {"enabled": True, "scaleFactor": 0.5}}
    assert lead["label"] == "PARTICIPATED_IN (lead/support)"
    assert lead["gk"]["props"] == [["role", "lead, support"]]
    assert (lead["gk"]["from"], lead["gk"]["to"]) == ("Policía Nacional", "Operation Kestrel")
    arrested = edges["ARRESTED_IN"][0]
    assert arrested["label"] == "ARRESTED_IN (12)"
    assert arrested["gk"]["props"] == [["count", "12"]]
    assert arrested["color"] == "#e15759"
    targeted = edges["TARGETED"][0]
    assert targeted["dashes"] == [2, 5] and targeted["gk"]["alleged"] is True  # dotted
    assert targeted["gk"]["evidence"] == [["r1", "TARGETED in r1", "alleged", None, None, []]]
    assert edges["SEIZED"][0]["label"] == "SEIZED"
    assert "label" in edges["SEIZED"][0]
    assert [e["id"] for e in data.edges] == [f"e{i}" for i in range(len(data.edges))]
    assert data.legend["alleged"] is True


def test_every_evidence_row_is_kept():
    graph = GraphData(
        [GraphNode("Country", "ES"), GraphNode("CriminalGroup", "g")],
        [edge("OPERATED_IN", ("CriminalGroup", "g"), SPAIN, report=f"r{i}") for i in range(11)],
    )
    (e,) = build_network(graph, ViewOptions()).edges
    assert [ev[0] for ev in e["gk"]["evidence"]] == sorted(f"r{i}" for i in range(11))
    assert e["width"] == 5  # 1 + 0.75 * 10, capped at 5
    graph.edges[:] = graph.edges[:6]
    (e,) = build_network(graph, ViewOptions()).edges
    assert e["width"] == 1 + 0.75 * 5


def test_evidence_fields_missing_from_a_relationship_read_as_empty_and_reported():
    graph = GraphData(
        [GraphNode("Country", "ES"), GraphNode("CriminalGroup", "g")],
        [GraphEdge("OPERATED_IN", ("CriminalGroup", "g"), SPAIN, {})],
    )
    (e,) = build_network(graph, ViewOptions()).edges
    assert e["gk"]["evidence"] == [["", "", "reported", None, None, []]]
    assert e["dashes"] == [12, 4, 2, 4]  # OPERATED_IN: dash-dot


def test_edge_labels_only_on_small_views():
    def graph(n):
        nodes = [GraphNode("Country", "ES")] + [
            GraphNode("CriminalGroup", f"g{i}") for i in range(n)
        ]
        edges = [edge("OPERATED_IN", ("CriminalGroup", f"g{i}"), SPAIN) for i in range(n)]
        return GraphData(nodes, edges)

    assert all(e["label"] == "OPERATED_IN" for e in build_network(graph(60), ViewOptions()).edges)
    assert all("label" not in e for e in build_network(graph(61), ViewOptions()).edges)


def test_parallel_edges_between_two_nodes_curve_alternately():
    graph = GraphData(
        [GraphNode("Country", "ES"), GraphNode("CriminalGroup", "g")],
        [
            edge("OPERATED_IN", ("CriminalGroup", "g"), SPAIN),
            edge("ARRESTED_IN", ("CriminalGroup", "g"), SPAIN, count=3),
        ],
    )
    smooth = [e["smooth"] for e in build_network(graph, ViewOptions()).edges]
    assert smooth == [False, {"enabled": True, "type": "curvedCW", "roundness": 0.15}]
    assert _smooth(2) == {"enabled": True, "type": "curvedCCW", "roundness": 0.15}
    assert _smooth(3) == {"enabled": True, "type": "curvedCW", "roundness": 0.3}
    assert _smooth(4)["roundness"] == 0.3


def test_legend_counts_and_reports_used():
    data = build_network(small(), ViewOptions())
    assert data.legend["nodes"][:3] == [
        {"type": "Operation", "shape": "diamond", "color": "#f28e2b", "count": 1},
        {"type": "CriminalGroup", "shape": "triangle", "color": "#e15759", "count": 1},
        {"type": "Agency", "shape": "dot", "color": "#4e79a7", "count": 2},
    ]
    assert [r["type"] for r in data.legend["nodes"]][3:] == ["Country", "Seizure", "Report"]
    assert {r["type"]: r["count"] for r in data.legend["edges"]} == {
        "ARRESTED_IN": 1,
        "CONDUCTED_IN": 1,
        "COOPERATED_WITH": 1,
        "DESCRIBES": 2,
        "PARTICIPATED_IN": 2,
        "SEIZED": 1,
        "TARGETED": 1,
    }
    assert data.legend["edges"][0] == {
        "type": "ARRESTED_IN",
        "color": "#e15759",
        "dashes": False,
        "count": 1,
    }
    assert (data.legend["sizeBy"], data.legend["colorBy"]) == ("degree", "type")
    assert data.legend["communities"] is None
    # title, published, and the days of the operations they describe (the date filter)
    op_days = ["2023-04-01", "2023-04-01"]
    assert data.reports == {
        "r1": ["Ring dismantled", "2 May 2023", *op_days],
        "r2": ["Second", "1 Jun 2023", *op_days],
    }
    assert (data.title, data.notice, data.total_nodes) == ("graphkit view", None, 8)
    assert data.subtitle == "8 nodes, 9 relationships · size: degree"
    assert data.measures["degree"]["Operation:op1"] == 7


def test_reports_given_win_over_report_nodes_and_only_used_ones_are_listed():
    reports = {"r1": {"title": "From the store", "published": "2024-01-01"}, "r9": {}}
    data = build_network(small(), ViewOptions(title="Mine"), reports)
    assert data.reports == {
        "r1": ["From the store", "1 Jan 2024", "2023-04-01", "2023-04-01"],
        "r2": ["Second", "1 Jun 2023", "2023-04-01", "2023-04-01"],
    }
    assert data.title == "Mine"


def test_a_projection_draws_weighted_undirected_links():
    data = build_network(small(), ViewOptions(projection=Projection.agencies))
    assert [n["id"] for n in data.nodes] == ["Agency:es:policia", "Agency:eu:europol"]
    (e,) = data.edges
    assert e["gk"]["type"] == "WORKED_WITH"
    assert e["gk"]["props"] == [["weight", "1 (operations together (or reports of cooperation))"]]
    assert e["gk"]["alleged"] is False
    assert e["gk"]["contexts"] == ["Operation: Operation Kestrel"]  # what makes the link
    assert [ev[:3] for ev in e["gk"]["evidence"]] == [
        ["r1", "COOPERATED_WITH in r1", "reported"],
        ["r1", "PARTICIPATED_IN in r1", "reported"],
        ["r1", "PARTICIPATED_IN in r1", "reported"],
        ["r2", "COOPERATED_WITH in r2", "alleged"],
        ["r2", "PARTICIPATED_IN in r2", "reported"],
    ]
    assert e["width"] == 6 and e["smooth"] is False and e["color"] == "#8c8c8c"
    assert e["arrows"] == {"to": {"enabled": False}}
    assert data.subtitle == "2 nodes, 1 relationships · projection: agencies · size: degree"


def three_agencies() -> GraphData:
    """small() with a third agency (PJ) in both operations and the Policia in a second one."""
    graph = small()
    op2 = ("Operation", "op2")
    graph.nodes += [GraphNode("Agency", "fr:pj", {"name": "PJ"}), GraphNode(*op2, {})]
    graph.edges += [
        edge("PARTICIPATED_IN", ("Agency", "fr:pj"), OP, role="support"),
        edge("PARTICIPATED_IN", ("Agency", "fr:pj"), op2, role="support"),
        edge("PARTICIPATED_IN", POLICIA, op2, role="lead"),
    ]
    return graph


def test_projection_widths_are_relative_to_the_heaviest_link():
    data = build_network(three_agencies(), ViewOptions(projection=Projection.agencies))
    widths = {frozenset((e["from"], e["to"])): e["width"] for e in data.edges}
    assert widths == {
        frozenset(("Agency:es:policia", "Agency:fr:pj")): 6,  # weight 2: two operations
        frozenset(("Agency:es:policia", "Agency:eu:europol")): 3.5,  # weight 1
        frozenset(("Agency:eu:europol", "Agency:fr:pj")): 3.5,
    }
    pairs = [(e["from"], e["to"]) for e in data.edges]
    assert pairs == sorted(pairs)


def test_focus_and_hops():
    graph = small()
    zero = build_network(graph, ViewOptions(focus="the GANG", hops=0))
    assert [n["id"] for n in zero.nodes] == ["CriminalGroup:g1"]
    one = build_network(graph, ViewOptions(focus="g1", hops=1))
    assert {n["id"] for n in one.nodes} == {"CriminalGroup:g1", "Operation:op1", "Country:ES"}
    assert one.subtitle.endswith("focus: g1 (1 hop) · size: degree")
    two = build_network(graph, ViewOptions(focus="CriminalGroup:g1", hops=2))
    assert len(two.nodes) == 8
    assert "focus: CriminalGroup:g1 (2 hops)" in two.subtitle
    part = build_network(graph, ViewOptions(focus="kestrel", hops=0))
    assert [n["id"] for n in part.nodes] == ["Operation:op1"]


def test_a_focus_matching_many_names_is_ambiguous_and_lists_them():
    """The one finder `path` uses: candidates listed (the first eight, then a count)."""
    graph = GraphData(
        [GraphNode("CriminalGroup", f"g{i}", {"name": f"Clan {i}"}) for i in range(10)]
    )
    with pytest.raises(ViewError) as err:
        build_network(graph, ViewOptions(focus="clan"))
    message = str(err.value)
    assert message.startswith("--focus: 'clan' is ambiguous; did you mean: Clan 0 (CriminalGroup")
    assert "Clan 7 (CriminalGroup, g7); and 2 more? (name one by Label:key)" in message
    assert "Clan 8" not in message
    graph.nodes[5:] = []
    with pytest.raises(ViewError) as err:
        build_network(graph, ViewOptions(focus="clan"))
    assert str(err.value).endswith("Clan 4 (CriminalGroup, g4)? (name one by Label:key)")
    with pytest.raises(ViewError, match="--focus: no entity matches 'Atlantis'"):
        build_network(graph, ViewOptions(focus="Atlantis"))


def test_an_exact_name_wins_over_parts_of_others():
    graph = GraphData(
        [
            GraphNode("CriminalGroup", "a", {"name": "Clan"}),
            GraphNode("CriminalGroup", "b", {"name": "Clan Two"}),
        ]
    )
    data = build_network(graph, ViewOptions(focus=" clan ", hops=0))
    assert [n["id"] for n in data.nodes] == ["CriminalGroup:a"]


def test_bfs_counts_hops():
    import networkx as nx

    g = nx.path_graph(["a", "b", "c", "d"])
    assert _bfs(g, ["a"], 2) == {"a": 0, "b": 1, "c": 2}
    assert _bfs(g, ["b"], 1) == {"b": 0, "a": 1, "c": 1}
    assert _bfs(g, ["a", "d"], 1) == {"a": 0, "d": 0, "b": 1, "c": 1}


def test_types_are_chosen_case_insensitively_and_checked():
    data = build_network(small(), ViewOptions(labels=frozenset({"agency", "COUNTRY"})))
    assert {n["gk"]["type"] for n in data.nodes} == {"Agency", "Country"}
    assert "types: COUNTRY, agency" in data.subtitle
    with pytest.raises(ViewError) as err:
        build_network(small(), ViewOptions(labels=frozenset({"Ship"})))
    assert str(err.value).startswith("unknown label 'Ship'; choose from Report, ")


@pytest.mark.parametrize(
    "options,message",
    [
        (ViewOptions(hops=-1), "--hops must be 0 or more"),
        (ViewOptions(max_nodes=0), "--max-nodes must be at least 1"),
    ],
)
def test_impossible_options(options, message):
    with pytest.raises(ViewError, match=message):
        build_network(small(), options)
    build_network(small(), ViewOptions(hops=0, max_nodes=1))


def test_the_cap_keeps_the_biggest_then_by_id():
    data = build_network(small(), ViewOptions(max_nodes=3))
    # degree 7, then the first two of five with degree 2, by id
    assert [n["id"] for n in data.nodes] == [
        "Operation:op1",
        "Agency:es:policia",
        "Agency:eu:europol",
    ]
    assert data.notice == (
        "Showing 3 of 8 nodes: those with the highest degree. Narrow the view with --focus, "
        "--label, --country or --since/--until, or raise --max-nodes."
    )
    assert data.total_nodes == 8
    assert build_network(small(), ViewOptions(max_nodes=8)).notice is None


def test_the_cap_with_a_focus_keeps_the_nearest():
    data = build_network(small(), ViewOptions(focus="g1", hops=2, max_nodes=2))
    assert [n["id"] for n in data.nodes] == ["Operation:op1", "CriminalGroup:g1"]
    assert "those nearest the focus" in data.notice
    data = build_network(small(), ViewOptions(focus="Spain", hops=2, max_nodes=3))
    assert {n["id"] for n in data.nodes} == {"Country:ES", "Operation:op1", "CriminalGroup:g1"}


def test_colour_by_community():
    data = build_network(small(), ViewOptions(color_by=ColorBy.community))
    rows = data.legend["communities"]
    assert rows and rows[0]["name"] == "around Operation Kestrel"  # its best-connected member
    assert sum(r["count"] for r in rows) == 8
    assert {n["color"] for n in data.nodes} <= {r["color"] for r in rows}
    assert all(r["color"] == NEUTRAL_NODE for r in data.legend["nodes"])
    assert [m[0] for m in data.nodes[0]["gk"]["measures"]] == ["degree", "community"]
    assert data.subtitle.endswith("size: degree · colour: community")


def test_community_colours_go_to_the_biggest_first_and_the_rest_are_grey():
    import networkx as nx

    g = nx.Graph()
    communities = {}
    for c in range(14):
        for i in range(c + 1):
            g.add_node(f"{c}-{i}")
            communities[f"{c}-{i}"] = c
    colors = _community_colors(communities, g)
    assert list(colors) == list(range(13, 1, -1))
    assert list(colors.values()) == list(COMMUNITY_COLORS)
    rows = _community_legend(communities, colors, g)
    assert rows[0] == {"name": "around 13-0", "color": COMMUNITY_COLORS[0], "count": 14}
    assert rows[-1] == {"name": "smaller communities", "color": NEUTRAL_NODE, "count": 3}
    assert len(rows) == 13
    ties = _community_colors({"a": "y", "b": "x"}, nx.Graph([("a", "b")]))
    assert list(ties) == ["x", "y"]
    assert _community_legend({}, {}, g) is None
    few = _community_legend({"a": 0}, {0: "#000"}, nx.Graph([("a", "b")]))
    assert few == [{"name": "around a", "color": "#000", "count": 1}]


def test_size_by_a_measure():
    data = build_network(small(), ViewOptions(size_by=SizeBy.pagerank))
    pr = data.measures["pagerank"]
    assert all(n["value"] == pytest.approx(pr[n["id"]]) for n in data.nodes)
    assert data.subtitle.endswith("size: pagerank")


def test_the_subtitle_names_every_filter():
    options = ViewOptions(
        countries=frozenset({"FR", "ES"}), since="2023-01-01", certainty="reported"
    )
    data = build_network(small(), options)
    assert data.subtitle.endswith(
        "countries: ES, FR · dates: 2023-01-01 to … · reported relationships only · size: degree"
    )
    data = build_network(small(), ViewOptions(until="2024-01-01"))
    assert "dates: … to 2024-01-01" in data.subtitle


def test_an_empty_graph():
    data = build_network(GraphData(), ViewOptions(size_by=SizeBy.betweenness))
    assert (data.nodes, data.edges, data.total_nodes) == ([], [], 0)
    assert data.measures == {"betweenness": {}}


def test_payload():
    data = build_network(small(), ViewOptions())
    payload = data.payload()
    assert payload["stats"] == {"nodes": 8, "edges": 9, "totalNodes": 8}
    assert payload["layoutBudgetMs"] == 5000 and payload["layoutLeaves"] is False
    assert payload["nodes"] is data.nodes and payload["edges"] is data.edges
    assert (payload["title"], payload["subtitle"], payload["notice"]) == (
        data.title,
        data.subtitle,
        None,
    )
    assert payload["options"] == data.options and payload["legend"] == data.legend
    assert payload["reports"] == data.reports
    many = NetworkData([{}] * 1001, [], {}, {}, {}, "", "")
    assert many.payload()["layoutLeaves"] is True
    assert NetworkData([{}] * 1000, [], {}, {}, {}, "", "").payload()["layoutLeaves"] is False


def test_helpers_format_values_and_measures():
    assert _format_measure(None) == ""
    assert _format_measure(3) == "3"
    assert _format_measure(3.0) == "3"
    assert _format_measure(0.123456) == "0.1235"
    assert _format_measure("x") == "x"
    assert _format_value([1, "a"]) == "1, a"
    assert _format_value(("a",)) == "a"
    assert _format_value(2.50) == "2.5"
    assert _format_value(7) == "7"
    assert _finite("2.5") == 2.5
    assert _finite(None) == 0.0
    assert _finite("x") == 0.0
    assert _finite(float("inf")) == 0.0
    assert _finite(float("nan")) == 0.0


def test_big_graphs_start_in_a_seeded_disc():
    assert _initial_positions([str(i) for i in range(150)], 1) == {}
    nodes = [str(i) for i in range(151)]
    start = _initial_positions(nodes, 1)
    assert set(start) == set(nodes)
    radius = 55 * 151**0.5
    assert all((p["x"] ** 2 + p["y"] ** 2) ** 0.5 <= radius + 0.2 for p in start.values())
    assert max((p["x"] ** 2 + p["y"] ** 2) ** 0.5 for p in start.values()) > radius * 0.9
    assert min(p["x"] for p in start.values()) < -radius / 2
    assert min(p["y"] for p in start.values()) < -radius / 2
    assert all(round(v, 1) == v for p in start.values() for v in p.values())
    assert _initial_positions(nodes, 1) == start != _initial_positions(nodes, 2)
    graph = GraphData([GraphNode("Country", f"C{i}") for i in range(151)])
    placed = build_network(graph, ViewOptions()).nodes
    assert all("x" in n and "y" in n for n in placed)
    assert all("x" not in n for n in build_network(small(), ViewOptions()).nodes)


@pytest.mark.parametrize(
    "n,small_,big,improved",
    [(150, True, False, True), (151, True, False, False), (300, True, False, False),
     (301, False, False, False), (1000, False, False, False), (1001, False, True, False)],
)  # fmt: skip
def test_vis_options_by_size(n, small_, big, improved):
    o = _vis_options(n, 0, 7)
    assert o["layout"] == {"randomSeed": 7, "improvedLayout": improved}
    assert o["interaction"]["hideEdgesOnDrag"] is big
    assert o["interaction"]["hideEdgesOnZoom"] is big
    fa = o["physics"]["forceAtlas2Based"]
    assert fa == {
        "gravitationalConstant": -200 if small_ else -60,
        "centralGravity": 0.005 if small_ else 0.01,
        "springLength": 120 if small_ else 90,
        "springConstant": 0.08,
        "damping": 0.5,
        "avoidOverlap": 0.5 if small_ else 0,
        "theta": 1.0 if big else 0.5,
    }
    assert o["physics"]["stabilization"] == {
        "enabled": True,
        "iterations": 1000 if small_ else 400,
        "updateInterval": 10,
        "fit": True,
    }


def test_vis_options_fixed_parts():
    o = _vis_options(10, 0, 42)
    assert (o["autoResize"], o["height"], o["width"]) == (True, "100%", "100%")
    assert o["nodes"] == {
        "borderWidth": 1,
        "scaling": {"min": 8, "max": 40, "label": {"enabled": False}},
        "font": {
            "size": 13,
            "face": "system-ui, sans-serif",
            "strokeWidth": 3,
            "strokeColor": "#ffffff",
        },
    }
    assert o["edges"] == {
        "smooth": False,
        "color": {"inherit": False, "opacity": 0.8},
        "font": {"size": 9, "align": "middle", "strokeWidth": 3, "color": "#555555"},
        "selectionWidth": 2,
        "hoverWidth": 1.5,
    }
    assert o["interaction"] == {
        "hover": True,
        "tooltipDelay": 150,
        "hideEdgesOnDrag": False,
        "hideEdgesOnZoom": False,
        "navigationButtons": False,
        "keyboard": False,
    }
    physics = dict(o["physics"])
    del physics["forceAtlas2Based"], physics["stabilization"]
    assert physics == {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "maxVelocity": 60,
        "minVelocity": 1,
        "timestep": 0.4,
    }
    assert build_network(small(), ViewOptions(seed=3)).options["layout"]["randomSeed"] == 3


# --- more rules ----------------------------------------------------------------------


def test_a_type_without_a_style_is_a_grey_dot_last_in_the_legend():
    graph = GraphData([GraphNode("Spaceship", "x", {"name": "S"}), GraphNode("Country", "ES")])
    data = build_network(graph, ViewOptions())
    assert [(n["id"], n["shape"], n["color"]) for n in data.nodes] == [
        ("Country:ES", "square", "#59a14f"),
        ("Spaceship:x", "dot", NEUTRAL_NODE),
    ]
    assert data.nodes[1]["gk"]["props"] == []
    assert data.legend["nodes"][1] == {
        "type": "Spaceship",
        "shape": "dot",
        "color": NEUTRAL_NODE,  # the legend shows the colour the node is drawn in
        "count": 1,
    }


def test_a_single_node_is_measured():
    (node,) = build_network(GraphData([GraphNode("Country", "ES")]), ViewOptions()).nodes
    assert node["gk"]["measures"] == [["degree", "0"]]
    assert node["value"] == 0.0


def test_empty_values_are_left_out_and_a_value_equal_to_the_name_is_kept():
    graph = GraphData(
        [GraphNode("CriminalGroup", "g", {"name": "Clan", "descriptor": "Clan", "crimes": ""})]
    )
    (node,) = build_network(graph, ViewOptions()).nodes
    assert node["gk"]["props"] == [["descriptor", "Clan"]]


def test_evidence_is_listed_reported_first_then_by_report():
    graph = GraphData(
        [GraphNode("Country", "ES"), GraphNode("CriminalGroup", "g")],
        [
            edge("OPERATED_IN", ("CriminalGroup", "g"), SPAIN, report="r1", certainty="alleged"),
            edge("OPERATED_IN", ("CriminalGroup", "g"), SPAIN, report="r3"),
            edge("OPERATED_IN", ("CriminalGroup", "g"), SPAIN, report="r2"),
        ],
    )
    (e,) = build_network(graph, ViewOptions()).edges
    assert [ev[0] for ev in e["gk"]["evidence"]] == ["r2", "r3", "r1"]


def test_edges_of_nodes_left_out_are_left_out():
    data = build_network(small(), ViewOptions(labels=frozenset({"Agency", "Country"})))
    assert [e["gk"]["type"] for e in data.edges] == ["COOPERATED_WITH"]


def test_curves_count_the_edges_between_each_pair_in_either_direction():
    g2 = ("CriminalGroup", "g2")
    graph = GraphData(
        [GraphNode("Country", "ES"), GraphNode("CriminalGroup", "g"), GraphNode(*g2)],
        [
            edge("OPERATED_IN", ("CriminalGroup", "g"), SPAIN),
            edge("ARRESTED_IN", ("CriminalGroup", "g"), SPAIN, count=3),
            edge("OPERATED_IN", g2, SPAIN),
            edge("MEMBER_OF", ("CriminalGroup", "g"), g2),
            edge("TARGETED", g2, ("CriminalGroup", "g")),
            edge("ASSOCIATED_WITH", ("CriminalGroup", "g"), g2),
        ],
    )
    smooth = {
        (e["from"], e["to"], e["gk"]["type"]): e["smooth"]
        for e in build_network(graph, ViewOptions()).edges
    }
    assert smooth[("CriminalGroup:g", "Country:ES", "ARRESTED_IN")] is False
    assert smooth[("CriminalGroup:g", "Country:ES", "OPERATED_IN")]["type"] == "curvedCW"
    assert smooth[("CriminalGroup:g2", "Country:ES", "OPERATED_IN")] is False
    between = [
        v
        for (src, dst, _), v in smooth.items()
        if {src, dst} == {"CriminalGroup:g", "CriminalGroup:g2"}
    ]
    assert between[0] is False
    assert [v["type"] for v in between[1:]] == ["curvedCW", "curvedCCW"]


def test_the_filters_reach_the_graph():
    def ids(**options):
        return sorted(n["id"] for n in build_network(small(), ViewOptions(**options)).nodes)

    assert "TARGETED" not in {
        e["gk"]["type"] for e in build_network(small(), ViewOptions(certainty="reported")).edges
    }
    assert ids(countries=frozenset({"FR"})) == []
    assert ids(since="2023-05-15") == ["Report:r2"]
    assert ids(until="2023-03-01") == []
    assert len(ids(until="2023-05-15")) == 5


@pytest.mark.parametrize(
    "options,message",
    [
        (ViewOptions(hops=-1), "--hops must be 0 or more"),
        (ViewOptions(max_nodes=0), "--max-nodes must be at least 1"),
    ],
)
def test_impossible_options_say_why(options, message):
    with pytest.raises(ViewError) as err:
        build_network(small(), options)
    assert str(err.value) == message


def test_a_focus_matching_nine_names_lists_eight_and_one_more():
    graph = GraphData(
        [GraphNode("CriminalGroup", f"g{i}", {"name": f"Clan {i}"}) for i in range(9)]
    )
    with pytest.raises(ViewError) as err:
        build_network(graph, ViewOptions(focus="clan"))
    assert "Clan 7 (CriminalGroup, g7); and 1 more?" in str(err.value)


def test_small_communities_are_grey():
    nodes, edges = [], []
    for c in range(14):
        members = [("CriminalGroup", f"c{c}-{i}") for i in range(3)]
        nodes += [GraphNode(*m) for m in members]
        a, b, c_ = members
        edges += [edge("ASSOCIATED_WITH", *pair) for pair in ((a, b), (b, c_), (a, c_))]
    data = build_network(GraphData(nodes, edges), ViewOptions(color_by=ColorBy.community))
    colors = [n["color"] for n in data.nodes]
    assert colors.count(NEUTRAL_NODE) == 6  # two triangles past the twelve colours
    assert data.legend["communities"][-1] == {
        "name": "smaller communities",
        "color": NEUTRAL_NODE,
        "count": 6,
    }


def test_communities_follow_the_seed():
    import networkx as nx

    from graphkit.analytics import Filters, compute_measures, filter_graph, project

    karate = nx.karate_club_graph()
    graph = GraphData(
        [GraphNode("Person", f"p{n:02d}") for n in karate],
        [edge("MET", ("Person", f"p{u:02d}"), ("Person", f"p{v:02d}")) for u, v in karate.edges],
    )
    g = project(filter_graph(graph, Filters(certainty="all")), "full")
    found = []
    for seed in (1, 2, 3, 4, 5):
        data = build_network(graph, ViewOptions(color_by=ColorBy.community, seed=seed))
        expected = compute_measures(g, ["community"], seed=seed).values["community"]
        assert data.measures["community"] == dict(expected)
        found.append(data.measures["community"])
    assert len({tuple(sorted(f.items())) for f in found}) > 1


def test_big_graphs_start_where_the_seed_says():
    graph = GraphData([GraphNode("Country", f"C{i}") for i in range(151)])
    one = build_network(graph, ViewOptions(seed=1)).nodes
    again = build_network(graph, ViewOptions(seed=1)).nodes
    other = build_network(graph, ViewOptions(seed=2)).nodes
    assert [(n["x"], n["y"]) for n in one] == [(n["x"], n["y"]) for n in again]
    assert [(n["x"], n["y"]) for n in one] != [(n["x"], n["y"]) for n in other]
    coords = [v for n in one for v in (n["x"], n["y"])]
    assert any(v != int(v) for v in coords)  # rounded to 0.1, not to whole units


def test_start_positions_are_spread_evenly_around_the_centre():
    nodes = [str(i) for i in range(4000)]
    start = _initial_positions(nodes, 5)
    radius = 55 * len(nodes) ** 0.5
    mean_x = sum(p["x"] for p in start.values()) / len(nodes)
    mean_y = sum(p["y"] for p in start.values()) / len(nodes)
    assert abs(mean_x) < 0.03 * radius and abs(mean_y) < 0.03 * radius
    xs = [p["x"] for p in start.values()]
    assert any(abs(x - int(x)) > 0.01 for x in xs)


def test_a_projection_legend_and_edges():
    data = build_network(three_agencies(), ViewOptions(projection=Projection.agencies))
    assert data.legend["edges"] == [
        {"type": "WORKED_WITH", "color": "#8c8c8c", "dashes": False, "count": 3}
    ]
    assert [e["id"] for e in data.edges] == ["e0", "e1", "e2"]
    names = {"Agency:es:policia": "Policía Nacional", "Agency:eu:europol": "Europol"}
    names["Agency:fr:pj"] = "PJ"
    for e in data.edges:
        assert (e["gk"]["from"], e["gk"]["to"]) == (names[e["from"]], names[e["to"]])
    froms = [e["from"] for e in data.edges]
    assert len(set(froms)) < len(froms)  # two links share a first end: ordered by the second
    assert [(e["from"], e["to"]) for e in data.edges] == sorted(
        (e["from"], e["to"]) for e in data.edges
    )


def test_reports_named_only_in_evidence_are_listed():
    graph = GraphData(
        [GraphNode("Country", "ES"), GraphNode("CriminalGroup", "g")],
        [edge("OPERATED_IN", ("CriminalGroup", "g"), SPAIN, report="r7")],
    )
    data = build_network(graph, ViewOptions(), {"r7": {"title": "Seven", "published": None}})
    assert data.reports == {"r7": ["Seven", None, None, None]}  # no date: no days


def test_a_relationship_type_without_a_colour_is_grey():
    graph = GraphData(
        [GraphNode("Country", "ES"), GraphNode("CriminalGroup", "g")],
        [edge("SMUGGLED_TO", ("CriminalGroup", "g"), SPAIN)],
    )
    data = build_network(graph, ViewOptions())
    assert [e["color"] for e in data.edges] == ["#8c8c8c"]
    assert data.legend["edges"] == [
        {"type": "SMUGGLED_TO", "color": "#8c8c8c", "dashes": False, "count": 1}
    ]


def test_whole_measures_print_whole():
    assert _format_measure(12345.0) == "12345"
    assert _format_measure(12345) == "12345"
    assert _format_measure(12345.5) == "1.235e+04"
