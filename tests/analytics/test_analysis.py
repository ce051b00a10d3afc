"""analyze(): project, measure and rank, as the CLI prints it."""

from __future__ import annotations

import pytest
from analytics_graphs import agency_network

from graphkit.analytics import analyze
from graphkit.errors import AnalysisError
from graphkit.store.base import GraphData


def test_ranked_rows_and_communities() -> None:
    analysis = analyze(agency_network(), "agencies", ["degree", "articulation", "community"])
    rows = analysis.rows("degree", top=2)
    assert [r["rank"] for r in rows] == [1, 2]
    assert rows[0] | {"value": None} == {
        "rank": 1,
        "id": "Agency:europol",
        "label": "Agency",
        "key": "europol",
        "name": "Europol",
        "value": None,
    }
    assert rows[0]["value"] == 3
    # europol alone links the dutch police to the others; only it is listed
    assert [r["id"] for r in analysis.rows("articulation")] == ["Agency:europol"]
    assert sum(c["size"] for c in analysis.communities()) == 4
    data = analysis.to_dict(top=None)
    assert (data["projection"], data["nodes"], data["edges"]) == ("agencies", 4, 4)
    assert len(data["measures"]["degree"]) == 4
    with pytest.raises(AnalysisError, match="--top must be 0"):
        analysis.rows("degree", top=-1)


def test_nothing_to_analyse_is_a_clear_error() -> None:
    with pytest.raises(AnalysisError, match="the graph is empty"):
        analyze(GraphData())
    with pytest.raises(AnalysisError, match=r"persons projection is empty: .* no Person nodes"):
        analyze(agency_network(), "persons")
    with pytest.raises(AnalysisError, match="unknown projection"):
        analyze(agency_network(), "routes")
    with pytest.raises(AnalysisError, match="unknown measure"):
        analyze(agency_network(), "full", ["fame"])


def test_analysis_collects_less_with_the_graph_frozen_and_leaves_the_collector_as_it_was(
    monkeypatch,
) -> None:
    """The graph read from the store lives through the whole analysis: it is frozen out of
    the collector's walks while the measures run (graphkit.collector), then given back,
    also when the analysis fails."""
    import gc

    from graphkit.analytics import analysis as analysis_module
    from graphkit.collector import YOUNG_COLLECTION_ALLOCATIONS

    seen: list[tuple[int, int]] = []
    measure = analysis_module.compute_measures

    def watched(*args, **kwargs):
        seen.append((gc.get_threshold()[0], gc.get_freeze_count()))
        return measure(*args, **kwargs)

    monkeypatch.setattr(analysis_module, "compute_measures", watched)
    before = gc.get_threshold()
    data = agency_network()
    result = analyze(data, "agencies", ["degree"])
    assert seen[0][0] == max(before[0], YOUNG_COLLECTION_ALLOCATIONS)
    assert seen[0][1] > len(data.nodes)  # the graph (and all else alive) frozen
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)
    assert set(result.result.seconds) == {"projection", "networkx graph", "degree"}
    with pytest.raises(AnalysisError):
        analyze(data, "persons")
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)
