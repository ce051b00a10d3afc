"""Operations in date order."""

from __future__ import annotations

from analytics_graphs import agency_network, edge, node

from graphkit.analytics import timeline


def test_operations_in_date_order_with_who_where_and_what() -> None:
    data = agency_network()
    data.nodes.append(node("Seizure", "s1", item="cocaine", quantity=45.0, unit="kg"))
    data.edges.append(edge("SEIZED", ("Operation", "op1"), ("Seizure", "s1")))
    rows = timeline(data)
    # op3 has no dates of its own: its report's published year (2022) places it first
    assert [r["key"] for r in rows] == ["op3", "op1", "op2"]
    op3, op1, op2 = rows
    assert op3["date"] == "2022" and op3["start_date"] is None
    assert op1["date"] == "2023-03-01" and op1["operation"] == "Operation Kestrel"
    assert op1["countries"] == ["Belgium"]
    assert op1["agencies"] == [
        {"name": "Belgian Federal Police", "role": "led"},
        {"name": "Europol", "role": "supported"},
        {"name": "French National Police", "role": "participated"},
    ]
    assert op1["groups"] == ["cocaine network"]
    assert op1["seizures"] == ["45 kg cocaine"]
    assert op1["reports"] == ["r1"]
    assert op2["operation"] == "operation, May 2024" and op2["countries"] == ["France"]


def test_operations_with_nothing_to_place_them_come_last() -> None:
    data = agency_network()
    data.nodes += [
        node("Operation", "no-year", start_date="--04-03"),  # and no report: no year at all
        node("Operation", "undated"),
    ]
    keys = [r["key"] for r in timeline(data)]
    assert keys[-2:] == ["no-year", "undated"]


def test_a_date_without_a_year_goes_by_its_report_as_the_filters_place_it() -> None:
    """ "--04-03" in a report of 2023-04-05: between op1 (2023-03-01) and op2 (2024-05),
    where --since 2023-04 keeps it; the row still shows the date as the text gave it."""
    from graphkit.analytics import Filters, filter_graph

    data = agency_network()
    data.nodes += [
        node("Operation", "no-year", start_date="--04-03", reports=["r9"]),
        node("Report", "r9", published="2023-04-05"),
    ]
    data.edges.append(edge("DESCRIBES", ("Report", "r9"), ("Operation", "no-year"), "r9"))
    rows = timeline(data)
    assert [r["key"] for r in rows] == ["op3", "op1", "no-year", "op2"]
    assert rows[2]["date"] == "--04-03"
    kept = timeline(filter_graph(data, Filters(since="2023-04", until="2023-12")))
    assert [r["key"] for r in kept] == ["no-year"]


def test_an_empty_graph_has_an_empty_timeline() -> None:
    from graphkit.store.base import GraphData

    assert timeline(GraphData()) == []
