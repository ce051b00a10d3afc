"""The facts document rule by rule: derived names, each value type's check, where a bad
value is, and every way a text can fail to be a document, each with its exact message."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from graphkit.errors import FactsError
from graphkit.facts import (
    FORMAT,
    INT64_MAX,
    INT64_MIN,
    FactsDocument,
    ReportInfo,
    dump_yaml,
    entity_key,
    is_partial_date,
    normalise_text,
    sha256,
    slug,
)

TEXT = "Police in Spain, France and Italy arrested ten members of the gang."


def rel(rtype: str, src: tuple[str, str], dst: tuple[str, str], **props: Any) -> dict:
    return {
        "type": rtype,
        "from": {"label": src[0], "key": src[1]},
        "to": {"label": dst[0], "key": dst[1]},
        "evidence": TEXT,
        "evidence_start": 0,
        "evidence_end": len(TEXT),
        "properties": props,
    }


def document(nodes: list[dict], rels: list[dict] = (), published: str | None = None) -> dict:
    report = ReportInfo.from_text(TEXT, source="t.txt", published=published)
    return {
        "graphkit": FORMAT,
        "report": report.model_dump(),
        "nodes": nodes,
        "relationships": list(rels),
    }


def n(label: str, key: str, **props: Any) -> dict:
    return {"label": label, "key": key, "properties": props}


def props(doc: FactsDocument, label: str, key: str) -> dict:
    return next(x.properties for x in doc.nodes if (x.label, x.key) == (label, key))


def error(data: Any) -> str:
    with pytest.raises(FactsError) as err:
        FactsDocument.from_dict(data, "doc")
    return str(err.value)


# --- derived display names ------------------------------------------------------------


def test_an_unnamed_operation_is_named_by_its_countries_in_order() -> None:
    op = ("Operation", "op")
    data = document(
        [
            n("Operation", "op", start_date="2024-04-07"),
            n("Country", "ES", name="Spain"),
            n("Country", "FR"),  # no name: its code
            n("Country", "IT", name="Italy"),
        ],
        [
            rel("CONDUCTED_IN", op, ("Country", "ES")),
            rel("CONDUCTED_IN", op, ("Country", "FR")),
        ],
    )
    doc = FactsDocument.from_dict(data)
    assert props(doc, "Operation", "op")["display_name"] == "operation in Spain and FR, 7 Apr 2024"
    data["relationships"].append(rel("CONDUCTED_IN", op, ("Country", "IT")))
    doc = FactsDocument.from_dict(data)
    assert props(doc, "Operation", "op")["display_name"] == (
        "operation in Spain, FR and 1 more, 7 Apr 2024"
    )


def test_an_operation_without_dates_takes_the_report_date() -> None:
    doc = FactsDocument.from_dict(document([n("Operation", "op")], published="2024-05"))
    assert props(doc, "Operation", "op")["display_name"] == "operation, reported May 2024"


def test_a_name_wins_and_a_given_display_name_is_replaced() -> None:
    doc = FactsDocument.from_dict(
        document(
            [
                n("Operation", "named", name="Operation Kestrel", display_name="stale"),
                n("Operation", "unnamed", display_name="stale"),
            ]
        )
    )
    assert props(doc, "Operation", "named")["display_name"] == "Operation Kestrel"
    assert props(doc, "Operation", "unnamed")["display_name"] == "operation"


def test_a_group_is_named_by_its_description_else_its_first_operation() -> None:
    first, second = ("Operation", "first"), ("Operation", "second")
    data = document(
        [
            n("Operation", "first", name="Operation Alpha"),
            n("Operation", "second", name="Operation Beta"),
            n("CriminalGroup", "plain"),
            n("CriminalGroup", "described", descriptor="an Albanian-speaking network"),
            n("CriminalGroup", "named", name="The Firm", descriptor="a network"),
            n("CriminalGroup", "alone"),
        ],
        [
            rel("TARGETED", first, ("CriminalGroup", "plain")),
            rel("TARGETED", second, ("CriminalGroup", "plain")),
            rel("TARGETED", first, ("CriminalGroup", "described")),
        ],
    )
    doc = FactsDocument.from_dict(data)
    assert props(doc, "CriminalGroup", "plain")["display_name"] == (
        "group targeted by Operation Alpha"
    )
    assert props(doc, "CriminalGroup", "described")["display_name"] == ("Albanian-speaking network")
    assert props(doc, "CriminalGroup", "named")["display_name"] == "The Firm"
    assert props(doc, "CriminalGroup", "alone")["display_name"] == "criminal group"


# --- values -----------------------------------------------------------------------------


def test_integers_are_64_bit() -> None:
    for value in (INT64_MIN, INT64_MAX):
        doc = FactsDocument.from_dict(document([n("Operation", "op", arrests=value)]))
        assert props(doc, "Operation", "op")["arrests"] == value
    assert error(document([n("Operation", "op", arrests=INT64_MAX + 1)])) == (
        f"doc: nodes.0: Value error, Operation.arrests {INT64_MAX + 1} is out of the 64-bit "
        "integer range"
    ).replace("Value error, ", "")
    assert "must be INT64, not True" in error(document([n("Operation", "op", arrests=True)]))


def test_floats_are_finite_and_ints_become_floats() -> None:
    doc = FactsDocument.from_dict(document([n("Seizure", "s", quantity=3)]))
    quantity = props(doc, "Seizure", "s")["quantity"]
    assert quantity == 3.0 and isinstance(quantity, float)
    assert error(document([n("Seizure", "s", quantity=10**400)])) == (
        "doc: nodes.0: Seizure.quantity must be a finite number, not " + repr(10**400)[:40]
    )
    assert "must be a finite number, not inf" in error(
        document([n("Seizure", "s", quantity=float("inf"))])
    )
    assert "must be DOUBLE, not False" in error(document([n("Seizure", "s", quantity=False)]))


def test_string_lists_are_sorted_sets_of_known_values() -> None:
    doc = FactsDocument.from_dict(
        document([n("CriminalGroup", "g", nationalities=["RO", "AL", "RO"])])
    )
    assert props(doc, "CriminalGroup", "g")["nationalities"] == ["AL", "RO"]
    assert error(document([n("CriminalGroup", "g", nationalities=["AL", "Albania"])])) == (
        "doc: nodes.0: CriminalGroup.nationalities: 'Albania' is not an ISO2 country code"
    )
    assert error(document([n("Operation", "op", crimes=["fraud", "knitting", "arson"])])) == (
        "doc: nodes.0: Operation.crimes: 'arson' is not in the crime vocabulary"
    )
    assert "must be STRING[], not ['AL', 3]" in error(
        document([n("CriminalGroup", "g", nationalities=["AL", 3])])
    )


def test_dates_and_country_codes_in_strings() -> None:
    for good in ("2024", "2024-04", "2024-04-07", "--04-07", "--04"):
        doc = FactsDocument.from_dict(document([n("Operation", "op", start_date=good)]))
        assert props(doc, "Operation", "op")["start_date"] == good
    assert error(document([n("Operation", "op", end_date="7 April")])) == (
        "doc: nodes.0: Operation.end_date '7 April' is not an ISO date"
    )
    assert error(document([n("Seizure", "s", country="Spain")])) == (
        "doc: nodes.0: Seizure.country 'Spain' is not an ISO2 country code"
    )
    doc = FactsDocument.from_dict(document([n("Seizure", "s", country="ES")]))
    assert props(doc, "Seizure", "s")["country"] == "ES"


# --- where a lone surrogate is ----------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"report": {"title": "\udc80"}}, "report.title"),
        ({"nodes": [{"key": "ok"}, {"key": "\udc80"}]}, "nodes.1.key"),
        ({"report": {"\udc80": 1}}, "report"),  # a key: the mapping it is in
        ({"\udc80": 1}, "document"),
        ({"nodes": ["ok", ["\udc80"]]}, "nodes.1.0"),
    ],
)
def test_a_lone_surrogate_is_located(data: dict, where: str) -> None:
    assert error(data) == f"doc: {where}: not valid Unicode text (a lone surrogate)"


def test_a_document_is_a_mapping() -> None:
    assert error([1, 2]) == "doc: a facts document must be a mapping at the top level"


# --- parsing ----------------------------------------------------------------------------


def parse_error(text: str, fmt: str) -> str:
    with pytest.raises(FactsError) as err:
        FactsDocument.parse(text, fmt, "doc")
    return str(err.value)


def test_every_way_a_text_fails_has_its_message() -> None:
    assert parse_error("{\n\n  nope", "json") == "doc: malformed JSON near line 3"
    assert parse_error("a: [\n b: c", "yaml") == "doc: malformed YAML near line 2"
    assert parse_error("a: !!python/name:os.system ''", "yaml") == (
        "doc: YAML near line 1: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/name:os.system' (only plain YAML is read: no tags)"
    )
    assert parse_error("[" * 100_000, "json") == "doc: JSON nested too deeply"
    assert parse_error("published: 2024-13-45", "yaml") == (
        "doc: YAML value cannot be read: month must be in 1..12"
    )
    assert parse_error('{"a": ' + "1" * 5000 + "}", "json").startswith(
        "doc: JSON value cannot be read: Exceeds the limit (4300 digits)"
    )


def test_read_takes_the_format_from_the_suffix(tmp_path: Path) -> None:
    data = document([n("Operation", "op", name="Operation Kestrel")])
    as_json = tmp_path / "doc.JSON"
    as_json.write_text(json.dumps(data), encoding="utf-8")
    assert FactsDocument.read(as_json).nodes[0].key == "op"
    as_yaml = tmp_path / "doc.yaml"
    as_yaml.write_text(dump_yaml(data), encoding="utf-8")
    assert FactsDocument.read(as_yaml).to_dict() == FactsDocument.read(as_json).to_dict()
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(FactsError, match=f"^{broken}: malformed JSON near line 1$"):
        FactsDocument.read(broken)


def test_json_and_yaml_writing() -> None:
    doc = FactsDocument.from_dict(document([n("Agency", "a", name="Polícia Judiciária")]))
    text = doc.to_json()
    assert text.endswith("}\n") and "Polícia Judiciária" in text  # UTF-8, not \\u escapes
    assert json.loads(text) == doc.to_dict()
    assert text.splitlines()[1] == '  "graphkit": "graphkit-facts/1",'
    long = {"b": "word " * 30, "a": "line\x85break"}
    written = dump_yaml(long)
    assert written.splitlines()[0].startswith("b: ")  # keys in their order
    assert '"line\\Nbreak"' in written  # NEL double-quoted, as an escape
    assert len(written.splitlines()) == 3  # the long value folded at width 100


# --- keys and text ---------------------------------------------------------------------


def test_keys_and_text_normal_forms() -> None:
    assert slug("  Polícia Judiciária (PJ) ") == "policia-judiciaria-pj"
    assert slug("—") == "x"
    assert entity_key("Agency", "PT", "Polícia Judiciária") == "agency:pt:policia-judiciaria"
    assert normalise_text("\ufeffa \r\nb\r c  \n\n") == "a\nb\n c"
    assert normalise_text("e\u0301") == "\u00e9"
    assert sha256("a") == "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"
    info = ReportInfo.from_text(" text \r\n", source="s", title="T", published="2024")
    assert (info.text, info.title, info.published, info.source) == ("text", "T", "2024", "s")
    assert info.key == "report:" + sha256("text")[:16] and info.sha256 == sha256("text")


# --- more rules: dates a user gives, spans, the digest, default origins, YAML and JSON ---


@pytest.mark.parametrize(
    ("text", "exists"),
    [
        ("2024-02-29", True),  # 2024 is a leap year
        ("2023-02-29", False),
        ("2023-02-28", True),
        ("2024-02-30", False),
        ("2000-02-29", True),  # divisible by 400
        ("1900-02-29", False),  # by 100, not by 400
        ("--02-29", True),  # without a year, 29 February exists
        ("--02-30", False),
        ("2024-01-31", True),
        ("2023-01-31", True),
        ("2023-04-30", True),
        ("2023-04-31", False),
        ("2023-12-31", True),
        ("2023-01-00", False),
    ],
)
def test_a_users_date_follows_the_calendar(text: str, exists: bool) -> None:
    assert is_partial_date(text) is exists


def test_an_operation_is_dated_by_its_span_or_its_end() -> None:
    doc = FactsDocument.from_dict(
        document(
            [
                n("Operation", "span", start_date="2024-04-03", end_date="2024-04-05"),
                n("Operation", "ended", end_date="2024-04-05"),
            ],
            published="2024-05",
        )
    )
    assert props(doc, "Operation", "span")["display_name"] == "operation, 3–5 Apr 2024"
    assert props(doc, "Operation", "ended")["display_name"] == "operation, 5 Apr 2024"


def test_the_digest_is_of_the_facts_not_of_their_spelling() -> None:
    """The same facts give the same digest whatever the order their properties were given
    in and however they were written; another fact gives another digest."""
    one = document([n("Agency", "a", name="Polícia Judiciária", kind="police")])
    other = document([n("Agency", "a", kind="police", name="Polícia Judiciária")])
    doc = FactsDocument.from_dict(one)
    assert doc.digest() == FactsDocument.from_dict(other).digest()
    assert FactsDocument.parse(doc.to_yaml(), "yaml").digest() == doc.digest()
    assert FactsDocument.parse(doc.to_json(), "json").digest() == doc.digest()
    assert len(doc.digest()) == 64 and int(doc.digest(), 16) >= 0
    # properties are kept in one order, so the documents are the same, not only their digests
    assert list(one["nodes"][0]["properties"]) != list(other["nodes"][0]["properties"])
    assert FactsDocument.from_dict(other).to_json() == doc.to_json()
    changed = document([n("Agency", "a", name="Polícia Judiciária", kind="customs")])
    assert FactsDocument.from_dict(changed).digest() != doc.digest()


def test_the_digest_stored_by_this_version_stays_the_same() -> None:
    """Stores keep each report's digest: a change of its form (or of the document it is
    made from) rewrites every stored report once, at its next load. Change this value only
    on purpose."""
    doc = FactsDocument.from_dict(document([n("Agency", "a", name="Europol")]))
    assert doc.digest() == "dd070bdb1b5fb33977e1115325acea5da9e17641bb9817c0607ca26e48b45aca"


def test_the_digest_holds_the_source_and_the_content_digest_does_not() -> None:
    doc = FactsDocument.from_dict(document([n("Agency", "a", name="Europol")]))
    moved = doc.model_copy(update={"report": doc.report.model_copy(update={"source": "b.txt"})})
    assert moved.digest() != doc.digest()
    assert moved.content_digest() == doc.content_digest()
    other = FactsDocument.from_dict(document([n("Agency", "a", name="Eurojust")]))
    assert other.content_digest() != doc.content_digest()


def test_messages_name_the_facts_document_when_no_origin_is_given() -> None:
    with pytest.raises(FactsError) as err:
        FactsDocument.from_dict([1])
    assert str(err.value) == "facts document: a facts document must be a mapping at the top level"
    with pytest.raises(FactsError) as err:
        FactsDocument.parse("{", "json")
    assert str(err.value) == "facts document: malformed JSON near line 1"


def test_a_rule_on_the_whole_document_is_located_at_document() -> None:
    assert error({**document([]), "graphkit": "x"}) == (
        "doc: document: unsupported facts format 'x' (expected 'graphkit-facts/1')"
    )


def test_anchors_are_refused_where_the_first_one_is() -> None:
    """The anchor (line 2) is refused before its alias (line 3) is read."""
    text = "graphkit: graphkit-facts/1\na: &name 1\nb: *name\n"
    assert parse_error(text, "yaml") == (
        "doc: YAML near line 2: anchors and aliases (&name, *name) are not allowed in a facts "
        "document; write each value out"
    )
    assert parse_error("a: [1, &x 2]", "yaml").startswith("doc: YAML near line 1: anchors")


def test_yaml_that_cannot_be_built_says_why_and_hints_at_tags_only_for_tags() -> None:
    assert parse_error("a: 1\n? [b]\n: c", "yaml") == "doc: YAML near line 2: found unhashable key"
    # a character YAML refuses to read at all: no line to point at
    assert parse_error("a: \x07", "yaml") == "doc: malformed YAML"


def test_json_is_read_as_json(tmp_path: Path) -> None:
    """JSON writes 1e3 for a number; YAML would read it as the text "1e3"."""
    text = json.dumps(document([n("Seizure", "s", quantity=1)])).replace(
        '"quantity": 1', '"quantity": 1e3'
    )
    assert props(FactsDocument.parse(text, "json"), "Seizure", "s")["quantity"] == 1000.0
    path = tmp_path / "doc.json"
    path.write_text(text, encoding="utf-8")
    assert props(FactsDocument.read(path), "Seizure", "s")["quantity"] == 1000.0
    broken = tmp_path / "broken.yml"
    broken.write_text("a: [\n b: c", encoding="utf-8")
    with pytest.raises(FactsError) as err:
        FactsDocument.read(broken)
    assert str(err.value) == f"{broken}: malformed YAML near line 2"


def test_yaml_keeps_text_as_it_is_and_folds_at_100_columns() -> None:
    assert dump_yaml({"a": "Polícia Judiciária"}) == "a: Polícia Judiciária\n"
    value = ("word " * 34).strip()  # 169 characters: two lines at 100, three at 80
    written = dump_yaml({"b": value})
    assert len(written.splitlines()) == 2
    assert yaml.safe_load(written) == {"b": value}


def test_a_facts_file_is_read_as_utf_8_whatever_the_locale(tmp_path: Path) -> None:
    """A facts file written here is read back the same on a machine whose locale is not
    UTF-8 (a Windows code page, an ASCII C locale): run with such a locale, this graphkit.

    (make mutate cannot see this test kill a mutant of a method: the mutant's name, which
    it passes in the environment, holds a character that an ASCII locale cannot carry.)"""
    import os
    import subprocess
    import sys

    import graphkit

    path = tmp_path / "doc.yaml"
    path.write_text(
        dump_yaml(document([n("Agency", "pj", name="Polícia Judiciária")])), encoding="utf-8"
    )
    script = (
        "import sys; from pathlib import Path; from graphkit.facts import FactsDocument; "
        "doc = FactsDocument.read(Path(sys.argv[1])); "
        "print(ascii(doc.nodes[0].properties['name']))"
    )
    env = {
        **os.environ,
        "LC_ALL": "C",  # ASCII, with neither UTF-8 mode nor C-locale coercion
        "PYTHONUTF8": "0",
        "PYTHONCOERCECLOCALE": "0",
        "PYTHONPATH": str(Path(graphkit.__file__).parents[1]),
    }
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ascii("Polícia Judiciária")
