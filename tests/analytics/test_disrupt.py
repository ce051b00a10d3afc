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
    # folders are made as for every output (graphkit.output); a place that cannot hold a
    # file (under a regular file) is one clear error
    assert plot_disruption(result, tmp_path / "new" / "plot.png").is_file()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(AnalysisError, match="cannot write"):
        plot_disruption(result, tmp_path / "file" / "plot.png")
