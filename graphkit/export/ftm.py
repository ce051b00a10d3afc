"""FollowTheMoney entities as JSON lines for Aleph / OpenSanctions tooling (needs the optional
``followthemoney`` package: ``pip install 'graphkit[ftm]'``)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import IO, Any

from graphkit.errors import ExportError
from graphkit.export.base import Exporter
from graphkit.filters import display_name
from graphkit.store.base import GraphData

CRIME_TOPICS: dict[str, str] = {
    "drug_trafficking": "crime.traffick.drug",
    "drug_production": "crime.traffick.drug",
    "trafficking_in_human_beings": "crime.traffick.human",
    "migrant_smuggling": "crime.traffick.human",
    "sexual_exploitation": "crime.traffick.human",
    "money_laundering": "crime.fin",
    "fraud": "crime.fraud",
    "excise_fraud": "crime.fraud",
    "cybercrime": "crime.cyber",
    "firearms_trafficking": "crime.traffick",
    "counterfeiting": "crime.fraud",
    "corruption": "crime.fin",
    "property_crime": "crime.theft",
    "terrorism": "crime.terror",
    "environmental_crime": "crime.env",
}
"""graphkit's crime vocabulary as FollowTheMoney topics, where one fits (else just ``crime``)."""

AGENCY_TOPICS: dict[str, str] = {
    "police": "gov.security",
    "border": "gov.security",
    "customs": "gov.security",
    "military": "gov.security",
    "judicial": "gov.judicial",
    "tax": "gov.financial",
    "financial_intelligence": "gov.financial",
    "ministry": "gov.executive",
    "eu_agency": "gov.igo",
    "international": "gov.igo",
}


def _ftm_model() -> Any:
    try:
        from followthemoney import model as ftm_model
    except ImportError:
        raise ExportError(
            "the ftm format needs the followthemoney package: pip install 'graphkit[ftm]'"
        ) from None
    return ftm_model


def ftm_entities(graph: GraphData) -> Iterator[dict[str, Any]]:
    """The graph as FollowTheMoney entities (dicts), validated by followthemoney itself.

    - Agency, CriminalGroup: ``Organization`` (topics from the agency kind or the crimes;
      a group's countries are where it operated or was arrested);
    - Person: ``Person``; Operation: ``Event`` (countries, dates, seizures in the summary,
      the agencies and groups involved, the leading agencies as organizers);
    - Report: ``Article`` with its text; every node a report supports gets a
      ``Documentation`` linking the article to it (the provenance);
    - relationships between those entities (cooperation, participation, targeting,
      membership): ``UnknownLink`` / ``Membership`` with the evidence sentence as
      ``description`` and the article as ``proof``.
    Countries and seizures are not entities in FollowTheMoney: they become properties.
    """
    ftm = _ftm_model()
    nodes = {n.id: n for n in graph.nodes}
    ids: dict[tuple[str, str], str] = {}
    made: dict[tuple[str, str], Any] = {}

    def make(schema_name: str, *parts: str) -> Any:
        entity = ftm.make_entity(schema_name)
        entity.make_id("graphkit", *parts)
        return entity

    def ftm_countries(codes: Iterable[str]) -> list[str]:
        return [c.lower() for c in codes if c and c.upper() not in ("INT",)]

    def add_places(entity: Any, node_id: tuple[str, str]) -> None:
        """Where the node acted: its countries by OPERATED_IN, CONDUCTED_IN, ARRESTED_IN."""
        entity.add("country", ftm_countries(sorted(countries_of[node_id])), quiet=True)

    countries_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    seizures_of: dict[tuple[str, str], list[str]] = defaultdict(list)
    for edge in graph.edges:
        if edge.dst[0] == "Country" and edge.type in ("OPERATED_IN", "CONDUCTED_IN", "ARRESTED_IN"):
            countries_of[edge.src].add(edge.dst[1])
        if edge.type == "SEIZED" and edge.dst in nodes:
            seizures_of[edge.src].append(display_name(nodes[edge.dst]))

    for node in graph.nodes:
        p = node.properties
        entity = None
        if node.label == "Agency":
            entity = make("Organization", "agency", node.key)
            _put(entity, "name", p.get("name") or node.key)
            entity.add("country", ftm_countries([p.get("country") or ""]), quiet=True)
            entity.add("classification", p.get("kind"))
            entity.add("topics", AGENCY_TOPICS.get(p.get("kind") or ""), quiet=True)
        elif node.label == "CriminalGroup":
            entity = make("Organization", "group", node.key)
            _put(entity, "name", p.get("name") or p.get("descriptor") or node.key)
            _put(entity, "description", p.get("descriptor"))
            add_places(entity, node.id)
            entity.add("topics", "crime")
            _add_crimes(entity, p.get("crimes"))
        elif node.label == "Person":
            entity = make("Person", "person", node.key)
            _put(entity, "name", p.get("name") or node.key)
            entity.add("nationality", ftm_countries([p.get("nationality") or ""]), quiet=True)
            add_places(entity, node.id)
        elif node.label == "Operation":
            entity = make("Event", "operation", node.key)
            _put(entity, "name", display_name(node))
            entity.add("startDate", _ftm_date(p.get("start_date")), quiet=True)
            entity.add("endDate", _ftm_date(p.get("end_date")), quiet=True)
            add_places(entity, node.id)
            facts = [
                f"{p[k]} {k}" for k in ("arrests", "officers", "searches") if p.get(k) is not None
            ]
            seized = sorted(seizures_of[node.id])
            if seized:
                facts.append("seized: " + "; ".join(seized))
            _put(entity, "summary", ", ".join(facts) or None)
            _add_crimes(entity, p.get("crimes"))
        elif node.label == "Report":
            entity = make("Article", "report", node.key)
            _put(entity, "title", p.get("title") or node.key)
            _put(entity, "bodyText", p.get("text"))
            entity.add("publishedAt", _ftm_date(p.get("published")), quiet=True)
            source = p.get("source") or ""
            if source.startswith(("http://", "https://")):
                entity.add("sourceUrl", source)
            if not entity.get("sourceUrl"):  # a path, or a URL followthemoney refuses
                _put(entity, "fileName", source or None)
        if entity is not None:
            ids[node.id] = entity.id
            made[node.id] = entity

    # Events: who took part, who led, which group was targeted.
    for edge in graph.edges:
        if edge.type == "PARTICIPATED_IN" and edge.dst in made and edge.src in ids:
            made[edge.dst].add("involved", ids[edge.src])
            if edge.properties.get("role") == "led":
                made[edge.dst].add("organizer", ids[edge.src])
        elif edge.type == "TARGETED" and edge.src in made and edge.dst in ids:
            made[edge.src].add("involved", ids[edge.dst])

    for entity in made.values():
        yield _checked(entity)

    # Provenance: each report documents the nodes it supports.
    for node in graph.nodes:
        if node.label == "Report" or node.id not in ids:
            continue
        for report in node.properties.get("reports") or []:
            article = ids.get(("Report", report))
            if article is None:
                continue
            doc = make("Documentation", "documents", report, node.label, node.key)
            doc.add("document", article)
            doc.add("entity", ids[node.id])
            doc.add("role", "mentions")
            yield _checked(doc)

    # Relationships between entities, with their evidence.
    for edge in graph.edges:
        if edge.src not in ids or edge.dst not in ids or edge.type == "DESCRIBES":
            continue
        props = edge.properties
        report = str(props.get("report"))
        if edge.type == "MEMBER_OF":
            link = make("Membership", "link", edge.type, report, *edge.src, *edge.dst)
            link.add("member", ids[edge.src])
            link.add("organization", ids[edge.dst])
            link.add("role", "member")
        else:
            link = make("UnknownLink", "link", edge.type, report, *edge.src, *edge.dst)
            link.add("subject", ids[edge.src])
            link.add("object", ids[edge.dst])
            role = edge.type.lower().replace("_", " ")
            if props.get("role"):
                role += f" ({props['role']})"
            link.add("role", role)
        _put(link, "description", props.get("evidence"))
        link.add("status", props.get("certainty"))
        article = ids.get(("Report", report))
        if article is not None:
            link.add("proof", article)
        yield _checked(link)


def _add_crimes(entity: Any, crimes: Iterable[str] | None) -> None:
    """graphkit's crimes as keywords, and as FollowTheMoney topics where one fits."""
    for crime in crimes or []:
        entity.add("topics", CRIME_TOPICS.get(crime), quiet=True)
        entity.add("keywords", crime)


ELLIPSIS = "\u2026"


def _put(entity: Any, name: str, value: str | None) -> None:
    """Add ``value`` as followthemoney cleans it, within the property's length limit.

    followthemoney refuses an entity with a longer value, and the export with it: a text
    (a report of over 65,000 characters) goes in pieces, in order, joined back by
    concatenation; a longer name or string (over 384 / 1,024 characters) is cut with "…"
    and kept whole in the entity's ``notes``.
    """
    if value is None:
        return
    prop = entity.schema.get(name)
    clean = prop.type.clean(value)
    if clean is None:
        return
    limit = prop.type.max_length
    if len(clean) <= limit:
        entity.add(prop, clean, cleaned=True)
    elif prop.type.name == "text":
        for start in range(0, len(clean), limit):
            entity.add(prop, clean[start : start + limit], cleaned=True)
    else:
        entity.add(prop, clean[: limit - 1].rstrip() + ELLIPSIS, cleaned=True)
        _put(entity, "notes", value)


def _ftm_date(value: Any) -> str | None:
    """A graphkit date (possibly partial) as FollowTheMoney takes it; year-less dates drop."""
    if not value or str(value).startswith("-"):
        return None
    return str(value)


def _checked(entity: Any) -> dict[str, Any]:
    """The entity as a dict, after followthemoney's own validation."""
    from followthemoney.exc import InvalidData

    data = entity.to_dict()
    try:
        entity.schema.validate(data)
    except InvalidData as exc:
        details = getattr(exc, "errors", None) or exc
        raise ExportError(
            f"followthemoney rejects {entity.schema.name} {entity.id}: {details}"
        ) from None
    return data


def write_ftm(graph: GraphData, handle: IO[str]) -> int:
    count = 0
    for entity in ftm_entities(graph):
        handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


class FTMExporter(Exporter):
    format = "ftm"

    def check(self) -> None:
        _ftm_model()

    def write(self, graph: GraphData, handle: IO[Any]) -> int:
        return write_ftm(graph, handle)
