"""The graphkit ontology: the one place that says what the graph may contain.

Everything that names a label, a key, a property or a relationship type is derived
from the tables below: the facts-document validation, the LadybugDB DDL and the Neo4j
constraints (:mod:`graphkit.schema`), the allow-list that guards every Cypher statement
we build, and ``docs/schema.md``. Change the graph contract here and nowhere else.
"""

from __future__ import annotations

import calendar
import hashlib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any


class PropertyType(StrEnum):
    """Property value types, named as LadybugDB spells them (Neo4j is schema-free)."""

    STRING = "STRING"
    INT = "INT64"
    FLOAT = "DOUBLE"
    STRING_LIST = "STRING[]"


class PartialDate:
    """graphkit's date type: an ISO 8601 date, possibly partial, as reports give them:
    ``2024``, ``2024-04``, ``2024-04-07``, or without a year ``--04-07`` and ``--04``. Every
    date property (``Property(..., date=True)``) holds one, stored as a string; this type
    parses, checks and formats them for the facts documents, the extractor and the filters.

    >>> PartialDate.parse("2024-04"), PartialDate.parse("--04-07"), PartialDate.parse("April")
    ((2024, 4, None), (None, 4, 7), None)
    >>> PartialDate.is_valid("2024-02-29"), PartialDate.is_valid("2023-02-29")
    (True, False)
    >>> PartialDate.span("2024-02")
    ('2024-02-01', '2024-02-29')
    >>> PartialDate.format(None, 6, 10), PartialDate.format(2023, 6)
    ('--06-10', '2023-06')
    """

    SHAPE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?)$")
    """The shape of a partial date, whatever the calendar says (what a facts document must
    hold: the extractor can still read "31 February" as ``--02-31``)."""
    _PARTS = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?|--(\d{2})(?:-(\d{2}))?")

    @classmethod
    def has_shape(cls, value: str) -> bool:
        """Whether ``value`` is shaped as a partial date (:data:`SHAPE`)."""
        return cls.SHAPE.match(value) is not None

    @classmethod
    def parse(cls, value: str) -> tuple[int | None, int | None, int | None] | None:
        """(year, month, day) of a partial date, None for what is not one; the calendar
        is not checked (:meth:`is_valid` does)."""
        match = cls._PARTS.fullmatch(value)
        if match is None:
            return None
        year, month, day, bare_month, bare_day = match.groups()
        month, day = month or bare_month, day or bare_day
        return tuple(int(part) if part else None for part in (year, month, day))  # type: ignore[return-value]

    @classmethod
    def is_valid(cls, value: str) -> bool:
        """Whether ``value`` is a partial date that the calendar has: ``2024-13``,
        ``2023-02-29`` and ``--04-31`` are not dates (``--02-29`` is). The rule for every
        date a user gives graphkit (``--published``, ``--since`` / ``--until``)."""
        parts = cls.parse(value)
        if parts is None:
            return False
        year, month, day = parts
        if month is not None and not 1 <= month <= 12:
            return False
        if day is not None:
            leap = calendar.isleap(year) if year is not None else True  # --02-29 exists
            last = 29 if month == 2 and leap else calendar.mdays[month]  # type: ignore[index]
            return 1 <= day <= last
        return True

    @classmethod
    def span(cls, value: str | None) -> tuple[str, str] | None:
        """A valid partial date with a year as an inclusive (first day, last day); None for
        none, for one without a year and for anything else."""
        if not value:
            return None
        text = value.strip()
        parts = cls.parse(text)
        if parts is None or parts[0] is None or not cls.is_valid(text):
            return None
        year, month, day = parts
        if day is not None:
            return (cls.format(year, month, day),) * 2
        if month is not None:
            last = calendar.monthrange(year, month)[1]
            return (cls.format(year, month, 1), cls.format(year, month, last))
        return (cls.format(year, 1, 1), cls.format(year, 12, 31))

    @staticmethod
    def format(year: int | None, month: int | None = None, day: int | None = None) -> str:
        """The partial date of these parts (a day needs a month; no year: ``--MM-DD``)."""
        head = "-" if year is None else f"{year:04d}"
        if month is None:
            return head
        return f"{head}-{month:02d}" + ("" if day is None else f"-{day:02d}")


@dataclass(frozen=True)
class Property:
    name: str
    type: PropertyType
    doc: str = ""
    date: bool = False
    """A :class:`PartialDate`, stored as a string."""
    vocabulary: tuple[str, ...] = ()
    """The values it may take (each item's, for a list), where it has a fixed vocabulary."""


class _HasProperties:
    """What node and relationship types share: their properties, found by name."""

    properties: tuple[Property, ...]

    @cached_property
    def property_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.properties)

    @cached_property
    def by_name(self) -> dict[str, Property]:
        """Each property under its name (a dict: facts documents look names up for every
        value they check)."""
        return {p.name: p for p in self.properties}

    def property(self, name: str) -> Property:
        try:
            return self.by_name[name]
        except KeyError:
            raise KeyError(f"{self} has no property {name!r}") from None


@dataclass(frozen=True)
class NodeType(_HasProperties):
    label: str
    key: str
    properties: tuple[Property, ...]
    doc: str
    caption: tuple[str, ...] = ("name",)
    """The properties that name a node, tried in order (see :func:`display_name`)."""
    featured: tuple[str, ...] = ()
    """The properties a tooltip or details panel shows first, in this order."""

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class RelationshipType(_HasProperties):
    type: str
    endpoints: tuple[tuple[str, str], ...]
    properties: tuple[Property, ...]
    doc: str
    directed: bool = True
    """False for ties that have no direction (two people met): stored once per pair, from
    the smaller key to the larger, and read either way."""

    def __str__(self) -> str:
        return self.type

    def ends(self, a: str, b: str) -> tuple[str, str]:
        """The (source, target) keys a relationship between ``a`` and ``b`` is stored with:
        as given, or for an undirected type the smaller key first, so that a pair is one
        relationship whichever way round a source wrote it."""
        return (a, b) if self.directed or a <= b else (b, a)


S, INT, F, L = PropertyType.STRING, PropertyType.INT, PropertyType.FLOAT, PropertyType.STRING_LIST

CRIMES: tuple[str, ...] = (
    "drug_trafficking",
    "drug_production",
    "trafficking_in_human_beings",
    "migrant_smuggling",
    "sexual_exploitation",
    "money_laundering",
    "fraud",
    "cybercrime",
    "firearms_trafficking",
    "counterfeiting",
    "corruption",
    "property_crime",
    "violent_crime",
    "terrorism",
    "environmental_crime",
    "excise_fraud",
    "child_sexual_abuse",
    "other",
)
"""The fixed crime vocabulary of ``Operation.crimes`` and ``CriminalGroup.crimes``."""

ROLES: tuple[str, ...] = ("led", "supported", "participated")
"""``PARTICIPATED_IN.role``: who led an operation, who supported it, who took part."""

CERTAINTIES: tuple[str, ...] = ("reported", "alleged")
"""``certainty`` on every relationship: stated as fact, or hedged ("believed to", "suspected")."""

AGENCY_KINDS: tuple[str, ...] = (
    "police",
    "judicial",
    "customs",
    "border",
    "tax",
    "financial_intelligence",
    "military",
    "ministry",
    "eu_agency",
    "international",
    "other",
)

SUPRANATIONAL_CODES: tuple[str, ...] = ("EU", "INT")
"""``Agency.country`` for bodies that belong to no single country (Europol, Interpol)."""

NAMED_IN_PROPERTY = Property(
    "named_in",
    L,
    "keys of the reports that support this node besides those its relationships carry "
    "(kept by the stores; a node's reports are these and its relationships' reports)",
)
"""Bookkeeping on every entity node. A node's support, the reports that mention it (its
``reports`` when read: :meth:`GraphStore.read_graph`, the named queries), is the ``report`` of
each of its relationships plus this list, which holds only the reports that name it without
any relationship to it (and the edge-list imports naming a person): a hub such as Europol
is at an end of nearly every report's relationships, so its list stays nearly empty
instead of growing with every report (docs/storage.md)."""

REPORTS_PROPERTY = Property(
    "reports",
    L,
    "keys of the reports that support this node: its relationships' reports and its "
    "named_in (computed when read, not stored)",
)
"""A node's support as graphkit reads it (see :data:`NAMED_IN_PROPERTY`)."""
REPORTS = REPORTS_PROPERTY.name

FACTS_PROPERTY = Property(
    "facts_sha256",
    S,
    "digest of the facts last written from this report (kept by the stores): loading the "
    "same facts again writes nothing",
)
"""Bookkeeping on Report nodes: what makes a re-load of an unchanged report a no-op, so
that it neither costs a rewrite nor makes an old report's scalar values newest again."""


def facts_digest(content_digest: str, source: str) -> str:
    """The :data:`FACTS_PROPERTY` of a report: the digest of its facts document without its
    source (:meth:`graphkit.facts.FactsDocument.content_digest`) and of its source, so that
    a report that ``load`` stores under another path is digested again without its document.
    Digests written by graphkit before this form (of the whole document) differ: a report
    loaded then is rewritten once, with the same facts, when it is next loaded."""
    return hashlib.sha256(f"{content_digest}\n{source}".encode()).hexdigest()


MEASURE_PROPERTIES: tuple[Property, ...] = (
    Property("pagerank", F, "PageRank, written by `graphkit analyze --write-back` (or null)"),
    Property("betweenness", F, "betweenness centrality, written by `analyze --write-back`"),
    Property("community", INT, "Louvain community number, written by `analyze --write-back`"),
    Property("degree", INT, "degree in the analysed projection, written by `analyze --write-back`"),
)
"""Optional measures on every entity node, stored by analytics. Not part of a facts document:
each ``analyze --write-back`` replaces all of them (nodes outside its projection get null)."""

PROVENANCE: tuple[Property, ...] = (
    Property("report", S, "key of the Report this relationship was read from"),
    Property("evidence", S, "the sentence it was read from"),
    Property("evidence_start", INT, "offset of the evidence in Report.text"),
    Property("evidence_end", INT, "end offset: text[evidence_start:evidence_end] == evidence"),
    Property("certainty", S, "reported | alleged", vocabulary=CERTAINTIES),
)
"""Properties carried by every relationship (``end`` and ``start`` are reserved in LadybugDB)."""

NODE_TYPES: dict[str, NodeType] = {
    node.label: node
    for node in (
        NodeType(
            "Report",
            "key",
            (
                Property("key", S),
                Property("source", S, "the path as given to load, or a URL / identifier"),
                Property("title", S),
                Property(
                    "published", S, "ISO date, possibly partial (2023, 2023-04, --04-07)", date=True
                ),
                Property("text", S, "the full normalised text; evidence offsets point into it"),
                Property("sha256", S, "digest of the normalised text"),
            ),
            "One input document.",
            caption=("title", "source"),
            featured=("title", "published", "source"),
        ),
        NodeType(
            "Operation",
            "key",
            (
                Property("key", S),
                Property("name", S, 'the codename, e.g. "Operation Archimedes", or null'),
                Property("start_date", S, "ISO date, possibly partial", date=True),
                Property("end_date", S, "ISO date, possibly partial", date=True),
                Property("arrests", INT, "total arrests stated by the report"),
                Property("officers", INT, "officers deployed"),
                Property("searches", INT, "premises searched"),
                Property("crimes", L, "from the crime vocabulary", vocabulary=CRIMES),
                Property(
                    "display_name",
                    S,
                    'how graphkit shows it: the codename, else "operation in Belgium, 7 Apr '
                    '2024" (derived on load from its countries and dates)',
                ),
            ),
            "A law-enforcement operation or investigation.",
            caption=("name", "display_name"),
            featured=(
                "name",
                "start_date",
                "end_date",
                "arrests",
                "officers",
                "searches",
                "crimes",
            ),
        ),
        NodeType(
            "CriminalGroup",
            "key",
            (
                Property("key", S),
                Property("name", S, "a known organisation's name ('Ndrangheta), or null"),
                Property(
                    "descriptor", S, 'how the report describes it ("an Albanian-speaking network")'
                ),
                Property("crimes", L, "from the crime vocabulary", vocabulary=CRIMES),
                Property(
                    "nationalities",
                    L,
                    "ISO2 codes of the nationalities the report gives its members (not places)",
                ),
                Property(
                    "display_name",
                    S,
                    "how graphkit shows it: its name or description, else the operation that "
                    "targeted it (derived on load)",
                ),
            ),
            "An organised crime group or network.",
            caption=("name", "display_name"),
            featured=("name", "descriptor", "crimes"),
        ),
        NodeType(
            "Country",
            "iso2",
            (
                Property("iso2", S, "ISO 3166-1 alpha-2 (GB for the United Kingdom)"),
                Property("name", S, "English short name"),
            ),
            "A country, one node per ISO code.",
            caption=("name",),
            featured=("name",),
        ),
        NodeType(
            "Agency",
            "key",
            (
                Property("key", S),
                Property("name", S, "canonical English name"),
                Property("country", S, "ISO2 of its home country, or EU / INT"),
                Property(
                    "kind",
                    S,
                    "police, judicial, customs, eu_agency, international, ...",
                    vocabulary=AGENCY_KINDS,
                ),
            ),
            "A law-enforcement, judicial, customs or intergovernmental body.",
            caption=("name",),
            featured=("name", "country", "kind"),
        ),
        NodeType(
            "Seizure",
            "key",
            (
                Property("key", S),
                Property("item", S, 'what was seized ("cannabis plants", "cash")'),
                Property("quantity", F, "how much, or null"),
                Property("unit", S, 'unit of the quantity ("kg", "EUR", "plants"), or null'),
                Property("country", S, "ISO2 of the country the report places it in, or null"),
            ),
            "Something seized in an operation.",
            caption=(),
            featured=("item", "quantity", "unit"),
        ),
        NodeType(
            "Person",
            "key",
            (
                Property("key", S),
                Property("name", S),
                Property("nationality", S, "ISO2 where known"),
                Property("age", INT),
            ),
            "A person, only where a report names them.",
            caption=("name",),
            featured=("name", "nationality", "age"),
        ),
    )
}

_COUNT = Property("count", INT, "number of arrests")
_ROLE = Property("role", S, "led | supported | participated", vocabulary=ROLES)
_TIE: tuple[Property, ...] = (
    Property(
        "weight", F, "tie strength: meetings, calls, ... summed over its rows (not a distance)"
    ),
    Property("date", S, "earliest ISO date of its rows, possibly partial, or null", date=True),
    Property("last_date", S, "latest ISO date of its rows, or null", date=True),
    Property("line", INT, "first line of the imported file it was read from (the evidence)"),
    Property("rows", INT, "how many rows of the file name this pair (summed into weight)"),
)
PERSON_TIES: tuple[str, ...] = ("MET", "CALLED", "ASSOCIATED_WITH")
"""Person-to-person relationship types, imported from relational data (edge lists)."""

RELATIONSHIP_TYPES: dict[str, RelationshipType] = {
    rel.type: rel
    for rel in (
        RelationshipType(
            "OPERATED_IN", (("CriminalGroup", "Country"),), (), "Where a group was active."
        ),
        RelationshipType(
            "CONDUCTED_IN",
            (("Operation", "Country"),),
            (),
            "Where an operation's actions (arrests, searches, seizures) took place.",
        ),
        RelationshipType(
            "ARRESTED_IN",
            (("CriminalGroup", "Country"), ("Person", "Country")),
            (_COUNT,),
            "Arrests of a group's members (with a count) or of a person, by country.",
        ),
        RelationshipType(
            "TARGETED", (("Operation", "CriminalGroup"),), (), "The group an operation targeted."
        ),
        RelationshipType(
            "PARTICIPATED_IN",
            (("Agency", "Operation"),),
            (_ROLE,),
            "An agency's part in an operation.",
        ),
        RelationshipType(
            "COOPERATED_WITH",
            (("Agency", "Agency"),),
            (),
            "Agencies of one operation; stored once per pair and report, read it undirected.",
            directed=False,
        ),
        RelationshipType("BASED_IN", (("Agency", "Country"),), (), "An agency's home country."),
        RelationshipType("SEIZED", (("Operation", "Seizure"),), (), "What an operation seized."),
        RelationshipType(
            "DESCRIBES", (("Report", "Operation"),), (), "The operations a report describes."
        ),
        RelationshipType(
            "MEMBER_OF", (("Person", "CriminalGroup"),), (), "A named person's group."
        ),
        RelationshipType(
            "MET",
            (("Person", "Person"),),
            _TIE,
            "Two people met (surveillance, meeting records); weight = meetings.",
            directed=False,
        ),
        RelationshipType(
            "CALLED",
            (("Person", "Person"),),
            _TIE,
            "Two people communicated (phone calls, messages); weight = calls.",
            directed=False,
        ),
        RelationshipType(
            "ASSOCIATED_WITH",
            (("Person", "Person"),),
            _TIE,
            "Any other tie between two people; weight = its strength.",
            directed=False,
        ),
    )
}

LABELS: frozenset[str] = frozenset(NODE_TYPES)

DATE_PROPERTIES: frozenset[str] = frozenset(
    p.name
    for spec in (*NODE_TYPES.values(), *RELATIONSHIP_TYPES.values())
    for p in spec.properties
    if p.date
)
"""The properties that hold a :class:`PartialDate`."""
REL_TYPES: frozenset[str] = frozenset(RELATIONSHIP_TYPES)
ENTITY_LABELS: tuple[str, ...] = tuple(label for label in NODE_TYPES if label != "Report")


def allowed_label(label: str) -> str:
    """``label`` itself, if the ontology has it: the allow-list every label in a statement we
    build goes through (values always travel as parameters)."""
    if label not in NODE_TYPES:
        raise ValueError(f"label {label!r} is not in the ontology")
    return label


def allowed_type(rel_type: str) -> str:
    """``rel_type`` itself, if the ontology has it (see :func:`allowed_label`)."""
    if rel_type not in RELATIONSHIP_TYPES:
        raise ValueError(f"relationship type {rel_type!r} is not in the ontology")
    return rel_type


def node_type(label: str) -> NodeType:
    """The ontology entry for ``label``; raises KeyError for labels outside the allow-list."""
    return NODE_TYPES[label]


def relationship_type(rel_type: str) -> RelationshipType:
    """The ontology entry for ``rel_type``; raises KeyError outside the allow-list."""
    return RELATIONSHIP_TYPES[rel_type]


def relationship_properties(rel_type: str) -> tuple[Property, ...]:
    """All properties of a relationship type: provenance first, then its own."""
    return PROVENANCE + RELATIONSHIP_TYPES[rel_type].properties


def read_node_properties(label: str) -> tuple[Property, ...]:
    """Properties of a node as read (:meth:`GraphStore.read_graph`, exports, views): the
    stored ones, with an entity's support computed as ``reports`` instead of ``named_in``."""
    return tuple(
        REPORTS_PROPERTY if p is NAMED_IN_PROPERTY else p for p in stored_node_properties(label)
    )


def stored_node_properties(label: str) -> tuple[Property, ...]:
    """Properties a store keeps for ``label``: the ontology's and the bookkeeping (a report's
    :data:`FACTS_PROPERTY`; an entity's ``named_in`` and analytics measures)."""
    props = NODE_TYPES[label].properties
    if label == "Report":
        return (*props, FACTS_PROPERTY)
    return (*props, NAMED_IN_PROPERTY, *MEASURE_PROPERTIES)


# --------------------------------------------------------------------------------------
# Display names: one rule for every command, query, export and view
# --------------------------------------------------------------------------------------

COUNTRY_CODE_PROPERTIES: frozenset[tuple[str, str]] = frozenset(
    {("CriminalGroup", "nationalities"), ("Seizure", "country"), ("Person", "nationality")}
)
"""Properties whose values are ISO 3166-1 alpha-2 codes (checked by the facts document)."""

DERIVED_PROPERTIES: frozenset[tuple[str, str]] = frozenset(
    {("Operation", "display_name"), ("CriminalGroup", "display_name")}
)
"""Properties graphkit derives from the rest of a facts document; a value given in a
document is replaced (see :func:`graphkit.facts.FactsDocument`)."""

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def readable_date(value: str) -> str:
    """An ISO date, possibly partial, as people write it: "3 Apr 2024", "3 Apr", "Apr 2024"."""
    value = str(value)
    if value.startswith("--"):
        year, rest = "", value[2:]
    else:
        year, _, rest = value.partition("-")
    parts = [p for p in rest.split("-") if p]
    try:
        month = _MONTHS[int(parts[0]) - 1] if parts else ""
        day = str(int(parts[1])) if len(parts) > 1 else ""
    except (ValueError, IndexError):
        return value
    return " ".join(p for p in (day, month, year) if p) or value


def operation_caption(
    countries: list[str], start: str | None, end: str | None, published: str | None
) -> str:
    """ "operation in Belgium and France, 7 Apr 2024": an unnamed operation by where and
    when it acted (the report's date when the operation has none)."""
    if not countries:
        where = "operation"
    elif len(countries) <= 2:
        where = "operation in " + " and ".join(countries)
    else:
        where = f"operation in {countries[0]}, {countries[1]} and {len(countries) - 2} more"
    if start and end and end != start:
        first, last = readable_date(start).split(), readable_date(end).split()
        if len(first) == len(last) and first[1:] == last[1:] and len(first) > 1:
            when = f"{first[0]}–{readable_date(end)}"  # "3–5 Apr 2024"
        else:
            when = f"{readable_date(start)} – {readable_date(end)}"
    elif start or end:
        when = readable_date(start or end or "")
    elif published:
        when = f"reported {readable_date(published)}"
    else:
        when = ""
    return f"{where}, {when}" if when else where


def group_caption(descriptor: str | None, operation: str | None) -> str:
    """An unnamed group by how the report describes it ("Albanian-speaking network"), else
    by the operation that targeted it."""
    if descriptor:
        words = descriptor.split()
        if words and words[0].lower() in ("a", "an", "the", "this"):
            words = words[1:]
        return " ".join(words) or descriptor
    return f"group targeted by {operation}" if operation else "criminal group"


def format_number(value: Any) -> str:
    """A number as people read it: thousands separated, no trailing ``.0`` (``200,000,000``,
    ``1.2``, ``0.0035``; six decimals at most). The one rule for amounts in names and
    tables; json and csv keep the exact value. Anything but an int or a finite float is
    ``str(value)``.

    >>> format_number(200000000), format_number(1.20), format_number(3.0), format_number(None)
    ('200,000,000', '1.2', '3', 'None')
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer():
            return f"{int(value):,}"
        shown = f"{value:,.6f}".rstrip("0").rstrip(".")
        return shown if shown not in ("0", "-0") else f"{value:g}"
    return f"{value:,}"


def display_name(label: str, key: str, props: Mapping[str, Any]) -> str:
    """A short human name for a node, the same in every command, query, export and view.

    The first non-empty property of the node type's ``caption`` (Country, Agency, Person:
    name; Operation: its codename, else its derived ``display_name``; CriminalGroup: name,
    else its ``display_name``; Report: title, else source). Without one: a group by its
    description, an operation by its dates; a Seizure is always its quantity, unit and item
    ("8255 plants cannabis"). Falls back to the key only for nodes written by hand without
    any of these.

    >>> display_name("Seizure", "s1", {"item": "cocaine", "quantity": 1200.0, "unit": "kg"})
    '1,200 kg cocaine'
    >>> display_name("Operation", "op1", {"start_date": "2024-04-07"})
    'operation, 7 Apr 2024'
    """
    spec = NODE_TYPES.get(label)
    for name in spec.caption if spec else ("name",):
        if props.get(name):
            return str(props[name])
    if label == "CriminalGroup" and props.get("descriptor"):
        return group_caption(props.get("descriptor"), None)
    if label == "Seizure":
        item = props.get("item") or key
        quantity, unit = props.get("quantity"), props.get("unit")
        if quantity is None:
            return str(item)
        amount = format_number(quantity)
        if unit and str(unit).casefold() in str(item).casefold():  # "4 (vehicles) luxury vehicles"
            unit = None
        return " ".join(str(p) for p in (amount, unit, item) if p)
    if label == "Operation" and (props.get("start_date") or props.get("end_date")):
        return operation_caption([], props.get("start_date"), props.get("end_date"), None)
    return str(key)
