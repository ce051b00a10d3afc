"""Each measure is the one its docstring names, with weights, seeds and notes as stated.

The expected values come from networkx called the way the module documents (weighted,
seeded, distance = 1/weight) on small graphs where the unweighted or unseeded answer
differs, so a dropped argument shows."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphkit.analytics import measures as m
from graphkit.analytics.measures import (
    MeasureResult,
    betweenness,
    betweenness_sample,
    check_measures,
    compute_measures,
    distance_graph,
    simple_undirected,
)
from graphkit.errors import AnalysisError


def weighted_square() -> nx.Graph:
    """a-b and c-d are strong ties, a-d and b-c weak: {a, b} and {c, d} belong together."""
    g = nx.Graph()
    g.add_edge("a", "b", weight=10)
    g.add_edge("c", "d", weight=10)
    g.add_edge("a", "d", weight=1)
    g.add_edge("b", "c", weight=1)
    g.add_edge("d", "e", weight=1)  # a tail: degrees and measures differ
    return g


# --- reducing the graph ----------------------------------------------------------------


def test_simple_undirected_sums_parallel_edges_and_drops_self_loops() -> None:
    g = nx.MultiDiGraph()
    g.add_node("a", label="Agency")
    g.add_edge("a", "a", weight=5)  # first, so nothing after it may be lost
    g.add_edge("a", "b", weight=2)
    g.add_edge("b", "a", weight=3)
    g.add_edge("b", "c")  # no weight: counts 1
    s = simple_undirected(g)
    assert sorted((u, v, d["weight"]) for u, v, d in s.edges(data=True)) == [
        ("a", "b", 5),
        ("b", "c", 1),
    ]
    assert s.nodes["a"] == {"label": "Agency"}
    assert not s.is_directed() and not s.is_multigraph()


def test_simple_undirected_returns_a_simple_weighted_graph_as_it_is() -> None:
    g = nx.Graph()
    g.add_edge("a", "b", weight=1)
    assert simple_undirected(g) is g
    directed = nx.DiGraph(g)
    multi = nx.MultiGraph(g)
    looped = g.copy()
    looped.add_edge("a", "a", weight=1)
    unweighted = g.copy()
    unweighted.add_edge("b", "c")
    for other in (directed, multi, looped, unweighted):
        reduced = simple_undirected(other)
        assert reduced is not other
        assert all("weight" in d for *_, d in reduced.edges(data=True))
        assert nx.number_of_selfloops(reduced) == 0


def test_distance_graph() -> None:
    hops = nx.Graph([("a", "b")])
    hops.edges["a", "b"]["weight"] = 1
    assert distance_graph(hops) == (hops, None)
    given = nx.Graph()
    given.add_edge("a", "b", weight=2, distance=0.25)
    assert distance_graph(given) == (given, "distance")
    g = weighted_square()
    g.add_node("lonely")
    h, attribute = distance_graph(g)
    assert attribute == "distance" and h is not g
    assert set(h) == set(g)
    assert h["a"]["b"]["distance"] == 0.1 and h["a"]["d"]["distance"] == 1.0


# --- betweenness -------------------------------------------------------------------------


def test_betweenness_sample_size() -> None:
    assert betweenness_sample(1000, 9000) is None  # exactly EXACT_WORK: still exact
    assert betweenness_sample(1000, 9001) == 500  # capped at MAX_SAMPLE_K
    assert betweenness_sample(10_000, 63_000) == 109
    assert betweenness_sample(100_000, 670_000) == 10  # at least MIN_SAMPLE_K


def test_betweenness_sample_is_at_most_every_node(monkeypatch) -> None:
    monkeypatch.setattr(m, "EXACT_WORK", 0)
    assert betweenness_sample(5, 3) == 5


def test_betweenness_is_on_distances_and_notes_how(monkeypatch) -> None:
    g = weighted_square()
    h, dist = distance_graph(g)
    assert betweenness(g) == nx.betweenness_centrality(h, weight=dist)
    notes: list[str] = []
    betweenness(g, notes=notes)
    assert notes == ["betweenness exact; distance = 1/weight"]
    big = nx.barabasi_albert_graph(60, 2, seed=1)
    nx.set_edge_attributes(big, 1, "weight")
    monkeypatch.setattr(m, "EXACT_WORK", 0)
    monkeypatch.setattr(m, "MAX_SAMPLE_K", 5)
    notes = []
    sampled = betweenness(big, 7, notes)
    assert notes == ["betweenness sampled k=5 seed=7; distance = 1/weight"]
    assert sampled == nx.betweenness_centrality(big, k=5, seed=7)
    assert sampled != nx.betweenness_centrality(big)
    assert betweenness(big) == betweenness(big, 42)


# --- the other measures -------------------------------------------------------------------


def test_closeness_on_distances_or_skipped(monkeypatch) -> None:
    g = weighted_square()
    h, _ = distance_graph(g)
    result = compute_measures(g, ["closeness"])
    assert result.values["closeness"] == nx.closeness_centrality(h, distance="distance")
    assert result.notes == [
        "closeness: Wasserman-Faust for disconnected graphs; distance = 1/weight"
    ]
    work = 5 * (5 + 5)  # nodes x (nodes + edges)
    monkeypatch.setattr(m, "CLOSENESS_WORK", work)
    assert compute_measures(g, ["closeness"]).values["closeness"]  # at the limit: computed
    monkeypatch.setattr(m, "CLOSENESS_WORK", work - 1)
    skipped = compute_measures(g, ["closeness"])
    assert skipped.values["closeness"] == {}
    assert skipped.notes == [f"closeness skipped: 5 nodes x 10 nodes+edges > {work - 1:,}"]


def test_igraph_computes_closeness_on_graphs_speed_times_larger(monkeypatch) -> None:
    g = weighted_square()
    h, _ = distance_graph(g)
    closeness = "closeness: Wasserman-Faust for disconnected graphs; distance = 1/weight"
    result = compute_measures(g, ["closeness"], engine="igraph")
    assert result.values["closeness"] == pytest.approx(
        nx.closeness_centrality(h, distance="distance"), abs=1e-9
    )
    assert result.notes == ["engine: igraph", closeness]
    # 5 nodes x (5 + 5) = 50: computed at the limit CLOSENESS_WORK x IGRAPH_SPEED, not above
    monkeypatch.setattr(m, "CLOSENESS_WORK", 10)
    monkeypatch.setattr(m, "IGRAPH_SPEED", 5)
    assert compute_measures(g, ["closeness"], engine="igraph").values["closeness"]
    monkeypatch.setattr(m, "CLOSENESS_WORK", 7)
    monkeypatch.setattr(m, "IGRAPH_SPEED", 7)
    skipped = compute_measures(g, ["closeness"], engine="igraph")
    assert skipped.values["closeness"] == {}
    assert skipped.notes == ["engine: igraph", "closeness skipped: 5 nodes x 10 nodes+edges > 49"]


def test_eigenvector_per_component_keeps_unit_length() -> None:
    g = nx.Graph()
    g.add_edge("x", "y", weight=1)  # a pair
    g.add_edge("p", "q", weight=5)  # a weighted star of three
    g.add_edge("q", "r", weight=1)
    g.add_node("alone")
    result = compute_measures(g, ["eigenvector"])
    values = result.values["eigenvector"]
    assert values["alone"] == 0.0
    assert values["x"] == values["y"] == pytest.approx(math.sqrt(0.5) * math.sqrt(2 / 5))
    star = nx.eigenvector_centrality_numpy(g.subgraph("pqr"), weight="weight")
    for v in "pqr":
        assert values[v] == pytest.approx(abs(star[v]) * math.sqrt(3 / 5), abs=1e-9)
    assert values["p"] != pytest.approx(values["r"])  # the weights count
    assert sum(x * x for x in values.values()) == pytest.approx(1.0)
    assert result.notes == [
        "eigenvector: per connected component, scaled by sqrt(its share of nodes)"
    ]
    connected = compute_measures(weighted_square(), ["eigenvector"])
    assert connected.notes == []
    with_isolated = weighted_square()
    with_isolated.add_node("alone")
    assert compute_measures(with_isolated, ["eigenvector"]).notes == result.notes
    edgeless = nx.Graph()
    edgeless.add_nodes_from("ab")
    none = compute_measures(edgeless, ["eigenvector"])
    assert none.values["eigenvector"] == {"a": 0.0, "b": 0.0}
    assert none.notes == ["eigenvector: no edges, all 0"]


def test_pagerank_is_weighted() -> None:
    g = weighted_square()
    values = compute_measures(g, ["pagerank"]).values["pagerank"]
    assert values == pytest.approx(nx.pagerank(g, alpha=0.85, weight="weight"))
    assert values != pytest.approx(nx.pagerank(g, weight=None))


def test_communities_are_weighted_largest_first_and_noted() -> None:
    g = weighted_square()
    g.add_edge("e", "f", weight=1)
    g.add_edge("f", "h", weight=1)
    g.add_edge("e", "h", weight=1)  # a triangle on the tail
    result = compute_measures(g, ["community"], seed=3)
    found = nx.community.louvain_communities(g, weight="weight", seed=3)
    groups = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    assert result.communities() == groups
    # the triangle, then the two strong pairs (equal size: by first member)
    assert groups == [["e", "f", "h"], ["a", "b"], ["c", "d"]]
    modularity = nx.community.modularity(g, groups, weight="weight")
    assert result.notes == [
        f"community: Louvain seed=3, {len(groups)} communities, modularity {modularity:.3f}"
    ]
    edgeless = nx.Graph()
    edgeless.add_nodes_from("ab")
    assert compute_measures(edgeless, ["community"], seed=3).notes == [
        "community: Louvain seed=3, 2 communities (no edges)"
    ]
    assert "seed=42" in compute_measures(g, ["community"]).notes[0]  # the default seed


def test_weights_decide_the_communities() -> None:
    strong = weighted_square()
    strong.remove_node("e")
    assert compute_measures(strong, ["community"]).communities() == [["a", "b"], ["c", "d"]]
    for u, v in (("a", "b"), ("c", "d")):
        strong[u][v]["weight"] = 1
    for u, v in (("a", "d"), ("b", "c")):
        strong[u][v]["weight"] = 10
    assert compute_measures(strong, ["community"]).communities() == [["a", "d"], ["b", "c"]]


def test_bridges_counted_at_each_end() -> None:
    g = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("d", "e")])
    nx.set_edge_attributes(g, 1, "weight")
    result = compute_measures(g, ["bridges"])
    assert result.values["bridges"] == {"a": 0, "b": 0, "c": 1, "d": 2, "e": 1}
    assert result.notes == ["bridges: 2 bridge edges; value = bridges at the node"]


def test_structural_holes_are_weighted_and_undefined_nodes_noted() -> None:
    g = weighted_square()
    g.add_edge("a", "c", weight=3)  # triangles, so that ties are redundant
    result = compute_measures(g, ["constraint", "effective_size"])
    assert result.values["constraint"] == pytest.approx(nx.constraint(g, weight="weight"))
    assert result.values["constraint"] != pytest.approx(nx.constraint(g))
    assert result.values["effective_size"] == pytest.approx(nx.effective_size(g, weight="weight"))
    assert result.values["effective_size"] != pytest.approx(nx.effective_size(g))
    assert result.notes == []  # every node defined: nothing to say
    g.add_node("alone")
    lonely = compute_measures(g, ["constraint", "effective_size"])
    assert "alone" not in lonely.values["constraint"]
    assert lonely.notes == [
        "constraint: undefined for 1 isolated node(s)",
        "effective_size: undefined for 1 isolated node(s)",
    ]


# --- the result -------------------------------------------------------------------------


def test_ranked_breaks_ties_by_degree_then_id() -> None:
    g = nx.Graph([("a", "b"), ("b", "c"), ("c", "d"), ("d", "b")])
    result = MeasureResult(values={"x": {"a": 1.0, "b": 1.0, "c": 2.0, "d": 1.0}})
    assert result.ranked("x") == [("c", 2.0), ("a", 1.0), ("b", 1.0), ("d", 1.0)]
    assert result.ranked("x", g) == [("c", 2.0), ("b", 1.0), ("d", 1.0), ("a", 1.0)]
    low_first = MeasureResult(values={"constraint": {"a": 0.9, "b": 0.2, "c": 0.5}})
    assert [v for v, _ in low_first.ranked("constraint")] == ["b", "c", "a"]
    many = MeasureResult(values={"x": {f"n{i:02}": float(i) for i in range(12)}})
    assert [v for v, _ in many.top("x")] == [f"n{i:02}" for i in range(11, 1, -1)]
    assert many.top("x", 2) == [("n11", 11.0), ("n10", 10.0)]


@given(
    st.dictionaries(
        st.text("abcdef", min_size=1, max_size=2), st.sampled_from([0, 0.5, 1, 2, 3]), max_size=30
    ),
    st.lists(st.tuples(st.text("abcdef", min_size=1, max_size=2), st.text("abcdef", max_size=2))),
    st.sampled_from(["x", "constraint"]),
    st.integers(0, 35),
)
def test_the_top_of_a_ranking_is_the_start_of_the_whole_ranking(
    values: dict[str, float], edges: list[tuple[str, str]], measure: str, top: int
) -> None:
    """Ranking only the nodes that can reach the top (ties on the cut value included)
    gives the same first rows as ranking every node, with or without degrees."""
    result = MeasureResult(values={measure: values})
    g = nx.Graph(edges)
    for graph in (None, g):
        assert result.ranked(measure, graph, top) == result.ranked(measure, graph)[:top]
    assert result.top(measure, top, g) == result.ranked(measure, g)[:top]


def test_communities_of_a_result_without_them_is_empty() -> None:
    assert MeasureResult(values={"degree": {"a": 1}}).communities() == []
    result = MeasureResult(values={"community": {"b": 1, "a": 0, "c": 1, "d": 0}})
    assert result.communities() == [["a", "d"], ["b", "c"]]


def test_measures_are_checked_and_ordered() -> None:
    assert check_measures(["pagerank", "degree", "pagerank"]) == ["degree", "pagerank"]
    assert check_measures(None) == list(m.DEFAULT_MEASURES)
    with pytest.raises(AnalysisError) as err:
        check_measures(["eigen", "rank"])
    assert str(err.value) == (
        "unknown measure 'eigen', 'rank'; choose from " + ", ".join(m.MEASURES)
    )
    with pytest.raises(AnalysisError) as err:
        check_measures([])
    assert str(err.value) == "no measure asked for; choose from " + ", ".join(m.MEASURES)
    empty = compute_measures(nx.Graph(), ["degree"])
    assert empty.notes == ["the graph is empty: nothing to measure"]


def test_a_component_the_solver_cannot_handle_is_zero_and_noted() -> None:
    """Zero weights leave ARPACK nothing to start from: that component gets 0 and a note
    (this raised ArpackError before), and the next component is still measured."""
    g = nx.Graph()
    for u, v in (("a", "b"), ("b", "c"), ("c", "d")):
        g.add_edge(u, v, weight=0)
    for u, v in (("x", "y"), ("y", "w"), ("w", "x")):
        g.add_edge(u, v, weight=1)
    result = compute_measures(g, ["eigenvector"])
    values = result.values["eigenvector"]
    assert [values[v] for v in "abcd"] == [0.0] * 4
    assert [values[v] for v in "xyw"] == [pytest.approx(math.sqrt(1 / 7))] * 3
    note = result.notes[1]
    assert note.startswith("eigenvector did not converge on a component (ARPACK")
    assert note.endswith("); 0 there")


def test_two_components_are_noted_without_isolated_nodes() -> None:
    g = nx.Graph()
    g.add_edge("a", "b", weight=1)
    g.add_edge("c", "d", weight=1)
    assert compute_measures(g, ["eigenvector"]).notes == [
        "eigenvector: per connected component, scaled by sqrt(its share of nodes)"
    ]


def test_communities_follow_the_seed() -> None:
    """On the karate club graph Louvain's answer depends on its seed: each seed's answer
    is networkx's for that seed, and the modularity noted is the weighted one."""
    g = nx.karate_club_graph()
    answers = []
    for seed in range(1, 6):
        result = compute_measures(g, ["community"], seed=seed)
        found = nx.community.louvain_communities(g, weight="weight", seed=seed)
        groups = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
        assert result.communities() == groups
        answers.append(groups)
        modularity = nx.community.modularity(g, groups, weight="weight")
        assert f"modularity {modularity:.3f}" in result.notes[0]
        assert nx.community.modularity(g, groups, weight=None) != pytest.approx(modularity)
    assert len({str(a) for a in answers}) > 1


def test_edges_without_a_weight_count_one() -> None:
    g = nx.Graph([("a", "b"), ("b", "c")])
    assert distance_graph(g) == (g, None)


def test_ranked_ties_without_degree_go_by_id() -> None:
    g = nx.Graph()
    g.add_node("b")  # isolated: degree 0, like a node the graph does not have
    result = MeasureResult(values={"x": {"z": 1.0, "d": 1.0, "b": 1.0}})
    assert [v for v, _ in result.ranked("x")] == ["b", "d", "z"]
    assert [v for v, _ in result.ranked("x", g)] == ["b", "d", "z"]
    star = nx.Graph([("z", "x1"), ("z", "x2")])
    assert [v for v, _ in result.top("x", 2, star)] == ["z", "b"]
