"""Build data/facts/seed.json, the hand-checked facts of data/reports/seed-albanian-network.txt.

Every fact below was read from the report by a person; this script only does the
bookkeeping a person gets wrong: the report key and digest, and the evidence offsets.
Each relationship names the phrase its evidence sentence starts with; the sentence runs
from there to the first full stop followed by white space (or the end of the text). The
phrase must occur exactly once in the report, so a change to the report that moves or
breaks evidence fails loudly here instead of producing a quietly wrong seed.

    python data/facts/make_seed_facts.py            # rewrite data/facts/seed.json
    python data/facts/make_seed_facts.py --out X    # write elsewhere (the tests do this)

Conventions (followed by the extractor's expectations, so keep them in step):

* Country nodes are keyed by ISO 3166-1 alpha-2 and named by pycountry's English short
  name ("Netherlands", "United Kingdom").
* Agencies are keyed ``entity_key("Agency", <ISO2 or EU>, <canonical English name>)``.
* The operation (no codename), the group (no name) and the seizures exist only in this
  report, so their keys are scoped by the first 16 hex digits of the report digest.
* COOPERATED_WITH is stored once per pair of the operation's agencies, from the
  lexicographically smaller key to the larger.
* certainty is ``alleged`` when the evidence sentence is hedged ("believed to"),
  otherwise ``reported``.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from pathlib import Path
from typing import Any

from graphkit.facts import FactsDocument, Node, NodeRef, Relationship, ReportInfo, entity_key

ROOT = Path(__file__).resolve().parents[2]
SOURCE = "data/reports/seed-albanian-network.txt"
OUTPUT = ROOT / "data" / "facts" / "seed.json"
TITLE = "64 arrested in four-country action against Albanian-speaking network"
PUBLISHED = "--04-07"  # the dateline gives "April 7" and no year

CRIMES = [
    "drug_production",
    "drug_trafficking",
    "trafficking_in_human_beings",
    "sexual_exploitation",  # "prostitution"
    "money_laundering",
]

COUNTRIES = {
    "BE": "Belgium",
    "FR": "France",
    "NL": "Netherlands",
    "IT": "Italy",
    "GB": "United Kingdom",
}

# (country, canonical name, kind, role in the operation)
AGENCIES = [
    ("BE", "Belgian Federal Police", "police", "led"),
    ("EU", "Europol", "eu_agency", "supported"),
    ("FR", "French National Gendarmerie", "police", "participated"),
    ("NL", "Dutch National Police", "police", "participated"),
    ("IT", "Italian Anti-Mafia Investigation Directorate", "police", "participated"),
    ("GB", "British Metropolitan Police", "police", "participated"),
]

# (item, quantity, unit)
SEIZURES = [
    ("cannabis plants", 8255, "plants"),
    ("cash and gold", 100000, "EUR"),
    ("luxury vehicles", 4, "vehicles"),
    ("electronic devices", 63, "devices"),
]

# The phrases the evidence sentences start with.
FIRST = "Between April 3 and 5"
EUROPOL_SUPPORT = "Europol supported the operation."
ACTIVE_IN = "The raids come at the end"
ARRESTS = "Belgium accounted for 55"
LED_BY = "The Belgian Federal Police led the investigation"
EUROPOL_BACKED = "According to Europol, it backed"
SEIZED = "Items seized include"

HEDGES = re.compile(r"\b(believed?|thought|suspected|allegedly|alleged)\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


def sentence(text: str, phrase: str) -> tuple[str, int, int]:
    """The sentence starting with ``phrase`` and its offsets; ``phrase`` must be unique."""
    found = [m.start() for m in re.finditer(re.escape(phrase), text)]
    if len(found) != 1:
        raise SystemExit(f"{SOURCE}: {phrase!r} occurs {len(found)} times, expected once")
    start = found[0]
    end_match = SENTENCE_END.search(text, start + len(phrase) - 1)
    end = end_match.end() if end_match else len(text)
    return text[start:end], start, end


def build(text: str) -> FactsDocument:
    report = ReportInfo.from_text(text, source=SOURCE, title=TITLE, published=PUBLISHED)
    text = report.text
    scope = report.key.removeprefix("report:")

    operation = Node(
        label="Operation",
        key=entity_key("Operation", scope, "1"),
        properties={
            "name": None,
            "start_date": "--04-03",
            "end_date": "--04-05",
            "arrests": 64,
            "officers": 600,
            "searches": 39,
            "crimes": CRIMES,
        },
    )
    descriptor = "Albanian-speaking organised crime network"
    group = Node(
        label="CriminalGroup",
        key=entity_key("CriminalGroup", scope, descriptor),
        properties={"name": None, "descriptor": descriptor, "crimes": CRIMES},
    )
    countries = {
        iso2: Node(label="Country", key=iso2, properties={"name": name})
        for iso2, name in COUNTRIES.items()
    }
    agencies = {
        name: Node(
            label="Agency",
            key=entity_key("Agency", country, name),
            properties={"name": name, "country": country, "kind": kind},
        )
        for country, name, kind, _role in AGENCIES
    }
    seizures = [
        Node(
            label="Seizure",
            key=entity_key("Seizure", scope, item),
            properties={"item": item, "quantity": quantity, "unit": unit},
        )
        for item, quantity, unit in SEIZURES
    ]

    op, grp = operation.ref, group.ref
    europol = agencies["Europol"].ref
    facts: list[tuple[str, NodeRef, NodeRef, str, dict[str, Any]]] = [
        ("DESCRIBES", report.ref, op, FIRST, {}),
        *(("CONDUCTED_IN", op, countries[c].ref, FIRST, {}) for c in ("BE", "FR", "NL", "IT")),
        ("TARGETED", op, grp, FIRST, {}),
        *(("OPERATED_IN", grp, countries[c].ref, ACTIVE_IN, {}) for c in ("BE", "FR", "NL", "IT")),
        *(
            ("ARRESTED_IN", grp, countries[c].ref, ARRESTS, {"count": n})
            for c, n in (("BE", 55), ("NL", 7), ("FR", 2))
        ),
    ]
    for _country, name, _kind, role in AGENCIES:
        evidence = EUROPOL_SUPPORT if name == "Europol" else LED_BY
        facts.append(("PARTICIPATED_IN", agencies[name].ref, op, evidence, {"role": role}))
    for country, name, _kind, _role in AGENCIES:
        if country in COUNTRIES:
            facts.append(("BASED_IN", agencies[name].ref, countries[country].ref, LED_BY, {}))
    for a, b in itertools.combinations(sorted(n.ref.key for n in agencies.values()), 2):
        ref_a, ref_b = NodeRef(label="Agency", key=a), NodeRef(label="Agency", key=b)
        evidence = EUROPOL_BACKED if europol in (ref_a, ref_b) else LED_BY
        facts.append(("COOPERATED_WITH", ref_a, ref_b, evidence, {}))
    facts.extend(("SEIZED", op, seizure.ref, SEIZED, {}) for seizure in seizures)

    relationships = []
    for rel_type, src, dst, phrase, properties in facts:
        evidence, start, end = sentence(text, phrase)
        relationships.append(
            Relationship(
                type=rel_type,
                src=src,
                dst=dst,
                evidence=evidence,
                evidence_start=start,
                evidence_end=end,
                certainty="alleged" if HEDGES.search(evidence) else "reported",
                properties=properties,
            )
        )
    nodes = [operation, group, *countries.values(), *agencies.values(), *seizures]
    # Round-trip through the validating reader: what we write is what `load` will accept.
    doc = FactsDocument(report=report, nodes=nodes, relationships=relationships)
    return FactsDocument.from_dict(doc.to_dict(), origin="seed facts")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUTPUT, help="where to write the JSON")
    args = parser.parse_args(argv)
    text = (ROOT / SOURCE).read_text(encoding="utf-8")
    doc = build(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(doc.to_json().encode("utf-8"))
    print(f"wrote {args.out}: {len(doc.nodes)} nodes, {len(doc.relationships)} relationships")
    return 0


if __name__ == "__main__":
    sys.exit(main())
