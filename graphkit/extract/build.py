"""Assemble the facts document from the steps' findings.

This is the only module that knows the graph shape: which node each finding becomes,
which relationship links it, which sentence is its evidence and how certain it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from graphkit.extract.agencies import AgencyMention, find_agencies
from graphkit.extract.analysis import Analysis, SentenceView
from graphkit.extract.arrests import find_arrests
from graphkit.extract.countries import Role, country_at, country_mentions
from graphkit.extract.crimes import find_crimes
from graphkit.extract.dates import find_action_dates
from graphkit.extract.gazetteer import AgencyEntry, country_name
from graphkit.extract.groups import find_descriptor, find_known, find_nationalities, has_group
from graphkit.extract.operations import find_codenames, find_officers, find_searches
from graphkit.extract.persons import find_persons
from graphkit.extract.seizures import find_seizures, seized_spans
from graphkit.facts import FactsDocument, Node, NodeRef, Relationship, ReportInfo, entity_key

_ACTION_PREFIXES = (
    "arrest",
    "raid",
    "search",
    "seiz",
    "detain",
    "detention",
    "action",
    "operation",
    "carried",
    "dismantl",
    "confiscat",
    "intercept",
    "investigation",
    "police",
    "authorities",
    "officers",
    "extradit",
    "taken",
    "brought",
    "froze",
    "frozen",
    "crackdown",
    "strike",
    "sting",
)
_ROLE_RANK = {"led": 3, "supported": 2, "participated": 1}
_ACTION = re.compile(
    r"\b(?:arrest\w*|raid\w*|search\w*|seiz\w*|detain\w*|detention|action days?|operation|"
    r"carried out|dismantl\w*|confiscat\w*|intercept\w*|investigation|police|authorities|"
    r"officers|extradit\w*|taken down|brought down|froze|frozen|crackdown|strike|sting)\b",
    re.IGNORECASE,
)


@dataclass
class _Doc:
    """Nodes and relationships being collected; the first evidence for a relationship wins."""

    report: ReportInfo
    nodes: dict[tuple[str, str], Node] = field(default_factory=dict)
    rels: dict[tuple[str, NodeRef, NodeRef], Relationship] = field(default_factory=dict)
    refs: dict[tuple[str, str], NodeRef] = field(default_factory=dict)

    def node(self, label: str, key: str, **props: Any) -> NodeRef:
        ident = (label, key)
        ref = self.refs.get(ident)
        if ref is None:
            self.nodes[ident] = Node(label=label, key=key, properties=props)
            ref = self.refs[ident] = NodeRef(label=label, key=key)
        return ref

    def country(self, iso2: str) -> NodeRef:
        return self.node("Country", iso2, name=country_name(iso2))

    def rel(
        self,
        rel_type: str,
        src: NodeRef,
        dst: NodeRef,
        view: SentenceView,
        certainty: str = "reported",
        **props: Any,
    ) -> None:
        ident = (rel_type, src, dst)
        if ident in self.rels:
            return
        self.rels[ident] = Relationship(
            type=rel_type,
            src=src,
            dst=dst,
            evidence=view.text,
            evidence_start=view.start,
            evidence_end=view.end,
            certainty=certainty,
            properties=props,
        )

    def document(self) -> FactsDocument:
        return FactsDocument(
            report=self.report,
            nodes=list(self.nodes.values()),
            relationships=list(self.rels.values()),
        )


def _is_action(view: SentenceView) -> bool:
    """A sentence about law-enforcement action (a quick word check, then the full cues)."""
    return view.has_prefix(_ACTION_PREFIXES) and bool(_ACTION.search(view.text))


def _hedged(view: SentenceView) -> str:
    return "alleged" if view.hedged else "reported"


def _agency_ref(doc: _Doc, agency: AgencyEntry) -> NodeRef:
    key = entity_key("Agency", agency.country, agency.name)
    return doc.node("Agency", key, name=agency.name, country=agency.country, kind=agency.kind)


def _merge_agencies(mentions: list[AgencyMention]) -> list[tuple[AgencyEntry, str, SentenceView]]:
    """One entry per agency: its strongest role and the sentence that gave it."""
    merged: dict[tuple[str, str], tuple[AgencyEntry, str, SentenceView]] = {}
    for m in mentions:
        ident = (m.agency.country, m.agency.name)
        old = merged.get(ident)
        if old is None or _ROLE_RANK[m.role] > _ROLE_RANK[old[1]]:
            merged[ident] = (m.agency, m.role, old[2] if old and old[1] == m.role else m.sentence)
    return list(merged.values())


def build(analysis: Analysis, report: ReportInfo) -> FactsDocument:
    doc = _Doc(report)
    views = analysis.sentences
    if not views:
        return doc.document()
    agency_mentions = find_agencies(analysis)
    agency_spans = [(m.start, m.end) for m in agency_mentions]
    crimes = find_crimes(analysis, agency_spans, seized_spans(analysis))
    homes = [(m.start, m.end, m.agency.country) for m in agency_mentions]
    arrests = find_arrests(analysis, homes)
    codenames = find_codenames(analysis)
    is_action = {v.index: _is_action(v) for v in views}
    action_views = [v for v in views if is_action[v.index]]
    if not codenames and not action_views:
        return doc.document()

    # -- operations ------------------------------------------------------------------
    start_date, end_date = find_action_dates(analysis, report.published)
    officers, searches = find_officers(analysis), find_searches(analysis)
    op_refs: list[NodeRef] = []
    for i, codename in enumerate(codenames or [None]):
        props: dict[str, Any] = {"name": codename.name if codename else None}
        if i == 0:
            props.update(
                arrests=arrests.total,
                crimes=sorted(crimes),
                start_date=start_date,
                end_date=end_date,
                officers=officers[0] if officers else None,
                searches=searches[0] if searches else None,
            )
        key = (
            entity_key("Operation", codename.name)
            if codename
            else entity_key("Operation", report.key, "main")
        )
        ref = doc.node("Operation", key, **props)
        op_refs.append(ref)
        evidence = (
            codename.sentence
            if codename
            else (
                arrests.total_sentence
                or next((v for v in action_views if not v.headline), action_views[0])
            )
        )
        doc.rel("DESCRIBES", report.ref, ref, evidence)
    op = op_refs[0]

    # -- groups ------------------------------------------------------------------------
    countries = country_mentions(analysis, homes)
    nationalities = sorted(
        find_nationalities(
            analysis, [(c.start, c.iso2) for c in countries if c.role is Role.NATIONALITY]
        )
    )
    known = find_known(analysis)
    descriptor = find_descriptor(analysis)
    group_refs: list[tuple[NodeRef, SentenceView]] = []
    crime_list = sorted(crimes)
    main_first = bool(known) and (
        descriptor is None or known[0].sentence.start <= descriptor.sentence.start
    )
    if descriptor is None:
        ordered = list(known)
    else:
        ordered = [*known, descriptor] if main_first else [descriptor, *known]
    for g in ordered:
        if g is None:
            continue
        if g.known is not None:
            key = entity_key("CriminalGroup", g.known.name)
            ref = doc.node("CriminalGroup", key, name=g.known.name, crimes=crime_list)
        else:
            key = entity_key("CriminalGroup", report.key, "main")
            ref = doc.node(
                "CriminalGroup",
                key,
                descriptor=g.descriptor,
                crimes=crime_list,
                nationalities=nationalities,
            )
        group_refs.append((ref, g.sentence))
    if not group_refs and (arrests.by_country or has_group(analysis)):
        view = next((v for v in views if not v.headline), views[0])
        ref = doc.node(
            "CriminalGroup",
            entity_key("CriminalGroup", report.key, "main"),
            crimes=crime_list,
            nationalities=nationalities,
        )
        group_refs.append((ref, arrests.total_sentence or view))
    for ref, view in group_refs:
        doc.rel("TARGETED", op, ref, view, _hedged(view))
    main_group = group_refs[0][0] if group_refs else None

    # -- agencies ----------------------------------------------------------------------
    agencies = _merge_agencies(agency_mentions)
    first_seen: dict[NodeRef, SentenceView] = {}
    for agency, role, view in agencies:
        ref = _agency_ref(doc, agency)
        first_seen.setdefault(ref, view)
        doc.rel("PARTICIPATED_IN", ref, op, view, role=role)
        if re.fullmatch(r"[A-Z]{2}", agency.country) and agency.country not in ("EU",):
            doc.rel("BASED_IN", ref, doc.country(agency.country), view)
    refs = sorted(first_seen, key=lambda r: r.key)
    for i, a in enumerate(refs):
        for b in refs[i + 1 :]:
            va, vb = first_seen[a], first_seen[b]
            doc.rel("COOPERATED_WITH", a, b, va if va.start >= vb.start else vb)

    # -- places and arrests ------------------------------------------------------------
    for place in (c for c in countries if c.role is Role.PLACE):
        view = place.sentence
        country = doc.country(place.iso2)
        if main_group is not None and not is_action[view.index]:
            doc.rel("OPERATED_IN", main_group, country, view, _hedged(view))
        else:
            doc.rel("CONDUCTED_IN", op, country, view)
    if arrests.by_country:
        if main_group is None:
            main_group = doc.node(
                "CriminalGroup",
                entity_key("CriminalGroup", report.key, "main"),
                crimes=crime_list,
                nationalities=nationalities,
            )
            doc.rel("TARGETED", op, main_group, next(iter(arrests.by_country.values()))[1])
        for iso2, (count, view) in arrests.by_country.items():
            doc.rel("ARRESTED_IN", main_group, doc.country(iso2), view, count=count)

    # -- named persons -----------------------------------------------------------------
    for person in find_persons(analysis):
        ref = doc.node(
            "Person",
            entity_key("Person", report.key, person.name),
            name=person.name,
            age=person.age,
        )
        if main_group is not None:
            doc.rel("MEMBER_OF", ref, main_group, person.sentence, _hedged(person.sentence))
        if person.arrested and person.country:
            doc.rel("ARRESTED_IN", ref, doc.country(person.country), person.sentence)

    # -- seizures ----------------------------------------------------------------------
    places = [c for c in countries if c.role is Role.PLACE]
    for i, seizure in enumerate(find_seizures(analysis)):
        ref = doc.node(
            "Seizure",
            entity_key("Seizure", report.key, str(i + 1)),
            item=seizure.item,
            quantity=seizure.quantity,
            unit=seizure.unit,
            country=country_at(places, seizure.sentence, seizure.pos),
        )
        doc.rel("SEIZED", op, ref, seizure.sentence)
    return doc.document()
