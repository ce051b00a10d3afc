"""The store interface: what graphkit needs from a graph database, in graphkit's terms.

Both backends (embedded LadybugDB and Neo4j over Bolt) implement :class:`GraphStore`, and
one contract test suite runs unchanged against both. Everything above this layer
(loading, analytics, views) sees only these methods and the plain records below.

Statements are built here from the ontology and nowhere else: labels, relationship
types and property names come from :mod:`graphkit.model` (the allow-list), values always
travel as parameters.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, Self

from graphkit import model
from graphkit.facts import FactsDocument
from graphkit.model import Property, PropertyType

# --------------------------------------------------------------------------------------
# Records handed to analytics and views
# --------------------------------------------------------------------------------------


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

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


# --------------------------------------------------------------------------------------
# Rows: a facts document flattened into one parameter list per statement
# --------------------------------------------------------------------------------------


@dataclass
class WriteBatch:
    """One report's facts as rows, ready to UNWIND: the shared half of every backend's write."""

    report: dict[str, Any]
    nodes: dict[str, list[dict[str, Any]]]
    relationships: dict[tuple[str, str, str], list[dict[str, Any]]]

    @classmethod
    def from_document(cls, doc: FactsDocument) -> WriteBatch:
        report = doc.report.model_dump()
        nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for node in doc.nodes:
            spec = model.node_type(node.label)
            row = {name: node.properties.get(name) for name in spec.property_names}
            row[spec.key] = node.key
            nodes[node.label].append(row)
        rels: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for rel in doc.relationships:
            spec = model.relationship_type(rel.type)
            row = {name: rel.properties.get(name) for name in spec.property_names}
            row.update(
                src=rel.src.key,
                dst=rel.dst.key,
                report=doc.report.key,
                evidence=rel.evidence,
                evidence_start=rel.evidence_start,
                evidence_end=rel.evidence_end,
                certainty=rel.certainty,
            )
            rels[(rel.type, rel.src.label, rel.dst.label)].append(row)
        return cls(report=report, nodes=dict(nodes), relationships=dict(rels))

    @property
    def relationship_count(self) -> int:
        return sum(len(rows) for rows in self.relationships.values())


def key_property(label: str) -> str:
    return model.node_type(label).key


def relationship_patterns(
    types: Collection[str] | None = None,
) -> Iterable[tuple[str, str, str]]:
    """Every (type, source label, target label) the ontology allows, optionally filtered."""
    for rel in model.RELATIONSHIP_TYPES.values():
        if types is not None and rel.type not in types:
            continue
        for src, dst in rel.endpoints:
            yield rel.type, src, dst


def read_nodes_statement(label: str) -> tuple[str, list[str]]:
    """A dialect-neutral statement returning every property of ``label`` nodes, in order."""
    props = [p.name for p in model.stored_node_properties(label)]
    returns = ", ".join(f"n.{p} AS {p}" for p in props)
    return f"MATCH (n:{_allowed_label(label)}) RETURN {returns}", props


def read_relationships_statement(rel_type: str, src: str, dst: str) -> tuple[str, list[str]]:
    """A dialect-neutral statement returning endpoints and properties of one pattern."""
    props = [p.name for p in model.relationship_properties(rel_type)]
    returns = ", ".join(f"e.{p} AS {p}" for p in props)
    statement = (
        f"MATCH (a:{_allowed_label(src)})-[e:{_allowed_type(rel_type)}]->(b:{_allowed_label(dst)}) "
        f"RETURN a.{key_property(src)} AS src, b.{key_property(dst)} AS dst, {returns}"
    )
    return statement, props


def entity_record(label: str, properties: dict[str, Any]) -> dict[str, Any]:
    """A node or relationship returned by a user's query, the same from every store:
    its label or type under ``_label``, then exactly the properties the ontology gives it."""
    if label in model.NODE_TYPES:
        names = [p.name for p in model.stored_node_properties(label)]
    elif label in model.RELATIONSHIP_TYPES:
        names = [p.name for p in model.relationship_properties(label)]
    else:
        return {"_label": label, **properties}
    return {"_label": label, **{name: properties.get(name) for name in names}}


def _tidy(properties: dict[str, Any]) -> dict[str, Any]:
    """Lists read back sorted: their order is not part of the contract, nor the same per store."""
    return {k: sorted(v) if isinstance(v, list) else v for k, v in properties.items()}


def _allowed_label(label: str) -> str:
    if label not in model.LABELS:
        raise ValueError(f"label {label!r} is not in the ontology")
    return label


def _allowed_type(rel_type: str) -> str:
    if rel_type not in model.REL_TYPES:
        raise ValueError(f"relationship type {rel_type!r} is not in the ontology")
    return rel_type


# --------------------------------------------------------------------------------------
# Write and removal statements, for any dialect
# --------------------------------------------------------------------------------------

Statement = tuple[str, dict[str, Any]]
Runner = Callable[[str, dict[str, Any]], list[list[Any]]]


class Dialect:
    """The few expressions where LadybugDB's Cypher and Neo4j's differ (lists, typing)."""

    empty_list = "[]"

    def value(self, expr: str, prop: Property) -> str:
        """A parameter as a typed value (LadybugDB cannot infer a type from all-null rows)."""
        return expr

    def union(self, a: str, b: str) -> str:
        return f"{a} + [x IN {b} WHERE NOT x IN {a}]"

    def contains(self, items: str, item: str) -> str:
        return f"{item} IN {items}"


def write_statements(batch: WriteBatch, dialect: Dialect) -> list[Statement]:
    """MERGE the report, its nodes (label by label) and its relationships (type by type).

    Scalar properties take the newest non-null value; list properties (``crimes``) and
    the ``reports`` bookkeeping grow as a union, so shared entities keep every report.
    """
    empty = dialect.empty_list
    report = batch.report
    sets = ", ".join(
        f"n.{p.name} = {dialect.value('r.' + p.name, p)}"
        for p in model.node_type("Report").properties
        if p.name != "key"
    )
    statements: list[Statement] = [
        (f"UNWIND $rows AS r MERGE (n:Report {{key: r.key}}) SET {sets}", {"rows": [report]})
    ]
    for label, rows in batch.nodes.items():
        spec = model.node_type(label)
        assignments = []
        for prop in spec.properties:
            if prop.name == spec.key:
                continue
            new = dialect.value("r." + prop.name, prop)
            if prop.type is PropertyType.STRING_LIST:
                union = dialect.union(
                    f"coalesce(n.{prop.name}, {empty})", f"coalesce({new}, {empty})"
                )
                assignments.append(f"n.{prop.name} = {union}")
            else:
                assignments.append(f"n.{prop.name} = coalesce({new}, n.{prop.name})")
        reports = dialect.union(f"coalesce(n.reports, {empty})", "[$report]")
        assignments.append(f"n.reports = {reports}")
        statement = (
            f"UNWIND $rows AS r MERGE (n:{_allowed_label(label)} {{{spec.key}: r.{spec.key}}}) "
            f"SET {', '.join(assignments)}"
        )
        statements.append((statement, {"rows": rows, "report": report["key"]}))
    for (rel_type, src, dst), rows in batch.relationships.items():
        props = [p for p in model.relationship_properties(rel_type) if p.name != "report"]
        assignments = ", ".join(f"e.{p.name} = {dialect.value('r.' + p.name, p)}" for p in props)
        statement = (
            f"UNWIND $rows AS r "
            # Two MATCH clauses, not one comma pattern: LadybugDB plans the comma form as a
            # join whose MERGE cost grows with the relationship table (quadratic loading).
            f"MATCH (a:{_allowed_label(src)} {{{key_property(src)}: r.src}}) "
            f"MATCH (b:{_allowed_label(dst)} {{{key_property(dst)}: r.dst}}) "
            f"MERGE (a)-[e:{_allowed_type(rel_type)} {{report: r.report}}]->(b) SET {assignments}"
        )
        statements.append((statement, {"rows": rows}))
    return statements


def removal_statements(report_key: str, dialect: Dialect) -> list[Statement]:
    """Delete a report's relationships, then the nodes that no other report supports."""
    params = {"report": report_key}
    statements: list[Statement] = [
        (f"MATCH ()-[e:{rel_type}]->() WHERE e.report = $report DELETE e", params)
        for rel_type in model.RELATIONSHIP_TYPES
    ]
    for label in model.ENTITY_LABELS:
        supported = dialect.contains("n.reports", "$report")
        statements.append(
            (
                f"MATCH (n:{label}) WHERE size(n.reports) = 1 AND {supported} DETACH DELETE n",
                params,
            )
        )
        statements.append(
            (
                f"MATCH (n:{label}) WHERE {supported} UNWIND n.reports AS x "
                "WITH n, x WHERE x <> $report WITH n, collect(x) AS rest SET n.reports = rest",
                params,
            )
        )
    statements.append(("MATCH (n:Report {key: $report}) DETACH DELETE n", params))
    return statements


REPORT_EXISTS = "MATCH (n:Report {key: $report}) RETURN count(n)"


# --------------------------------------------------------------------------------------
# The interface
# --------------------------------------------------------------------------------------


class GraphStore(ABC):
    """A graph database holding graphkit's ontology.

    Writes are per report and all-or-nothing: :meth:`write` replaces whatever the report
    contributed before, inside one transaction, so loading the same report twice changes
    nothing and a corrected facts document replaces the old one.
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

    @abstractmethod
    def run(
        self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False
    ) -> QueryResult:
        """Run a user's Cypher with parameters; read-only unless ``write`` is true."""

    @abstractmethod
    def close(self) -> None: ...

    # -- derived operations, the same for every backend --------------------------------

    def write(self, doc: FactsDocument) -> None:
        """Store one report's facts in one transaction, replacing its earlier contribution."""
        batch = WriteBatch.from_document(doc)
        key = doc.report.key

        def work(run: Runner) -> None:
            if run(REPORT_EXISTS, {"report": key})[0][0]:
                for statement, params in removal_statements(key, self.dialect):
                    run(statement, params)
            for statement, params in write_statements(batch, self.dialect):
                run(statement, params)

        self.transaction(work)

    def remove(self, report_key: str) -> bool:
        """Take back what a report contributed; False if the report was not there."""

        def work(run: Runner) -> bool:
            if not run(REPORT_EXISTS, {"report": report_key})[0][0]:
                return False
            for statement, params in removal_statements(report_key, self.dialect):
                run(statement, params)
            return True

        return bool(self.transaction(work))

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
            label: self._count(f"MATCH (n:{_allowed_label(label)}) RETURN count(n)")
            for label in model.NODE_TYPES
        }
        rels = {
            rel_type: self._count(f"MATCH ()-[e:{_allowed_type(rel_type)}]->() RETURN count(e)")
            for rel_type in model.RELATIONSHIP_TYPES
        }
        return {"nodes": nodes, "relationships": rels}

    def read_graph(
        self,
        labels: Collection[str] | None = None,
        reports: Collection[str] | None = None,
    ) -> GraphData:
        """The graph, or the part of it with ``labels`` and supported by ``reports``.

        Relationships are kept when both ends are kept; with ``reports``, only
        relationships read from those reports (and nodes they support).
        """
        wanted = set(model.NODE_TYPES) if labels is None else set(labels)
        for label in wanted:
            _allowed_label(label)
        report_set = None if reports is None else set(reports)
        graph = GraphData()
        for label in model.NODE_TYPES:
            if label not in wanted:
                continue
            statement, props = read_nodes_statement(label)
            key = key_property(label)
            for row in self.run(statement).rows:
                properties = _tidy(dict(zip(props, row, strict=True)))
                if report_set is not None:
                    support = (
                        {properties.get("key")}
                        if label == "Report"
                        else set(properties.get("reports") or ())
                    )
                    if not support & report_set:
                        continue
                graph.nodes.append(GraphNode(label, properties.pop(key), properties))
        for rel_type, src, dst in relationship_patterns():
            if src not in wanted or dst not in wanted:
                continue
            statement, props = read_relationships_statement(rel_type, src, dst)
            for row in self.run(statement).rows:
                properties = _tidy(dict(zip(props, row[2:], strict=True)))
                if report_set is not None and properties["report"] not in report_set:
                    continue
                graph.edges.append(GraphEdge(rel_type, (src, row[0]), (dst, row[1]), properties))
        return graph.sorted()

    def _count(self, statement: str) -> int:
        return int(self.run(statement).rows[0][0])

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
