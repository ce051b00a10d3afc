"""Reproducing a published result: disruption of the Montagna Mafia networks.

Cavallaro, Ficara, De Meo, Fiumara, Catanese, Bagdasar and Liotta (2020), "Disrupting
resilient criminal networks through data analysis: the case of Sicilian Mafia", PLOS ONE
15(8): e0236476. The data are in ``../shared/datasets/montagna`` (not shipped with graphkit).

The expectation is computed here, independently of graphkit, by the paper's procedure
written in plain networkx: the graph built row by row from the file, the node with the
highest centrality (networkx's own, unweighted) removed and the measure recomputed,
the LCC recorded as ``1 - |LCC - LCC_0| / LCC_0`` before each removal. That procedure is
first checked against the curves the authors published with their code; graphkit, from
``import-edges`` to ``disrupt --format json``, must then give the same numbers to 1e-6.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import networkx as nx
import pytest
from graphkit_cli import graphkit

from graphkit.analytics import load_graph, project, simulate
from graphkit.load import import_edges
from graphkit.store.neo4j import Neo4jStore

REPO = Path(__file__).resolve().parents[2]
MONTAGNA = Path(os.environ.get("GRAPHKIT_MONTAGNA", REPO.parent / "shared/datasets/montagna"))
STEPS = 20
NETWORKS = {"meetings": "MET", "phonecalls": "CALLED"}

pytestmark = pytest.mark.skipif(
    not (MONTAGNA / "meetings.tsv").is_file(),
    reason=f"the Montagna dataset is not at {MONTAGNA} (set GRAPHKIT_MONTAGNA)",
)

# The first 21 points (intact network, then 20 sequential removals) of the unweighted
# sequential curves the authors published with their code (Results/Sequential/<network>/
# df_Unweighted_5nrem.csv in github.com/lcucav/networkdisruption).
PUBLISHED = {
    ("meetings", "betweenness"): [
        1.0, 0.9565217391304348, 0.7391304347826086, 0.7173913043478262, 0.5,
        0.42391304347826086, 0.4130434782608695, 0.3913043478260869, 0.26086956521739135,
        0.25, 0.2065217391304348, 0.18478260869565222, 0.1630434782608695,
        0.10869565217391308, 0.08695652173913049, 0.08695652173913049, 0.08695652173913049,
        0.08695652173913049, 0.08695652173913049, 0.08695652173913049, 0.08695652173913049,
    ],
    ("meetings", "katz"): [
        1.0, 0.9891304347826086, 0.9456521739130435, 0.9239130434782609, 0.9130434782608696,
        0.8369565217391304, 0.8260869565217391, 0.8152173913043479, 0.46739130434782605,
        0.46739130434782605, 0.42391304347826086, 0.42391304347826086, 0.4130434782608695,
        0.4130434782608695, 0.4130434782608695, 0.23913043478260865, 0.23913043478260865,
        0.08695652173913049, 0.08695652173913049, 0.08695652173913049, 0.08695652173913049,
    ],
    ("phonecalls", "betweenness"): [
        1.0, 0.7640449438202247, 0.5730337078651686, 0.4269662921348315, 0.3932584269662921,
        0.2471910112359551, 0.1348314606741573, 0.1235955056179775, 0.0561797752808989,
        0.0561797752808989, 0.0449438202247191, 0.0449438202247191, 0.0337078651685393,
        0.0337078651685393, 0.0337078651685393, 0.022471910112359605, 0.022471910112359605,
        0.022471910112359605, 0.022471910112359605, 0.022471910112359605, 0.022471910112359605,
    ],
    ("phonecalls", "katz"): [
        1.0, 0.8876404494382022, 0.6179775280898876, 0.4269662921348315, 0.348314606741573,
        0.2696629213483146, 0.202247191011236, 0.1348314606741573, 0.101123595505618,
        0.101123595505618, 0.0449438202247191, 0.0449438202247191, 0.0337078651685393,
        0.0337078651685393, 0.0337078651685393, 0.022471910112359605, 0.022471910112359605,
        0.022471910112359605, 0.022471910112359605, 0.022471910112359605, 0.022471910112359605,
    ],
}  # fmt: skip

# Block removal (5 nodes per block, recomputed between blocks), recorded at each block's
# start in the same published results (Results/Block/...): steps 0, 5, 10, 15, 20.
PUBLISHED_BLOCKS = {
    ("meetings", "betweenness"): [
        1.0, 0.8369565217391304, 0.26086956521739135, 0.11956521739130432, 0.08695652173913049
    ],
    ("meetings", "katz"): [
        1.0, 0.8369565217391304, 0.6086956521739131, 0.10869565217391308, 0.08695652173913049
    ],
    ("phonecalls", "betweenness"): [
        1.0, 0.3258426966292135, 0.0561797752808989, 0.0337078651685393, 0.022471910112359605
    ],
    ("phonecalls", "katz"): [
        1.0, 0.2696629213483146, 0.0561797752808989, 0.0337078651685393, 0.022471910112359605
    ],
}  # fmt: skip

CENTRALITY = {"betweenness": nx.betweenness_centrality, "katz": nx.katz_centrality_numpy}


def paper_graph(network: str) -> nx.Graph:
    graph = nx.Graph()
    for row in (MONTAGNA / f"{network}.tsv").read_text().split("\n"):
        if row.strip():
            a, b, w = row.split()
            graph.add_edge(int(a), int(b), weight=int(w))
    return graph


def lcc(graph: nx.Graph) -> int:
    return max(len(c) for c in nx.connected_components(graph))


def paper_curve(network: str, strategy: str, block: int = 1) -> list[float]:
    """The paper's procedure: rank by the centrality of what is left (every ``block``
    removals), remove the highest, record the LCC relative to the start."""
    graph = paper_graph(network)
    start = lcc(graph)
    curve = [1.0]
    order: list = []
    for step in range(STEPS):
        if step % block == 0:
            scores = CENTRALITY[strategy](graph)
            order = [v for v, _ in sorted(scores.items(), key=lambda kv: kv[1])][::-1]
        graph.remove_node(order.pop(0))
        curve.append(1 - abs(lcc(graph) - start) / start)
    return curve


@pytest.mark.parametrize(("network", "strategy"), sorted(PUBLISHED))
def test_the_procedure_written_here_gives_the_published_curves(network, strategy) -> None:
    assert paper_curve(network, strategy) == pytest.approx(PUBLISHED[network, strategy], abs=1e-9)
    blocks = paper_curve(network, strategy, block=5)[::5]
    assert blocks == pytest.approx(PUBLISHED_BLOCKS[network, strategy], abs=1e-9)


@pytest.fixture(scope="module")
def montagna_db(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One embedded database per network, imported as the issue's commands do."""
    dbs = {}
    for network, rel_type in NETWORKS.items():
        db = str(tmp_path_factory.mktemp(network) / "db")
        done = graphkit(
            "--db",
            db,
            "import-edges",
            str(MONTAGNA / f"{network}.tsv"),
            "--type",
            rel_type,
            "--no-header",
            "--columns",
            "source,target,weight",
        )
        assert done.returncode == 0, done.stderr
        dbs[network] = db
    return dbs


@pytest.mark.parametrize("engine", ["networkx", "igraph"])
@pytest.mark.parametrize(("network", "strategy"), sorted(PUBLISHED))
def test_graphkit_reproduces_the_sequential_curves(montagna_db, network, strategy, engine) -> None:
    done = graphkit(
        "--db",
        montagna_db[network],
        "disrupt",
        "--engine",
        engine,
        "--projection",
        "persons",
        "--strategy",
        strategy,
        "--weight",
        "none",
        "--steps",
        str(STEPS),
        "--format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    graph = paper_graph(network)
    assert (result["nodes"], result["edges"]) == (graph.number_of_nodes(), graph.number_of_edges())
    got = [s["lcc_fraction"] for s in result["sequential"]]
    assert got == pytest.approx(paper_curve(network, strategy), abs=1e-6)


@pytest.mark.parametrize(("network", "strategy"), sorted(PUBLISHED))
def test_graphkit_reproduces_block_removal(montagna_db, network, strategy) -> None:
    done = graphkit(
        "--db",
        montagna_db[network],
        "disrupt",
        "-P",
        "persons",
        "-s",
        strategy,
        "--mode",
        "block",
        "--block-size",
        "5",
        "--steps",
        str(STEPS),
        "-f",
        "json",
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert "sequential" not in result and result["block_size"] == 5
    got = [s["lcc_fraction"] for s in result["block"]]
    assert got == pytest.approx(paper_curve(network, strategy, block=5), abs=1e-6)


def test_neo4j_gives_the_same_curves(neo4j_store: Neo4jStore) -> None:
    for network, rel_type in NETWORKS.items():
        neo4j_store.run("MATCH (n) DETACH DELETE n", write=True)
        (outcome,) = import_edges(
            neo4j_store,
            [str(MONTAGNA / f"{network}.tsv")],
            rel_type,
            columns=["source", "target", "weight"],
            header=False,
        )
        assert outcome.ok
        graph = project(load_graph(neo4j_store, evidence=False), "persons")
        for strategy in ("betweenness", "katz"):
            result = simulate(graph, strategy, STEPS, modes=["sequential"])
            got = [s.lcc_fraction for s in result.sequential]
            assert got == pytest.approx(paper_curve(network, strategy), abs=1e-6)
