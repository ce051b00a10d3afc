"""Shared helpers for the extraction tests (imported by name: tests/extract has no package)."""

from __future__ import annotations

from graphkit.extract.analysis import Analysis
from graphkit.facts import FactsDocument, normalise_text


def analyse(text: str) -> Analysis:
    return Analysis.of(normalise_text(text))


def rels(doc: FactsDocument, rel_type: str) -> list:
    return [r for r in doc.relationships if r.type == rel_type]


def node(doc: FactsDocument, ref) -> dict:
    return next(n for n in doc.nodes if n.label == ref.label and n.key == ref.key).properties


def place_countries(doc: FactsDocument) -> set[str]:
    types = ("OPERATED_IN", "CONDUCTED_IN", "ARRESTED_IN")
    return {r.dst.key for r in doc.relationships if r.type in types}


def arrests_by_country(doc: FactsDocument) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rels(doc, "ARRESTED_IN"):
        if r.src.label == "CriminalGroup":
            out[r.dst.key] = out.get(r.dst.key, 0) + r.properties["count"]
    return out


def agency_names(doc: FactsDocument) -> set[str]:
    return {node(doc, r.src)["name"] for r in rels(doc, "PARTICIPATED_IN")}


def operations(doc: FactsDocument) -> list[dict]:
    return [node(doc, r.dst) for r in rels(doc, "DESCRIBES")]


def seizures(doc: FactsDocument) -> list[tuple]:
    return [
        (p["item"], p["quantity"], p["unit"])
        for p in (node(doc, r.dst) for r in rels(doc, "SEIZED"))
    ]
