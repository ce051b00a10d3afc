"""A projection's arrays (``Projected``) stand for its networkx graph: the igraph engine is
made from them without networkx's graph, and gives what it gives from networkx's graph."""

from __future__ import annotations

import time

import networkx as nx
import pytest
from analytics_graphs import edge, node
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit import model
from graphkit.analytics import DEFAULT_MEASURES, analyze, compute_measures, igraph_engine
from graphkit.analytics.analysis import FLAG_MEASURES
from graphkit.analytics.projection import PROJECTIONS, Projected
from graphkit.store.base import GraphData
from graphkit.store.statements import relationship_patterns

PATTERNS = list(relationship_patterns())  # (type, start label, end label), the ontology's


@st.composite
def ontology_graphs(draw: st.DrawFn) -> GraphData:
    """Small graphs of the ontology's shape: every relationship pattern it allows, repeated
    and reversed relationships, several reports, self-loops, persons' ties with and without
    weights, isolated nodes."""
    sizes = {label: draw(st.integers(1, 6)) for label in model.NODE_TYPES}
    nodes = [node(label, f"{label}{i}") for label in model.NODE_TYPES for i in range(sizes[label])]
    edges = []
    for _ in range(draw(st.integers(0, 60))):
        rel_type, *labels = draw(st.sampled_from(PATTERNS))
        src, dst = [(label, f"{label}{draw(st.integers(0, sizes[label] - 1))}") for label in labels]
        tie = rel_type in model.PERSON_TIES
        props = {"weight": draw(st.sampled_from([1, 2, 0.5]))} if tie else {}
        edges.append(edge(rel_type, src, dst, f"r{draw(st.integers(1, 4))}", **props))
    return GraphData(draw(st.permutations(nodes)), edges)


def copy_of(c: igraph_engine.Converted) -> list[tuple[str, str, float, float]]:
    return [
        (c.nodes[i], c.nodes[j], w, d)
        for (i, j), w, d in zip(
            c.graph.get_edgelist(), c.graph.es["weight"], c.graph.es["distance"], strict=True
        )
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=ontology_graphs(), projection=st.sampled_from(PROJECTIONS))
def test_igraph_copies_the_arrays_as_it_copies_networkx_graph(
    data: GraphData, projection: str
) -> None:
    """The same vertices, edges in the same order (Louvain follows it), the same weights."""
    projected = Projected.of(data, projection)
    direct = igraph_engine.Converted(projected)
    assert "graph" not in vars(projected)  # networkx's graph was not made for it
    via_networkx = igraph_engine.Converted(projected.graph)
    assert direct.nodes == via_networkx.nodes == list(projected.graph)
    assert copy_of(direct) == copy_of(via_networkx)
    assert direct.weighted == via_networkx.weighted


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=ontology_graphs(), projection=st.sampled_from(PROJECTIONS), picked=st.data())
def test_counts_and_degrees_are_networkx_own(
    data: GraphData, projection: str, picked: st.DataObject
) -> None:
    projected = Projected.of(data, projection)
    graph = projected.graph
    assert projected.number_of_nodes() == graph.number_of_nodes()
    assert projected.number_of_edges() == graph.number_of_edges()
    assert projected.degree() == list(graph.degree())
    assert projected.degree(weight="weight") == list(graph.degree(weight="weight"))  # sums exact
    some = (
        picked.draw(st.lists(st.sampled_from(projected.ids), unique=True)) if projected.ids else []
    )
    assert projected.degree(some) == list(graph.degree(some))
    for nid in some:
        assert graph.nodes[nid]["key"] == projected.node(nid).key


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=ontology_graphs(), projection=st.sampled_from(PROJECTIONS))
def test_analyze_with_igraph_never_makes_networkx_graph_and_answers_as_from_it(
    data: GraphData, projection: str
) -> None:
    if not any(n.label != "Report" for n in data.nodes):
        return
    analysis = analyze(data, projection, engine="igraph")
    assert "graph" not in vars(analysis.projected)
    assert "networkx graph" not in analysis.result.seconds
    reference = compute_measures(analysis.projected.graph, list(DEFAULT_MEASURES), engine="igraph")
    assert analysis.result.values == reference.values
    assert analysis.result.notes == reference.notes
    graph = analysis.graph  # now made: the rows read from it are the rows read without it
    for measure in analysis.measures:
        for row in analysis.rows(measure, None):
            attrs = graph.nodes[row["id"]]
            assert (row["label"], row["key"], row["name"]) == (
                attrs["label"],
                attrs["key"],
                attrs["name"],
            )
        expected = reference.ranked(measure, graph, 3)  # ties broken by networkx's degrees
        if measure in FLAG_MEASURES:
            expected = [(v, x) for v, x in expected if x]
        assert [(r["id"], r["value"]) for r in analysis.rows(measure, 3)] == expected


def test_measures_networkx_computes_make_its_graph_once_and_time_it() -> None:
    data = GraphData(
        [node("Agency", "a"), node("Agency", "b"), node("Operation", "o")],
        [
            edge("PARTICIPATED_IN", ("Agency", "a"), ("Operation", "o")),
            edge("PARTICIPATED_IN", ("Agency", "b"), ("Operation", "o")),
        ],
    )
    projected = Projected.of(data, "agencies")
    start = time.perf_counter()
    result = compute_measures(projected, ["degree", "constraint"], engine="igraph")
    wall = time.perf_counter() - start
    assert set(result.seconds) == {"igraph copy", "networkx graph", "degree", "constraint"}
    assert 0 <= result.seconds["networkx graph"] <= wall
    assert result.values["degree"] == {"Agency:a": 1, "Agency:b": 1}
    made = projected.graph
    compute_measures(projected, ["constraint"], engine="networkx")
    assert projected.graph is made


def test_the_full_projection_is_the_default() -> None:
    data = GraphData(
        [node("Agency", "a"), node("Country", "BE")],
        [edge("BASED_IN", ("Agency", "a"), ("Country", "BE"))],
    )
    assert Projected.of(data).ids == ["Agency:a", "Country:BE"]
    assert Projected.of(data).number_of_edges() == 1


@pytest.mark.parametrize("engine", ["networkx", "igraph"])
def test_a_multigraph_is_measured_as_its_simple_graph_with_summed_weights(engine: str) -> None:
    multi = nx.MultiGraph([("a", "b"), ("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")])
    multi.add_edge("c", "c")  # a self-loop counts for nothing
    simple = nx.Graph()
    simple.add_weighted_edges_from([("a", "b", 2), ("b", "c", 1), ("c", "d", 1), ("d", "a", 1)])
    measures = ["degree", "weighted_degree", "pagerank", "betweenness"]
    got = compute_measures(multi, measures, engine=engine).values
    assert got == compute_measures(simple, measures, engine=engine).values
    assert got["weighted_degree"]["a"] == 3
