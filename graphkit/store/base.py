"""The store interface: what graphkit needs from a graph database, in graphkit's terms.

Both backends (embedded LadybugDB and Neo4j over Bolt) implement :class:`GraphStore`, and
one contract test suite runs unchanged against both. Everything above this layer
(loading, analytics, views) sees only these methods and the plain records below.

Statements are built from the ontology in :mod:`graphkit.store.statements` and nowhere
else: labels, relationship types and property names come from :mod:`graphkit.model` (the
allow-list), values always travel as parameters.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self, TypeVar

from graphkit import model
from graphkit.collector import paused_collections
from graphkit.model import (
    Property,
    allowed_label,
    allowed_type,
)
from graphkit.store.readonly import check_read_only
from graphkit.store.statements import (
    EXISTING_REPORTS,
    REPORT_EXISTS,
    Changes,
    Dialect,
    DocumentRows,
    Runner,
    WriteBatch,
    key_property,
    measure_statements,
    properties_reader,
    read_nodes_statement,
    read_relationships_statement,
    read_rows,
    relationship_patterns,
    remove_report,
    split_at_repeats,
    stored_keys,
    take_back,
    write_statements,
    written,
)
from graphkit.store.translate import NEO4J, check_names

T = TypeVar("T")

if TYPE_CHECKING:  # facts (pydantic) only for type hints: commands that only read skip it
    from graphkit.facts import FactsDocument
    from graphkit.store.ties import TieBatch, TiesWritten

# --------------------------------------------------------------------------------------
# Records handed to analytics and views
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """What :meth:`GraphStore.write_batch` did: the reports left as they were (same facts
    stored already) and the graph's changes."""

    unchanged: set[str]
    changes: Changes


@dataclass(frozen=True)
class GraphNode:
    label: str
    key: str
    properties: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)

    @property
    def id(self) -> tuple[str, str]:
        return (self.label, self.key)


@dataclass(frozen=True)
class GraphEdge:
    type: str
    src: tuple[str, str]
    dst: tuple[str, str]
    properties: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)


def relationship_reports(edges: Iterable[GraphEdge]) -> dict[tuple[str, str], set[str]]:
    """The reports each node's ``edges`` carry: with its ``named_in`` list, a node's
    reports (:data:`graphkit.model.NAMED_IN_PROPERTY`)."""
    carried: dict[tuple[str, str], set[str]] = defaultdict(set)
    for edge in edges:
        carried[edge.src].add(edge.properties["report"])
        carried[edge.dst].add(edge.properties["report"])
    return carried


@dataclass
class GraphData:
    """A graph (or subgraph) as plain records, in a deterministic order."""

    nodes: list[GraphNode] = field(default_factory=list)
    edges: list[GraphEdge] = field(default_factory=list)

    def sorted(self) -> GraphData:
        return GraphData(
            nodes=sorted(self.nodes, key=lambda n: n.id),
            edges=sorted(
                self.edges, key=lambda e: (e.type, e.src, e.dst, str(e.properties.get("report")))
            ),
        )


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False
    """True when the query had more rows than the ``max_rows`` asked of :meth:`GraphStore.run`
    (``rows`` then holds the first ``max_rows``; the rest were never fetched)."""

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


# --------------------------------------------------------------------------------------
# The interface
# --------------------------------------------------------------------------------------


class GraphStore(ABC):
    """A graph database holding graphkit's ontology.

    Writes are all-or-nothing: :meth:`write` replaces whatever the report contributed
    before, inside one transaction, so loading the same report twice changes nothing and a
    corrected facts document replaces the old one. :meth:`write_many` does the same for
    many reports in one transaction (what loading uses: a few statements per batch
    rather than per report).
    """

    #: a short name for messages ("embedded", "neo4j")
    kind: str = "store"

    @abstractmethod
    def ensure_schema(self) -> None:
        """Create tables / constraints derived from the ontology (idempotent)."""

    #: the backend's spelling of list and typing expressions
    dialect: Dialect = Dialect()

    @abstractmethod
    def transaction(self, work: Callable[[Runner], Any]) -> Any:
        """Run ``work(run)`` in one write transaction: all its statements commit, or none."""

    def run(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        write: bool = False,
        max_rows: int | None = None,
        dialect: str | None = None,
    ) -> QueryResult:
        """Run a user's Cypher with parameters; read-only unless ``write`` is true.

        Read-only means no side effect of any kind, and it is decided before anything runs:
        without ``write`` the statement must pass :func:`~graphkit.store.readonly.check_read_only`
        (reading clauses only), then runs in the store's own read-only mode as well.

        ``max_rows``: fetch at most that many rows (and one more, to know there were more:
        then ``truncated``); a huge result is never held in memory. None: every row.

        ``dialect="neo4j"``: a user's query, written the Neo4j way. Its labels, relationship
        types and properties are checked against the ontology first (an unknown one is an
        error with "did you mean", on both stores), and the embedded store translates it
        (:mod:`graphkit.store.translate`). The read-only check reads the text as given and,
        when it differs, the translated text as well: what runs is what was checked.
        None: the store's own dialect, as graphkit's statements are written.
        """
        if not write:
            check_read_only(cypher, self.kind)
        if dialect == NEO4J:
            check_names(cypher)
            translated = self.translate(cypher)
            if translated != cypher and not write:
                check_read_only(translated, self.kind)
            cypher = translated
        return self._run(cypher, params or {}, write=write, max_rows=max_rows)

    def translate(self, cypher: str) -> str:
        """``cypher``, written the Neo4j way, in this store's dialect (Neo4j's: unchanged)."""
        return cypher

    @abstractmethod
    def _run(
        self, cypher: str, params: dict[str, Any], *, write: bool, max_rows: int | None
    ) -> QueryResult:
        """:meth:`run` once the statement is known to be allowed."""

    @abstractmethod
    def close(self) -> None: ...

    def own_paths(self) -> list[Path]:
        """Files and folders of this store on this machine, where no output may be written
        (the embedded database's folder; nothing for a server)."""
        return []

    # -- derived operations, the same for every backend --------------------------------

    def write(self, doc: FactsDocument) -> bool:
        """Store one report's facts in one transaction, replacing its earlier contribution;
        False when the same facts were stored already (nothing is written)."""
        return not self.write_many([doc])

    def write_many(self, docs: Sequence[FactsDocument]) -> set[str]:
        """Store several reports in one transaction: all of them, or (on failure) none.

        The end state is that of :meth:`write` for each document in order (a report
        given twice ends as its later version), in a handful of statements per batch. A
        report stored with the same facts (:meth:`FactsDocument.digest`) is left as it is:
        returns those reports' keys (:meth:`write_batch` also says what changed).
        """
        return self.write_batch(docs).unchanged

    def write_batch(self, docs: Sequence[FactsDocument]) -> Written:
        """:meth:`write_many`, returning the unchanged reports and what the write did."""
        content = {id(doc): doc.content_digest() for doc in docs}
        return self._write(
            docs,
            key=lambda doc: doc.report.key,
            digest=lambda doc: model.facts_digest(content[id(doc)], doc.report.source),
            rows=lambda doc: DocumentRows.of(doc, content[id(doc)]),
        )

    def write_rows(self, docs: Sequence[DocumentRows]) -> Written:
        """:meth:`write_batch` of documents already made rows (as ``load``'s workers do)."""
        return self._write(
            docs, key=attrgetter("key"), digest=attrgetter("digest"), rows=lambda doc: doc
        )

    def _write(
        self,
        docs: Sequence[T],
        key: Callable[[T], str],
        digest: Callable[[T], str],
        rows: Callable[[T], DocumentRows],
    ) -> Written:
        """Write ``docs``, each given by its report's key and digest, made rows only when
        it is to be written: an unchanged report costs its digest and a key lookup."""
        if not docs:
            return Written(set(), Changes())
        chunks = split_at_repeats(docs, key)
        digests = [{key(doc): digest(doc) for doc in chunk} for chunk in chunks]

        def work(run: Runner) -> Written:
            unchanged: set[str] = set()
            changes = Changes()
            for chunk, wanted in zip(chunks, digests, strict=True):
                stored = dict(run(EXISTING_REPORTS, {"keys": list(wanted)}))
                same = {k for k, value in stored.items() if value == wanted[k]}
                unchanged |= same
                todo = [rows(doc) for doc in chunk if key(doc) not in same]
                if not todo:
                    continue
                changes += take_back(run, todo, [k for k in stored if k not in same], self.dialect)
                batch = WriteBatch.from_rows(todo)
                stored = stored_keys(run, batch)
                changes += written(batch, stored)
                for statement, params in write_statements(batch, self.dialect, stored):
                    run(statement, params)
            return Written(unchanged, changes)

        return self.transaction(work)

    def write_ties(self, batch: TieBatch) -> TiesWritten:
        """Store an imported edge list (:mod:`graphkit.store.ties`) in one transaction:
        nothing when the same import is there already, else the earlier imports of its
        source taken back and its persons and ties written, all or nothing."""
        from graphkit.store.ties import write_ties

        return self.transaction(lambda run: write_ties(run, batch, self.dialect))

    def write_measures(
        self, rows: dict[str, list[dict[str, Any]]], props: Sequence[Property]
    ) -> None:
        """Replace every stored measure, in one transaction: all entity nodes cleared, then
        ``props`` set on the nodes of ``rows`` (label -> rows of ``key`` and the values)."""
        statements = measure_statements(rows, props, self.dialect)

        def work(run: Runner) -> None:
            for statement, params in statements:
                run(statement, params)

        self.transaction(work)

    def remove(self, report_key: str) -> bool:
        """Take back what a report contributed; False if the report was not there."""
        return self.remove_report(report_key) is not None

    def remove_report(self, report_key: str) -> Changes | None:
        """:meth:`remove`, returning what it deleted (None: the report was not there)."""

        def work(run: Runner) -> Changes | None:
            if not run(REPORT_EXISTS, {"report": report_key})[0][0]:
                return None
            return remove_report(run, report_key, self.dialect)

        return self.transaction(work)

    def reports(self) -> list[dict[str, Any]]:
        """The stored reports: key, source, title, published."""
        return self.run(
            "MATCH (r:Report) RETURN r.key AS key, r.source AS source, r.title AS title, "
            "r.published AS published ORDER BY key"
        ).records()

    def find_reports(self, ref: str) -> list[str]:
        """Report keys whose key or source is ``ref``."""
        rows = self.run(
            "MATCH (r:Report) WHERE r.key = $ref OR r.source = $ref "
            "RETURN r.key AS key ORDER BY key",
            {"ref": ref},
        )
        return [row[0] for row in rows.rows]

    def counts(self) -> dict[str, dict[str, int]]:
        """Node counts by label and relationship counts by type (every ontology name present)."""
        nodes = {
            label: self._count(f"MATCH (n:{allowed_label(label)}) RETURN count(n)")
            for label in model.NODE_TYPES
        }
        rels = {
            rel_type: self._count(f"MATCH ()-[e:{allowed_type(rel_type)}]->() RETURN count(e)")
            for rel_type in model.RELATIONSHIP_TYPES
        }
        return {"nodes": nodes, "relationships": rels}

    @paused_collections()  # a graph holds no cycles: see graphkit.collector
    def read_graph(
        self,
        labels: Collection[str] | None = None,
        reports: Collection[str] | None = None,
        *,
        evidence: bool = True,
        support: bool = True,
    ) -> GraphData:
        """The graph, or the part of it with ``labels`` and supported by ``reports``.

        Relationships are kept when both ends are kept; with ``reports``, only
        relationships read from those reports (and nodes they support). Without
        ``evidence``, relationships come without their sentences and offsets: what
        analytics read, a fraction of the memory on a large graph. Without ``support``
        (and without ``reports``), nodes come without their ``reports``: gathering them
        from every relationship is a quarter of the read of a large graph (1.8 s of 6.6 s
        at 930k relationships), wasted on measures that never look at them.

        Every statement runs in one read transaction (:meth:`read_all`). While another
        client writes, a Neo4j read may still see part of a commit (its isolation is read
        committed, not a snapshot): a node deleted as it was read, a relationship whose end
        was created after the nodes were read. Those are left out, so the result is always
        a graph (no relationship without its ends), though not always a single instant's.
        """
        wanted = set(model.NODE_TYPES) if labels is None else set(labels)
        for label in wanted:
            allowed_label(label)
        report_set = None if reports is None else set(reports)
        support = support or report_set is not None
        node_reads = [
            (label, *read_nodes_statement(label, self.dialect))
            for label in model.NODE_TYPES
            if label in wanted
        ]
        # a node's reports are its named_in list and its relationships' reports, so for
        # them the relationships with one end wanted are read too (without their evidence)
        edge_reads = [
            (
                (rel_type, src, dst),
                *read_relationships_statement(
                    rel_type,
                    src,
                    dst,
                    evidence=evidence and src in wanted and dst in wanted,
                    dialect=self.dialect,
                ),
            )
            for rel_type, src, dst in relationship_patterns()
            if (src in wanted and dst in wanted) or (support and (src in wanted or dst in wanted))
        ]
        statements = [statement for _, statement, _ in (*node_reads, *edge_reads)]
        results = [read_rows(records, self.dialect) for records in self.read_all(statements)]
        touching = [
            GraphEdge(rel_type, (src, row[0]), (dst, row[1]), read(row[2:]))
            for ((rel_type, src, dst), _, props), rows in zip(
                edge_reads, results[len(node_reads) :], strict=True
            )
            for read in [properties_reader(props)]
            for row in rows
        ]
        carried = relationship_reports(touching) if support else {}
        edges = [e for e in touching if e.src[0] in wanted and e.dst[0] in wanted]
        graph = GraphData()
        named = model.NAMED_IN_PROPERTY.name
        for (label, _, props), rows in zip(node_reads, results, strict=False):
            key = key_property(label)
            read = properties_reader(props)
            for row in rows:
                properties = read(row)
                node_key = properties.get(key)
                if node_key is None:  # deleted by another client as it was read
                    continue
                if label != "Report":
                    names = properties.pop(named, None) or ()
                    if support:
                        mine = carried.get((label, node_key), set())
                        properties[model.REPORTS] = sorted(mine.union(names))
                if report_set is not None:
                    mine = {node_key} if label == "Report" else set(properties[model.REPORTS])
                    if not mine & report_set:
                        continue
                graph.nodes.append(GraphNode(label, properties.pop(key), properties))
        read = {node.id for node in graph.nodes}
        for edge in edges:
            if report_set is not None and edge.properties["report"] not in report_set:
                continue
            if edge.src not in read or edge.dst not in read:
                continue  # an end written by another client after the nodes were read
            graph.edges.append(edge)
        return graph.sorted()

    def read_all(self, statements: Sequence[str]) -> list[list[list[Any]]]:
        """The rows of each read-only statement; a server backend runs them in one read
        transaction (one round of connection and transaction set-up, not one per statement)."""
        return [self.run(statement).rows for statement in statements]

    def _count(self, statement: str) -> int:
        return int(self.run(statement).rows[0][0])

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
