"""Filters, the typed networkx graph and the weighted projections, on a graph built by hand."""

from __future__ import annotations

import networkx as nx
import pytest
from analytics_graphs import agency_network, edge, node
from hypothesis import given, settings
from hypothesis import strategies as st

from graphkit.analytics import (
    PROJECTIONS,
    Filters,
    display_name,
    filter_graph,
    node_id,
    project,
    to_networkx,
)
from graphkit.errors import AnalysisError
from graphkit.store.base import GraphData, GraphNode


def weights(graph) -> dict[frozenset[str], int]:
    return {frozenset((u, v)): w for u, v, w in graph.edges(data="weight")}


def ids(data: GraphData) -> set[str]:
    return {node_id(n.label, n.key) for n in data.nodes}


# -- names ----------------------------------------------------------------------------


def test_display_names_fall_back_sensibly() -> None:
    assert display_name(GraphNode("Country", "BE", {"name": "Belgium"})) == "Belgium"
    assert display_name(GraphNode("Country", "XK", {"name": None})) == "XK"
    group = GraphNode("CriminalGroup", "g", {"name": None, "descriptor": "a cocaine network"})
    assert display_name(group) == "cocaine network"
    assert display_name(GraphNode("Operation", "o", {"name": "Operation Kestrel"})) == (
        "Operation Kestrel"
    )
    assert display_name(GraphNode("Operation", "o", {"start_date": "2024-05"})) == (
        "operation, May 2024"
    )
    derived = {"name": None, "display_name": "operation in Belgium, 7 Apr 2024"}
    assert display_name(GraphNode("Operation", "o", derived)) == "operation in Belgium, 7 Apr 2024"
    assert display_name(GraphNode("Operation", "op3", {})) == "op3"
    seizure = {"label": "Seizure", "key": "s", "item": "cocaine", "quantity": 45.0, "unit": "kg"}
    assert display_name(seizure) == "45 kg cocaine"
    plants = {"label": "Seizure", "key": "s", "item": "cannabis plants", "quantity": 8255.0}
    assert display_name({**plants, "unit": "plants"}) == "8,255 cannabis plants"
    assert display_name({"label": "Seizure", "key": "s", "item": "cash", "quantity": 1e5}) == (
        "100,000 cash"
    )
    big = {"label": "Seizure", "key": "s", "item": "cash", "quantity": 200_000_000, "unit": "EUR"}
    assert display_name(big) == "200,000,000 EUR cash"
    assert display_name({**big, "quantity": 1.25}) == "1.25 EUR cash"
    assert display_name(GraphNode("Report", "r", {"title": "A title"})) == "A title"


# -- the typed graph --------------------------------------------------------------------


def test_to_networkx_keeps_every_relationship_with_its_provenance() -> None:
    data = agency_network()
    g = to_networkx(data)
    assert g.is_directed() and g.is_multigraph()
    assert g.number_of_nodes() == len(data.nodes)
    assert g.number_of_edges() == len(data.edges)
    europol = g.nodes["Agency:europol"]
    assert (europol["label"], europol["key"], europol["name"]) == ("Agency", "europol", "Europol")
    assert europol["country"] == "EU"
    # the same type between the same pair from a second report is kept, keyed by its report
    assert set(g["Agency:french"]["Agency:europol"]) == {"COOPERATED_WITH", "COOPERATED_WITH@r2"}
    r2 = g["Agency:french"]["Agency:europol"]["COOPERATED_WITH@r2"]
    assert r2["type"] == "COOPERATED_WITH" and r2["report"] == "r2"
    assert set(g["CriminalGroup:g1"]["Country:BE"]) == {"OPERATED_IN", "ARRESTED_IN"}
    arrested = g["CriminalGroup:g1"]["Country:BE"]["ARRESTED_IN"]
    assert arrested["count"] == 3 and arrested["evidence"] and arrested["certainty"] == "reported"
    led = g["Agency:belgian"]["Operation:op1"]["PARTICIPATED_IN"]
    assert led["role"] == "led"


# -- projections ------------------------------------------------------------------------


def test_full_projection_weights_parallel_relationships() -> None:
    g = project(agency_network(), "full")
    assert not g.is_directed() and not g.is_multigraph()
    w = weights(g)
    assert w[frozenset(("Agency:french", "Agency:europol"))] == 2  # two reports
    assert w[frozenset(("CriminalGroup:g1", "Country:BE"))] == 2  # active and arrested
    assert w[frozenset(("Agency:belgian", "Operation:op1"))] == 1
    assert g.number_of_edges() == len(agency_network().edges) - 2
    assert g.nodes["Agency:europol"]["name"] == "Europol"


def test_agency_projection_counts_shared_operations() -> None:
    g = project(agency_network(), "agencies")
    assert set(g) == {"Agency:belgian", "Agency:europol", "Agency:french", "Agency:dutch"}
    assert weights(g) == {
        frozenset(("Agency:belgian", "Agency:europol")): 1,
        frozenset(("Agency:belgian", "Agency:french")): 1,
        frozenset(("Agency:europol", "Agency:french")): 2,
        frozenset(("Agency:dutch", "Agency:europol")): 1,
    }


def test_agency_projection_adds_cooperation_without_a_shared_operation() -> None:
    data = GraphData(
        nodes=[node("Agency", "a"), node("Agency", "b")],
        edges=[edge("COOPERATED_WITH", ("Agency", "a"), ("Agency", "b"), "r1")],
    )
    assert weights(project(data, "agencies")) == {frozenset(("Agency:a", "Agency:b")): 1}


def test_country_projection_links_countries_through_groups_and_operations() -> None:
    g = project(agency_network(), "countries")
    assert set(g) == {"Country:BE", "Country:FR", "Country:NL"}
    # g1 is active in BE and FR (and arrested in BE): one shared group, counted once
    assert weights(g) == {frozenset(("Country:BE", "Country:FR")): 1}
    data = agency_network()
    data.edges.append(edge("CONDUCTED_IN", ("Operation", "op1"), ("Country", "FR"), "r1"))
    assert weights(project(data, "countries")) == {frozenset(("Country:BE", "Country:FR")): 2}


def test_group_and_person_projections() -> None:
    data = agency_network()
    data.nodes += [
        node("CriminalGroup", "g2", name="Ndrangheta"),
        node("Person", "p1", name="Ann"),
        node("Person", "p2", name="Bob"),
        node("Person", "p3", name="Cy"),
    ]
    data.edges += [
        edge("OPERATED_IN", ("CriminalGroup", "g2"), ("Country", "BE")),
        edge("TARGETED", ("Operation", "op1"), ("CriminalGroup", "g2")),
        edge("MEMBER_OF", ("Person", "p1"), ("CriminalGroup", "g1")),
        edge("MEMBER_OF", ("Person", "p2"), ("CriminalGroup", "g1")),
        edge("MEMBER_OF", ("Person", "p3"), ("CriminalGroup", "g2")),
    ]
    groups = project(data, "groups")
    # shared: country BE and operation op1
    assert weights(groups) == {frozenset(("CriminalGroup:g1", "CriminalGroup:g2")): 2}
    persons = project(data, "persons")
    assert set(persons) == {"Person:p1", "Person:p2", "Person:p3"}
    assert weights(persons) == {frozenset(("Person:p1", "Person:p2")): 1}


def test_projection_of_a_graph_without_that_label_is_empty() -> None:
    assert project(agency_network(), "persons").number_of_nodes() == 0
    assert project(GraphData(), "full").number_of_nodes() == 0


def test_unknown_projection_is_an_analysis_error() -> None:
    with pytest.raises(AnalysisError, match="unknown projection 'people'"):
        project(agency_network(), "people")
    assert PROJECTIONS == ("full", "agencies", "countries", "groups", "persons")


# -- filters ------------------------------------------------------------------------------


def test_no_filter_keeps_everything() -> None:
    data = agency_network()
    assert filter_graph(data, Filters()) == data


def test_reported_only_drops_alleged_relationships() -> None:
    data = agency_network()
    kept = filter_graph(data, Filters(certainty="reported"))
    assert len(kept.edges) == len(data.edges) - 1
    assert all(e.properties["certainty"] == "reported" for e in kept.edges)
    assert len(kept.nodes) == len(data.nodes)


def test_report_filter_keeps_what_those_reports_say() -> None:
    kept = filter_graph(agency_network(), Filters(reports={"r1"}))
    assert {e.properties["report"] for e in kept.edges} == {"r1"}
    assert len(kept.edges) == 12
    assert ids(kept) == {
        "Agency:belgian",
        "Agency:europol",
        "Agency:french",
        "Operation:op1",
        "Country:BE",
        "Country:FR",
        "CriminalGroup:g1",
        "Report:r1",
    }


def test_date_range_uses_operation_dates_then_report_dates() -> None:
    data = agency_network()
    since_2024 = filter_graph(data, Filters(since="2024"))
    assert {e.properties["report"] for e in since_2024.edges} == {"r2"}
    assert "Operation:op2" in ids(since_2024) and "Operation:op1" not in ids(since_2024)
    assert len(since_2024.edges) == 7
    # op3 has no dates: its report's published year (2022) places it
    until_2022 = filter_graph(data, Filters(until="2022-12-31"))
    assert ids(until_2022) == {
        "Agency:europol",
        "Agency:dutch",
        "Operation:op3",
        "Country:NL",
        "Report:r3",
    }
    march = filter_graph(data, Filters(since="2023-03", until="2023-03"))
    assert {e.properties["report"] for e in march.edges} == {"r1"}
    assert filter_graph(data, Filters(since="2030")).nodes == []


def test_country_filter_keeps_what_concerns_the_country() -> None:
    kept = filter_graph(agency_network(), Filters(countries={"nl"}))
    assert ids(kept) == {
        "Country:NL",
        "Operation:op3",
        "Agency:dutch",
        "Agency:europol",
        "Report:r3",
    }
    assert len(kept.edges) == 4


def test_label_filter_keeps_edges_between_kept_nodes() -> None:
    kept = filter_graph(agency_network(), Filters(labels={"Agency"}))
    assert {n.label for n in kept.nodes} == {"Agency"}
    assert {e.type for e in kept.edges} == {"COOPERATED_WITH"}
    assert len(kept.edges) == 3


def test_bad_filters_are_analysis_errors() -> None:
    with pytest.raises(AnalysisError, match="--since 'yesterday'"):
        filter_graph(agency_network(), Filters(since="yesterday"))
    for impossible in ("2024-99", "2024-13", "2023-02-29", "2024-04-31"):  # not a crash
        with pytest.raises(AnalysisError, match=f"--until '{impossible}'"):
            filter_graph(agency_network(), Filters(until=impossible))
    with pytest.raises(AnalysisError, match="certainty 'maybe'"):
        filter_graph(agency_network(), Filters(certainty="maybe"))
    with pytest.raises(AnalysisError, match="unknown label 'Ship'; choose from Report, "):
        filter_graph(agency_network(), Filters(labels={"Ship", "agency"}))
    with pytest.raises(AnalysisError, match="unknown label 'Boat', 'Ship'; choose from Report, "):
        filter_graph(agency_network(), Filters(labels={"Ship", "Boat", "Agency"}))
    # labels in any case, as every command takes them (graphkit.filters.check_labels)
    lower = filter_graph(agency_network(), Filters(labels={"agency"}))
    assert lower == filter_graph(agency_network(), Filters(labels={"Agency"}))


def test_group_country_network_is_the_full_projection_of_two_labels() -> None:
    kept = filter_graph(agency_network(), Filters(labels={"CriminalGroup", "Country"}))
    assert weights(project(kept, "full")) == {
        frozenset(("CriminalGroup:g1", "Country:BE")): 2,  # active and arrested there
        frozenset(("CriminalGroup:g1", "Country:FR")): 1,
    }


def test_readable_dates_keep_unknown_parts_unknown() -> None:
    from graphkit.model import readable_date

    assert readable_date("2024-04-03") == "3 Apr 2024"
    assert readable_date("--04-03") == "3 Apr"  # year unknown: never invented
    assert readable_date("2024-04") == "Apr 2024"
    assert readable_date("2024") == "2024"
    assert readable_date("2024-13-01") == "2024-13-01"  # not a date: shown as stored


def test_person_projection_adds_ties_and_shared_arrests() -> None:
    """Imported ties weigh their strength (summed over types and sources); persons arrested
    in one country count as linked only when one report tells of both arrests."""
    p = {k: ("Person", k) for k in ("p1", "p2", "p3", "p4", "p5")}
    data = GraphData(
        nodes=[node("Person", k, name=k.upper()) for k in p]
        + [node("CriminalGroup", "g1"), node("Country", "IT", name="Italy")],
        edges=[
            edge("MET", p["p1"], p["p2"], "wiretap", weight=3.0, rows=2, line=1),
            edge("CALLED", p["p1"], p["p2"], "calls", weight=5.0, rows=1, line=4),
            edge("MET", p["p2"], p["p3"], "other-file", weight=0.5, rows=1, line=9),
            edge("ASSOCIATED_WITH", p["p3"], p["p3"], "odd", weight=9.0),  # a self-tie
            edge("MEMBER_OF", p["p1"], ("CriminalGroup", "g1")),
            edge("MEMBER_OF", p["p2"], ("CriminalGroup", "g1")),
            edge("ARRESTED_IN", p["p4"], ("Country", "IT"), "raid", count=2),
            edge("ARRESTED_IN", p["p5"], ("Country", "IT"), "raid", count=1),
            edge("ARRESTED_IN", p["p3"], ("Country", "IT"), "a later report"),
            edge("CALLED", p["p3"], p["p4"], "a call log without counts"),  # no weight
        ],
    )
    persons = project(data, "persons")
    assert weights(persons) == {
        frozenset(("Person:p1", "Person:p2")): 3.0 + 5.0 + 1,  # met, called, one group
        frozenset(("Person:p2", "Person:p3")): 0.5,
        frozenset(("Person:p4", "Person:p5")): 1,  # arrested together
        frozenset(("Person:p3", "Person:p4")): 1,  # a tie of unknown strength counts once
    }
    assert persons.edges["Person:p2", "Person:p3"]["distance"] == 2.0


def test_a_relationship_to_a_node_left_out_drops_only_itself() -> None:
    """A filtered graph may keep a relationship whose other end it left out: the typed
    graph and the full projection skip that one and keep every relationship after it."""
    data = GraphData(
        nodes=[node("Agency", "a"), node("Operation", "o"), node("Country", "BE")],
        edges=[
            edge("PARTICIPATED_IN", ("Agency", "gone"), ("Operation", "o")),
            edge("PARTICIPATED_IN", ("Agency", "a"), ("Operation", "o")),
            edge("CONDUCTED_IN", ("Operation", "o"), ("Country", "BE")),
        ],
    )
    typed = to_networkx(data)
    assert sorted((u, v) for u, v, _ in typed.edges(keys=True)) == [
        ("Agency:a", "Operation:o"),
        ("Operation:o", "Country:BE"),
    ]
    assert set(weights(project(data, "full"))) == {
        frozenset(("Agency:a", "Operation:o")),
        frozenset(("Operation:o", "Country:BE")),
    }


_KEYS = st.sampled_from([("Agency", "a"), ("Agency", "b"), ("Country", "BE"), ("Operation", "o")])


@settings(max_examples=150, deadline=None)
@given(
    kept=st.lists(_KEYS, unique=True),
    ends=st.lists(st.tuples(_KEYS | st.just(("Agency", "gone")), _KEYS), max_size=30),
)
def test_the_full_projection_counts_each_pair_once_in_the_order_pairs_first_occur(
    kept: list[tuple[str, str]], ends: list[tuple[tuple[str, str], tuple[str, str]]]
) -> None:
    """Against the plain definition: an edge per pair of distinct kept nodes joined by a
    relationship (either direction), weight = how many, in the order the pairs first
    occur (igraph's copy, and so Louvain's result for a seed, follows that order)."""
    data = GraphData(
        nodes=[node(label, key) for label, key in kept],
        edges=[edge("RELATED", src, dst) for src, dst in ends],
    )
    counts: dict[frozenset[str], int] = {}
    for src, dst in ends:
        if src in kept and dst in kept and src != dst:
            pair = frozenset((node_id(*src), node_id(*dst)))
            counts[pair] = counts.get(pair, 0) + 1
    g = project(data, "full")
    assert list(g) == [node_id(*k) for k in kept]
    assert weights(g) == counts
    assert all(d["distance"] == 1.0 / d["weight"] for *_, d in g.edges(data=True))
    reference = nx.Graph()
    reference.add_nodes_from(node_id(*k) for k in kept)
    reference.add_edges_from(tuple(pair) for pair in counts)  # first occurrences first
    assert [(u, list(nbrs)) for u, nbrs in g.adj.items()] == [
        (u, list(nbrs)) for u, nbrs in reference.adj.items()
    ]
