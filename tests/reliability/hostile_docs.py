"""Facts documents whose every string is hostile: Cypher injection, quoting and escaping
tricks, parameter look-alikes, Unicode look-alikes and control characters."""

from __future__ import annotations

import json
from pathlib import Path

from factories import FactsBuilder

from graphkit.facts import FactsDocument

EUROPOL = "agency:eu:europol"  # shared with data/facts/seed.json

DELETE_ALL = "'}) DETACH DELETE n //"
INJECTIONS = [
    DELETE_ALL,
    '"}) DETACH DELETE n //',
    "`}) MATCH (m) DETACH DELETE m //`",
    "x` {key: 'y'}) DETACH DELETE n RETURN (`",
    "$rows $report $keys {rows} ${x} $0",
    "\\'}) DETACH DELETE n //\\",
    "\\\\' OR 1=1; MATCH (n) DETACH DELETE n; //",
    "Еurоpоl",  # Cyrillic Е and о: not Europol
    "ＭＡＴＣＨ (n) ＤＥＴＡＣＨ ＤＥＬＥＴＥ n",  # fullwidth letters survive NFC
    "\u202edepyrcne\u202c zero\u200bwidth \ufeffbom",
    "ctl\x01\x02\x1b[31mred\x1b[0m\x7f\x0bend",
    "decomposed e\u0301 (not NFC)",
    "</script><script>alert(1)</script>",
    "CALL db.createLabel('Hacked') // ; DROP CONSTRAINT x",
]


def hostile_builder(variant: int = 0) -> FactsBuilder:
    """A report mentioning every injection string, with hostile keys, names and evidence."""
    sentences = [
        f"Sentence {i} of variant {variant} quotes «{s}» verbatim."
        for i, s in enumerate(INJECTIONS)
    ]
    text = f"Hostile report {variant}: {DELETE_ALL}\n\n" + "\n".join(sentences) + "\n"
    b = FactsBuilder(
        text,
        f"reports/{DELETE_ALL}{variant}.txt",
        title=INJECTIONS[13],
        published="2024-02-29",
    )
    normalised = b.report.text
    evidence = [normalised[normalised.index(f"Sentence {i} ") :].split("\n")[0] for i in range(14)]
    op = b.node(
        "Operation",
        b.scoped("operation", "x") + DELETE_ALL,
        name=INJECTIONS[9],
        start_date="2024-02",
        arrests=3,
        crimes=["drug_trafficking"],
    )
    agencies = [
        b.node("Agency", f"agency:{s}", name=s, country="BE", kind="police")
        for s in (INJECTIONS[0], INJECTIONS[1], INJECTIONS[2], INJECTIONS[3])
    ]
    europol = b.node("Agency", EUROPOL, name="Europol", country="EU", kind="eu_agency")
    group = b.node(
        "CriminalGroup",
        f"criminalgroup:{INJECTIONS[7]}",
        name=INJECTIONS[7],
        descriptor=INJECTIONS[8],
        crimes=["fraud"],
    )
    person = b.node(
        "Person",
        f"person:{INJECTIONS[4]}{variant}",
        name=INJECTIONS[11],
        nationality=INJECTIONS[5],
        age=41,
    )
    seizure = b.node(
        "Seizure",
        b.scoped("seizure", "s") + INJECTIONS[6],
        item=INJECTIONS[10],
        unit=INJECTIONS[12],
    )
    be = b.node("Country", "BE")  # shared with the seed: its name must survive
    b.rel("DESCRIBES", ("Report", b.key), op, evidence[0])
    for i, agency in enumerate(agencies):
        b.rel("PARTICIPATED_IN", agency, op, evidence[i], role="supported")
        b.rel("COOPERATED_WITH", agency, europol, evidence[i], certainty="alleged")
    b.rel("TARGETED", op, group, evidence[7])
    b.rel("MEMBER_OF", person, group, evidence[9])
    b.rel("ARRESTED_IN", person, be, evidence[10])
    b.rel("SEIZED", op, seizure, evidence[12])
    b.rel("BASED_IN", agencies[0], be, evidence[13])
    return b


def hostile_document(variant: int = 0) -> FactsDocument:
    return hostile_builder(variant).build()


def write_json(doc: FactsDocument, path: Path) -> Path:
    """ASCII-escaped JSON, so control characters travel as ``\\u`` escapes as they would."""
    path.write_text(json.dumps(doc.to_dict(), ensure_ascii=True), encoding="utf-8")
    return path
