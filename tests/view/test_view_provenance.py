"""The data behind the view's working surface, without a browser: entity marks in evidence,
report dates and texts, each node's countries, the line of each relationship type, named
communities, what makes a projected link, and the neighbourhood carried for expanding."""

from __future__ import annotations

from pathlib import Path

from test_view_build import EUROPOL, OP, POLICIA, small

from graphkit.analytics import Filters, filter_graph, project
from graphkit.facts import FactsDocument
from graphkit.store.base import GraphData, GraphEdge, GraphNode
from graphkit.view.build import (
    ALLEGED_DASHES,
    EDGE_COLORS,
    EDGE_DASHES,
    build_network,
)
from graphkit.view.options import ColorBy, Projection, ViewOptions
from graphkit.view.provenance import (
    evidence_row,
    mark_spans,
    node_countries,
    projection_support,
    report_rows,
    report_texts,
    spellings,
)

SEED = Path(__file__).resolve().parents[2] / "data" / "facts" / "seed.json"


def test_marks_are_whole_words_case_insensitive_longest_first_without_overlaps():
    sentence = "The Belgian Federal Police and EUROPOL met; Policemen and Europol's staff too."
    spans = mark_spans(sentence, ["Police", "Belgian Federal Police", "europol", ""])
    assert [sentence[s:e] for s, e in spans] == ["Belgian Federal Police", "EUROPOL", "Europol"]
    assert mark_spans("no names here", ["Europol"]) == []
    # a text whose case folding changes its length is left unmarked rather than mismarked
    assert mark_spans("Straße Europol", ["europol"]) == []


def test_an_evidence_row_keeps_valid_offsets_only():
    def row(**props):
        return evidence_row(GraphEdge("MET", ("Person", "a"), ("Person", "b"), props), ["Ann"])

    good = row(report="r", evidence="Ann met Bob.", evidence_start=10, evidence_end=22)
    assert good == ["r", "Ann met Bob.", "reported", 10, 22, [[0, 3]]]
    wrong = row(report="r", evidence="Ann met Bob.", evidence_start=10, evidence_end=12)
    assert wrong[3:5] == [None, None]  # offsets that do not span the sentence are dropped
    alleged = row(evidence="Ann", certainty="alleged")
    assert alleged == ["", "Ann", "alleged", None, None, [[0, 3]]]


def test_spellings_are_the_display_name_and_naming_properties_longest_first():
    node = GraphNode("CriminalGroup", "g", {"descriptor": "a drug ring", "name": "the gang"})
    assert spellings(node, "the gang") == ["a drug ring", "the gang"]
    assert spellings(None, "Europol") == ["Europol"]
    seizure = GraphNode("Seizure", "s", {"item": "cocaine", "quantity": 2.5, "unit": "kg"})
    assert spellings(seizure, "2.5 kg cocaine") == ["2.5 kg cocaine", "cocaine"]


def test_reports_are_dated_by_their_operations_else_their_publication():
    graph = small()
    graph.nodes.append(GraphNode("Report", "r3", {"title": "Third", "published": "2022-03"}))
    graph.nodes.append(GraphNode("Report", "r4", {"title": "No date", "published": "--04-07"}))
    rows = report_rows(graph)
    assert rows["r1"] == ["Ring dismantled", "2 May 2023", "2023-04-01", "2023-04-01"]
    assert rows["r3"] == ["Third", "Mar 2022", "2022-03-01", "2022-03-31"]
    assert rows["r4"] == ["No date", "7 Apr", None, None]  # no year: cannot be placed


def test_report_texts_are_embedded_for_the_reports_cited(tmp_path: Path):
    document = FactsDocument.read(SEED)
    graph = GraphData(
        [
            GraphNode("Report", document.report.key, {"text": document.report.text}),
            GraphNode("Report", "empty", {}),
        ]
    )
    assert report_texts(graph, [document.report.key, "empty", "missing"]) == {
        document.report.key: document.report.text
    }


def test_each_node_has_the_countries_whose_filter_keeps_it():
    graph = small()
    countries = node_countries(graph)
    kept = filter_graph(graph, Filters(countries={"ES"}))
    assert {nid for nid, codes in countries.items() if "ES" in codes} == {
        f"{n.label}:{n.key}" for n in kept.nodes
    }
    assert "Agency:es:policia" in {nid for nid, codes in countries.items() if codes == ["ES"]}


def test_relationship_types_of_similar_colours_have_different_lines():
    def rgb(color: str) -> tuple[int, ...]:
        return tuple(int(color[i : i + 2], 16) for i in (1, 3, 5))

    types = sorted(EDGE_COLORS)
    assert set(types) == set(EDGE_DASHES)
    for i, a in enumerate(types):
        for b in types[i + 1 :]:
            pairs = zip(rgb(EDGE_COLORS[a]), rgb(EDGE_COLORS[b]), strict=True)
            distance = sum((x - y) ** 2 for x, y in pairs)
            if distance < 70**2 or {a, b} == {"BASED_IN", "CONDUCTED_IN"}:  # two greens
                assert EDGE_DASHES[a] != EDGE_DASHES[b], (a, b)
    assert ALLEGED_DASHES not in EDGE_DASHES.values()  # dotted means alleged, only


def test_communities_are_named_after_their_best_connected_member():
    data = build_network(small(), ViewOptions(color_by=ColorBy.community))
    names = [row["name"] for row in data.legend["communities"]]
    assert names[0] == "around Operation Kestrel"  # the most neighbours in its community
    assert all(name.startswith("around ") for name in names)


def test_projected_links_carry_their_contexts_and_relationships():
    graph = small()
    support = projection_support(graph, "agencies")
    pair = support[("Agency:es:policia", "Agency:eu:europol")]
    assert pair.contexts == {"Operation:op1"}
    types = sorted(e.type for e in pair.edges)
    assert types == ["COOPERATED_WITH", "COOPERATED_WITH", "PARTICIPATED_IN", "PARTICIPATED_IN",
                     "PARTICIPATED_IN"]  # fmt: skip
    # every linked pair of every projection is supported, and nothing else is
    for projection in ("agencies", "countries", "groups", "persons"):
        linked = {tuple(sorted(e)) for e in project(graph, projection).edges}
        assert linked <= set(projection_support(graph, projection)), projection


def test_persons_links_carry_their_direct_ties():
    a, b = ("Person", "a"), ("Person", "b")
    graph = GraphData(
        [GraphNode(*a, {"name": "Ann"}), GraphNode(*b, {"name": "Bob"})],
        [GraphEdge("MET", a, b, {"report": "r", "evidence": "Ann met Bob.", "weight": 2})],
    )
    data = build_network(graph, ViewOptions(projection=Projection.persons))
    (link,) = data.edges
    assert link["gk"]["contexts"] == []
    assert link["gk"]["evidence"] == [["r", "Ann met Bob.", "reported", None, None,
                                       [[0, 3], [8, 11]]]]  # fmt: skip


def test_a_focused_view_carries_the_neighbourhood_up_to_max_nodes():
    graph = small()
    focused = build_network(graph, ViewOptions(focus="Europol", hops=1))
    shown = {n["id"] for n in focused.nodes}
    assert shown == {EUROPOL_ID, OP_ID, POLICIA_ID}
    reserve = {n["id"] for n in focused.reserve["nodes"]}
    assert reserve == {n.label + ":" + n.key for n in graph.nodes} - shown
    assert not reserve & shown
    for e in focused.reserve["edges"]:  # reserve edges touch the reserve
        assert e["from"] in reserve or e["to"] in reserve
    drawn = {(e["from"], e["to"], e["gk"]["type"]) for e in focused.edges}
    everything = build_network(graph, ViewOptions())
    assert drawn | {(e["from"], e["to"], e["gk"]["type"]) for e in focused.reserve["edges"]} == {
        (e["from"], e["to"], e["gk"]["type"]) for e in everything.edges
    }
    # the nearest first, within --max-nodes in all
    capped = build_network(graph, ViewOptions(focus="Europol", hops=1, max_nodes=5))
    nearest = {n["id"] for n in capped.reserve["nodes"]}
    assert len(nearest) == 2 and nearest <= {"Country:ES", "CriminalGroup:g1", "Seizure:s1",
                                             "Report:r1", "Report:r2"}  # fmt: skip
    assert build_network(graph, ViewOptions()).reserve == {"nodes": [], "edges": []}
    # reserve nodes are sized too, and their types are in the legend (shown: 0)
    assert all(n["value"] > 0 for n in focused.reserve["nodes"])
    legend = {row["type"]: row["count"] for row in focused.legend["nodes"]}
    assert legend["Country"] == 0 and legend["Agency"] == 2


EUROPOL_ID, OP_ID, POLICIA_ID = (f"{label}:{key}" for label, key in (EUROPOL, OP, POLICIA))
