"""Every relationship's evidence names both of its ends: measured on our own reports and,
where it is present, on the shared development set."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_extract import rels

from graphkit.extract import extract_text
from graphkit.extract.evidence import coverage, names_both_ends
from graphkit.inputs import read_input

ROOT = Path(__file__).resolve().parents[2]
OWN = sorted(
    p for p in (ROOT / "data" / "reports").iterdir() if p.suffix in (".txt", ".md", ".html")
)
DEV = ROOT.parent / "shared" / "eval" / "dev" / "reports"


def _extract(path: Path):
    source = read_input(str(path))
    return extract_text(source.text, source=str(path), fmt=source.kind)


def test_our_reports_cite_evidence_that_names_both_ends():
    result = coverage(_extract(p) for p in OWN)
    assert result.total > 200
    assert result.share >= 0.95, result.misses


@pytest.mark.skipif(not DEV.is_dir(), reason="the shared development set is not beside the repo")
def test_the_development_set_cites_evidence_that_names_both_ends():
    result = coverage(_extract(p) for p in sorted(DEV.glob("*.txt")))
    assert result.total > 600
    assert result.share >= 0.96, result.misses


def test_a_sentence_without_the_country_is_widened_to_the_one_that_names_it():
    doc = extract_text(
        "In Denmark, investigators raided six warehouses. Three men were arrested there.",
        source="t.txt",
    )
    [arrest] = rels(doc, "ARRESTED_IN")
    assert "Denmark" in arrest.evidence and "arrested there" in arrest.evidence
    assert doc.report.text[arrest.evidence_start : arrest.evidence_end] == arrest.evidence
    assert names_both_ends(doc, arrest)


def test_widening_stays_inside_a_paragraph():
    doc = extract_text(
        "In Denmark, investigators raided six warehouses.\n\nThree men were arrested there.",
        source="t.txt",
    )
    assert all("\n\n" not in r.evidence for r in doc.relationships)


def test_a_list_line_cites_the_line_that_introduces_the_list():
    doc = extract_text(
        "Police arrested 12 people in a joint operation.\n"
        "The following authorities took part in the operation:\n"
        "Spain: Guardia Civil\n"
        "Italy: Carabinieri\n",
        source="t.txt",
    )
    for r in rels(doc, "PARTICIPATED_IN"):
        assert names_both_ends(doc, r), r.evidence
        assert r.evidence.startswith("The following authorities")
