"""Finding entities by name and the shortest chains between them, with their evidence."""

from __future__ import annotations

import networkx as nx
import pytest
from analytics_graphs import A, C, G, agency_network, edge, node
from rapidfuzz import fuzz, utils

from graphkit.analytics import connections, find_entity, to_networkx
from graphkit.analytics.paths import MIN_SCORE, fuzzy_scores
from graphkit.errors import AnalysisError
from graphkit.store.base import GraphData, GraphNode


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


def _graph(*nodes, edges=()) -> nx.MultiDiGraph:
    return to_networkx(GraphData(nodes=list(nodes), edges=list(edges)))


def _error(graph, query: str) -> str:
    with pytest.raises(AnalysisError) as info:
        find_entity(graph, query)
    return str(info.value)


def test_fuzzy_score_is_the_mean_of_the_best_of_each_scorer() -> None:
    choices = {("a", 0): "Guardia Civil", ("a", 1): "a Spanish gendarmerie", ("b", 0): "Europol"}
    scores = fuzzy_scores("guardia civl", choices)

    def best(scorer, names):
        return max(scorer("guardia civl", n, processor=utils.default_process) for n in names)

    names = ["Guardia Civil", "a Spanish gendarmerie"]
    expected = (best(fuzz.token_set_ratio, names) + best(fuzz.WRatio, names)) / 2
    assert scores["a"] == pytest.approx(expected)
    assert scores["a"] > MIN_SCORE > scores["b"]


def test_a_node_is_found_by_its_best_name() -> None:
    """A typo of the name finds the group although its descriptor scores low."""
    g = _graph(
        node("Agency", "x", name="Europol"),
        node("CriminalGroup", "k", name="Kestrel Gang", descriptor="a drug network"),
    )
    assert find_entity(g, "Kestrel Gng") == "CriminalGroup:k"
    assert find_entity(g, "drug network") == "CriminalGroup:k"


def test_keys_match_exactly_or_not_at_all() -> None:
    g = _graph(node("Agency", "bfp", name="Belgian Federal Police"))
    assert find_entity(g, "BFP") == "Agency:bfp"
    assert _error(g, "bfpp") == "no entity matches 'bfpp'"


def test_reports_are_never_candidates_wherever_they_are() -> None:
    """A report first in the graph does not end the search, and a report's name is no
    entity's."""
    g = _graph(
        GraphNode("Report", "r1", {"name": "Annual report", "title": "Annual report"}),
        node("Agency", "x", name="Europol"),
    )
    assert next(iter(g)) == "Report:r1"
    assert find_entity(g, "Europol") == "Agency:x"
    assert _error(g, "Annual report") == "no entity matches 'Annual report'"
    only_reports = _graph(GraphNode("Report", "r1", {"title": "One"}))
    assert _error(only_reports, "One") == "the graph is empty: load some reports first"
    assert _error(only_reports, " ") == "empty entity name"


def test_two_exact_names_are_ambiguous_and_listed_alone() -> None:
    """Two nodes named alike are the only options, not the near-identical third."""
    g = _graph(
        node("Agency", "a", name="Guardia Civil"),
        node("Agency", "b", name="Guardia Civil"),
        node("Agency", "c", name="Guardia-Civil"),
    )
    assert _error(g, "guardia civil") == (
        "'guardia civil' is ambiguous; did you mean: Guardia Civil (Agency, a); "
        "Guardia Civil (Agency, b)? (name one by Label:key)"
    )
    # fuzzy ties list all three
    assert _error(g, "guardia civill") == (
        "'guardia civill' is ambiguous; did you mean: Guardia Civil (Agency, a); "
        "Guardia Civil (Agency, b); Guardia-Civil (Agency, c)? (name one by Label:key)"
    )


def test_options_are_listed_up_to_eight() -> None:
    g = _graph(*(node("Agency", f"k{i}", name="Police") for i in range(9)))
    message = _error(g, "police")
    assert message.count("Police (Agency, k") == 8 and "k8" not in message
    message = _error(g, "polise")
    assert message.count("Police (Agency, k") == 8 and "k8" not in message


def test_no_match_names_up_to_three_closest_in_order() -> None:
    """Scores for "the customs service": Six 66.9, One and Ten 61.3 (a tie: by id), Two
    59.3; all below MIN_SCORE, above HINT_SCORE."""
    g = _graph(
        node("Agency", "d", name="Customs Unit Ten"),
        node("Agency", "c", name="Customs Unit Six"),
        node("Agency", "b", name="Customs Unit Two"),
        node("Agency", "a", name="Customs Unit One"),
        node("Agency", "z", name="Europol"),
    )
    assert _error(g, "the customs service") == (
        "no entity matches 'the customs service'; closest: Customs Unit Six (Agency, c); "
        "Customs Unit One (Agency, a); Customs Unit Ten (Agency, d)"
    )
    assert _error(g, "zzzz") == "no entity matches 'zzzz'"  # nothing close: no hint


def test_relationships_of_a_hop_are_ordered_by_type_direction_and_report() -> None:
    g = _graph(
        node("Agency", "x", name="X"),
        node("Agency", "y", name="Y"),
        edges=[
            edge("COOPERATED_WITH", A("x"), A("y"), "r2"),
            edge("COOPERATED_WITH", A("y"), A("x"), "r3"),
            edge("COOPERATED_WITH", A("x"), A("y"), "r1"),
        ],
    )
    (found,) = connections(g, "Agency:x", "Agency:y")
    (hop,) = found.hops
    assert (hop.src, hop.dst) == ("Agency:x", "Agency:y")
    assert [(r["direction"], r["report"]) for r in hop.relationships] == [
        ("->", "r1"),
        ("->", "r2"),
        ("<-", "r3"),
    ]


def test_limits_are_inclusive(graph) -> None:
    # the shortest belgian-dutch chain has 3 hops: max_hops=3 finds it
    found = connections(graph, "Agency:belgian", "Agency:dutch", max_hops=3, limit=1)
    assert len(found) == 1 and found[0].length == 3
    assert [
        c.length for c in connections(graph, "Agency:french", "Agency:europol", max_hops=1)
    ] == [1]
    with pytest.raises(AnalysisError, match=r"^--max-hops must be at least 1$"):
        connections(graph, "Agency:belgian", "Agency:dutch", max_hops=0)
    with pytest.raises(AnalysisError, match=r"^--limit must be at least 1$"):
        connections(graph, "Agency:belgian", "Agency:dutch", limit=0)


def _issue_example() -> nx.MultiDiGraph:
    """Europol worked with the BKA (based in Germany), where the 'Ndrangheta was active;
    separately, an operation Europol supported targeted the 'Ndrangheta via a partner."""
    return _graph(
        node("Agency", "europol", name="Europol"),
        node("Agency", "bka", name="BKA"),
        node("Agency", "carabinieri", name="Carabinieri"),
        node("Country", "DE", name="Germany"),
        node("CriminalGroup", "nd", name="'Ndrangheta"),
        node("Operation", "op", name="Operation Eureka"),
        edges=[
            edge("COOPERATED_WITH", A("europol"), A("bka")),
            edge("BASED_IN", A("bka"), C("DE")),
            edge("OPERATED_IN", G("nd"), C("DE")),
            edge("COOPERATED_WITH", A("europol"), A("carabinieri")),
            edge("PARTICIPATED_IN", A("carabinieri"), ("Operation", "op")),
            edge("TARGETED", ("Operation", "op"), G("nd")),
        ],
    )


def test_paths_do_not_run_through_countries_or_homes_by_default() -> None:
    g = _issue_example()
    found = connections(g, "Agency:europol", "CriminalGroup:nd")
    assert [c.nodes for c in found] == [
        ["Agency:europol", "Agency:carabinieri", "Operation:op", "CriminalGroup:nd"]
    ]
    wide = connections(g, "Agency:europol", "CriminalGroup:nd", through_countries=True)
    assert [c.nodes for c in wide] == [
        ["Agency:europol", "Agency:bka", "Country:DE", "CriminalGroup:nd"],
        ["Agency:europol", "Agency:carabinieri", "Operation:op", "CriminalGroup:nd"],
    ]


def test_a_country_may_end_a_path_but_not_by_an_agency_home() -> None:
    g = _issue_example()
    [found] = connections(g, "CriminalGroup:nd", "Country:DE")
    assert found.nodes == ["CriminalGroup:nd", "Country:DE"]
    # the BKA's home is no connection: by default the chain is what was done there
    [far] = connections(g, "Agency:bka", "Country:DE")
    assert far.nodes[-3:] == ["Operation:op", "CriminalGroup:nd", "Country:DE"]
    [home] = connections(g, "Agency:bka", "Country:DE", through_countries=True)
    assert [r["type"] for r in home.hops[0].relationships] == ["BASED_IN"]
    # connected only by a home: the message says how to allow it
    lone = _graph(
        node("Agency", "a", name="A"),
        node("Country", "DE", name="Germany"),
        edges=[edge("BASED_IN", A("a"), C("DE"))],
    )
    with pytest.raises(AnalysisError, match=r"not connected except through a country"):
        connections(lone, "Agency:a", "Country:DE")


def test_a_hop_lists_no_home_relationship_by_default() -> None:
    """A pair joined by BASED_IN and by something else is a hop; BASED_IN is not shown."""
    g = _graph(
        node("Agency", "a", name="A"),
        node("Country", "DE", name="Germany"),
        edges=[edge("BASED_IN", A("a"), C("DE")), edge("CONDUCTED_IN", A("a"), C("DE"))],
    )
    [found] = connections(g, "Agency:a", "Country:DE")
    assert [r["type"] for r in found.hops[0].relationships] == ["CONDUCTED_IN"]
    [wide] = connections(g, "Agency:a", "Country:DE", through_countries=True)
    assert [r["type"] for r in wide.hops[0].relationships] == ["BASED_IN", "CONDUCTED_IN"]
