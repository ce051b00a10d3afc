"""Disruption: removals that must split the network, sequential against one-shot."""

from __future__ import annotations

import networkx as nx
import pytest
from analytics_graphs import agency_network, barbell_with_broker

from graphkit.analytics import STRATEGIES, plot_disruption, project, simulate
from graphkit.analytics import disrupt as disrupt_module
from graphkit.errors import AnalysisError


def test_removing_the_broker_splits_the_network() -> None:
    g = barbell_with_broker()
    result = simulate(g, "betweenness", steps=3)
    first = result.sequential[1]
    assert first.removed == "broker" and first.name == "broker"
    assert result.sequential[0].lcc == 11 and first.lcc == 5
    assert first.lcc_fraction == pytest.approx(5 / 11)
    assert result.one_shot[1].removed == "broker"
    # efficiency drops: the two halves no longer reach each other
    assert first.efficiency < result.sequential[0].efficiency
    assert result.sequential[0].efficiency == pytest.approx(nx.global_efficiency(g))
    assert len(result.sequential) == len(result.one_shot) == 4  # step 0 + 3 removals


def test_sequential_recomputes_and_one_shot_does_not() -> None:
    """A star of stars: after the centre goes, one-shot keeps removing by the stale ranking
    (leaves of equal initial degree), sequential picks the next hub."""
    g = nx.Graph()
    for hub in ("h1", "h2", "h3"):
        g.add_edge("centre", hub, weight=1)
        for i in range(4 if hub != "h3" else 2):
            g.add_edge(hub, f"{hub}-{i}", weight=1)
    seq = simulate(g, "betweenness", steps=3).sequential
    one = simulate(g, "betweenness", steps=3).one_shot
    assert [s.removed for s in seq[1:]] == ["centre", "h1", "h2"]
    assert [s.removed for s in one[1:]] == ["centre", "h1", "h2"]
    degree_seq = simulate(g, "degree", steps=2)
    assert degree_seq.sequential[1].removed == degree_seq.one_shot[1].removed == "h1"
    # after h1 (degree 5) goes, the centre's degree falls to 2 and h2 (5) is next
    assert degree_seq.sequential[2].removed == "h2"
    assert degree_seq.one_shot[2].removed == "h2"


def test_random_strategy_is_seeded() -> None:
    g = barbell_with_broker()
    a = simulate(g, "random", steps=4, seed=3)
    b = simulate(g, "random", steps=4, seed=3)
    assert [s.removed for s in a.sequential] == [s.removed for s in b.sequential]
    assert [s.removed for s in a.sequential] == [s.removed for s in a.one_shot]
    assert any("seed=3" in note for note in a.notes)


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_every_strategy_runs_on_a_projection(strategy: str) -> None:
    result = simulate(project(agency_network(), "full"), strategy, steps=2)
    assert [s.step for s in result.sequential] == [0, 1, 2]
    assert result.to_dict()["strategy"] == strategy


def test_steps_stop_when_the_graph_is_gone() -> None:
    g = nx.Graph()
    g.add_edge("a", "b", weight=1)
    result = simulate(g, "degree", steps=10)
    assert [s.lcc for s in result.sequential] == [2, 1, 0]
    assert "only 2 node(s) to remove: 2 step(s), not 10" in result.notes
    assert result.sequential[-1].efficiency == 0.0


def test_sampled_efficiency_matches_exact_when_every_source_is_sampled(monkeypatch) -> None:
    g = barbell_with_broker()
    monkeypatch.setattr(disrupt_module, "EFFICIENCY_LIMIT", 5)
    monkeypatch.setattr(disrupt_module, "EFFICIENCY_SAMPLE", g.number_of_nodes())
    value, sampled = disrupt_module.global_efficiency(g)
    assert sampled and value == pytest.approx(nx.global_efficiency(g))
    assert any("estimated from 11 sampled" in n for n in simulate(g, "degree", steps=1).notes)
    monkeypatch.undo()
    assert disrupt_module.efficiency_sample(5_000, 20_000) == 200
    assert disrupt_module.efficiency_sample(100_000, 670_000) == 10


def test_bad_input_is_an_analysis_error() -> None:
    with pytest.raises(AnalysisError, match="empty"):
        simulate(nx.Graph(), "degree")
    with pytest.raises(AnalysisError, match="unknown strategy 'eigen'"):
        simulate(barbell_with_broker(), "eigen")
    with pytest.raises(AnalysisError, match="at least 1"):
        simulate(barbell_with_broker(), "degree", steps=0)


def test_plot_writes_a_png(tmp_path) -> None:
    result = simulate(barbell_with_broker(), "degree", steps=3)
    out = plot_disruption(result, tmp_path / "plot.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(AnalysisError, match="cannot write the plot"):
        plot_disruption(result, tmp_path / "missing" / "plot.png")


# -- strategies, weights and modes from the literature -------------------------------------


def two_hubs() -> nx.Graph:
    """Hub h1 with 4 leaves, hub h2 with 3, joined through a bridge node b."""
    g = nx.Graph()
    for hub, leaves in (("h1", 4), ("h2", 3)):
        g.add_edge(hub, "b", weight=1)
        for i in range(leaves):
            g.add_edge(hub, f"{hub}-{i}", weight=1)
    return g


def test_collective_influence_at_distance_one() -> None:
    g = two_hubs()
    ci = disrupt_module.collective_influence(g)
    # h1: degree 5, neighbours b (degree 2) and four leaves (degree 1): (5-1) * (1 + 0) = 4
    assert ci["h1"] == 4 and ci["h2"] == 3 * 1
    # b: degree 2, neighbours h1 (5) and h2 (4): (2-1) * (4 + 3) = 7, the highest
    assert ci["b"] == 7 and ci["h1-0"] == 0
    assert disrupt_module.ranking(g, "collective-influence")[0] == "b"
    g["h1"]["b"]["weight"] = 3  # strengths: b 4, h1 7 -> (4-1) * (6 + 3) = 27
    assert disrupt_module.collective_influence(g, "weight")["b"] == 27


def test_katz_is_networkx_katz_and_the_sparse_solver_agrees(monkeypatch) -> None:
    g = two_hubs()
    dense = disrupt_module.katz(g)
    assert dense == pytest.approx(nx.katz_centrality_numpy(g, alpha=0.1, beta=1.0))
    monkeypatch.setattr(disrupt_module, "KATZ_DENSE_LIMIT", 0)
    assert disrupt_module.katz(g) == pytest.approx(dense, abs=1e-12)
    g["h2"]["b"]["weight"] = 4
    sparse_weighted = disrupt_module.katz(g, "weight")
    monkeypatch.undo()
    assert sparse_weighted == pytest.approx(disrupt_module.katz(g, "weight"), abs=1e-12)
    assert disrupt_module.katz(nx.Graph()) == {}


def test_katz_warns_where_its_series_diverges() -> None:
    assert disrupt_module.katz_note(two_hubs()) is None  # lambda_max about 2.3
    dense = nx.complete_graph(15)  # lambda_max = 14: alpha 0.1 is past 1/14
    note = disrupt_module.katz_note(dense)
    assert note is not None and "lambda_max = 14" in note
    result = simulate(dense, "katz", steps=1, modes=["one-shot"])
    assert note in result.notes


def test_weights_change_what_is_central() -> None:
    """A strong tie is a short path: with weights, the route through strong ties wins."""
    g = nx.Graph()
    g.add_edge("a", "x", weight=10)
    g.add_edge("x", "c", weight=10)
    g.add_edge("a", "y", weight=1)
    g.add_edge("y", "c", weight=1)
    g.add_edge("y", "d", weight=1)
    # unweighted: y carries a-d and x-d and shares a-c with x
    assert disrupt_module.ranking(g, "betweenness", weight="none")[0] == "y"
    # weighted: a-x-c is 0.2 long, a-y-c is 2: x takes a-c alone and y keeps only the paths to d
    scores = disrupt_module.scores(g, "betweenness", weight="weight")
    assert scores["x"] > disrupt_module.scores(g, "betweenness")["x"]
    assert disrupt_module.scores(g, "degree", weight="weight")["x"] == 20.0
    assert disrupt_module.scores(g, "degree")["x"] == 2.0
    with pytest.raises(AnalysisError, match="unknown weight 'heavy'"):
        simulate(g, "degree", weight="heavy")


def test_block_mode_recomputes_every_k_removals(monkeypatch) -> None:
    g = two_hubs()
    calls: list[int] = []
    real = disrupt_module.ranking

    def counted(graph, *args, **kwargs):
        calls.append(graph.number_of_nodes())
        return real(graph, *args, **kwargs)

    monkeypatch.setattr(disrupt_module, "ranking", counted)
    result = simulate(g, "degree", steps=5, modes=["block"], block_size=2)
    n = g.number_of_nodes()
    assert calls == [n, n - 2, n - 4]  # before removals 1, 3 and 5
    assert result.block_size == 2 and [s.step for s in result.block] == [0, 1, 2, 3, 4, 5]
    calls.clear()
    simulate(g, "degree", steps=3, modes=["sequential", "one-shot"])
    assert calls == [n, n - 1, n - 2, n]  # sequential: every removal; one-shot: once


def test_block_of_one_is_sequential_and_a_block_of_all_is_one_shot() -> None:
    g = nx.karate_club_graph()
    for v in g:
        g.nodes[v]["name"] = str(v)
    for u, v in g.edges:
        g[u][v]["weight"] = 1
    ones = simulate(g, "betweenness", 8, modes=["sequential", "block"], block_size=1)
    assert [s.removed for s in ones.block] == [s.removed for s in ones.sequential]
    alls = simulate(g, "betweenness", 8, modes=["one-shot", "block"], block_size=8)
    assert [s.removed for s in alls.block] == [s.removed for s in alls.one_shot]


def test_json_holds_the_modes_that_ran() -> None:
    result = simulate(two_hubs(), "katz", steps=2, modes=["block"], block_size=3)
    data = result.to_dict()
    assert data["modes"] == ["block"] and data["block_size"] == 3
    assert "sequential" not in data and "one_shot" not in data
    assert data["block"][0]["lcc_fraction"] == 1.0
    default = simulate(two_hubs(), "degree", steps=1).to_dict()
    assert default["modes"] == ["sequential", "one-shot"] and "block" not in default
    with pytest.raises(AnalysisError, match="unknown mode 'both'"):
        simulate(two_hubs(), "degree", modes=["both"])
    with pytest.raises(AnalysisError, match="--block-size must be at least 1"):
        simulate(two_hubs(), "degree", modes=["block"], block_size=0)
