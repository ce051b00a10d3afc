"""Facts documents whose every string is hostile: Cypher injection, quoting and escaping
tricks, parameter look-alikes, Unicode look-alikes and control characters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from factories import FactsBuilder

from graphkit import model
from graphkit.facts import MAX_KEY_LENGTH, FactsDocument, ReportInfo

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
        nationality="AL",  # an ISO2 code: the facts model refuses anything else
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


# --------------------------------------------------------------------------------------
# Every free-text field at once: browser, XML, CSV, spreadsheet and Cypher payloads
# --------------------------------------------------------------------------------------

MARKER_HOST = "marker.invalid"
"""Payloads that would fetch something ask this host: any request to it is a finding."""

BROWSER_PAYLOADS: tuple[str, ...] = (
    "<script>__pwned={n}</script>",
    "</script><img src=x onerror=__pwned={n}>",
    '"><svg onload=__pwned={n}>',
    "'><svg/onload=__pwned={n}>",
    '<a href="javascript:__pwned={n}">a</a>',
    "{{constructor.constructor('__pwned={n}')()}}",
    "${__pwned={n}}",
    "</title><script>document.title={n}</script>",
    "]]><![CDATA[<x>",
    "</style><style>*{background:url(//marker.invalid/{n})}</style>",
    "<img src=http://marker.invalid/{n}><!--",
    "\u2028\u2029",
)
"""HTML/JS/XML breakouts; ``{n}`` numbers the field, so a hit (``window.__pwned``, a request
to :data:`MARKER_HOST`, the page title) names it: see :func:`field_number`."""

CYPHER_PAYLOADS: tuple[str, ...] = (
    DELETE_ALL,
    "\\'}) DETACH DELETE n //",
    "\\u0027 \\x27})//",
    '"}) DETACH DELETE n //`',
    "\\",
)

TERMINAL_PAYLOADS: tuple[str, ...] = (
    "[/] [bold red]rich markup[/bold red]",
    "\x1b[2J\x1b]0;pwned\x07",
)
"""For tables printed to a terminal: rich markup (and a bad closing tag), escape sequences."""

NUL = "\x00"
FORMULA_PREFIXES = ("=cmd|'/C calc'!A0", "+1+", "-2-", "@SUM(1)", "", '=HYPERLINK("//x.invalid")')
"""Spreadsheet formula starts (OWASP CSV injection): exports keep values exact, see the README."""


TAGS: list[str] = []
"""Field tags by number: ``TAGS[n]`` is the field whose payload would set ``__pwned = n``."""


def field_number(tag: str) -> int:
    if tag not in TAGS:
        TAGS.append(tag)
    return TAGS.index(tag)


def payload(tag: str, *, formula: str = "", list_item: bool = False) -> str:
    """A value that tries every trick at once, tagged with the field it sits in.

    ``list_item``: no ``;`` (the CSV export's array delimiter, refused inside list items).
    """
    n = str(field_number(tag))
    browser = [p.replace("{n}", n) for p in BROWSER_PAYLOADS]
    if not list_item:  # keys (at most 512 characters) carry the rest
        rest = [*TERMINAL_PAYLOADS, "; CALL db.createLabel('Hacked') //"]
        return " ".join([formula + tag, *browser, *CYPHER_PAYLOADS, NUL, *rest])
    while True:  # a key holds as many browser tricks as 512 characters allow, never fewer
        value = " ".join([formula + tag, *browser, *CYPHER_PAYLOADS, NUL])  # cyphers, and
        droppable = [p for p in browser if not any(m in p for m in KEY_MARKERS)]  # markers
        if len(value) <= MAX_KEY_LENGTH or not droppable:
            return value
        browser.remove(droppable[-1])


KEY_MARKERS = ("<script>", "</title>", "]]>", "</style>", "\u2028")
"""What every hostile value carries, keys included (the tests look for each)."""


RESTRICTED_VALUES: dict[tuple[str, str], Any] = {
    ("Report", "published"): "2024-02-29",
    ("Report", "sha256"): None,  # the digest of the text, computed
    ("Operation", "start_date"): "2024-02",
    ("Operation", "end_date"): "2024-03-01",
    ("Operation", "crimes"): ["drug_trafficking", "fraud"],
    ("CriminalGroup", "crimes"): ["other"],
    ("Country", "iso2"): "BE",
    ("Agency", "kind"): "police",
    ("CriminalGroup", "nationalities"): ["AL", "IT"],
    ("Seizure", "country"): "NL",
    ("Person", "nationality"): "BE",
    ("PARTICIPATED_IN", "role"): "led",
    ("*", "certainty"): "alleged",
    ("*", "date"): "2024-02",
    ("*", "last_date"): "2024-03-01",
}
"""Fields the facts model restricts (dates, vocabularies, ISO codes, the digest): a payload
there is refused at validation (checked by the tests), so they get a valid value.
Provenance ``report`` is the Report key and ``evidence`` a slice of the text, both hostile."""


def free_text_fields() -> list[tuple[str, str]]:
    """Every (label or type, property) of the ontology that takes text the model does not
    restrict: what :func:`every_field_document` fills with :func:`payload`. Derived from
    :mod:`graphkit.model`, so a new field is hostile in every test without being listed.
    A relationship's ``report`` is the Report key, hostile there."""
    text = (model.PropertyType.STRING, model.PropertyType.STRING_LIST)
    fields = [
        (label, prop.name)
        for label, spec in model.NODE_TYPES.items()
        for prop in spec.properties
        if prop.type in text
        and (label, prop.name) not in RESTRICTED_VALUES
        and (label, prop.name) not in model.DERIVED_PROPERTIES  # derived from hostile fields
    ]
    fields += [
        (rel_type, prop.name)
        for rel_type in model.RELATIONSHIP_TYPES
        for prop in model.relationship_properties(rel_type)
        if prop.type in text
        and prop.name != "report"
        and (rel_type, prop.name) not in RESTRICTED_VALUES
        and ("*", prop.name) not in RESTRICTED_VALUES
    ]
    return fields


def tag(owner: str, name: str, n: int = 0) -> str:
    return f"{owner}.{name}#{n}"


def _value(owner: str, prop: model.Property, n: int, formula: str, *, key: bool = False) -> Any:
    restricted = RESTRICTED_VALUES.get((owner, prop.name), RESTRICTED_VALUES.get(("*", prop.name)))
    if restricted is not None or (owner, prop.name) in RESTRICTED_VALUES:
        return restricted
    if prop.type is model.PropertyType.STRING:
        # keys: at most 512 characters, and no ``;`` (a Report key sits in ``reports`` lists)
        return payload(tag(owner, prop.name, n), formula=formula, list_item=key)
    if prop.type is model.PropertyType.STRING_LIST:
        return [payload(tag(owner, prop.name, n) + f"[{i}]", list_item=True) for i in range(2)]
    if prop.type is model.PropertyType.INT:
        return 7 + n
    return 2.5 + n


def every_field_document(variant: int = 0) -> FactsDocument:
    """One report whose every free-text field (:func:`free_text_fields`) holds a tagged
    :func:`payload`: two nodes of every label with all their properties, every relationship
    type and endpoint pair with its evidence sentence, the report's key, source, title, text.
    """
    formulas = iter(FORMULA_PREFIXES * 100)
    rels = [
        (rel_type, src, dst)
        for rel_type, spec in model.RELATIONSHIP_TYPES.items()
        for src, dst in spec.endpoints
    ]
    evidence = {
        rel: payload(tag(rel[0], "evidence", 100 * variant + i), formula=next(formulas)) + "."
        for i, rel in enumerate(rels)
    }
    text = payload(tag("Report", "text", variant)) + "\n\n" + "\n".join(evidence.values()) + "\n"
    report = ReportInfo.from_text(
        text,
        payload(tag("Report", "source", variant), formula="="),
        title=payload(tag("Report", "title", variant), formula="@"),
        published=RESTRICTED_VALUES[("Report", "published")],
    )
    report = report.model_copy(
        update={"key": "report:" + payload(tag("Report", "key", variant), list_item=True)}
    )
    nodes: dict[str, list[dict[str, Any]]] = {}
    for label, spec in model.NODE_TYPES.items():
        if label == "Report":
            continue
        for n in (2 * variant, 2 * variant + 1):
            key = _value(label, spec.property(spec.key), n, next(formulas), key=True)
            if label == "Country":
                key = ("BE", "NL")[n % 2]
            props = {
                p.name: _value(label, p, n, next(formulas))
                for p in spec.properties
                if p.name != spec.key and (label, p.name) not in model.DERIVED_PROPERTIES
            }
            nodes.setdefault(label, []).append({"label": label, "key": key, "properties": props})
    relationships = []
    for i, (rel_type, src, dst) in enumerate(rels):
        sentence = evidence[(rel_type, src, dst)]
        start = report.text.index(sentence)
        own = model.relationship_type(rel_type).properties
        src_key = report.key if src == "Report" else nodes[src][0]["key"]
        relationships.append(
            {
                "type": rel_type,
                "from": {"label": src, "key": src_key},
                "to": {"label": dst, "key": nodes[dst][1]["key"]},
                "evidence": sentence,
                "evidence_start": start,
                "evidence_end": start + len(sentence),
                "certainty": "alleged" if i % 2 else "reported",
                "properties": {p.name: _value(rel_type, p, i, "") for p in own},
            }
        )
    return FactsDocument.from_dict(
        {
            "graphkit": "graphkit-facts/1",
            "report": report.model_dump(),
            "nodes": [node for each in nodes.values() for node in each],
            "relationships": relationships,
        },
        origin="every-field",
    )
