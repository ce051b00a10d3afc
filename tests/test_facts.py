"""The facts document: what validates, what does not, and how it reads and writes."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from factories import (
    ACTION_DAY_TEXT,
    EUROPOL,
    S_ARRESTS,
    action_day,
    action_day_builder,
    all_documents,
)
from hypothesis import given
from hypothesis import strategies as st

from graphkit.errors import FactsError, GraphkitError
from graphkit.facts import FactsDocument, is_partial_date, normalise_text, report_key

Mutation = Callable[[dict[str, Any]], None]


def valid() -> dict[str, Any]:
    return copy.deepcopy(action_day_builder().data())


def first(data: dict[str, Any], kind: str, **match: Any) -> dict[str, Any]:
    """The first node (kind='nodes') or relationship (kind='relationships') matching."""
    for item in data[kind]:
        if all(item.get(k) == v for k, v in match.items()):
            return item
    raise AssertionError(f"no {kind} matching {match}")


def set_node_property(label: str, name: str, value: Any) -> Mutation:
    return lambda d: first(d, "nodes", label=label)["properties"].__setitem__(name, value)


def set_rel(rel_type: str, **changes: Any) -> Mutation:
    return lambda d: first(d, "relationships", type=rel_type).update(changes)


def set_rel_property(rel_type: str, name: str, value: Any) -> Mutation:
    return lambda d: first(d, "relationships", type=rel_type)["properties"].__setitem__(name, value)


def duplicate(kind: str, **match: Any) -> Mutation:
    return lambda d: d[kind].append(copy.deepcopy(first(d, kind, **match)))


def shift_evidence(d: dict[str, Any]) -> None:
    rel = first(d, "relationships", type="SEIZED")
    rel["evidence_start"] += 1
    rel["evidence_end"] += 1


INVALID: dict[str, tuple[Mutation, str]] = {
    "unknown label": (lambda d: d["nodes"][0].update(label="Gang"), "unknown node label 'Gang'"),
    "report as a node": (
        lambda d: d["nodes"][0].update(label="Report"),
        "unknown node label 'Report'",
    ),
    "unknown node property": (
        set_node_property("Operation", "budget", 10),
        "Operation has no property 'budget'",
    ),
    "key as a property": (
        set_node_property("Country", "iso2", "BE"),
        "Country has no property 'iso2'",
    ),
    "reports bookkeeping as a property": (
        set_node_property("Agency", "reports", ["x"]),
        "Agency has no property 'reports'",
    ),
    "support bookkeeping as a property": (
        set_node_property("Agency", "named_in", ["x"]),
        "Agency has no property 'named_in'",
    ),
    "wrong property type": (
        set_node_property("Operation", "arrests", "seventeen"),
        "Operation.arrests must be INT64",
    ),
    "boolean as integer": (
        set_node_property("Operation", "arrests", True),
        "Operation.arrests must be INT64",
    ),
    "bad date": (
        set_node_property("Operation", "start_date", "12 March 2024"),
        "is not an ISO date",
    ),
    "unknown crime": (
        set_node_property("CriminalGroup", "crimes", ["drug_trafficking", "jaywalking"]),
        "'jaywalking' is not in the crime vocabulary",
    ),
    "country key not ISO": (
        lambda d: first(d, "nodes", label="Country").update(key="Belgium"),
        "is not an ISO 3166-1 alpha-2 code",
    ),
    "unknown agency kind": (
        set_node_property("Agency", "kind", "vigilante"),
        "Agency kind 'vigilante'",
    ),
    "empty key": (lambda d: d["nodes"][0].update(key=""), "node without a key"),
    "huge key": (lambda d: d["nodes"][0].update(key="k" * 513), "key is over 512 characters"),
    "duplicate node": (duplicate("nodes", label="Seizure"), "appears twice"),
    "unknown relationship type": (set_rel("SEIZED", type="STOLE"), "unknown relationship type"),
    "bad endpoints": (
        set_rel("BASED_IN", to={"label": "Operation", "key": "x"}),
        "BASED_IN cannot link Agency to Operation",
    ),
    "endpoint not in nodes": (
        set_rel("BASED_IN", to={"label": "Country", "key": "DE"}),
        "points at Country 'DE', not in nodes",
    ),
    "unknown relationship property": (
        set_rel_property("SEIZED", "weight", 3),
        "SEIZED has no property 'weight'",
    ),
    "bad role": (
        set_rel_property("PARTICIPATED_IN", "role", "watched"),
        "PARTICIPATED_IN role 'watched'",
    ),
    "missing role": (
        lambda d: first(d, "relationships", type="PARTICIPATED_IN")["properties"].clear(),
        "PARTICIPATED_IN role None",
    ),
    "bad certainty": (set_rel("SEIZED", certainty="rumoured"), "certainty 'rumoured'"),
    "evidence not at its offsets": (shift_evidence, "evidence does not match report text"),
    "evidence not in the text": (
        set_rel("SEIZED", evidence="Investigators seized 2 tonnes of cannabis."),
        "evidence does not match report text",
    ),
    "offsets outside the text": (
        set_rel("SEIZED", evidence_start=10_000, evidence_end=10_010),
        "evidence offsets are outside the report text",
    ),
    "duplicate relationship": (duplicate("relationships", type="TARGETED"), "appears twice"),
    "tampered text": (
        lambda d: d["report"].update(text=d["report"]["text"] + " Added."),
        "report.sha256 does not match report.text",
    ),
    "bad published date": (
        lambda d: d["report"].update(published="March 2024"),
        "is not an ISO date",
    ),
    "unknown format": (lambda d: d.update(graphkit="graphkit-facts/9"), "unsupported facts format"),
    "unknown top-level field": (lambda d: d.update(comment="hi"), "comment"),
}


@pytest.mark.parametrize("case", INVALID, ids=list(INVALID))
def test_invalid_documents_raise_a_one_line_facts_error(case: str) -> None:
    mutate, message = INVALID[case]
    data = valid()
    mutate(data)
    with pytest.raises(FactsError) as raised:
        FactsDocument.from_dict(data, origin="facts/action-day.json")
    text = str(raised.value)
    assert message in text
    assert text.startswith("facts/action-day.json: ")
    assert "\n" not in text
    assert isinstance(raised.value, GraphkitError)


def test_the_factory_documents_are_valid() -> None:
    for doc in all_documents():
        assert doc.report.key.startswith("report:")
        for rel in doc.relationships:
            assert doc.report.text[rel.evidence_start : rel.evidence_end] == rel.evidence


def test_values_are_normalised() -> None:
    data = valid()
    first(data, "nodes", label="CriminalGroup")["properties"]["crimes"] = [
        "money_laundering",
        "drug_trafficking",
        "money_laundering",
    ]
    doc = FactsDocument.from_dict(data)
    group = next(n for n in doc.nodes if n.label == "CriminalGroup")
    assert group.properties["crimes"] == ["drug_trafficking", "money_laundering"]
    seizure = next(n for n in doc.nodes if n.properties.get("item") == "cocaine")
    assert seizure.properties["quantity"] == 45.0
    assert isinstance(seizure.properties["quantity"], float)


def test_null_properties_and_default_certainty_are_accepted() -> None:
    data = valid()
    first(data, "nodes", label="Operation")["properties"]["name"] = None
    del first(data, "relationships", type="SEIZED")["certainty"]
    doc = FactsDocument.from_dict(data)
    assert next(r for r in doc.relationships if r.type == "SEIZED").certainty == "reported"


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_round_trip_through_text(fmt: str) -> None:
    for doc in all_documents():
        text = doc.to_json() if fmt == "json" else doc.to_yaml()
        again = FactsDocument.parse(text, fmt)
        assert again == doc
        assert again.to_dict() == doc.to_dict()


@given(data=st.data())
def test_the_digest_does_not_depend_on_the_order_facts_are_given_in(data: st.DataObject) -> None:
    """Stored digests decide what a re-load skips: a document read back from its JSON or
    YAML, or given with its properties in another order, is the same facts."""
    from many_reports import small_report

    doc = data.draw(st.sampled_from([*all_documents(), small_report(3)]))
    raw = doc.to_dict()
    for item in (*raw["nodes"], *raw["relationships"]):
        names = data.draw(st.permutations(list(item["properties"])))
        item["properties"] = {name: item["properties"][name] for name in names}
    assert FactsDocument.from_dict(raw).digest() == doc.digest()
    assert FactsDocument.parse(doc.to_yaml(), "yaml").digest() == doc.digest()
    assert FactsDocument.parse(doc.to_json(), "json").digest() == doc.digest()


def test_json_uses_the_documented_field_names() -> None:
    data = json.loads(action_day().to_json())
    assert data["graphkit"] == "graphkit-facts/1"
    rel = data["relationships"][0]
    assert {"type", "from", "to", "evidence", "evidence_start", "evidence_end"} <= rel.keys()
    assert "src" not in rel


def test_read_from_files(tmp_path: Path) -> None:
    doc = action_day()
    (tmp_path / "a.json").write_text(doc.to_json(), encoding="utf-8")
    (tmp_path / "a.yaml").write_text(doc.to_yaml(), encoding="utf-8")
    (tmp_path / "a.YML").write_text(doc.to_yaml(), encoding="utf-8")
    for name in ("a.json", "a.yaml", "a.YML"):
        assert FactsDocument.read(tmp_path / name) == doc


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [
        ('{"graphkit": "graphkit-facts/1", "report": ', "json", "malformed JSON near line 1"),
        ("{\n  'report': [1, 2\n", "json", "malformed JSON"),
        ("report: [1, 2\nnodes: {", "yaml", "malformed YAML"),
        ("graphkit: x\n- item\n", "yaml", "malformed YAML near line"),
        ("[1, 2, 3]", "json", "must be a mapping at the top level"),
        ("just a string", "yaml", "must be a mapping at the top level"),
        ("", "yaml", "must be a mapping at the top level"),
        ("{}", "json", "report: Field required"),
    ],
)
def test_malformed_text_raises_a_one_line_facts_error(text: str, fmt: str, message: str) -> None:
    with pytest.raises(FactsError) as raised:
        FactsDocument.parse(text, fmt, origin="in.txt")
    assert message in str(raised.value)
    assert str(raised.value).startswith("in.txt: ")
    assert "\n" not in str(raised.value)


def test_the_same_text_from_any_platform_is_the_same_report() -> None:
    windows = "\ufeff" + ACTION_DAY_TEXT.replace("\n", "\r\n") + "   \r\n"
    assert normalise_text(windows) == normalise_text(ACTION_DAY_TEXT)
    assert report_key(windows) == report_key(ACTION_DAY_TEXT) == action_day().report.key
    decomposed = "Lie\u0300ge"  # e + combining grave accent
    assert normalise_text(decomposed) == "Liège"


def test_evidence_offsets_point_into_the_normalised_text() -> None:
    doc = action_day()
    (arrests,) = [r for r in doc.relationships if r.type == "ARRESTED_IN" and r.dst.key == "BE"]
    assert arrests.evidence == S_ARRESTS
    assert doc.report.text.index(S_ARRESTS) == arrests.evidence_start


def test_yaml_is_readable_by_a_person() -> None:
    text = action_day().to_yaml()
    assert "Albanian-speaking" in text  # unicode and prose kept as they are
    data = yaml.safe_load(text)
    assert list(data)[:2] == ["graphkit", "report"]
    assert any(n["key"] == EUROPOL for n in data["nodes"])


@given(year=st.integers(1, 9999), month=st.integers(0, 99), day=st.integers(0, 99))
def test_a_date_given_by_a_user_is_one_the_calendar_has(year: int, month: int, day: int) -> None:
    """``is_partial_date`` (``--published``, ``--since``/``--until``) agrees with the calendar
    for full dates, months, and dates without a year (where 29 February exists)."""
    import datetime

    def exists(y: int, m: int, d: int) -> bool:
        try:
            datetime.date(y, m, d)
        except ValueError:
            return False
        return True

    assert is_partial_date(f"{year:04d}-{month:02d}-{day:02d}") == exists(year, month, day)
    assert is_partial_date(f"{year:04d}-{month:02d}") == (1 <= month <= 12)
    assert is_partial_date(f"--{month:02d}-{day:02d}") == exists(2024, month, day)
    assert is_partial_date(f"{year:04d}")


@pytest.mark.parametrize("text", ["24", "2024-1", "2024-01-1", "2024\n", " 2024", "2024-01-01T00"])
def test_a_date_has_the_iso_shape(text: str) -> None:
    assert not is_partial_date(text)
