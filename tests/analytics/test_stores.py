"""The same analysis from either store: embedded LadybugDB and Neo4j give identical results.

Each store's graph is analysed and compared with the analysis of the plain-Python
reference graph (:func:`factories.expected_graph`), so both stores agree with each other.
Write-back goes through the store and is read back through it.
"""

from __future__ import annotations

import pytest
from factories import EUROPOL, all_documents, expected_graph

from graphkit import model
from graphkit.analytics import (
    MEASURES,
    PROJECTIONS,
    Filters,
    compute_measures,
    connections,
    filter_graph,
    find_entity,
    load_graph,
    project,
    simulate,
    timeline,
    to_networkx,
    write_back,
)
from graphkit.errors import AnalysisError


@pytest.fixture
def loaded(store):
    docs = all_documents()
    for doc in docs:
        store.write(doc)
    return store, expected_graph(docs)


def assert_same_measures(got, want) -> None:
    assert list(got.values) == list(want.values)
    for measure in want.values:
        assert got.values[measure] == pytest.approx(want.values[measure], abs=1e-9), measure
    assert got.notes == want.notes


def test_a_lean_read_is_the_graph_without_evidence(loaded) -> None:
    store, reference = loaded
    assert load_graph(store) == store.read_graph()
    lean = load_graph(store, evidence=False)
    dropped = {"evidence", "evidence_start", "evidence_end"}
    for edge in reference.edges:
        for name in dropped:
            del edge.properties[name]
    assert lean == reference
    assert all(dropped.isdisjoint(e.properties) for e in lean.edges)


@pytest.mark.parametrize("projection", PROJECTIONS)
def test_every_projection_and_measure_matches_the_reference(loaded, projection: str) -> None:
    store, reference = loaded
    data = load_graph(store, evidence=False)
    got_graph, want_graph = project(data, projection), project(reference, projection)
    assert sorted(got_graph.edges(data="weight")) == sorted(want_graph.edges(data="weight"))
    assert_same_measures(
        compute_measures(got_graph, list(MEASURES)), compute_measures(want_graph, list(MEASURES))
    )


def test_filters_paths_timeline_and_disruption_match_the_reference(loaded) -> None:
    store, reference = loaded
    data = store.read_graph()
    filters = Filters(certainty="reported", since="2024")
    assert filter_graph(data, filters) == filter_graph(reference, filters)
    assert timeline(data) == timeline(reference)
    got, want = to_networkx(data), to_networkx(reference)
    a, b = find_entity(got, "Europol"), find_entity(got, "Carabinieri")
    assert (a, b) == (find_entity(want, "Europol"), find_entity(want, "Carabinieri"))
    assert connections(got, a, b) == connections(want, a, b)
    assert simulate(project(data, "full"), "betweenness", 4) == simulate(
        project(reference, "full"), "betweenness", 4
    )


def test_write_back_stores_measures_as_node_properties(loaded) -> None:
    store, _ = loaded
    result = compute_measures(project(store.read_graph(), "full"))
    written = write_back(store, result)
    assert written["Agency"] == len([n for n in store.read_graph().nodes if n.label == "Agency"])
    assert "Report" not in written
    stored = {f"{n.label}:{n.key}": n.properties for n in store.read_graph().nodes}
    europol = stored[f"Agency:{EUROPOL}"]
    assert europol["pagerank"] == pytest.approx(result.values["pagerank"][f"Agency:{EUROPOL}"])
    assert europol["betweenness"] == pytest.approx(
        result.values["betweenness"][f"Agency:{EUROPOL}"]
    )
    assert europol["degree"] == result.values["degree"][f"Agency:{EUROPOL}"]
    assert europol["community"] == result.values["community"][f"Agency:{EUROPOL}"]
    rows = store.run(
        "MATCH (a:Agency) WHERE a.pagerank IS NOT NULL RETURN a.key AS key ORDER BY a.pagerank DESC"
    ).rows
    assert len(rows) == written["Agency"]

    # a second write-back replaces the first: nodes outside the new projection are cleared
    agencies = compute_measures(project(store.read_graph(), "agencies"), ["pagerank"])
    assert write_back(store, agencies) == {"Agency": written["Agency"]}
    after = store.read_graph()
    for n in after.nodes:
        if n.label == "Report":
            continue
        assert n.properties["betweenness"] is None and n.properties["degree"] is None
        assert (n.properties["pagerank"] is not None) == (n.label == "Agency")


def test_write_back_needs_a_storable_measure(loaded) -> None:
    store, _ = loaded
    result = compute_measures(project(store.read_graph(), "full"), ["kcore"])
    with pytest.raises(AnalysisError, match="stores only pagerank, betweenness"):
        write_back(store, result)
    assert {p.name for p in model.MEASURE_PROPERTIES} == {
        "pagerank",
        "betweenness",
        "community",
        "degree",
    }
