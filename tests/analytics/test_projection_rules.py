"""The filters and projections rule by rule, on graphs built for each rule: the exact set
of nodes kept, the exact weights, keys and names."""

from __future__ import annotations

import pytest
from analytics_graphs import edge, node

from graphkit.analytics import Filters, filter_graph, project, to_networkx
from graphkit.analytics.projection import date_range, display_name, split_node_id
from graphkit.errors import AnalysisError
from graphkit.store.base import GraphData, GraphNode


def ids(data: GraphData) -> set[str]:
    return {f"{n.label}:{n.key}" for n in data.nodes}


def country_world() -> GraphData:
    """Everything that can concern Spain, and its twin for Italy."""
    nodes = [
        node("Country", "ES", name="Spain"),
        node("Country", "IT", name="Italy"),
        node("Operation", "opES"),
        node("Operation", "opIT"),
        node("CriminalGroup", "active"),  # active in ES
        node("CriminalGroup", "arrested"),  # members arrested in ES, active nowhere
        node("CriminalGroup", "targeted"),  # targeted by the Spanish operation only
        node("CriminalGroup", "elsewhere"),  # active in IT
        node("Person", "caught"),  # arrested in ES
        node("Person", "member"),  # member of the group active in ES
        node("Person", "other"),  # member of the group active in IT
        node("Person", "caughtIT"),  # arrested in IT
        node("Agency", "home", name="Home", country="es"),  # its country, any case
        node("Agency", "based", name="Based", country="FR"),  # based in ES
        node("Agency", "partner", name="Partner", country="DE"),  # took part in opES
        node("Agency", "italian", name="Italian", country="IT"),
        node("Seizure", "sES", item="cocaine"),
        node("Seizure", "sIT", item="heroin"),
        GraphNode("Report", "rES", {"title": "ES"}),
        GraphNode("Report", "rIT", {"title": "IT"}),
    ]
    edges = [
        edge("CONDUCTED_IN", ("Operation", "opES"), ("Country", "ES")),
        edge("CONDUCTED_IN", ("Operation", "opIT"), ("Country", "IT")),
        edge("OPERATED_IN", ("CriminalGroup", "active"), ("Country", "ES")),
        edge("ARRESTED_IN", ("CriminalGroup", "arrested"), ("Country", "ES"), count=2),
        edge("TARGETED", ("Operation", "opES"), ("CriminalGroup", "targeted")),
        edge("OPERATED_IN", ("CriminalGroup", "elsewhere"), ("Country", "IT")),
        edge("ARRESTED_IN", ("Person", "caught"), ("Country", "ES")),
        edge("MEMBER_OF", ("Person", "member"), ("CriminalGroup", "active")),
        edge("MEMBER_OF", ("Person", "other"), ("CriminalGroup", "elsewhere")),
        edge("ARRESTED_IN", ("Person", "caughtIT"), ("Country", "IT")),
        edge("BASED_IN", ("Agency", "based"), ("Country", "ES")),
        edge("PARTICIPATED_IN", ("Agency", "partner"), ("Operation", "opES")),
        edge("PARTICIPATED_IN", ("Agency", "italian"), ("Operation", "opIT")),
        edge("SEIZED", ("Operation", "opES"), ("Seizure", "sES")),
        edge("SEIZED", ("Operation", "opIT"), ("Seizure", "sIT")),
        edge("DESCRIBES", ("Report", "rES"), ("Operation", "opES")),
        edge("DESCRIBES", ("Report", "rIT"), ("Operation", "opIT")),
    ]
    return GraphData(nodes=nodes, edges=edges)


SPAIN = {
    "Country:ES",
    "Operation:opES",
    "CriminalGroup:active",
    "CriminalGroup:arrested",
    "CriminalGroup:targeted",
    "Person:caught",
    "Person:member",
    "Agency:home",
    "Agency:based",
    "Agency:partner",
    "Seizure:sES",
    "Report:rES",
}


def test_country_scope_keeps_exactly_what_concerns_the_country() -> None:
    kept = filter_graph(country_world(), Filters(countries={"es"}))
    assert ids(kept) == SPAIN
    ends = {f"{end[0]}:{end[1]}" for e in kept.edges for end in (e.src, e.dst)}
    assert ends == SPAIN - {"Agency:home"}  # home has no relationship
    assert len(kept.edges) == 10  # every relationship among them
    italy = filter_graph(country_world(), Filters(countries={"IT"}))
    assert ids(italy) == {
        "Country:IT",
        "Operation:opIT",
        "CriminalGroup:elsewhere",
        "Person:other",
        "Person:caughtIT",
        "Agency:italian",
        "Seizure:sIT",
        "Report:rIT",
    }


def test_country_and_date_filters_together() -> None:
    """An agency that took part only in an operation the dates drop is not kept for it."""
    world = country_world()
    world.nodes[2].properties["start_date"] = "2020-05-01"  # opES, long ago
    world.nodes[3].properties["start_date"] = "2024-05-01"
    kept = filter_graph(world, Filters(countries={"ES"}, since="2024"))
    assert "Agency:partner" not in ids(kept) and "Operation:opES" not in ids(kept)


def dated_world() -> GraphData:
    def op(key: str, **dates: str) -> GraphNode:
        return node("Operation", key, reports=[f"r-{key}"], **dates)

    def report(key: str, published: str | None) -> GraphNode:
        return GraphNode("Report", f"r-{key}", {"published": published} if published else {})

    nodes = [
        op("month", start_date="2023-03"),  # March 2023
        op("year", start_date="2023-01-10", end_date="2023-12-20"),
        op("start_only", start_date="2023-06-15"),  # its report is from 2025
        op("undated"),  # its report's date decides
        node("Operation", "no_report", reports=["r-loose"]),  # no DESCRIBES: its reports
        op("no_year", start_date="--04-07"),  # cannot be placed
        report("month", "2023-04-02"),
        report("year", "2023-12-31"),
        report("start_only", "2025-01-01"),
        report("undated", "2024-02-10"),
        GraphNode("Report", "r-loose", {"published": "2024-02"}),
        report("no_year", "2023-04-02"),
        GraphNode("Report", "r-old", {"published": "2019"}),
    ]
    edges = [
        edge("DESCRIBES", ("Report", f"r-{k}"), ("Operation", k), f"r-{k}")
        for k in ("month", "year", "start_only", "undated", "no_year")
    ]
    return GraphData(nodes=nodes, edges=edges)


@pytest.mark.parametrize(
    ("since", "until", "operations", "reports"),
    [
        # until mid-March: the March operation overlaps (its span starts on the 1st)
        ("2023-03-15", "2023-03-15", {"month", "year"}, {"r-month", "r-year"}),
        # from the last day of the year operation: it still overlaps
        (
            "2023-12-20",
            None,
            {"year", "undated", "no_report"},
            {"r-year", "r-undated", "r-loose", "r-start_only"},
        ),
        # until the day the year operation starts: it overlaps; March does not
        (None, "2023-01-10", {"year"}, {"r-year", "r-old"}),
        # the start date alone places an operation, whatever its report's date
        ("2023-06", "2023-06", {"year", "start_only"}, {"r-year", "r-start_only"}),
        # undated operations by their report's date, within both bounds
        ("2024-01", "2024-01", set(), set()),
        ("2024-02", "2024-02", {"undated", "no_report"}, {"r-undated", "r-loose"}),
    ],
)
def test_dates_keep_overlapping_operations_and_their_reports(since, until, operations, reports):
    kept = filter_graph(dated_world(), Filters(since=since, until=until))
    assert {n.key for n in kept.nodes if n.label == "Operation"} == operations
    assert {n.key for n in kept.nodes if n.label == "Report"} == reports


def test_dates_place_reports_without_a_date_nowhere_whatever_the_nodes_order() -> None:
    """A report without a publication date is in no range, nor the undated operation it
    alone describes; an operation dated out of the range stays out though its report is in
    it, with the reports listed before the operations."""
    nodes = [
        GraphNode("Report", "r-nodate", {}),
        GraphNode("Report", "r-late", {"published": "2025-01"}),
        node("Operation", "undated", reports=["r-nodate"]),
        node("Operation", "early", reports=["r-late"], start_date="2023-06"),
    ]
    edges = [
        edge("DESCRIBES", ("Report", "r-nodate"), ("Operation", "undated"), "r-nodate"),
        edge("DESCRIBES", ("Report", "r-late"), ("Operation", "early"), "r-late"),
    ]
    kept = filter_graph(GraphData(nodes, edges), Filters(since="2024"))
    assert ids(kept) == {"Report:r-late"}


def test_report_and_date_filters_intersect() -> None:
    kept = filter_graph(dated_world(), Filters(reports={"r-month", "r-undated"}, since="2024"))
    assert ids(kept) == {"Operation:undated", "Report:r-undated"}


def test_date_range() -> None:
    assert date_range("2023-04-07") == ("2023-04-07", "2023-04-07")
    assert date_range("2024-02") == ("2024-02-01", "2024-02-29")
    assert date_range("2023") == ("2023-01-01", "2023-12-31")
    assert date_range("--04-07") is None and date_range(None) is None


def test_filter_errors_name_the_option() -> None:
    with pytest.raises(AnalysisError) as err:
        filter_graph(country_world(), Filters(until="May"))
    assert str(err.value) == "--until 'May': expected an ISO date (2023, 2023-04, 2023-04-07)"
    with pytest.raises(AnalysisError) as err:
        filter_graph(country_world(), Filters(certainty="some"))
    assert str(err.value) == "certainty 'some': choose one of reported, all"
    with pytest.raises(AnalysisError) as err:
        project(country_world(), "things")
    assert str(err.value) == (
        "unknown projection 'things'; choose one of full, agencies, countries, groups, persons"
    )


def test_no_filter_is_the_graph_itself() -> None:
    world = country_world()
    assert Filters().is_empty() and filter_graph(world, Filters()) is world
    assert not Filters(certainty="reported").is_empty()


# --- networkx -------------------------------------------------------------------------


def test_repeated_relationships_get_keys_of_their_own() -> None:
    a, b = ("Agency", "a"), ("Agency", "b")
    data = GraphData(
        nodes=[node("Agency", "a"), node("Agency", "b")],
        edges=[
            edge("COOPERATED_WITH", a, b, "r1"),
            edge("COOPERATED_WITH", a, b, "r2"),
            edge("COOPERATED_WITH", a, b, "r2"),
            edge("COOPERATED_WITH", a, b, "r2"),
            edge("COOPERATED_WITH", a, ("Agency", "gone"), "r1"),  # one end missing
            edge("COOPERATED_WITH", ("Agency", "gone"), b, "r1"),
        ],
    )
    g = to_networkx(data)
    assert sorted(g["Agency:a"]["Agency:b"]) == [
        "COOPERATED_WITH",
        "COOPERATED_WITH@r2",
        "COOPERATED_WITH@r2#2",
        "COOPERATED_WITH@r2#3",
    ]
    assert g.number_of_edges() == 4 and "Agency:gone" not in g
    assert {d["report"] for *_, d in g.edges(data=True)} == {"r1", "r2"}


def test_full_projection_counts_both_directions_once_per_pair() -> None:
    a, b = ("Agency", "a"), ("Agency", "b")
    data = GraphData(
        nodes=[node("Agency", "a", name="A"), node("Agency", "b", name="B")],
        edges=[
            edge("COOPERATED_WITH", a, b, "r1"),
            edge("COOPERATED_WITH", b, a, "r2"),
            edge("COOPERATED_WITH", a, a, "r3"),  # a loop: no tie
            edge("COOPERATED_WITH", a, ("Agency", "gone"), "r1"),
        ],
    )
    g = project(data)  # "full" by default
    assert list(g.edges(data=True)) == [("Agency:a", "Agency:b", {"weight": 2, "distance": 0.5})]
    assert g.nodes["Agency:a"]["name"] == "A" and g.nodes["Agency:b"]["label"] == "Agency"


def test_agency_projection_counts_reports_of_cooperation() -> None:
    a, b, c = ("Agency", "a"), ("Agency", "b"), ("Agency", "c")
    op = ("Operation", "op")
    data = GraphData(
        nodes=[node("Agency", k, name=k) for k in "abc"] + [node("Operation", "op")],
        edges=[
            edge("COOPERATED_WITH", a, b, "r1"),
            edge("COOPERATED_WITH", b, a, "r2"),
            edge("COOPERATED_WITH", a, b, "r2"),  # the same report again: counts once
            edge("COOPERATED_WITH", a, a, "r3"),
            edge("COOPERATED_WITH", a, ("Agency", "gone"), "r1"),
            edge("PARTICIPATED_IN", b, op),
            edge("PARTICIPATED_IN", c, op),
            edge("COOPERATED_WITH", b, c, "r9"),  # they share an operation: that decides
        ],
    )
    g = project(data, "agencies")
    assert sorted(g.edges(data=True)) == [
        ("Agency:a", "Agency:b", {"weight": 2, "distance": 0.5}),
        ("Agency:b", "Agency:c", {"weight": 1, "distance": 1.0}),
    ]
    assert g.nodes["Agency:c"]["name"] == "c"


def test_ids_and_display_names() -> None:
    assert split_node_id("Agency:agency:eu:europol") == ("Agency", "agency:eu:europol")
    for n in [*country_world().nodes, node("CriminalGroup", "g9"), node("Seizure", "s9")]:
        attrs = to_networkx(GraphData(nodes=[n])).nodes[f"{n.label}:{n.key}"]
        assert display_name(attrs) == display_name(n) == attrs["name"]
    assert display_name({"label": "Country", "key": "XK"}) == "XK"


def strip(graph: GraphData) -> GraphData:
    """``graph`` as read without each node's support (``read_graph(support=False)``)."""
    return GraphData(
        [
            GraphNode(n.label, n.key, {k: v for k, v in n.properties.items() if k != "reports"})
            for n in graph.nodes
        ],
        graph.edges,
    )


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(labels={"Agency", "Country"}),
        Filters(countries={"ES"}),
        Filters(certainty="reported"),
        Filters(reports={"r1"}),
        Filters(since="2024"),
        Filters(until="2023-06"),
        Filters(countries={"IT"}, reports={"r1"}),
    ],
    ids=repr,
)
def test_filters_need_node_support_exactly_when_they_say_so(filters: Filters) -> None:
    """Filters that do not need each node's reports keep the same graph read without them
    (what ``analyze``, ``disrupt``, ``path`` and ``timeline`` then read); those that say
    they need them give another answer without them on some graph."""
    worlds = [country_world(), dated_world()]
    differs = [
        filter_graph(w, filters) != strip_result(filter_graph(strip(w), filters), w) for w in worlds
    ]
    assert any(differs) == filters.needs_support


def strip_result(kept: GraphData, world: GraphData) -> GraphData:
    """``kept`` (filtered from the stripped ``world``) with its nodes' reports put back."""
    full = {n.id: n for n in world.nodes}
    return GraphData([full[n.id] for n in kept.nodes], kept.edges)
