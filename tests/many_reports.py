"""Small, distinct facts documents that share agencies and countries, as real reports do."""

from __future__ import annotations

import json
from pathlib import Path

from factories import AGENCIES, COUNTRY_NAMES, FactsBuilder

from graphkit.facts import FactsDocument

ISO2 = sorted(COUNTRY_NAMES)
AGENCY_KEYS = sorted(AGENCIES)


def small_report(i: int) -> FactsDocument:
    iso = ISO2[i % len(ISO2)]
    lead, partner = AGENCY_KEYS[i % 4], AGENCY_KEYS[(i + 1) % 4]
    s1 = f"Operation number {i} was led by {AGENCIES[lead]['name']} in {COUNTRY_NAMES[iso]}."
    s2 = f"Officers arrested {i % 7 + 1} members of network {i % 13} and seized {i} kg of cocaine."
    b = FactsBuilder(f"Report {i}\n\n{s1}\n{s2}\n", f"reports/r{i:04d}.txt", published="2024-05")
    op = b.node("Operation", b.scoped("operation", "op"), name=f"Operation {i}", arrests=i % 7 + 1)
    group = b.node("CriminalGroup", f"criminalgroup:network-{i % 13}", crimes=["drug_trafficking"])
    country = b.country(iso)
    a, p = b.agency(lead), b.agency(partner)
    seizure = b.node("Seizure", b.scoped("seizure", "c"), item="cocaine", quantity=i, unit="kg")
    b.rel("DESCRIBES", ("Report", b.key), op, s1)
    b.rel("PARTICIPATED_IN", a, op, s1, role="led")
    b.rel("PARTICIPATED_IN", p, op, s1, role="supported")
    b.rel("COOPERATED_WITH", a, p, s1)
    b.rel("CONDUCTED_IN", op, country, s1)
    b.rel("TARGETED", op, group, s2)
    b.rel("ARRESTED_IN", group, country, s2, count=i % 7 + 1)
    b.rel("SEIZED", op, seizure, s2)
    return b.build()


def write_reports(folder: Path, count: int, start: int = 0) -> list[FactsDocument]:
    folder.mkdir(parents=True, exist_ok=True)
    docs = [small_report(i) for i in range(start, start + count)]
    for i, doc in enumerate(docs, start):
        (folder / f"r{i:04d}.json").write_text(json.dumps(doc.to_dict()), encoding="utf-8")
    return docs
