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


def test_dates_without_a_year_and_undated_operations_come_last() -> None:
    data = agency_network()
    data.nodes += [
        node("Operation", "no-year", start_date="--04-03"),
        node("Operation", "undated"),
    ]
    keys = [r["key"] for r in timeline(data)]
    assert keys[-2:] == ["no-year", "undated"]


def test_an_empty_graph_has_an_empty_timeline() -> None:
    from graphkit.store.base import GraphData

    assert timeline(GraphData()) == []
