"""Assemble the facts document from the steps' findings.

This is the only module that knows the graph shape: which node each finding becomes,
which relationship links it, which sentence is its evidence and how certain it is.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from graphkit.extract.agencies import AgencyMention, find_agencies
from graphkit.extract.analysis import Analysis, SentenceView
from graphkit.extract.arrests import find_arrests
from graphkit.extract.countries import Role, country_at, country_mentions
from graphkit.extract.crimes import find_crimes
from graphkit.extract.dates import find_action_dates
from graphkit.extract.evidence import both_named, names_country
from graphkit.extract.gazetteer import AgencyEntry, country_name
from graphkit.extract.groups import (
    find_descriptor,
    find_known,
    find_nationalities,
    has_group,
    has_group_cue,
)
from graphkit.extract.operations import find_codenames, find_officers, find_searches
from graphkit.extract.persons import find_persons
from graphkit.extract.seizures import find_seizures, seized_spans
from graphkit.facts import FactsDocument, Node, NodeRef, Relationship, ReportInfo, entity_key

_ACTION_PREFIXES = (
    "arrest",
    "apprehend",
    "custody",
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
    "shut",
)
_ROLE_RANK = {"led": 3, "supported": 2, "participated": 1}
_ACTION = re.compile(
    r"\b(?:arrest\w*|apprehen\w*|custody|raid\w*|search\w*|seiz\w*|detain\w*|detention|"
    r"action days?|actions?|"
    r"operation|carried out|dismantl\w*|confiscat\w*|intercept\w*|investigation|police|"
    r"authorities|officers|extradit\w*|taken down|brought down|shut down|froze|frozen|"
    r"crackdown|strike|sting)\b",
    re.IGNORECASE,
)

_BULLET = re.compile(r"\s*[•●▪‣◦*\-–—·]")
_ISO2 = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True)
class Span:
    """Evidence made of adjacent sentences: ``text`` is the report text from start to end."""

    start: int
    end: int
    text: str


Evidence = SentenceView | Span


def _joined(analysis: Analysis, first: SentenceView, last: SentenceView) -> Span:
    return Span(first.start, last.end, analysis.text[first.start : last.end])


@dataclass
class _Doc:
    """Nodes and relationships being collected; the first evidence for a relationship wins."""

    report: ReportInfo
    nodes: dict[tuple[str, str], Node] = field(default_factory=dict)
    rels: dict[tuple[str, NodeRef, NodeRef], Relationship] = field(default_factory=dict)
    refs: dict[tuple[str, str], NodeRef] = field(default_factory=dict)
    agencies: dict[AgencyEntry, NodeRef] = field(default_factory=dict)

    def node(self, label: str, key: str, **props: Any) -> NodeRef:
        ident = (label, key)
        ref = self.refs.get(ident)
        if ref is None:
            self.nodes[ident] = Node(label=label, key=key, properties=props)
            ref = self.refs[ident] = NodeRef(label=label, key=key)
        return ref

    def country(self, iso2: str) -> NodeRef:
        return self.node("Country", iso2, name=country_name(iso2))

    def agency(self, agency: AgencyEntry) -> NodeRef:
        ref = self.agencies.get(agency)  # asked once per mention: the key is made once
        if ref is None:
            key = entity_key("Agency", agency.country, agency.name)
            ref = self.agencies[agency] = self.node(
                "Agency", key, name=agency.name, country=agency.country, kind=agency.kind
            )
        return ref

    def rel(
        self,
        rel_type: str,
        src: NodeRef,
        dst: NodeRef,
        view: Evidence,
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

    def document(self, analysis: Analysis | None = None) -> FactsDocument:
        if analysis is not None:
            starts = [v.start for v in analysis.sentences]
            for rel in self.rels.values():
                _name_both_ends(analysis, starts, rel, self.nodes)
        return FactsDocument(
            report=self.report,
            nodes=list(self.nodes.values()),
            relationships=list(self.rels.values()),
        )


def _joins(analysis: Analysis, first: SentenceView, last: SentenceView) -> bool:
    """Whether two neighbouring sentences belong together: one paragraph, or a list and the
    line that introduces it ("The following took part:" then "Spain: Guardia Civil")."""
    gap = analysis.text[first.end : last.start]
    if "\n" not in gap or first.text.rstrip().endswith(":"):
        return True
    if _bullet(analysis, first) and _bullet(analysis, last):
        return True  # lines of one list
    if "\n\n" in gap.replace(" ", "").replace("\t", ""):
        return False
    return len(first.text) < 120 and len(last.text) < 200


def _bullet(analysis: Analysis, view: SentenceView) -> bool:
    line_start = analysis.text.rfind("\n", 0, view.start) + 1
    return bool(_BULLET.match(analysis.text[line_start : view.start + 1]))


def _name_both_ends(
    analysis: Analysis,
    starts: list[int],
    rel: Relationship,
    nodes: dict[tuple[str, str], Node],
) -> None:
    """Widen a relationship's evidence to the sentence before (or after) it, within its
    paragraph, when the sentence alone does not name both ends ("Three men were arrested
    there." names no country; with the sentence before it, it does)."""
    src = None if rel.src.label == "Report" else nodes.get((rel.src.label, rel.src.key))
    dst = nodes.get((rel.dst.label, rel.dst.key))
    if both_named(src, dst, rel.evidence):
        return
    views = analysis.sentences  # ``starts``: their start offsets
    i = bisect_right(starts, rel.evidence_start) - 1
    j = bisect_left(starts, rel.evidence_end) - 1
    if i < 0 or j < i:
        return
    spans = [(i - 1, j), (i, j + 1), (i - 2, j), (i - 1, j + 1)]
    heading = next(
        (k for k in range(i - 1, max(-1, i - 10), -1) if views[k].text.rstrip().endswith(":")),
        None,
    )
    if heading is not None:
        spans.append((heading, j))  # a list line and the line that introduces the list
    for lo, hi in spans:
        if lo < 0 or hi >= len(views):
            continue
        if not all(_joins(analysis, views[k], views[k + 1]) for k in range(lo, hi)):
            continue
        text = analysis.text[views[lo].start : views[hi].end]
        if both_named(src, dst, text):
            rel.evidence, rel.evidence_start, rel.evidence_end = (
                text,
                views[lo].start,
                views[hi].end,
            )
            return


def _together(
    analysis: Analysis, a: dict[int, SentenceView], b: dict[int, SentenceView]
) -> Evidence | None:
    """Where two agencies are named together: the first sentence naming both, else two
    adjacent sentences of one paragraph naming one each; None when the report never puts
    them side by side (their cooperation is then only read through the operation).
    ``a`` and ``b`` map sentence indexes to the sentences naming each agency."""
    both = a.keys() & b.keys()
    if both:
        return a[min(both)]
    for i in sorted(a):
        for first, last in ((b.get(i - 1), a[i]), (a[i], b.get(i + 1))):
            if first is None or last is None:
                continue
            if "\n" not in analysis.text[first.end : last.start]:
                return _joined(analysis, first, last)
    return None


def _is_action(view: SentenceView) -> bool:
    """A sentence about law-enforcement action (a quick word check, then the full cues)."""
    return view.has_prefix(_ACTION_PREFIXES) and bool(_ACTION.search(view.text))


def _hedged(view: SentenceView) -> str:
    return "alleged" if view.hedged else "reported"


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
        return doc.document(analysis)
    agency_mentions = find_agencies(analysis)
    agency_spans = [(m.start, m.end) for m in agency_mentions]
    crimes = find_crimes(analysis, agency_spans, seized_spans(analysis))
    homes = [(m.start, m.end, m.agency.country) for m in agency_mentions]
    arrests = find_arrests(analysis, homes)
    codenames = find_codenames(analysis)
    is_action = {v.index: _is_action(v) for v in views}
    action_views = [v for v in views if is_action[v.index]]
    if not codenames and not action_views:
        return doc.document(analysis)

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
        # the sentence that speaks of the group and of action against it
        view = next(
            (v for v in views if not v.headline and has_group_cue(v) and _is_action(v)),
            next((v for v in views if not v.headline), views[0]),
        )
        ref = doc.node(
            "CriminalGroup",
            entity_key("CriminalGroup", report.key, "main"),
            crimes=crime_list,
            nationalities=nationalities,
        )
        group_refs.append((ref, view))
    for ref, view in group_refs:
        doc.rel("TARGETED", op, ref, view, _hedged(view))
    main_group = group_refs[0][0] if group_refs else None

    # -- agencies ----------------------------------------------------------------------
    agencies = _merge_agencies(agency_mentions)
    seen_in: dict[NodeRef, dict[int, SentenceView]] = {}  # sentence index -> sentence
    for m in agency_mentions:
        seen_in.setdefault(doc.agency(m.agency), {}).setdefault(m.sentence.index, m.sentence)
    for agency, role, view in agencies:
        ref = doc.agency(agency)
        doc.rel("PARTICIPATED_IN", ref, op, view, role=role)
        if _ISO2.fullmatch(agency.country) and agency.country != "EU":
            # stated only where the report names the country; Agency.country always has it
            home = next(
                (v for v in seen_in[ref].values() if names_country(v.text, agency.country)), None
            )
            if home is not None:
                doc.rel("BASED_IN", ref, doc.country(agency.country), home)
    refs = sorted(seen_in, key=lambda r: r.key)
    for i, a in enumerate(refs):
        for b in refs[i + 1 :]:
            together = _together(analysis, seen_in[a], seen_in[b])
            if together is not None:
                doc.rel("COOPERATED_WITH", a, b, together)

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
    return doc.document(analysis)
