"""What to keep of a graph, and which entity a name means: the rules every command shares.

:class:`Filters` and :func:`filter_graph` (labels, countries, date ranges, certainty,
reports), node ids (``"Label:key"``), display names, the one check of node labels
(:func:`check_labels`) and the one entity finder (:func:`find_entity`, which stops with a
"did you mean" list instead of guessing). Analytics, views, exports and the CLI all use
these; they work on :class:`~graphkit.store.base.GraphData` and, for the finder, on any
networkx graph with ``label``/``key``/``name`` node attributes, without importing networkx.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from graphkit import model
from graphkit.errors import AnalysisError, GraphkitError
from graphkit.model import PartialDate
from graphkit.store.base import GraphData, GraphEdge, GraphNode

CERTAINTY_FILTERS: tuple[str, ...] = ("reported", "all")


# --------------------------------------------------------------------------------------
# Names and ids
# --------------------------------------------------------------------------------------


def node_id(label: str, key: str) -> str:
    """The networkx id of a node: ``"Label:key"``.

    >>> node_id("Agency", "agency:eu:europol")
    'Agency:agency:eu:europol'
    """
    return f"{label}:{key}"


def split_node_id(nid: str) -> tuple[str, str]:
    """(label, key) of a node id; keys may hold colons.

    >>> split_node_id("Agency:agency:eu:europol")
    ('Agency', 'agency:eu:europol')
    """
    label, _, key = nid.partition(":")
    return label, key


def display_name(node: GraphNode | Mapping[str, Any]) -> str:
    """A short human name for a node (a :class:`GraphNode` or a networkx node attr dict);
    the rule is :func:`graphkit.model.display_name`."""
    if isinstance(node, GraphNode):
        return model.display_name(node.label, node.key, node.properties)
    return model.display_name(str(node.get("label", "")), str(node.get("key", "")), node)


# --------------------------------------------------------------------------------------
# Filters
# --------------------------------------------------------------------------------------


@dataclass
class Filters:
    """What to keep before analysing; ``None`` means no restriction.

    - ``labels``: node labels to keep, in any case (edges are kept when both ends are).
    - ``countries``: ISO2 codes. Keeps those Country nodes (not the others), the operations
      conducted in them, the groups and persons active or arrested there or targeted by a
      kept operation, the agencies based there or taking part in a kept operation, the
      seizures of kept operations, the members of kept groups and the reports describing
      kept operations.
    - ``since`` / ``until``: ISO dates, possibly partial ("2023", "2023-04"), inclusive.
      An operation is kept when its start..end dates (else its report's published date)
      overlap the range; a report when its published date does, or it describes a kept
      operation. Relationships are kept when their report is; other nodes when a kept
      report supports them. Dates without a year ("--04-07") cannot be placed and are
      dropped when a range is given.
    - ``certainty``: ``"reported"`` drops relationships stated as alleged; ``"all"`` keeps them.
    - ``reports``: report keys; keeps relationships read from them and nodes they support.
    """

    labels: set[str] | None = None
    countries: set[str] | None = None
    since: str | None = None
    until: str | None = None
    certainty: str = "all"
    reports: set[str] | None = None

    def is_empty(self) -> bool:
        return (
            self.labels is None
            and self.countries is None
            and self.since is None
            and self.until is None
            and self.certainty == "all"
            and self.reports is None
        )

    @property
    def needs_support(self) -> bool:
        """Whether these filters look at the reports that support each node (``reports``
        and dates do: a node stays when a kept report supports it)."""
        return self.reports is not None or self.since is not None or self.until is not None


def check_labels(
    labels: Iterable[str] | None, error: type[GraphkitError] = AnalysisError
) -> set[str] | None:
    """The ontology labels ``labels`` name, in any case (``agency`` is ``Agency``); None for
    None. Raises ``error`` (the caller's kind) naming every unknown one and the choices:
    the one check of node labels for analytics, views, exports and the CLI.

    >>> sorted(check_labels(["agency", "Country"]))
    ['Agency', 'Country']
    >>> check_labels(["Ship"])
    Traceback (most recent call last):
    ...
    graphkit.errors.AnalysisError: unknown label 'Ship'; choose from Report, ...
    """
    return None if labels is None else set(canonical_labels(labels, error))


def canonical_labels(
    labels: Iterable[str], error: type[GraphkitError] = AnalysisError
) -> tuple[str, ...]:
    """:func:`check_labels` keeping the order the labels were given in, each once.

    >>> canonical_labels(["person", "CriminalGroup", "Person"])
    ('Person', 'CriminalGroup')
    """
    canonical = {label.casefold(): label for label in model.NODE_TYPES}
    labels = list(labels)
    unknown = sorted({label for label in labels if label.casefold() not in canonical})
    if unknown:
        raise error(
            f"unknown label {', '.join(map(repr, unknown))}; "
            f"choose from {', '.join(model.NODE_TYPES)}"
        )
    return tuple(dict.fromkeys(canonical[label.casefold()] for label in labels))


def date_range(value: str | None) -> tuple[str, str] | None:
    """A possibly partial ISO date as an inclusive (first day, last day); None without a
    year (:meth:`graphkit.model.PartialDate.span`).

    >>> date_range("2023"), date_range("2023-04-07"), date_range("--04-07")
    (('2023-01-01', '2023-12-31'), ('2023-04-07', '2023-04-07'), None)
    """
    return PartialDate.span(value)


def _bound(value: str | None, which: int, name: str) -> str | None:
    if value is None:
        return None
    span = date_range(value)
    if span is None:
        raise AnalysisError(f"--{name} {value!r}: expected an ISO date (2023, 2023-04, 2023-04-07)")
    return span[which]


def filter_graph(graph: GraphData, filters: Filters) -> GraphData:
    """The part of ``graph`` that ``filters`` keep (see :class:`Filters`), in the same order."""
    if filters.certainty not in CERTAINTY_FILTERS:
        raise AnalysisError(
            f"certainty {filters.certainty!r}: choose one of {', '.join(CERTAINTY_FILTERS)}"
        )
    labels = check_labels(filters.labels)
    if filters.is_empty():
        return graph
    nodes: dict[tuple[str, str], GraphNode] = {n.id: n for n in graph.nodes}
    edges = list(graph.edges)

    if filters.certainty == "reported":
        edges = [e for e in edges if e.properties.get("certainty") != "alleged"]

    keep_reports: set[str] | None = None
    if filters.reports is not None:
        keep_reports = set(filters.reports)

    since = _bound(filters.since, 0, "since")
    until = _bound(filters.until, 1, "until")
    dropped_ops: set[tuple[str, str]] = set()
    if since is not None or until is not None:
        in_range_reports, dropped_ops = _dated(nodes, edges, since, until)
        keep_reports = in_range_reports if keep_reports is None else keep_reports & in_range_reports

    if keep_reports is not None:
        edges = [e for e in edges if e.properties.get("report") in keep_reports]
        nodes = {
            nid: n
            for nid, n in nodes.items()
            if nid not in dropped_ops and _supported(n, keep_reports)
        }
        edges = [e for e in edges if e.src in nodes and e.dst in nodes]

    if filters.countries is not None:
        wanted = {c.upper() for c in filters.countries}
        keep = _country_scope(nodes, edges, wanted)
        nodes = {nid: n for nid, n in nodes.items() if nid in keep}

    if labels is not None:
        nodes = {nid: n for nid, n in nodes.items() if n.label in labels}

    edges = [e for e in edges if e.src in nodes and e.dst in nodes]
    return GraphData(nodes=[n for n in graph.nodes if n.id in nodes], edges=edges)


def _supported(node: GraphNode, reports: set[str]) -> bool:
    if node.label == "Report":
        return node.key in reports
    return bool(set(node.properties.get("reports") or ()) & reports)


def _overlaps(span: tuple[str, str] | None, since: str | None, until: str | None) -> bool:
    if span is None:
        return False
    return (since is None or span[1] >= since) and (until is None or span[0] <= until)


def _dated(
    nodes: Mapping[tuple[str, str], GraphNode],
    edges: list[GraphEdge],
    since: str | None,
    until: str | None,
) -> tuple[set[str], set[tuple[str, str]]]:
    """Reports in the date range, and the operations out of it."""
    published = {
        n.key: date_range(n.properties.get("published"))
        for n in nodes.values()
        if n.label == "Report"
    }
    op_reports: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in edges:
        if e.type == "DESCRIBES":
            op_reports[e.dst].add(e.src[1])
    reports_in = {key for key, span in published.items() if _overlaps(span, since, until)}
    ops_out: set[tuple[str, str]] = set()
    for nid, n in nodes.items():
        if n.label != "Operation":
            continue
        start = date_range(n.properties.get("start_date"))
        end = date_range(n.properties.get("end_date"))
        if start or end:
            span = ((start or end)[0], (end or start)[1])  # type: ignore[index]
            inside = _overlaps(span, since, until)
        else:
            support = op_reports.get(nid) or set(n.properties.get("reports") or ())
            inside = any(_overlaps(published.get(r), since, until) for r in support)
        if inside:
            reports_in |= op_reports.get(nid, set())
        else:
            ops_out.add(nid)
    return reports_in, ops_out


def _country_scope(
    nodes: Mapping[tuple[str, str], GraphNode], edges: list[GraphEdge], wanted: set[str]
) -> set[tuple[str, str]]:
    countries = {nid for nid in nodes if nid[0] == "Country" and nid[1] in wanted}
    out: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for e in edges:
        out[e.src].add(e.dst)
    by_type: dict[str, list[GraphEdge]] = defaultdict(list)
    for e in edges:
        by_type[e.type].append(e)

    ops = {e.src for e in by_type["CONDUCTED_IN"] if e.dst in countries}
    groups = {e.src for t in ("OPERATED_IN", "ARRESTED_IN") for e in by_type[t]}
    groups = {g for g in groups if g[0] == "CriminalGroup" and out[g] & countries}
    groups |= {e.dst for e in by_type["TARGETED"] if e.src in ops}
    persons = {e.src for e in by_type["ARRESTED_IN"] if e.src[0] == "Person" and e.dst in countries}
    persons |= {e.src for e in by_type["MEMBER_OF"] if e.dst in groups}
    agencies = {
        nid
        for nid, n in nodes.items()
        if n.label == "Agency" and str(n.properties.get("country") or "").upper() in wanted
    }
    agencies |= {e.src for e in by_type["BASED_IN"] if e.dst in countries}
    agencies |= {e.src for e in by_type["PARTICIPATED_IN"] if e.dst in ops}
    seizures = {e.dst for e in by_type["SEIZED"] if e.src in ops}
    reports = {e.src for e in by_type["DESCRIBES"] if e.dst in ops}
    return countries | ops | groups | persons | agencies | seizures | reports


# --------------------------------------------------------------------------------------
# Entities by name: the one finder (paths, view --focus, ...)
# --------------------------------------------------------------------------------------
#
# An exact node id (``"Agency:agency:eu:europol"``), an exact key or display name
# (case-insensitive), else the best fuzzy match (rapidfuzz). When two candidates score
# about the same, the lookup stops with a "did you mean" list instead of guessing.

MIN_SCORE = 70.0
"""A fuzzy match below this score is no match."""

HINT_SCORE = 50.0
"""Below MIN_SCORE but at least this: named in the error as the closest."""

AMBIGUITY_MARGIN = 3.0
"""Candidates within this many points of the best are ambiguous."""


def _candidates(graph: Any) -> dict[str, list[str]]:
    """Searchable strings for each node: its display name, key and (countries) name/iso2."""
    found: dict[str, list[str]] = {}
    for nid, attrs in graph.nodes(data=True):
        if attrs.get("label") == "Report":
            continue
        names = (attrs.get("name"), attrs.get("key"), attrs.get("descriptor"))
        found[nid] = [str(n) for n in names if n]
    return found


def describe_node(graph: Any, nid: str) -> str:
    """A node as the finder's messages name it: ``name (Label, key)``."""
    attrs = graph.nodes[nid]
    return f"{attrs.get('name')} ({attrs.get('label')}, {attrs.get('key')})"


def fuzzy_scores(text: str, choices: dict[tuple[str, int], str]) -> dict[str, float]:
    """Each node's score for ``text``: the mean of its best token-set score (all the
    query's words found) and its best WRatio (overall similarity) over its names.
    ``choices`` maps (node id, name index) to a name."""
    from rapidfuzz import fuzz, process, utils

    scores: dict[str, list[float]] = {}
    for scorer in (fuzz.token_set_ratio, fuzz.WRatio):
        per_node: dict[str, float] = {}
        for _name, score, (nid, _i) in process.extract(
            text, choices, scorer=scorer, processor=utils.default_process, limit=None
        ):
            per_node[nid] = max(per_node.get(nid, score), score)
        for nid, score in per_node.items():
            scores.setdefault(nid, []).append(score)
    return {nid: sum(pair) / 2 for nid, pair in scores.items()}


def find_entity(graph: Any, query: str) -> str:
    """The node id ``query`` names; :class:`AnalysisError` when none or several fit."""
    text = query.strip()
    if not text:
        raise AnalysisError("empty entity name")
    if text in graph and graph.nodes[text].get("label") != "Report":
        return text
    candidates = _candidates(graph)
    if not candidates:
        raise AnalysisError("the graph is empty: load some reports first")
    folded = text.casefold()
    exact = sorted(
        nid for nid, names in candidates.items() if any(n.casefold() == folded for n in names)
    )
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise _ambiguous(graph, query, exact)
    # fuzzy: names only (keys match exactly or not at all); the mean of a token-set score
    # (all the query's words found) and WRatio (overall similarity) separates
    # "Belgian police" -> Belgian Federal Police from the other police forces
    choices = {
        (nid, i): name
        for nid, names in candidates.items()
        for i, name in enumerate(names)
        if name != graph.nodes[nid].get("key")
    }
    best = fuzzy_scores(text, choices)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < MIN_SCORE:
        close = [nid for nid, score in ranked[:3] if score >= HINT_SCORE]
        hint = f"; closest: {'; '.join(describe_node(graph, n) for n in close)}" if close else ""
        raise AnalysisError(f"no entity matches {query!r}{hint}")
    top = ranked[0][1]
    tied = [nid for nid, score in ranked if score >= top - AMBIGUITY_MARGIN]
    if len(tied) > 1:
        raise _ambiguous(graph, query, tied)
    return ranked[0][0]


SHOWN_CANDIDATES = 8
"""Candidates an ambiguous name lists; the rest are counted."""


def _ambiguous(graph: Any, query: str, candidates: list[str]) -> AnalysisError:
    """The one error for a name that fits several entities: the first candidates, the
    number of the others, and how to name one exactly."""
    options = "; ".join(describe_node(graph, nid) for nid in candidates[:SHOWN_CANDIDATES])
    more = len(candidates) - SHOWN_CANDIDATES
    if more > 0:
        options += f"; and {more} more"
    return AnalysisError(
        f"{query!r} is ambiguous; did you mean: {options}? (name one by Label:key)"
    )
