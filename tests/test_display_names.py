"""One readable name for every unnamed operation and group, in every surface: the facts
document, the store, the query library, exports and views."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graphkit import model
from graphkit.extract import extract_text

UNNAMED = (
    "Police in Belgium and France arrested 12 members of a cocaine network on 7 April 2024. "
    "Europol supported the action."
)


def test_an_unnamed_operation_and_group_are_named_by_what_the_report_says():
    doc = extract_text(UNNAMED, source="r.txt", published="2024-04-09")
    op = next(n for n in doc.nodes if n.label == "Operation")
    group = next(n for n in doc.nodes if n.label == "CriminalGroup")
    assert op.properties["name"] is None
    assert op.properties["display_name"] == "operation in Belgium and France, 7 Apr 2024"
    assert group.properties["display_name"] == "cocaine network"


@pytest.mark.parametrize(
    "countries,start,end,published,expected",
    [
        (["Spain"], "2024-04-03", "2024-04-05", None, "operation in Spain, 3–5 Apr 2024"),
        (["Spain"], "--04-03", None, None, "operation in Spain, 3 Apr"),
        (
            ["Spain", "Italy", "Greece"],
            "2024-04",
            None,
            None,
            "operation in Spain, Italy and 1 more, Apr 2024",
        ),
        ([], None, None, "2024-05-01", "operation, reported 1 May 2024"),
        ([], None, None, None, "operation"),
        (
            ["Spain"],
            "2024-03-30",
            "2024-04-02",
            None,
            "operation in Spain, 30 Mar 2024 – 2 Apr 2024",
        ),
    ],
)
def test_operation_captions(countries, start, end, published, expected):
    caption = model.operation_caption(countries, start, end, published)
    assert caption == expected
    assert "--" not in caption and "operation:" not in caption


def test_a_group_without_a_description_is_named_by_its_operation():
    doc = extract_text(
        "Police in Spain arrested 12 suspects on 3 May 2024 in a raid.",
        source="r.txt",
    )
    group = next(n for n in doc.nodes if n.label == "CriminalGroup")
    assert group.properties["display_name"] == ("group targeted by operation in Spain, 3 May 2024")


def test_a_stale_display_name_in_a_facts_document_is_replaced():
    doc = extract_text(UNNAMED, source="r.txt", published="2024-04-09")
    data = doc.to_dict()
    for node in data["nodes"]:
        if node["label"] == "Operation":
            node["properties"]["display_name"] = "operation:report-123:main"
    from graphkit.facts import FactsDocument

    again = FactsDocument.model_validate(data)
    op = next(n for n in again.nodes if n.label == "Operation")
    assert op.properties["display_name"] == "operation in Belgium and France, 7 Apr 2024"


def _cli(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "graphkit", *args], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_cli_shows_the_display_name_in_queries_and_exports(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(UNNAMED, encoding="utf-8")
    db = str(tmp_path / "db")
    _cli("--db", db, "load", str(report), "--published", "2024-04-09")
    rows = json.loads(_cli("--db", db, "query", "operations_timeline", "--format", "json"))
    assert [r["operation"] for r in rows] == ["operation in Belgium and France, 7 Apr 2024"]
    exported = json.loads(_cli("--db", db, "export", "--format", "json", "-o", "-"))
    labels = {n["label"] for n in exported["nodes"]}
    assert "operation in Belgium and France, 7 Apr 2024" in labels
    assert "cocaine network" in labels
    assert not any(str(label).startswith(("operation:", "criminalgroup:")) for label in labels)
