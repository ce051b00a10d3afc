"""The igraph engine against the networkx reference: the same numbers where the measure is
exact, the same sample where it is sampled, communities of the same quality."""

from __future__ import annotations

import random
import subprocess
import sys
import time

import networkx as nx
import pytest
from analytics_graphs import agency_network, barbell_with_broker
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.analytics import compute_measures, igraph_engine, project
from graphkit.analytics import measures as measures_module
from graphkit.analytics.measures import resolve_engine
from graphkit.errors import AnalysisError

EXACT = ["degree", "weighted_degree", "betweenness", "closeness", "kcore", "articulation"]
EXACT += ["bridges"]


def weighted_graph(n: int, m: int, seed: int, isolated: int = 0) -> nx.Graph:
    """A random graph with weights 1, 2 or 4: distances 1, 0.5 and 0.25 add up exactly in
    binary floating point, so equal path lengths are equal in both engines."""
    rng = random.Random(seed)
    g = nx.gnm_random_graph(n, m, seed=seed)
    g = nx.relabel_nodes(g, {v: f"n{v:03d}" for v in g})
    for u, v in g.edges:
        g[u][v]["weight"] = rng.choice([1, 2, 4])
    g.add_nodes_from(f"alone{i}" for i in range(isolated))
    return g


def assert_same(a: dict, b: dict, tolerance: float = 1e-9) -> None:
    assert a.keys() == b.keys()
    worst = max((abs(a[v] - b[v]) for v in a), default=0.0)
    assert worst <= tolerance, worst


def both(graph: nx.Graph, measures: list[str], seed: int = 42):
    return (
        compute_measures(graph, measures, seed=seed, engine="networkx"),
        compute_measures(graph, measures, seed=seed, engine="igraph"),
    )


@pytest.mark.parametrize(
    "graph",
    [
        barbell_with_broker(),
        weighted_graph(120, 300, seed=1),
        weighted_graph(80, 90, seed=2, isolated=3),  # several components, isolated nodes
        nx.relabel_nodes(nx.path_graph(2), str),
        project(agency_network(), "full"),
        nx.Graph((u, v, {"weight": 2}) for u, v in weighted_graph(60, 150, seed=5).edges),
    ],
    ids=["barbell", "weighted", "disconnected", "two-nodes", "ontology", "all-weights-2"],
)
def test_exact_measures_are_equal_to_1e_9(graph: nx.Graph) -> None:
    nx_result, ig_result = both(graph, EXACT)
    for measure in EXACT:
        assert_same(nx_result.values[measure], ig_result.values[measure])
    assert "engine: igraph" in ig_result.notes
    assert "engine: igraph" not in nx_result.notes


def test_pagerank_agrees_to_networkx_tolerance() -> None:
    """networkx iterates to a tolerance of 1e-6 (summed over nodes); igraph solves exactly."""
    graph = weighted_graph(150, 400, seed=3, isolated=2)
    nx_result, ig_result = both(graph, ["pagerank"])
    assert_same(nx_result.values["pagerank"], ig_result.values["pagerank"], 1e-5)
    assert sum(ig_result.values["pagerank"].values()) == pytest.approx(1.0)


def test_pagerank_is_the_same_to_the_last_bit_at_every_call() -> None:
    """igraph's PageRank sums in parallel threads; run in one, the same graph gives the same
    values every time (in threads, on 2 cores, four calls gave four different last bits)."""
    rng = random.Random(1)
    n = 20_000
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from(
        (rng.randrange(n), rng.randrange(n), rng.random() + 0.5) for _ in range(100_000)
    )
    c = igraph_engine.Converted(g)
    runtime = igraph_engine._openmp_runtime()
    threads = runtime.omp_get_max_threads() if runtime is not None else None
    first = igraph_engine.pagerank(c)
    assert all(igraph_engine.pagerank(c) == first for _ in range(4))
    if runtime is not None:  # the bundled runtime's setting comes back after the call
        assert runtime.omp_get_max_threads() == threads


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(min_value=3, max_value=40),
    density=st.floats(min_value=0.0, max_value=0.5),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_engines_agree_on_any_small_graph(n: int, density: float, seed: int) -> None:
    graph = weighted_graph(n, int(density * n * (n - 1) / 2), seed=seed)
    nx_result, ig_result = both(graph, EXACT)
    for measure in EXACT:
        assert_same(nx_result.values[measure], ig_result.values[measure])


@pytest.mark.parametrize("k", [1, 2, 17, 60])
def test_sampled_betweenness_draws_the_same_sources_and_gives_the_same_estimate(k) -> None:
    graph = weighted_graph(60, 150, seed=5, isolated=1)
    want = nx.betweenness_centrality(graph, k=k, normalized=True, seed=9)  # hop counts
    got = igraph_engine.betweenness(igraph_engine.Converted(graph), k, 9, weighted=False)
    assert want.keys() == got.keys()
    for v in want:
        assert got[v] == pytest.approx(want[v], abs=1e-12, nan_ok=True)


def test_sampling_is_the_same_decision_with_either_engine(monkeypatch) -> None:
    monkeypatch.setattr(measures_module, "EXACT_WORK", 1_000)  # force sampling here
    graph = weighted_graph(100, 250, seed=6)
    nx_result, ig_result = both(graph, ["betweenness"], seed=3)
    assert_same(nx_result.values["betweenness"], ig_result.values["betweenness"])
    note = next(n for n in ig_result.notes if n.startswith("betweenness"))
    assert note in nx_result.notes and "sampled k=" in note and "seed=3" in note


def modularity(graph: nx.Graph, communities: list[list[str]]) -> float:
    return nx.community.modularity(graph, communities, weight="weight")


@pytest.mark.parametrize("seed", [1, 42])
def test_communities_are_as_good_as_the_reference_and_repeatable(seed: int) -> None:
    graph = weighted_graph(200, 500, seed=7)
    nx_result, ig_result = both(graph, ["community"], seed=seed)
    reference = modularity(graph, nx_result.communities())
    louvain = modularity(graph, ig_result.communities())
    assert louvain >= reference - 0.02
    leiden = compute_measures(graph, ["leiden"], seed=seed, engine="igraph").values["leiden"]
    groups: dict[int, list[str]] = {}
    for v, c in leiden.items():
        groups.setdefault(c, []).append(v)
    assert modularity(graph, list(groups.values())) >= louvain - 0.01
    # every node in exactly one community, ids by size (largest first)
    sizes = [len(groups[c]) for c in sorted(groups)]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) == graph.number_of_nodes()
    again = compute_measures(graph, ["community"], seed=seed, engine="igraph")
    assert again.values == ig_result.values


@given(
    n=st.integers(2, 40),
    density=st.floats(0.05, 0.6),
    isolated=st.integers(0, 3),
    seed=st.integers(0, 10_000),
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_igraph_engine_computes_the_partitions_modularity_as_networkx_does(
    n: int, density: float, isolated: int, seed: int
) -> None:
    """Any partition (the engine's communities, or a random one), weighted, with isolated
    nodes: igraph's modularity equals networkx's to 1e-9, so the notes say the same."""
    graph = weighted_graph(n, int(density * n * (n - 1) / 2), seed, isolated)
    converted = igraph_engine.Converted(graph)
    rng = random.Random(seed)
    nodes = list(graph)
    rng.shuffle(nodes)
    cuts = sorted(rng.sample(range(1, len(nodes)), min(3, len(nodes) - 1)))
    random_partition = [nodes[a:b] for a, b in zip([0, *cuts], [*cuts, len(nodes)], strict=True)]
    for partition in (igraph_engine.communities(converted, seed), random_partition, [nodes]):
        if graph.number_of_edges():
            want = modularity(graph, partition)
            assert abs(igraph_engine.modularity(converted, partition) - want) <= 1e-9


def test_the_igraph_copy_holds_the_edges_in_networkx_order_with_their_weights() -> None:
    """igraph's randomised methods (Louvain, Leiden) follow the edge order: the copy keeps
    networkx's, so a seed gives the communities it gave before."""
    graph = weighted_graph(60, 200, seed=4, isolated=2)
    graph.add_edge("z-last", "n000")  # a node added late, joined to an early one
    converted = igraph_engine.Converted(graph)
    copied = [
        (converted.nodes[i], converted.nodes[j], w)
        for (i, j), w in zip(
            converted.graph.get_edgelist(), converted.graph.es["weight"], strict=True
        )
    ]
    assert copied == [(u, v, float(w)) for u, v, w in graph.edges(data="weight", default=1)]


def test_louvain_on_igraph_finds_the_two_cliques() -> None:
    graph = barbell_with_broker()
    result = compute_measures(graph, ["community"], engine="igraph")
    found = sorted((set(c) - {"broker"} for c in result.communities()), key=sorted)
    assert found == [{f"l{i}" for i in range(5)}, {f"r{i}" for i in range(5)}]


def test_measures_igraph_lacks_come_from_networkx() -> None:
    graph = weighted_graph(50, 120, seed=8)
    nx_result, ig_result = both(graph, ["eigenvector", "constraint", "effective_size"])
    assert nx_result.values == ig_result.values


def test_auto_is_igraph_when_installed_and_networkx_otherwise(monkeypatch) -> None:
    assert resolve_engine("auto") == "igraph" and resolve_engine(None) == "igraph"
    monkeypatch.setattr(igraph_engine, "available", lambda: False)
    assert resolve_engine("auto") == "networkx"
    with pytest.raises(AnalysisError, match=r"pip install 'graphkit\[fast\]'"):
        resolve_engine("igraph")
    with pytest.raises(AnalysisError, match="unknown engine 'fast'; choose one of auto"):
        resolve_engine("fast")


def test_without_igraph_networkx_answers_and_leiden_says_how_to_get_it(tmp_path) -> None:
    """In a process where ``import igraph`` fails, as on an install without the extra."""
    script = """
import sys
import time
sys.modules["igraph"] = None  # import igraph raises ImportError
import networkx as nx
from graphkit.analytics import compute_measures
from graphkit.errors import AnalysisError
g = nx.karate_club_graph()
print(sorted(compute_measures(g, ["community"], engine="auto").values["community"].items())[:2])
try:
    compute_measures(g, ["leiden"])
except AnalysisError as exc:
    print(exc)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert first.startswith("[(0, ")
    assert "python-igraph" in second and "pip install 'graphkit[fast]'" in second


@pytest.mark.parametrize("weight", ["none", "weight"])
def test_disruption_by_betweenness_removes_the_same_nodes_with_either_engine(weight) -> None:
    from graphkit.analytics import simulate

    graph = weighted_graph(70, 160, seed=11)
    runs = [
        simulate(graph, "betweenness", 12, weight=weight, engine=engine, modes=["sequential"])
        for engine in ("networkx", "igraph")
    ]
    assert [s.removed for s in runs[0].sequential] == [s.removed for s in runs[1].sequential]
    assert runs[0].sequential == runs[1].sequential


def test_three_nodes_have_a_broker_with_either_engine() -> None:
    """The smallest graph where betweenness is not all zero (below three nodes it is)."""
    path = nx.relabel_nodes(nx.path_graph(3), str)
    nx.set_edge_attributes(path, 1, "weight")
    nx_result, ig_result = both(path, ["betweenness", "kcore"])
    assert ig_result.values["betweenness"] == {"0": 0.0, "1": 1.0, "2": 0.0}
    assert_same(nx_result.values["betweenness"], ig_result.values["betweenness"])
    assert all(type(v) is int for v in ig_result.values["kcore"].values())


def test_leiden_and_louvain_are_the_algorithms_they_name() -> None:
    """The same seed, igraph called directly: the engine must not swap the two."""
    import random as stdlib_random

    import igraph

    graph = weighted_graph(150, 420, seed=12)
    converted = igraph_engine.Converted(graph)
    for method in ("leiden", "louvain"):
        igraph.set_random_number_generator(stdlib_random.Random(5))
        try:
            g = converted.graph
            direct = (
                g.community_leiden(
                    objective_function="modularity", weights="weight", n_iterations=-1
                )
                if method == "leiden"
                else g.community_multilevel(weights="weight")
            )
        finally:
            igraph.set_random_number_generator(stdlib_random)
        want = sorted(sorted(converted.nodes[i] for i in members) for members in direct)
        got = sorted(sorted(m) for m in igraph_engine.communities(converted, 5, method))
        assert got == want, method


@pytest.mark.parametrize(
    ("engine", "measures", "copied", "louvain"),
    [
        ("igraph", ["community", "degree"], True, "community: Louvain (igraph)"),
        ("networkx", ["community", "degree"], False, "community: Louvain seed"),
        # Leiden needs igraph whatever the engine; the other measures stay with networkx
        ("networkx", ["leiden", "community"], True, "community: Louvain seed"),
    ],
)
def test_each_measure_runs_on_its_engine_and_each_step_is_timed(
    engine: str, measures: list[str], copied: bool, louvain: str
) -> None:
    g = nx.karate_club_graph()
    start = time.perf_counter()
    result = compute_measures(g, measures, engine=engine)
    wall = time.perf_counter() - start
    assert any(note.startswith(louvain) for note in result.notes), result.notes
    assert ("engine: igraph" in result.notes) == (engine == "igraph")
    assert set(result.seconds) == set(measures) | ({"igraph copy"} if copied else set())
    assert all(0 <= seconds <= wall for seconds in result.seconds.values())


@pytest.mark.parametrize(
    ("measure", "method", "name"),
    [
        ("community", "louvain", "community: Louvain (igraph)"),
        ("leiden", "leiden", "leiden: Leiden (igraph, modularity)"),
    ],
)
def test_igraph_communities_are_the_seeded_partition_of_the_method_named(
    measure: str, method: str, name: str
) -> None:
    """Each seed gives igraph's own partition for that seed and method, numbered largest
    first, and the note names the method, the seed and the partition's modularity."""
    g = nx.gnp_random_graph(80, 0.06, seed=3)
    nx.set_edge_attributes(g, {e: 1 + i % 3 for i, e in enumerate(g.edges)}, "weight")
    partitions = set()
    for seed in range(1, 6):
        result = compute_measures(g, [measure], seed=seed, engine="igraph")
        groups: dict[int, set[int]] = {}
        for node, community in result.values[measure].items():
            groups.setdefault(community, set()).add(node)
        found = igraph_engine.communities(igraph_engine.Converted(g), seed, method)
        assert sorted(map(sorted, groups.values())) == sorted(map(sorted, found))
        ordered = [sorted(groups[i]) for i in range(len(groups))]
        quality = nx.community.modularity(g, ordered, weight="weight")
        assert result.notes[-1] == (
            f"{name} seed={seed}, {len(groups)} communities, modularity {quality:.3f}"
        )
        partitions.add(frozenset(map(frozenset, groups.values())))
    assert len(partitions) > 1  # the seeds matter on this graph
