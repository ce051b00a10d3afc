"""Exact betweenness at any size (``analyze --exact``): igraph's subset betweenness over
chunks of sources, in worker processes, without a search from leaves, against networkx's
exact ``betweenness_centrality``, the reference."""

from __future__ import annotations

import heapq
import json
import random
import subprocess
import sys

import networkx as nx
import pytest
from analytics_graphs import agency_network, barbell_with_broker
from graphkit_cli import SEED, graphkit, ok
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit.analytics import compute_measures, igraph_engine, project
from graphkit.analytics import measures as measures_module
from graphkit.analytics.measures import distance_graph
from graphkit.errors import AnalysisError


def random_graph(
    n: int,
    m: int,
    seed: int,
    leaves: int = 0,
    pairs: int = 0,
    isolated: int = 0,
    twins: int = 0,
) -> nx.Graph:
    """A random graph with weights 1, 2 or 4 (their inverses add up exactly in binary floating
    point, so equal path lengths are equal in both engines), ``leaves`` degree-1 nodes hung
    on random nodes, ``twins`` nodes tied to the same two or three nodes as another, with the
    same weights, ``pairs`` two-node components and ``isolated`` nodes."""
    rng = random.Random(seed)
    g = nx.relabel_nodes(nx.gnm_random_graph(n, m, seed=seed), lambda v: f"n{v:03d}")
    for u, v in g.edges:
        g[u][v]["weight"] = rng.choice([1, 2, 4])
    hosts = list(g)
    for i in range(leaves):
        g.add_edge(f"leaf{i}", rng.choice(hosts), weight=rng.choice([1, 2, 4]))
    ties: list[tuple[str, int]] = []
    for i in range(twins):
        if not ties or rng.random() < 0.4:  # a new set of neighbours, else the last one's
            size = min(len(hosts), rng.choice([2, 3]))
            ties = [(h, rng.choice([1, 2, 4])) for h in rng.sample(hosts, size)]
        g.add_edges_from((f"twin{i}", h, {"weight": w}) for h, w in ties)
    for i in range(pairs):
        g.add_edge(f"a{i}", f"b{i}", weight=rng.choice([1, 2, 4]))
    g.add_nodes_from(f"alone{i}" for i in range(isolated))
    return g


def reference(graph: nx.Graph, weighted: bool) -> dict:
    h, dist = distance_graph(graph) if weighted else (graph, None)
    return nx.betweenness_centrality(h, normalized=True, weight=dist)


def exact(graph: nx.Graph, weighted: bool, workers: int = 1, **kwargs) -> dict:
    c = igraph_engine.Converted(graph)
    return igraph_engine.exact_betweenness(c, weighted, workers=workers, **kwargs)


def assert_same(a: dict, b: dict, tolerance: float = 1e-9) -> None:
    assert a.keys() == b.keys()
    worst = max((abs(a[v] - b[v]) for v in a), default=0.0)
    assert worst <= tolerance, worst


GRAPHS = {
    "barbell": barbell_with_broker(),
    "random": random_graph(120, 300, seed=1),
    "leaves": random_graph(60, 90, seed=2, leaves=40),
    "twins": random_graph(40, 60, seed=8, twins=30),
    "disconnected": random_graph(50, 40, seed=3, leaves=10, pairs=3, isolated=4, twins=8),
    "star": nx.relabel_nodes(nx.star_graph(12), str),  # all but the centre are leaves
    "tree": nx.relabel_nodes(nx.random_labeled_tree(40, seed=4), str),
    "pairs": nx.relabel_nodes(nx.from_edgelist([(0, 1), (2, 3), (4, 5)]), str),  # leaves only
    "three": nx.relabel_nodes(nx.path_graph(3), str),
    "ontology": project(agency_network(), "full"),
}


@pytest.mark.parametrize("weighted", [True, False], ids=["weighted", "hops"])
@pytest.mark.parametrize("name", list(GRAPHS))
def test_exact_betweenness_is_networkx_to_1e_9(name: str, weighted: bool) -> None:
    graph = GRAPHS[name]
    assert_same(exact(graph, weighted), reference(graph, weighted))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(min_value=1, max_value=40),
    density=st.floats(min_value=0.0, max_value=0.4),
    leaves=st.integers(min_value=0, max_value=20),
    pairs=st.integers(min_value=0, max_value=2),
    twins=st.integers(min_value=0, max_value=12),
    isolated=st.integers(min_value=0, max_value=2),
    seed=st.integers(min_value=0, max_value=10_000),
    weighted=st.booleans(),
)
def test_exact_betweenness_is_networkx_on_any_small_graph(
    n: int,
    density: float,
    leaves: int,
    pairs: int,
    twins: int,
    isolated: int,
    seed: int,
    weighted: bool,
) -> None:
    m = int(density * n * (n - 1) / 2)
    graph = random_graph(n, m, seed, leaves, pairs, isolated, twins if n > 1 else 0)
    assert_same(exact(graph, weighted), reference(graph, weighted))


def test_leaves_and_twins_need_no_search_of_their_own() -> None:
    graph = random_graph(30, 45, seed=5, leaves=25, pairs=2, isolated=3)
    for p in ("p1", "p2", "p3"):
        graph.add_edges_from([(p, "n001"), (p, "n002")], weight=1)
    graph.add_edges_from([("p4", "n001"), ("p4", "n002")], weight=2)  # not at the same distance
    plan = igraph_engine.exact_plan(igraph_engine.Converted(graph))
    degree = dict(graph.degree())
    hung = sum(1 for v, d in degree.items() if d == 1 and degree[next(iter(graph[v]))] > 1)
    assert plan.leaves == hung >= 25
    assert plan.twins >= 2  # p2 and p3 count in p1's search (and twins in the random part)
    # one search per node that is neither such a leaf, nor a twin, nor isolated
    assert plan.total == graph.number_of_nodes() - hung - plan.twins - 3
    counted = sum(m * len(s) for m, s in plan.searches.items())
    assert counted == graph.number_of_nodes() - 3  # each node counted in exactly one search
    for weighted in (True, False):
        assert_same(exact(graph, weighted), reference(graph, weighted))


def test_worker_processes_give_the_same_numbers_as_one(monkeypatch) -> None:
    """Chunks of one source each, spread over two processes: summed in the same order, so
    the very same floats as in one process (and networkx's to 1e-9)."""
    monkeypatch.setattr(igraph_engine, "EXACT_CHUNK_WORK", 1)
    graph = random_graph(70, 150, seed=6, leaves=30, pairs=1, isolated=1)
    seen: list[tuple[int, int]] = []
    one = exact(graph, True)
    two = exact(graph, True, workers=2, progress=lambda d, t, s: seen.append((d, t)))
    assert one == two
    assert_same(two, reference(graph, True))
    plan = igraph_engine.exact_plan(igraph_engine.Converted(graph))
    assert [d for d, _ in seen] == list(range(1, plan.total + 1))  # after every chunk, in order
    assert {t for _, t in seen} == {plan.total}
    assert_same(exact(graph, False, workers=2), reference(graph, False))


def test_analyze_exact_computes_exact_betweenness_where_it_would_sample(monkeypatch) -> None:
    monkeypatch.setattr(measures_module, "EXACT_WORK", 1_000)  # the default would sample here
    graph = random_graph(100, 250, seed=7, leaves=30)
    sampled = compute_measures(graph, ["betweenness"], engine="igraph")
    assert any("sampled k=" in note for note in sampled.notes)
    for engine in ("igraph", "networkx"):
        result = compute_measures(graph, ["betweenness"], engine=engine, exact=True, workers=1)
        assert_same(result.values["betweenness"], reference(graph, True))
        assert not any("sampled" in note for note in result.notes)
    notes = compute_measures(graph, ["betweenness"], engine="igraph", exact=True).notes
    plan = igraph_engine.exact_plan(igraph_engine.Converted(graph))
    assert (
        f"betweenness exact: {plan.total:,} searches ({plan.leaves} leaves counted with "
        f"their neighbour, {plan.twins} nodes with a twin's), 1 process; distance = 1/weight"
    ) in notes


def test_without_igraph_exact_betweenness_says_how_to_get_it() -> None:
    """In a process where ``import igraph`` fails: on a graph that would be sampled,
    ``exact`` with the engine left to choose is an error naming the extra; asking for
    networkx by name runs networkx's exact betweenness."""
    script = """
import sys
sys.modules["igraph"] = None  # import igraph raises ImportError
import networkx as nx
from graphkit.analytics import compute_measures
from graphkit.analytics import measures
from graphkit.errors import AnalysisError
g = nx.relabel_nodes(nx.karate_club_graph(), str)
measures.EXACT_WORK = 100
try:
    compute_measures(g, ["betweenness"], exact=True, engine="auto")
except AnalysisError as exc:
    print(exc)
r = compute_measures(g, ["betweenness"], exact=True, engine="networkx")
print(r.notes[0], round(r.values["betweenness"]["0"], 6))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    error, computed = done.stdout.splitlines()
    assert error.startswith("exact betweenness on 34 nodes and 78 edges needs python-igraph")
    assert "pip install 'graphkit[fast]'" in error and "--engine networkx" in error
    h, dist = distance_graph(nx.karate_club_graph())
    want = nx.betweenness_centrality(h, weight=dist)[0]
    assert computed == f"betweenness exact (networkx, one process); distance = 1/weight {want:.6f}"


def test_cli_analyze_exact(tmp_path) -> None:
    db = tmp_path / "db"
    ok(graphkit("load", SEED, db=db))
    args = ("analyze", "--format", "json", "--top", "0", "-m", "betweenness")
    default = json.loads(ok(graphkit(*args, db=db)).stdout)
    done = ok(graphkit(*args, "--exact", "--workers", "2", db=db))
    exact_run = json.loads(done.stdout)
    assert any(n.startswith("betweenness exact: ") for n in exact_run["notes"])
    assert "2 processes" in next(n for n in exact_run["notes"] if n.startswith("betweenness"))
    values = {r["id"]: r["value"] for r in exact_run["measures"]["betweenness"]}
    assert_same(values, {r["id"]: r["value"] for r in default["measures"]["betweenness"]})
    alone = graphkit("analyze", "--workers", "2", db=db)
    assert alone.returncode == 2 and "--workers is for --exact betweenness" in alone.stderr


def test_cli_progress_line(capsys) -> None:
    from graphkit import cli

    progress = cli._ExactProgress()
    progress(10, 40, 12.0)  # the first chunk: an estimate at once
    progress(20, 40, 24.0)  # within 30 s of the last line: nothing
    progress(40, 40, 48.0)  # the end
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "betweenness: 10/40 searches (25%), 12s spent, about 36s left",
        "betweenness: 40/40 searches (100%), 48s spent",
    ]
    quick = cli._ExactProgress()
    quick(5, 5, 0.1)
    assert capsys.readouterr().err == ""


def test_three_nodes_or_fewer() -> None:
    for n in (1, 2):
        graph = nx.relabel_nodes(nx.path_graph(n), str)
        assert exact(graph, True) == dict.fromkeys(graph, 0.0)
    with pytest.raises(AnalysisError, match="unknown engine"):
        compute_measures(GRAPHS["three"], ["betweenness"], engine="fast", exact=True)


def rational_betweenness(graph: nx.Graph) -> dict:
    """Brandes' algorithm on exact rational distances 1/weight (integer weights), normalised
    as networkx does: what float comparisons of path lengths only approximate."""
    from fractions import Fraction

    adj = {v: [(u, Fraction(1, int(d["weight"]))) for u, d in graph[v].items()] for v in graph}
    total = dict.fromkeys(graph, Fraction(0))
    for s in graph:
        settled: list = []
        best, sigma, pred = {s: Fraction(0)}, {s: 1}, {s: []}
        heap: list = [(Fraction(0), 0, s)]
        count = 1
        done: set = set()
        while heap:
            d, _, v = heapq.heappop(heap)
            if v in done:
                continue
            done.add(v)
            settled.append(v)
            for u, w in adj[v]:
                if u in done:
                    continue
                if u not in best or d + w < best[u]:
                    best[u], sigma[u], pred[u] = d + w, sigma[v], [v]
                    heapq.heappush(heap, (d + w, count, u))
                    count += 1
                elif d + w == best[u]:
                    sigma[u] += sigma[v]
                    pred[u].append(v)
        delta = dict.fromkeys(settled, Fraction(0))
        for w in reversed(settled):
            for v in pred[w]:
                delta[v] += Fraction(sigma[v], sigma[w]) * (1 + delta[w])
            if w != s:
                total[w] += delta[w]
    n = graph.number_of_nodes()
    return {v: float(x / ((n - 1) * (n - 2))) for v, x in total.items()}


def test_where_float_sums_should_tie_the_result_is_the_rational_one() -> None:
    """One tie of 1 (weight 1) and 7 x 1/7 (weight 7), which floats add to 0.9999999999999998:
    networkx sees the long way shorter, igraph compares with a tolerance and finds the tie
    that exact arithmetic finds. The exact betweenness is the rational one there (the one
    documented difference with networkx), and on random graphs with such weights."""
    tie = nx.Graph()
    tie.add_edge("a", "b", weight=1)
    nx.add_path(tie, ["a", *(f"x{i}" for i in range(6)), "b"], weight=7)
    tie.add_edge("b", "c", weight=1)
    want = rational_betweenness(tie)
    assert_same(exact(tie, True), want)
    assert abs(reference(tie, True)["x0"] - want["x0"]) > 0.01
    for seed in range(3):
        graph = random_graph(30, 60, seed=seed, leaves=10, twins=6)
        for u, v in graph.edges:
            graph[u][v]["weight"] = random.Random(f"{seed}{u}{v}").choice([1, 2, 3, 5, 6, 7])
        assert_same(exact(graph, True), rational_betweenness(graph))


def test_without_igraph_a_large_exact_run_says_how_long_networkx_would_take(monkeypatch) -> None:
    """34 nodes x (34 + 78) = 3,808 visits per search, at 0.5 visits a second: 2.1 h."""
    monkeypatch.setattr(igraph_engine, "available", lambda: False)
    monkeypatch.setattr(measures_module, "EXACT_WORK", 100)
    monkeypatch.setattr(measures_module, "NETWORKX_VISITS_PER_S", 0.5)
    g = nx.relabel_nodes(nx.karate_club_graph(), str)
    with pytest.raises(AnalysisError) as error:
        compute_measures(g, ["betweenness"], exact=True, engine="auto")
    assert str(error.value).startswith(
        "exact betweenness on 34 nodes and 78 edges needs python-igraph "
        "(networkx alone: about 2.1 h in one process); install it with"
    )


@pytest.mark.parametrize("workers", [1, 2])
def test_exact_betweenness_tells_its_progress_up_to_every_search(workers: int) -> None:
    g = nx.relabel_nodes(nx.karate_club_graph(), str)
    told: list[tuple[int, int]] = []
    result = compute_measures(
        g,
        ["betweenness"],
        exact=True,
        engine="igraph",
        workers=workers,
        progress=lambda done, total, elapsed: told.append((done, total)),
    )
    assert f"{workers} process" in result.notes[-1]
    total = told[-1][1]
    assert told[-1] == (total, total) and total == int(result.notes[-1].split()[2])
    assert [done for done, _ in told] == sorted(done for done, _ in told)
