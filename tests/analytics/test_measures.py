"""Measures on graphs where the answer is known by construction."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from analytics_graphs import agency_network, barbell_with_broker

from graphkit.analytics import DEFAULT_MEASURES, MEASURES, compute_measures, project
from graphkit.analytics import measures as measures_module
from graphkit.errors import AnalysisError


def test_the_broker_tops_betweenness_and_is_an_articulation_point() -> None:
    g = barbell_with_broker()
    result = compute_measures(g, ["betweenness", "articulation", "constraint", "effective_size"])
    top, value = result.top("betweenness", 1, g)[0]
    assert top == "broker"
    # every path between the two cliques (5 x 5 pairs) runs through it; normalised by
    # (n-1)(n-2)/2 = 45 pairs not involving it... plus pairs with l0/r0 as ends
    assert value == pytest.approx(nx.betweenness_centrality(g)["broker"])
    assert value > 0.5
    points = {v for v, x in result.values["articulation"].items() if x == 1}
    assert points == {"broker", "l0", "r0"}
    # structural holes: the broker has the least constraint, its two contacts are unlinked
    assert result.ranked("constraint", g)[0][0] == "broker"
    assert result.values["effective_size"]["broker"] == pytest.approx(2.0)
    assert any("betweenness exact" in note for note in result.notes)


def test_louvain_finds_the_two_cliques() -> None:
    g = barbell_with_broker()
    result = compute_measures(g, ["community"], seed=42)
    communities = [set(c) - {"broker"} for c in result.communities()]
    assert sorted(communities, key=sorted) == [
        {f"l{i}" for i in range(5)},
        {f"r{i}" for i in range(5)},
    ]
    assert any("Louvain seed=42" in note for note in result.notes)


def test_betweenness_reads_weights_as_strength() -> None:
    """a-b directly (weight 1, distance 1) or via c on two strong ties (weight 4 each,
    distance 0.25 + 0.25): with distance = 1/weight the shortest path runs through c."""
    g = nx.Graph()
    g.add_edge("a", "b", weight=1)
    g.add_edge("a", "c", weight=4)
    g.add_edge("c", "b", weight=4)
    values = compute_measures(g, ["betweenness"]).values["betweenness"]
    assert values["c"] == 1.0 and values["a"] == values["b"] == 0.0
    # and closeness too: c is nearest to everyone
    closeness = compute_measures(g, ["closeness"]).values["closeness"]
    assert max(closeness, key=closeness.get) == "c"


def test_large_graphs_sample_betweenness_with_a_reported_seed(monkeypatch) -> None:
    monkeypatch.setattr(measures_module, "EXACT_WORK", 100)
    monkeypatch.setattr(measures_module, "SAMPLE_WORK", 200)
    g = barbell_with_broker()  # 11 nodes, 22 edges: 11 x 33 > 100, so sampled
    first = compute_measures(g, ["betweenness"], seed=7)
    again = compute_measures(g, ["betweenness"], seed=7)
    assert first.values == again.values
    note = next(n for n in first.notes if n.startswith("betweenness"))
    assert "sampled k=10 seed=7" in note


def test_the_sample_size_follows_the_work_budget() -> None:
    assert measures_module.betweenness_sample(1_000, 5_000) is None  # exact
    assert measures_module.betweenness_sample(10_000, 63_000) == 109
    assert measures_module.betweenness_sample(100_000, 670_000) == 10
    assert measures_module.betweenness_sample(10**7, 10**8) == measures_module.MIN_SAMPLE_K


def test_default_measures_on_a_projection_are_complete_and_deterministic() -> None:
    g = project(agency_network(), "full")
    first = compute_measures(g)
    assert list(first.values) == list(DEFAULT_MEASURES)
    for measure, values in first.values.items():
        assert set(values) == set(g), measure
    assert first.values == compute_measures(g).values
    assert sum(first.values["pagerank"].values()) == pytest.approx(1.0)
    assert first.values["degree"]["Agency:europol"] == 5  # 3 operations, 2 cooperations
    assert first.values["weighted_degree"]["Agency:europol"] == 6.0  # french twice


def test_every_measure_runs_on_a_disconnected_graph() -> None:
    g = barbell_with_broker()
    g.remove_node("broker")
    g.add_node("alone", label="Agency", key="alone", name="alone")
    result = compute_measures(g, list(MEASURES))
    assert list(result.values) == list(MEASURES)
    eigen = result.values["eigenvector"]
    # two identical components: each gets the same values, and the vector has unit length
    assert eigen["l1"] == pytest.approx(eigen["r1"]) and eigen["alone"] == 0
    assert math.fsum(x * x for x in eigen.values()) == pytest.approx(1.0)
    assert result.values["kcore"]["l1"] == 4 and result.values["kcore"]["alone"] == 0
    assert "alone" not in result.values["constraint"]
    assert any("undefined for 1 isolated" in n for n in result.notes)
    assert result.values["bridges"] == dict.fromkeys(g, 0)


def test_bridges_count_the_cut_edges_at_each_node() -> None:
    values = compute_measures(barbell_with_broker(), ["bridges"]).values["bridges"]
    assert values["broker"] == 2 and values["l0"] == 1 and values["l1"] == 0


def test_empty_and_one_node_graphs_give_values_not_exceptions() -> None:
    empty = compute_measures(nx.Graph())
    assert all(values == {} for values in empty.values.values())
    assert "empty" in empty.notes[0]
    one = nx.Graph()
    one.add_node("x")
    result = compute_measures(one, list(MEASURES))
    assert result.values["degree"] == {"x": 0}
    assert result.values["betweenness"] == {"x": 0.0}
    assert result.values["pagerank"] == {"x": pytest.approx(1.0)}
    assert result.values["community"] == {"x": 0}
    assert result.values["eigenvector"] == {"x": 0.0}


def test_directed_multigraphs_are_reduced_to_weighted_simple_graphs() -> None:
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", key="X")
    g.add_edge("b", "a", key="Y")
    g.add_edge("b", "c", key="X")
    values = compute_measures(g, ["weighted_degree"]).values["weighted_degree"]
    assert values == {"a": 2.0, "b": 3.0, "c": 1.0}


def test_unknown_or_no_measures_are_analysis_errors() -> None:
    with pytest.raises(AnalysisError, match="unknown measure 'centrality'"):
        compute_measures(nx.Graph(), ["degree", "centrality"])
    with pytest.raises(AnalysisError, match="no measure"):
        compute_measures(nx.Graph(), [])
