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
