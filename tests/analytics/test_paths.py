"""Finding entities by name and the shortest chains between them, with their evidence."""

from __future__ import annotations

import pytest
from analytics_graphs import A, C, agency_network, edge, node

from graphkit.analytics import connections, find_entity, to_networkx
from graphkit.errors import AnalysisError
from graphkit.store.base import GraphData


@pytest.fixture
def graph():
    return to_networkx(agency_network())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Europol", "Agency:europol"),
        ("europol", "Agency:europol"),  # case does not matter
        ("Europool", "Agency:europol"),  # a typo
        ("belgian police", "Agency:belgian"),
        ("Belgium", "Country:BE"),
        ("BE", "Country:BE"),  # a key
        ("Agency:dutch", "Agency:dutch"),  # a node id
        ("cocaine network", "CriminalGroup:g1"),  # a group's descriptor
        ("Operation Kestrel", "Operation:op1"),
    ],
)
def test_find_entity(graph, query: str, expected: str) -> None:
    assert find_entity(graph, query) == expected


def test_an_ambiguous_name_says_did_you_mean(graph) -> None:
    with pytest.raises(AnalysisError) as info:
        find_entity(graph, "national police")
    message = str(info.value)
    assert "ambiguous; did you mean" in message
    assert "French National Police (Agency, french)" in message
    assert "Dutch National Police (Agency, dutch)" in message


def test_an_unknown_name_is_a_clear_error(graph) -> None:
    with pytest.raises(AnalysisError, match="no entity matches 'Interpol'"):
        find_entity(graph, "Interpol")
    with pytest.raises(AnalysisError, match="empty entity name"):
        find_entity(graph, "  ")


def test_reports_are_not_entities(graph) -> None:
    with pytest.raises(AnalysisError, match="no entity matches"):
        find_entity(graph, "Report:r1")


def test_the_shortest_chain_comes_with_every_relationship_and_its_evidence(graph) -> None:
    found = connections(graph, "Agency:belgian", "Agency:dutch")
    # belgian - europol - (op3) - dutch would be 3 hops; belgian -> europol <- dutch? no
    # COOPERATED_WITH between europol and dutch, so: belgian, europol|op1, ..., dutch
    assert all(c.length == found[0].length for c in found)
    assert found[0].length == 3
    assert ["Agency:belgian", "Agency:europol", "Operation:op3", "Agency:dutch"] in [
        c.nodes for c in found
    ]
    chain = next(c for c in found if c.nodes[1] == "Agency:europol")
    first, second, third = chain.hops
    assert [(r["type"], r["direction"]) for r in first.relationships] == [("COOPERATED_WITH", "->")]
    assert first.relationships[0]["evidence"] == "belgian COOPERATED_WITH europol."
    assert first.relationships[0]["report"] == "r1"
    assert [(r["type"], r["direction"], r["role"]) for r in second.relationships] == [
        ("PARTICIPATED_IN", "->", "supported")
    ]
    assert [(r["type"], r["direction"]) for r in third.relationships] == [("PARTICIPATED_IN", "<-")]


def test_parallel_relationships_are_all_shown(graph) -> None:
    found = connections(graph, "Agency:french", "Agency:europol")
    assert [c.nodes for c in found] == [["Agency:french", "Agency:europol"]]
    reports = [r["report"] for r in found[0].hops[0].relationships]
    assert reports == ["r1", "r2"]


def test_the_path_is_the_shortest_one() -> None:
    """x - y - z - w and a shortcut x - w through v: the 2-hop path must win."""
    data = GraphData(
        nodes=[node("Agency", k, name=k.upper()) for k in ("x", "y", "z", "w", "v")],
        edges=[
            edge("COOPERATED_WITH", A("x"), A("y")),
            edge("COOPERATED_WITH", A("y"), A("z")),
            edge("COOPERATED_WITH", A("z"), A("w")),
            edge("COOPERATED_WITH", A("x"), A("v")),
            edge("COOPERATED_WITH", A("v"), A("w")),
        ],
    )
    found = connections(to_networkx(data), "Agency:x", "Agency:w")
    assert [c.nodes for c in found] == [["Agency:x", "Agency:v", "Agency:w"]]


def test_no_path_within_max_hops_or_at_all(graph) -> None:
    with pytest.raises(AnalysisError, match=r"no connection within 2 hops .*shortest has 3"):
        connections(graph, "Agency:belgian", "Agency:dutch", max_hops=2)
    data = agency_network()
    data.nodes.append(node("Country", "IT", name="Italy"))
    data.edges.append(edge("BASED_IN", A("carabinieri"), C("IT")))  # dangling: ignored
    g = to_networkx(data)
    with pytest.raises(AnalysisError, match="are not connected"):
        connections(g, "Agency:belgian", "Country:IT")
    with pytest.raises(AnalysisError, match="same entity"):
        connections(g, "Country:IT", "Country:IT")
    with pytest.raises(AnalysisError, match="--max-hops must be at least 1"):
        connections(g, "Agency:belgian", "Country:IT", max_hops=0)
    with pytest.raises(AnalysisError, match="--limit must be at least 1"):
        connections(g, "Agency:belgian", "Country:IT", limit=0)


def test_paths_do_not_run_through_reports() -> None:
    """Two operations described by one report are not connected by it."""
    data = GraphData(
        nodes=[node("Operation", "a"), node("Operation", "b")],
        edges=[
            edge("DESCRIBES", ("Report", "r1"), ("Operation", "a")),
            edge("DESCRIBES", ("Report", "r1"), ("Operation", "b")),
        ],
    )
    data.nodes.append(node("Report", "r1"))
    with pytest.raises(AnalysisError, match="not connected"):
        connections(to_networkx(data), "Operation:a", "Operation:b")
