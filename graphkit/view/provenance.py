"""Where a view's facts come from: reports (dates and texts), evidence rows with the entities
marked, and the relationships behind a projected link.

The page shows a relationship's sentence with both entities highlighted and can open the
whole report at that sentence; it filters by date and country; a projected link (two
agencies that WORKED_WITH each other) lists the operations that make it and their
evidence. All of that is computed here, as plain data: the page only turns it into DOM
text nodes, so nothing from a report is ever markup.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphkit import model
from graphkit.analytics import Filters, display_name, filter_graph
from graphkit.analytics.projection import date_range, memberships
from graphkit.model import readable_date
from graphkit.store.base import GraphData, GraphEdge, GraphNode

ReportRow = list[Any]
"""``[title, published, first day, last day]`` of a report, its date as people write it;
the days bound the dates of the
operations it describes (else its published date), ``None`` when it cannot be placed."""

EvidenceRow = list[Any]
"""``[report, sentence, certainty, start, end, marks]``: ``start``/``end`` are the offsets of
the sentence in the report's text (``None`` when unknown), ``marks`` the ``[start, end]``
spans of the entities' names inside the sentence."""

NAME_PROPERTIES = ("name", "descriptor", "item", "title")
"""Properties whose values may be how a report spells an entity (besides its display name)."""


# --------------------------------------------------------------------------------------
# Reports: title, date span, text
# --------------------------------------------------------------------------------------


def report_rows(
    graph: GraphData, reports: Mapping[str, Mapping[str, Any]] | None = None
) -> dict[str, ReportRow]:
    """Every report's row (see :data:`ReportRow`); ``reports`` (``store.reports()`` rows by
    key) win over the graph's Report nodes for title and date."""
    spans = operation_spans(graph)
    rows: dict[str, ReportRow] = {}
    for node in graph.nodes:
        if node.label == "Report":
            rows[node.key] = [node.properties.get("title"), node.properties.get("published")]
    for key, row in (reports or {}).items():
        rows[key] = [row.get("title"), row.get("published")]
    for key, row in rows.items():
        span = spans.get(key) or date_range(row[1])
        row.extend(span or (None, None))
        if row[1]:
            row[1] = readable_date(row[1])  # "7 Apr", never a raw partial date ("--04-07")
    return rows


def operation_spans(graph: GraphData) -> dict[str, tuple[str, str]]:
    """For each report describing dated operations, the days from the first start to the
    last end: what the page's date slider filters on (operations are what analysts date)."""
    ops = {n.id: n for n in graph.nodes if n.label == "Operation"}
    out: dict[str, tuple[str, str]] = {}
    for edge in graph.edges:
        if edge.type != "DESCRIBES" or edge.dst not in ops:
            continue
        span = operation_span(ops[edge.dst])
        if span is None:
            continue
        key = edge.src[1]
        old = out.get(key)
        out[key] = span if old is None else (min(old[0], span[0]), max(old[1], span[1]))
    return out


def operation_span(node: GraphNode) -> tuple[str, str] | None:
    """First and last day of an operation (start..end, either alone), ``None`` undated."""
    start = date_range(node.properties.get("start_date"))
    end = date_range(node.properties.get("end_date"))
    if not (start or end):
        return None
    return ((start or end)[0], (end or start)[1])  # type: ignore[index]


def report_texts(graph: GraphData, keys: Iterable[str]) -> dict[str, str]:
    """The stored full text of each report in ``keys`` that has one (Report.text)."""
    wanted = set(keys)
    return {
        n.key: str(n.properties["text"])
        for n in graph.nodes
        if n.label == "Report" and n.key in wanted and n.properties.get("text")
    }


# --------------------------------------------------------------------------------------
# Evidence with the entities marked
# --------------------------------------------------------------------------------------


def spellings(node: GraphNode | None, shown: str) -> list[str]:
    """The ways a sentence may name ``node``: its display name and naming properties,
    longest first (so "Belgian Federal Police" is marked rather than "Police")."""
    names = {shown}
    if node is not None:
        names.add(display_name(node))
        names.update(str(node.properties[p]) for p in NAME_PROPERTIES if node.properties.get(p))
    return sorted((n for n in names if n.strip()), key=lambda n: (-len(n), n))


def mark_spans(sentence: str, names: Iterable[str]) -> list[list[int]]:
    """``[start, end]`` of every case-insensitive, whole-word occurrence of ``names`` in
    ``sentence``, without overlaps (the longer name wins), in order."""
    folded = sentence.casefold()
    same_length = len(folded) == len(sentence)  # else offsets would not carry over
    taken: list[list[int]] = []
    for name in sorted({n.casefold() for n in names if n.strip()}, key=lambda n: (-len(n), n)):
        at = folded.find(name) if same_length else -1
        while at != -1:
            end = at + len(name)
            if _word_edges(folded, at, end) and all(end <= s or at >= e for s, e in taken):
                taken.append([at, end])
            at = folded.find(name, at + 1)
    return sorted(taken)


def _word_edges(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` neither starts nor ends inside a word."""
    return (start == 0 or not text[start - 1].isalnum()) and (
        end == len(text) or not text[end].isalnum()
    )


def evidence_row(edge: GraphEdge, names: Iterable[str]) -> EvidenceRow:
    """One row of a relationship's evidence (see :data:`EvidenceRow`)."""
    props = edge.properties
    sentence = str(props.get("evidence") or "")
    start, end = props.get("evidence_start"), props.get("evidence_end")
    offsets = isinstance(start, int) and isinstance(end, int) and end - start == len(sentence)
    return [
        str(props.get("report") or ""),
        sentence,
        str(props.get("certainty") or "reported"),
        start if offsets else None,
        end if offsets else None,
        mark_spans(sentence, names),
    ]


# --------------------------------------------------------------------------------------
# Countries a node belongs to (the page's country filter)
# --------------------------------------------------------------------------------------


def node_countries(graph: GraphData) -> dict[str, list[str]]:
    """For each node id (``Label:key``), the countries whose ``--country`` filter keeps it:
    the page filters by the same rule as the command line (:func:`filter_graph`)."""
    out: dict[str, list[str]] = defaultdict(list)
    for code in sorted(n.key for n in graph.nodes if n.label == "Country"):
        for node in filter_graph(graph, Filters(countries={code})).nodes:
            out[f"{node.label}:{node.key}"].append(code)
    return dict(out)


# --------------------------------------------------------------------------------------
# What makes a projected link
# --------------------------------------------------------------------------------------


@dataclass
class Support:
    """Why two nodes of a projection are linked: the contexts they share (operations,
    countries, groups) by node id, and the relationships that place them there."""

    contexts: set[str] = field(default_factory=set)
    edges: list[GraphEdge] = field(default_factory=list)


def projection_support(graph: GraphData, projection: str) -> dict[tuple[str, str], Support]:
    """For each pair (sorted node ids) linked by ``projection``, what links them.

    The rules are :func:`graphkit.analytics.project`'s: agencies share operations (or,
    without one, reported cooperation), countries and groups share groups, countries and
    operations, persons share groups, arrests and direct ties.
    """
    support: dict[tuple[str, str], Support] = defaultdict(Support)
    for where, by_member in memberships(graph, projection).items():
        ids = sorted(by_member)
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                pair = support[(a, b)]
                pair.contexts.add("{}:{}".format(*where[:2]))  # (label, key[, report])
                pair.edges.extend(by_member[a] + by_member[b])
    direct = {"agencies": {"COOPERATED_WITH"}, "persons": set(model.PERSON_TIES)}
    for edge in graph.edges:
        if edge.type in direct.get(projection, ()):
            a, b = sorted(("{}:{}".format(*edge.src), "{}:{}".format(*edge.dst)))
            if a != b:
                support[(a, b)].edges.append(edge)
    return dict(support)
