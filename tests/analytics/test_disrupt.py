"""Disruption: removals that must split the network, sequential against one-shot."""

from __future__ import annotations

import io
import struct

import networkx as nx
import pytest
from analytics_graphs import agency_network, barbell_with_broker

from graphkit.analytics import STRATEGIES, plot_disruption, project, simulate
from graphkit.analytics import disrupt as disrupt_module
from graphkit.analytics import measures as measures_module
from graphkit.analytics.disrupt import DEFAULT_STEPS, MODES, Step, disruption_figure, ranking
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


def path7() -> nx.Graph:
    """p1 - p2 - ... - p7: after the middle goes, each half has a middle of its own."""
    return nx.path_graph([f"p{i}" for i in range(1, 8)])


def test_sequential_recomputes_and_one_shot_does_not() -> None:
    """On a path, betweenness first takes the middle (p4). Sequential then recomputes and
    takes the middles of the halves (p2, p6: ties go by id); one-shot keeps the intact
    ranking, whose next are p4's neighbours p3 and p5, which only trim the halves."""
    result = simulate(path7(), "betweenness", steps=3)
    assert [(s.removed, s.lcc) for s in result.sequential[1:]] == [
        ("p4", 3),
        ("p2", 3),
        ("p6", 1),
    ]
    assert [(s.removed, s.lcc) for s in result.one_shot[1:]] == [("p4", 3), ("p3", 3), ("p5", 2)]
    # degree: every inner node has degree 2, so the intact order is by id; sequential sees
    # p3 drop to degree 1 once p2 has gone
    degree = simulate(path7(), "degree", steps=3)
    assert [s.removed for s in degree.sequential[1:]] == ["p2", "p4", "p6"]
    assert [s.removed for s in degree.one_shot[1:]] == ["p2", "p3", "p4"]


@pytest.mark.parametrize("strategy", ["degree", "betweenness", "pagerank"])
def test_each_mode_follows_its_ranking(strategy: str) -> None:
    """Sequential: each victim tops the ranking of what is left. One-shot: the victims are
    the top of the intact network's ranking, in order."""
    g = barbell_with_broker()
    result = simulate(g, strategy, steps=5)
    h = g.copy()
    for step in result.sequential[1:]:
        assert step.removed == ranking(h, strategy)[0]
        h.remove_node(step.removed)
    assert [s.removed for s in result.one_shot[1:]] == ranking(g, strategy)[:5]


def test_pagerank_ranks_by_weighted_pagerank() -> None:
    """With ``--weight weight``, the heavy d-e tie outranks the unweighted hub of a star;
    without, the hub leads."""
    g = nx.Graph()
    g.add_edge("a", "hub", weight=1)
    g.add_edge("b", "hub", weight=1)
    g.add_edge("c", "d", weight=1)
    g.add_edge("d", "e", weight=20)
    g.add_edge("e", "f", weight=1)
    assert ranking(g, "pagerank", weight="weight") == ["d", "e", "hub", "a", "b", "c", "f"]
    assert ranking(g, "pagerank")[0] == "hub"
    g["d"]["e"]["weight"] = 1
    assert ranking(g, "pagerank", weight="weight")[0] == "hub"
    edgeless = nx.Graph()
    edgeless.add_nodes_from(["z", "y", "x"])
    assert ranking(edgeless, "pagerank") == ["x", "y", "z"]  # uniform scores: by id


def test_steps_record_both_fractions_of_the_intact_network() -> None:
    g = barbell_with_broker()
    eff0 = nx.global_efficiency(g)
    result = simulate(g, "betweenness", steps=3)
    assert result.sequential[0] == result.one_shot[0] == Step(0, None, None, 11, 1.0, eff0, 1.0)
    h = g.copy()
    for step in result.sequential[1:]:
        h.remove_node(step.removed)
        lcc = max(len(c) for c in nx.connected_components(h))
        assert step.lcc == lcc and step.lcc_fraction == pytest.approx(lcc / 11)
        assert step.efficiency == pytest.approx(nx.global_efficiency(h))
        assert step.efficiency_fraction == pytest.approx(nx.global_efficiency(h) / eff0)
        assert 0 < step.efficiency_fraction < 1
    assert (result.seed, result.nodes, result.edges) == (42, 11, g.number_of_edges())


def test_a_network_without_edges_has_no_efficiency_to_lose() -> None:
    g = nx.Graph()
    g.add_nodes_from(["a", "b", "c"])
    result = simulate(g, "degree", steps=2)
    assert result.sequential[0] == Step(0, None, None, 1, 1.0, 0.0, 0.0)
    assert [(s.efficiency, s.efficiency_fraction) for s in result.sequential] == [(0.0, 0.0)] * 3
    assert [s.lcc_fraction for s in result.one_shot] == [1.0, 1.0, 1.0]


def test_global_efficiency_exact_or_estimated() -> None:
    pair = nx.Graph([("a", "b")])
    assert disrupt_module.global_efficiency(pair) == (1.0, False)
    single = nx.Graph()
    single.add_node("a")
    assert disrupt_module.global_efficiency(single) == (0.0, False)
    g = barbell_with_broker()
    assert disrupt_module.global_efficiency(g) == (pytest.approx(nx.global_efficiency(g)), False)


def test_estimated_efficiency_is_seeded_per_step(monkeypatch) -> None:
    """Above the limit each step samples its own sources, seeded by seed + step, and the
    result says so in a note."""
    g = barbell_with_broker()
    monkeypatch.setattr(disrupt_module, "EFFICIENCY_LIMIT", 5)  # 11 nodes: estimated
    monkeypatch.setattr(disrupt_module, "EFFICIENCY_SAMPLE", 3)
    monkeypatch.setattr(disrupt_module, "MIN_EFFICIENCY_SAMPLE", 3)
    value, sampled = disrupt_module.global_efficiency(g, 7)
    assert sampled and value != pytest.approx(nx.global_efficiency(g))
    assert disrupt_module.global_efficiency(g) == disrupt_module.global_efficiency(g, 42)
    result = simulate(g, "degree", steps=2, seed=7)
    assert result.sequential[0].efficiency == value
    h = g.copy()
    for step in result.sequential[1:]:
        h.remove_node(step.removed)
        expected, sampled = disrupt_module.global_efficiency(h, 7 + step.step)
        assert sampled and step.efficiency == expected
    assert result.notes == [
        "efficiency estimated from 3 sampled sources per step, seed=7 (exact up to 5 nodes)"
    ]
    monkeypatch.setattr(disrupt_module, "EFFICIENCY_LIMIT", 11)  # at the limit: exact
    assert disrupt_module.global_efficiency(g)[1] is False
    assert simulate(g, "degree", steps=2).notes == []


def test_sampled_betweenness_is_seeded_and_noted(monkeypatch) -> None:
    g = barbell_with_broker()
    monkeypatch.setattr(measures_module, "EXACT_WORK", 0)  # every graph sampled ...
    monkeypatch.setattr(measures_module, "MAX_SAMPLE_K", 3)  # ... from 3 sources
    k = measures_module.betweenness_sample(11, g.number_of_edges())
    assert k == 3
    result = simulate(g, "betweenness", steps=3, seed=3)
    h = g.copy()
    for step in result.sequential[1:]:
        assert step.removed == ranking(h, "betweenness", 3)[0]
        h.remove_node(step.removed)
    assert [s.removed for s in result.one_shot[1:]] == ranking(g, "betweenness", 3)[:3]
    # seeds matter here (so the checks above would see the wrong seed used)
    assert ranking(g, "betweenness", 3) != ranking(g, "betweenness", 42)
    seq42 = simulate(g, "betweenness", steps=3, seed=42).sequential
    assert [s.removed for s in result.sequential] != [s.removed for s in seq42]
    assert simulate(g, "betweenness", steps=1, seed=5).notes == [
        f"betweenness ranking sampled, k={k} seed=5"
    ]
    assert simulate(g, "degree", steps=1, seed=5).notes == []
    assert ranking(g, "betweenness", 5) == sorted(
        g, key=lambda v: (-measures_module.betweenness(g, 5)[v], v)
    )


def test_defaults() -> None:
    g = barbell_with_broker()
    result = simulate(g)
    assert (result.strategy, result.seed) == ("degree", 42)
    assert len(result.sequential) == DEFAULT_STEPS + 1
    assert ranking(g, "random") == ranking(g, "random", 42) != ranking(g, "random", 43)


def test_as_many_steps_as_nodes_needs_no_note() -> None:
    g = nx.Graph([("a", "b")])
    result = simulate(g, "degree", steps=2)
    assert result.notes == [] and [s.lcc for s in result.sequential] == [2, 1, 0]


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
    unknown = (
        r"^unknown strategy 'eigen'; choose one of degree, betweenness, katz, "
        r"collective-influence, pagerank, random$"
    )
    with pytest.raises(AnalysisError, match=r"^the graph is empty: nothing to disrupt$"):
        simulate(nx.Graph(), "degree")
    with pytest.raises(AnalysisError, match=unknown):
        simulate(barbell_with_broker(), "eigen")
    with pytest.raises(AnalysisError, match=unknown):
        ranking(barbell_with_broker(), "eigen")
    with pytest.raises(AnalysisError, match=r"^--steps must be at least 1$"):
        simulate(barbell_with_broker(), "degree", steps=0)


def test_the_figure_shows_both_modes_of_both_measures() -> None:
    result = simulate(path7(), "betweenness", steps=3)
    fig = disruption_figure(result)
    assert tuple(fig.get_size_inches()) == (10, 4)
    assert fig.get_layout_engine() is not None  # constrained: labels do not overlap
    assert fig._suptitle.get_text() == "disruption by betweenness (7 nodes)"
    assert disruption_figure(result, "my title")._suptitle.get_text() == "my title"
    lcc_ax, eff_ax = fig.axes
    assert lcc_ax.get_subplotspec().get_geometry() == (1, 2, 0, 0)  # side by side
    assert eff_ax.get_subplotspec().get_geometry() == (1, 2, 1, 1)
    for ax, metric, ylabel in (
        (lcc_ax, "lcc_fraction", "largest connected component (fraction)"),
        (eff_ax, "efficiency_fraction", "global efficiency (fraction)"),
    ):
        assert ax.get_ylabel() == ylabel and ax.get_xlabel() == "nodes removed"
        assert ax.get_ylim() == (0, 1.05)
        assert ax.xaxis.get_gridlines()[0].get_visible()
        assert ax.xaxis.get_gridlines()[0].get_alpha() == 0.3
        assert [t.get_text() for t in ax.get_legend().get_texts()] == ["sequential", "one-shot"]
        seq, one = ax.get_lines()
        for line, series, marker, style in (
            (seq, result.sequential, "o", "-"),
            (one, result.one_shot, "s", "--"),
        ):
            assert list(line.get_xdata()) == [0, 1, 2, 3]
            assert list(line.get_ydata()) == [getattr(s, metric) for s in series]
            assert (line.get_marker(), line.get_linestyle()) == (marker, style)
    assert list(lcc_ax.get_lines()[0].get_ydata()) != list(lcc_ax.get_lines()[1].get_ydata())


def test_plot_writes_a_png(tmp_path) -> None:
    result = simulate(barbell_with_broker(), "degree", steps=3)
    out = plot_disruption(result, tmp_path / "plot.png")
    png = out.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1200, 480)  # 10 x 4 inches at 120 dpi
    # the PNG is the figure, title included
    titled = plot_disruption(result, tmp_path / "titled.png", "my title").read_bytes()
    expected = io.BytesIO()
    disruption_figure(result, "my title").savefig(expected, dpi=120, format="png")
    assert titled == expected.getvalue() != png
    # folders are made as for every output (graphkit.output); a place that cannot hold a
    # file (under a regular file) is one clear error
    assert plot_disruption(result, tmp_path / "new" / "plot.png").is_file()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(AnalysisError, match="cannot write"):
        plot_disruption(result, tmp_path / "file" / "plot.png")


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


# -- weights reach every strategy and mode; defaults; messages a user reads ----------------


def heavy_tie() -> nx.Graph:
    """A hub with three light ties (a, b, c) and, hanging off c, a heavy tie d-e (5)."""
    g = nx.Graph()
    for leaf in ("a", "b", "c"):
        g.add_edge("hub", leaf, weight=1)
    g.add_edge("c", "d", weight=1)
    g.add_edge("d", "e", weight=5)
    return g


def by_strength(h: nx.Graph) -> list[str]:
    """Nodes by decreasing strength (sum of tie weights), ties by id: plain networkx."""
    strength = dict(h.degree(weight="weight"))
    return sorted(h, key=lambda v: (-strength[v], v))


def test_weights_reach_every_mode() -> None:
    """With ``weight="weight"`` each mode ranks by strength: d (1 + 5) goes before the hub
    (3), which an unweighted run removes first."""
    g = heavy_tie()
    result = simulate(g, "degree", steps=3, weight="weight", modes=MODES, block_size=2)
    assert (result.weight, result.to_dict()["weight"]) == ("weight", "weight")
    h = g.copy()
    for step in result.sequential[1:]:
        assert step.removed == by_strength(h)[0]
        h.remove_node(step.removed)
    assert [s.removed for s in result.one_shot[1:]] == by_strength(g)[:3] == ["d", "e", "hub"]
    h = g.copy()
    expected_block = by_strength(h)[:2]  # d, e; then recomputed on what is left
    h.remove_nodes_from(expected_block)
    expected_block.append(by_strength(h)[0])
    assert [s.removed for s in result.block[1:]] == expected_block
    unweighted = simulate(g, "degree", steps=1, modes=MODES)
    assert unweighted.weight == "none"
    assert {unweighted.curve(m)[1].removed for m in MODES} == {"hub"}


def test_every_weighted_score_uses_the_weight() -> None:
    g = heavy_tie()
    scores = disrupt_module.scores
    assert scores(g, "katz", weight="weight") == pytest.approx(
        nx.katz_centrality_numpy(g, alpha=0.1, beta=1.0, weight="weight")
    )
    assert scores(g, "katz", weight="weight") != pytest.approx(scores(g, "katz"))
    # CI with strengths: d has strength 6 and neighbours c (2) and e (5): (6-1) * (1 + 4)
    assert scores(g, "collective-influence", weight="weight")["d"] == 25
    # and with degrees: d has degree 2 and neighbours c (2) and e (1): (2-1) * (1 + 0)
    assert scores(g, "collective-influence")["d"] == 1


def test_pagerank_of_a_graph_without_edges_is_uniform() -> None:
    """PageRank sums to 1: without edges every node has 1/n."""
    edgeless = nx.Graph()
    edgeless.add_nodes_from(["x", "y", "z"])
    assert disrupt_module.scores(edgeless, "pagerank") == pytest.approx(dict.fromkeys("xyz", 1 / 3))
    alone = nx.Graph()
    alone.add_node("x")
    assert disrupt_module.scores(alone, "pagerank") == {"x": 1.0}


def test_scores_and_removals_default_to_seed_42_and_no_weight(monkeypatch) -> None:
    g = barbell_with_broker()
    monkeypatch.setattr(measures_module, "EXACT_WORK", 0)  # sampled: the seed matters
    monkeypatch.setattr(measures_module, "MAX_SAMPLE_K", 3)
    scores = disrupt_module.scores
    assert scores(g, "betweenness") == scores(g, "betweenness", seed=42)
    assert scores(g, "betweenness", seed=43) != scores(g, "betweenness", seed=42)
    removed = [v for v, _ in disrupt_module.removals(g, "random", 4, every=None)]
    assert removed == ranking(g, "random", 42)[:4]
    weighted = heavy_tie()
    (first,) = [v for v, _ in disrupt_module.removals(weighted, "degree", 1, every=1)]
    assert first == "hub"  # by degree (3), not by strength (d: 6)


def test_katz_of_one_node_is_one() -> None:
    """A network reduced to one node still has a Katz ranking (networkx's solver fails on a
    1 x 1 system): normalised, the lone score is 1. So a katz run may remove every node."""
    alone = nx.Graph()
    alone.add_node("x")
    assert disrupt_module.katz(alone) == {"x": 1.0}
    pair = nx.Graph([("a", "b")])
    assert disrupt_module.katz(pair) == pytest.approx(nx.katz_centrality_numpy(pair))
    result = simulate(nx.path_graph(["a", "b", "c"]), "katz", steps=3)
    assert [s.removed for s in result.sequential[1:]] == ["b", "a", "c"]
    assert [s.lcc for s in result.one_shot] == [3, 1, 1, 0]


def test_the_sparse_katz_solver_ignores_weights_unless_asked(monkeypatch) -> None:
    g = two_hubs()
    g["h2"]["b"]["weight"] = 4
    dense = disrupt_module.katz(g)
    monkeypatch.setattr(disrupt_module, "KATZ_DENSE_LIMIT", 0)
    assert disrupt_module.katz(g) == pytest.approx(dense, abs=1e-12)
    assert disrupt_module.katz(g) != pytest.approx(disrupt_module.katz(g, "weight"))


def single_tie(weight: float) -> nx.Graph:
    g = nx.Graph()
    g.add_edge("a", "b", weight=weight)
    return g


def test_katz_note_from_the_largest_eigenvalue() -> None:
    """One tie of weight w has eigenvalues w and -w: Katz's series converges only for
    alpha x w < 1, so w = 10 (alpha 0.1) is the first weight to warn about."""
    note = disrupt_module.katz_note
    assert note(single_tie(10), "weight") == (
        "katz: alpha 0.1 is not below 1/lambda_max (lambda_max = 10): the scores solve "
        "Katz's equation but no longer rank by influence; prefer another strategy"
    )
    assert note(single_tie(9.9), "weight") is None
    assert note(single_tie(12)) is None  # unweighted: lambda_max = 1
    assert note(nx.Graph()) is None


@pytest.mark.parametrize("dense_limit", [2_000, 0], ids=["dense", "sparse"])
def test_both_eigen_solvers_find_the_largest_eigenvalue(monkeypatch, dense_limit: int) -> None:
    """Dense (small graphs) or sparse (large ones), the note needs the largest eigenvalue,
    not the one of largest magnitude (-12 and 12 for one tie of weight 12)."""
    monkeypatch.setattr(disrupt_module, "KATZ_DENSE_LIMIT", dense_limit)
    note = disrupt_module.katz_note
    assert "lambda_max = 12" in note(single_tie(12), "weight")
    assert note(single_tie(9), "weight") is None
    assert note(single_tie(12)) is None
    assert "lambda_max = 14" in note(nx.complete_graph(15))
    assert note(two_hubs()) is None


def test_the_katz_note_follows_the_weight() -> None:
    g = two_hubs()
    g["h1"]["b"]["weight"] = 12  # weighted lambda_max above 12; unweighted about 2.3
    weighted = simulate(g, "katz", steps=1, weight="weight")
    assert any(n.startswith("katz: alpha 0.1 is not below") for n in weighted.notes)
    assert simulate(g, "katz", steps=1).notes == []


def test_block_size_is_kept_only_for_a_block_run() -> None:
    assert simulate(two_hubs(), "degree", steps=1, modes=["sequential"]).block_size is None
    assert simulate(two_hubs(), "degree", steps=1, modes=["block"], block_size=4).block_size == 4


def test_the_figure_names_a_block_by_its_size() -> None:
    result = simulate(path7(), "degree", steps=3, modes=["sequential", "block"], block_size=2)
    lcc_ax, _ = disruption_figure(result).axes
    assert [t.get_text() for t in lcc_ax.get_legend().get_texts()] == [
        "sequential",
        "block of 2",
    ]
    block = lcc_ax.get_lines()[1]
    assert (block.get_marker(), block.get_linestyle()) == ("^", ":")
    assert list(block.get_ydata()) == [s.lcc_fraction for s in result.block]


def test_the_plot_is_a_png_whatever_the_default_format(tmp_path, monkeypatch) -> None:
    import matplotlib

    monkeypatch.setitem(matplotlib.rcParams, "savefig.format", "svg")
    result = simulate(barbell_with_broker(), "degree", steps=1)
    png = plot_disruption(result, tmp_path / "plot.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_plot_is_not_written_into_a_protected_place(tmp_path) -> None:
    result = simulate(barbell_with_broker(), "degree", steps=1)
    db = tmp_path / "db"
    db.mkdir()
    with pytest.raises(AnalysisError):
        plot_disruption(result, db / "plot.png", protect=[db])
    assert not (db / "plot.png").exists()


def test_messages_name_the_choices() -> None:
    g = two_hubs()
    with pytest.raises(
        AnalysisError, match=r"^unknown weight 'heavy'; choose one of none, weight$"
    ):
        simulate(g, "degree", weight="heavy")
    with pytest.raises(
        AnalysisError, match=r"^unknown mode 'both'; choose from sequential, one-shot, block$"
    ):
        simulate(g, "degree", modes=["both"])
    with pytest.raises(
        AnalysisError, match=r"^unknown mode ''; choose from sequential, one-shot, block$"
    ):
        simulate(g, "degree", modes=[])
    with pytest.raises(AnalysisError, match=r"^--block-size must be at least 1$"):
        simulate(g, "degree", modes=["block"], block_size=0)
    with pytest.raises(
        AnalysisError,
        match=r"^--plot out\.svg: the plot is a PNG image; give a file name ending in \.png$",
    ):
        disrupt_module.plot_path("out.svg")


def test_sampled_efficiency_of_each_step_uses_that_steps_seed(monkeypatch) -> None:
    """On a path every source sees different distances, so a sample drawn with another seed
    (or none) would give another estimate."""
    g = nx.path_graph(30)
    monkeypatch.setattr(disrupt_module, "EFFICIENCY_LIMIT", 5)
    monkeypatch.setattr(disrupt_module, "EFFICIENCY_SAMPLE", 3)
    monkeypatch.setattr(disrupt_module, "MIN_EFFICIENCY_SAMPLE", 3)
    result = simulate(g, "degree", steps=3, seed=7, modes=["one-shot"])
    h = g.copy()
    for step in result.one_shot[1:]:
        h.remove_node(step.removed)
        expected, sampled = disrupt_module.global_efficiency(h, 7 + step.step)
        assert sampled and step.efficiency == expected
        others = {disrupt_module.global_efficiency(h, s)[0] for s in range(20)}
        assert len(others) > 5  # the seed decides the estimate


def test_the_katz_note_on_bipartite_networks_does_not_depend_on_the_solver(monkeypatch) -> None:
    """A bipartite network (a star, a tree: a broker and its contacts) has eigenvalues
    lambda and -lambda, equally large: the sparse solver must be asked for the largest, not
    for the one of largest magnitude, or the note would come and go from run to run."""
    monkeypatch.setattr(disrupt_module, "KATZ_DENSE_LIMIT", 0)
    for leaves in range(1, 9):
        star = nx.star_graph(leaves)
        nx.set_edge_attributes(star, 12, "weight")  # lambda_max = 12 x sqrt(leaves)
        assert disrupt_module.katz_note(star, "weight") is not None, leaves


def _hub_and_groups() -> nx.Graph:
    """An agency hub in a country joins three groups; each group has two members."""
    g = nx.Graph()
    g.add_node("A:europol", label="Agency", name="Europol")
    g.add_node("C:NL", label="Country", name="Netherlands")
    g.add_edge("A:europol", "C:NL")
    for i in range(3):
        group = f"G:{i}"
        g.add_node(group, label="CriminalGroup", name=f"group {i}")
        g.add_edge("A:europol", group)
        g.add_edge("C:NL", group)
        for j in range(2):
            g.add_node(f"P:{i}{j}", label="Person", name=f"person {i}{j}")
            g.add_edge(group, f"P:{i}{j}")
    return g


@pytest.mark.parametrize("strategy", STRATEGIES)
def test_only_targets_are_removed_but_every_node_counts(strategy: str) -> None:
    g = _hub_and_groups()
    result = simulate(g, strategy, steps=3, targets=disrupt_module.DEFAULT_TARGETS)
    assert result.targets == ["CriminalGroup", "Person"]
    for mode in result.modes:
        removed = [s.removed for s in result.curve(mode)[1:]]
        assert len(removed) == 3
        assert all(r.startswith(("G:", "P:")) for r in removed), removed
    assert result.nodes == g.number_of_nodes()  # agencies and countries stay in the network
    everything = simulate(g, "degree", steps=1)
    assert everything.targets is None and everything.sequential[1].removed == "A:europol"


def test_targets_follow_the_projection_unless_named() -> None:
    assert disrupt_module.targets_for("full") == ("CriminalGroup", "Person")
    assert disrupt_module.targets_for("agencies") is None  # the projection asked for agencies
    assert disrupt_module.targets_for("full", ["Agency", "Agency"]) == ("Agency",)
    with pytest.raises(
        AnalysisError, match="--target: unknown label 'Agencie'; choose from Report, "
    ):
        disrupt_module.targets_for("full", ["Agencie"])


def test_too_few_targets_cut_the_steps_and_none_is_an_error() -> None:
    g = _hub_and_groups()
    result = simulate(g, "degree", steps=20, targets=["CriminalGroup"])
    assert len(result.sequential) == 4
    assert "only 3 CriminalGroup node(s) to remove: 3 step(s), not 20" in result.notes
    with pytest.raises(AnalysisError, match="nothing to remove: no Operation in the graph"):
        simulate(g, "degree", steps=1, targets=["Operation"])


def test_a_simulation_collects_less_with_the_graph_frozen_then_gives_the_collector_back(
    monkeypatch,
) -> None:
    """Each step's measures allocate heavily while the graph lives throughout: during the
    simulation the collector runs less often with the graph frozen out of its walks
    (graphkit.collector); after it, and after a failure, the caller's setting is back."""
    import gc

    from graphkit.collector import YOUNG_COLLECTION_ALLOCATIONS

    seen: list[tuple[int, int]] = []
    efficiency = disrupt_module.global_efficiency

    def watched(graph: nx.Graph, seed: int = 42) -> tuple[float, bool]:
        seen.append((gc.get_threshold()[0], gc.get_freeze_count()))
        return efficiency(graph, seed)

    monkeypatch.setattr(disrupt_module, "global_efficiency", watched)
    before = gc.get_threshold()
    g = barbell_with_broker()
    simulate(g, "degree", steps=2)
    assert seen and all(t == max(before[0], YOUNG_COLLECTION_ALLOCATIONS) for t, _ in seen)
    assert all(frozen > g.number_of_nodes() for _, frozen in seen)
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)
    with pytest.raises(AnalysisError):
        simulate(g, "no such strategy")
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)
