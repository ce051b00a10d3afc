"""Statements built from the ontology for any dialect: a facts document flattened into
rows, and the Cypher that writes, reads and takes back a report's contribution.

Labels, relationship types and property names come from :mod:`graphkit.model` (the
allow-list); values always travel as parameters. :mod:`graphkit.store.base` (the
interface) and :mod:`graphkit.store.ties` (edge-list imports) both build on these.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from graphkit import model
from graphkit.model import (
    FACTS_PROPERTY,
    NAMED_IN_PROPERTY,
    Property,
    PropertyType,
    allowed_label,
    allowed_type,
)

if TYPE_CHECKING:  # facts (pydantic) only for type hints: commands that only read skip it
    from graphkit.facts import FactsDocument

# --------------------------------------------------------------------------------------
# Rows: a facts document flattened into one parameter list per statement
# --------------------------------------------------------------------------------------


T = TypeVar("T")

NodeRow = tuple[str, str, dict[str, Any], bool]
"""A node a document mentions: label, key, its non-null properties (key left out), and
whether the document names it without any relationship to it (see ``named_in``)."""
RelationshipRow = tuple[tuple[str, str, str], dict[str, Any]]
"""A relationship of a document: (type, source label, target label) and its row (``src``,
``dst``, ``report`` and every property of the type)."""


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """One facts document as the stores write it: plain rows, no models.

    What ``load``'s worker processes hand to the writing process: a document is a tree of
    ~100 models, whose pickling and unpickling cost five times that of these rows (0.33 s
    against 0.06 s per 1,000 documents), and the rows and the digest are made in the
    workers, not in the one process that writes. The digest is kept as the content's and
    the source, so that a report stored under another path is digested again
    (:meth:`with_source`) without its document.
    """

    report: dict[str, Any]
    content_digest: str
    nodes: tuple[NodeRow, ...]
    relationships: tuple[RelationshipRow, ...]

    @classmethod
    def of(cls, doc: FactsDocument, content_digest: str | None = None) -> DocumentRows:
        """``content_digest``: the document's :meth:`FactsDocument.content_digest`, when
        the caller has it."""
        report_key = doc.report.key
        ends = {(end.label, end.key) for rel in doc.relationships for end in (rel.src, rel.dst)}
        nodes = []
        for node in doc.nodes:
            key_name = model.node_type(node.label).key
            props = {
                name: value
                for name, value in node.properties.items()
                if value is not None and name != key_name
            }
            nodes.append((node.label, node.key, props, (node.label, node.key) not in ends))
        relationships = []
        for rel in doc.relationships:
            rel_spec = model.relationship_type(rel.type)
            row = {name: rel.properties.get(name) for name in rel_spec.property_names}
            row.update(
                src=rel.src.key,
                dst=rel.dst.key,
                report=report_key,
                evidence=rel.evidence,
                evidence_start=rel.evidence_start,
                evidence_end=rel.evidence_end,
                certainty=rel.certainty,
            )
            relationships.append(((rel.type, rel.src.label, rel.dst.label), row))
        content_digest = content_digest or doc.content_digest()
        return cls(doc.report.model_dump(), content_digest, tuple(nodes), tuple(relationships))

    @property
    def key(self) -> str:
        return self.report["key"]

    @property
    def source(self) -> str:
        return self.report["source"]

    @property
    def digest(self) -> str:
        """:meth:`FactsDocument.digest` of the document these rows were made from."""
        return model.facts_digest(self.content_digest, self.source)

    @property
    def elements(self) -> int:
        """Nodes and relationships: what a batch's size is counted in."""
        return len(self.nodes) + len(self.relationships)

    def with_source(self, source: str) -> DocumentRows:
        """The same document, its report stored under ``source``."""
        return replace(self, report={**self.report, "source": source})


@dataclass
class WriteBatch:
    """Several reports' facts as rows, ready to UNWIND: the shared half of every backend's write.

    Node rows are aggregated across the reports, one row per node, so that one statement
    applies what writing the reports one after another would: scalars take the last
    non-null value (in document order), list properties the union, and ``named_in``
    the keys of the batch's reports that name the node without a relationship to it (the
    others support it through their relationships, see :data:`model.NAMED_IN_PROPERTY`).
    Report keys must be unique within a batch (see :func:`split_at_repeats`).
    """

    reports: list[dict[str, Any]]
    nodes: dict[str, list[dict[str, Any]]]
    relationships: dict[tuple[str, str, str], list[dict[str, Any]]]

    @classmethod
    def from_documents(cls, docs: Sequence[FactsDocument]) -> WriteBatch:
        return cls.from_rows([DocumentRows.of(doc) for doc in docs])

    @classmethod
    def from_rows(cls, docs: Sequence[DocumentRows]) -> WriteBatch:
        keys = [doc.key for doc in docs]
        if len(set(keys)) != len(keys):
            raise ValueError("a write batch holds each report once")
        reports = [{**doc.report, FACTS_PROPERTY.name: doc.digest} for doc in docs]
        nodes: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        rels: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        named = NAMED_IN_PROPERTY.name
        for doc in docs:
            report_key = doc.key
            for label, key, props, named_alone in doc.nodes:
                spec = model.node_type(label)
                row = nodes[label].get(key)
                if row is None:
                    row = dict.fromkeys(spec.property_names)
                    row[spec.key] = key
                    row[named] = []
                    nodes[label][key] = row
                for name, value in props.items():
                    if spec.property(name).type is PropertyType.STRING_LIST:
                        row[name] = _union(row[name] or [], value)
                    else:
                        row[name] = value
                if named_alone and report_key not in row[named][-1:]:
                    row[named].append(report_key)
            for pattern, rel_row in doc.relationships:
                rels[pattern].append(rel_row)
        node_rows = {}
        for label, by_key in nodes.items():
            for row in by_key.values():
                row[named] = sorted(row[named])
            node_rows[label] = list(by_key.values())
        return cls(reports=reports, nodes=node_rows, relationships=dict(rels))

    @property
    def relationship_count(self) -> int:
        return sum(len(rows) for rows in self.relationships.values())


def _union(old: list[Any], new: list[Any]) -> list[Any]:
    return old + [v for v in new if v not in old]


def split_at_repeats(docs: Sequence[T], key: Callable[[T], str]) -> list[list[T]]:
    """``docs`` cut into runs in which no report key repeats (a repeat starts a new run).

    Writing the runs one after another, each replacing what came before, is writing the
    documents one by one: a report given twice is replaced by its later version.
    """
    runs: list[list[T]] = [[]]
    seen: set[str] = set()
    for doc in docs:
        if key(doc) in seen:
            runs.append([])
            seen.clear()
        runs[-1].append(doc)
        seen.add(key(doc))
    return [run for run in runs if run]


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


def read_nodes_statement(label: str, dialect: Dialect | None = None) -> tuple[str, list[Property]]:
    """A statement returning every property of ``label`` nodes, in order: a row per node,
    or lists of rows where ``dialect`` sends them so (:func:`read_rows` reads both)."""
    props = list(model.stored_node_properties(allowed_label(label)))
    values, names = [f"n.{p.name}" for p in props], [p.name for p in props]
    return _read_statement(f"MATCH (n:{label})", "n", values, names, dialect), props


EVIDENCE_PROPERTIES = frozenset({"evidence", "evidence_start", "evidence_end"})
"""What a read without evidence leaves out: the sentences, the bulk of a large graph."""


def read_relationships_statement(
    rel_type: str, src: str, dst: str, *, evidence: bool = True, dialect: Dialect | None = None
) -> tuple[str, list[Property]]:
    """A statement returning endpoints and properties of one pattern (without
    :data:`EVIDENCE_PROPERTIES` unless ``evidence``): rows, or lists of rows as
    :func:`read_nodes_statement`."""
    props = [
        p
        for p in model.relationship_properties(allowed_type(rel_type))
        if evidence or p.name not in EVIDENCE_PROPERTIES
    ]
    pattern = (
        f"MATCH (a:{allowed_label(src)})-[e:{allowed_type(rel_type)}]->(b:{allowed_label(dst)})"
    )
    batched = dialect is not None and dialect.rows_per_record is not None
    # a list of relationships holds no variable for their ends: read through the relationship
    a, b = ("startNode(e)", "endNode(e)") if batched else ("a", "b")
    values = [f"{a}.{key_property(src)}", f"{b}.{key_property(dst)}"]
    values += [f"e.{p.name}" for p in props]
    names = ["src", "dst", *(p.name for p in props)]
    return _read_statement(pattern, "e", values, names, dialect), props


def _read_statement(
    pattern: str, item: str, values: list[str], names: list[str], dialect: Dialect | None
) -> str:
    """``pattern`` read as a row of ``values`` per match of ``item``; where ``dialect``
    has :attr:`Dialect.rows_per_record`, as lists of that many rows (see there)."""
    size = None if dialect is None else dialect.rows_per_record
    if size is None:
        return f"{pattern} RETURN " + ", ".join(
            f"{value} AS {name}" for value, name in zip(values, names, strict=True)
        )
    return (
        f"{pattern} WITH collect({item}) AS items WHERE size(items) > 0 "  # range(0, -1, k): [0]
        f"UNWIND range(0, size(items) - 1, {int(size)}) AS i "
        f"RETURN [{item} IN items[i..i + {int(size)}] | [{', '.join(values)}]] AS rows"
    )


def read_rows(records: list[list[Any]], dialect: Dialect | None) -> list[list[Any]]:
    """The rows of a statement from :func:`read_nodes_statement` or
    :func:`read_relationships_statement` made for ``dialect``, one per node or relationship."""
    if dialect is None or dialect.rows_per_record is None:
        return records
    return [row for record in records for row in record[0]]


MEASURE_ROWS = 5_000
"""Nodes given their measures per statement."""


def measure_statements(
    rows: dict[str, list[dict[str, Any]]], props: Sequence[Property], dialect: Dialect
) -> list[Statement]:
    """Clear every stored measure on every entity node, then set ``props`` on the nodes of
    ``rows`` (label -> rows of ``key`` and the measures)."""
    clear = ", ".join(f"n.{p.name} = NULL" for p in model.MEASURE_PROPERTIES)
    statements: list[Statement] = [
        (f"MATCH (n:{allowed_label(label)}) SET {clear}", {}) for label in model.ENTITY_LABELS
    ]
    sets = ", ".join(f"n.{p.name} = {dialect.value('r.' + p.name, p)}" for p in props)
    for label, batch in rows.items():
        key = key_property(label)
        for i in range(0, len(batch), MEASURE_ROWS):
            statements.append(
                (
                    f"UNWIND $rows AS r MATCH (n:{allowed_label(label)} {{{key}: r.key}}) "
                    f"SET {sets}",
                    {"rows": batch[i : i + MEASURE_ROWS]},
                )
            )
    return statements


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


def properties_reader(props: Sequence[Property]) -> Callable[[Sequence[Any]], dict[str, Any]]:
    """How a row of values read in ``props``' order becomes a property dict: list values
    sorted (their order is not part of the contract, nor the same per store).

    Made once per statement, as a million relationships may be read through it: with no
    list among ``props`` (no relationship type has one) a row is only zipped with the names.
    """
    names = [p.name for p in props]
    lists = [p.name for p in props if p.type is PropertyType.STRING_LIST]

    def plain(values: Sequence[Any]) -> dict[str, Any]:
        return dict(zip(names, values, strict=True))

    def with_lists(values: Sequence[Any]) -> dict[str, Any]:
        record = plain(values)
        for name in lists:
            if record[name] is not None:
                record[name] = sorted(record[name])
        return record

    return with_lists if lists else plain


# --------------------------------------------------------------------------------------
# Write and removal statements, for any dialect
# --------------------------------------------------------------------------------------

Statement = tuple[str, dict[str, Any]]
Runner = Callable[[str, dict[str, Any]], list[list[Any]]]


@dataclass(frozen=True)
class Changes:
    """What a write or a removal did to the graph, counted by its own statements (another
    client writing at the same time is not counted, as a difference of totals would)."""

    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0

    def __add__(self, other: Changes) -> Changes:
        return Changes(
            self.nodes_created + other.nodes_created,
            self.nodes_deleted + other.nodes_deleted,
            self.relationships_created + other.relationships_created,
            self.relationships_deleted + other.relationships_deleted,
        )


def _deleted(rows: list[list[Any]]) -> int:
    """The count a ``... DELETE x RETURN count(*)`` statement returns."""
    return int(rows[0][0]) if rows else 0


class Dialect:
    """The few expressions where LadybugDB's Cypher and Neo4j's differ (lists, typing)."""

    empty_list = "[]"

    def value(self, expr: str, prop: Property) -> str:
        """A parameter as a typed value (LadybugDB cannot infer a type from all-null rows)."""
        return expr

    first_index = 0
    """The index of a list's first item."""

    creates_unseen_nodes = False
    """Whether a node that this transaction found missing may be CREATEd, not MERGEd: true
    only where one writer at a time holds the store, so nothing can create it meanwhile."""

    rows_per_record: int | None = 5_000
    """When a whole table is read (the graph for analytics, views and exports), its rows
    come this many to a record. Neo4j's Python driver spends most of a large read on each
    record it receives, whatever its size: a graph of 616,240 relationships read in
    22.8-24.6 s with a row per record, in 11.2-11.5 s with lists of 5,000 (docs/storage.md;
    the server holds references to the matched nodes or relationships while it sends them).
    None: a row per record."""

    def unwind_index(self, items: str, name: str) -> str:
        """``UNWIND`` making ``name`` run over the indexes of the list ``items`` (from 0)."""
        return f"UNWIND range(0, size({items}) - 1) AS {name}"

    def slice(self, items: str, start: str, stop: str) -> str:
        """The items of the list ``items`` from index ``start`` (counted from 0) to before
        ``stop``."""
        return f"{items}[{start}..{stop}]"

    def union(self, a: str, b: str) -> str:
        return f"{a} + [x IN {b} WHERE NOT x IN {a}]"

    def concat(self, a: str, b: str) -> str:
        """The list ``a`` then the list ``b``."""
        return f"{a} + {b}"

    def overlaps(self, items: str, others: str) -> str:
        """True when the lists ``items`` and ``others`` share an element."""
        return f"any(x IN {items} WHERE x IN {others})"


def report_statement(rows: list[dict[str, Any]], dialect: Dialect) -> Statement:
    """MERGE reports (rows of ``ReportInfo.model_dump()`` and the facts digest, or None),
    every property set; values as columns (see :func:`write_statements`)."""
    report_key = model.node_type("Report").key
    columns = _Columns(rows, dialect)
    key = columns.column(report_key)  # first: the column the rows are counted by
    sets = ", ".join(
        f"n.{p.name} = {columns.value(p)}"
        for p in model.stored_node_properties("Report")
        if p.name != report_key
    )
    return (
        f"{columns.unwind()} WITH i, {key} AS k MERGE (n:Report {{key: k}}) SET {sets}",
        columns.params,
    )


def write_statements(
    batch: WriteBatch, dialect: Dialect, stored: Mapping[str, Collection[str]] | None = None
) -> list[Statement]:
    """MERGE the reports, their nodes (label by label) and relationships (type by type).

    Scalar properties take the newest non-null value; list properties (``crimes``) and
    the ``named_in`` bookkeeping grow as a union, so shared entities keep every report.
    ``stored``: the batch's node keys already in the store, by label (:func:`stored_keys`);
    on a store with one writer (:attr:`Dialect.creates_unseen_nodes`) the other nodes are
    CREATEd, not MERGEd.

    Values travel as columns (one list parameter per property, read at row ``i``), not as
    a list of row maps: LadybugDB's Python binding turns every map into nested values of
    some 10 KB, so one statement of 100,000 rows took 1.3 GB and four such reports in a
    batch 4.8 GB; a column of strings costs little more than the strings. Splitting a label's
    rows over several MERGE statements instead would be slow: in one transaction, LadybugDB's
    MERGE searches the nodes that earlier statements created one by one (so a label's stored
    nodes are merged before its new ones are created).
    """
    statements = [report_statement(batch.reports, dialect)] if batch.reports else []
    for label, rows in batch.nodes.items():
        if stored is None or not dialect.creates_unseen_nodes:
            statements.append(_node_statement(label, rows, dialect, merge=True))
            continue
        key = key_property(label)
        known = stored.get(label, ())
        old = [row for row in rows if row[key] in known]
        new = [row for row in rows if row[key] not in known]
        if old:
            statements.append(_node_statement(label, old, dialect, merge=True))
        if new:
            statements.append(_node_statement(label, new, dialect, merge=False))
    for (rel_type, src, dst), rows in batch.relationships.items():
        for start in range(0, len(rows), RELATIONSHIP_ROWS):
            statements.append(
                _relationship_statement(
                    rel_type, src, dst, rows[start : start + RELATIONSHIP_ROWS], dialect
                )
            )
    return statements


def _node_statement(
    label: str, rows: Sequence[dict[str, Any]], dialect: Dialect, *, merge: bool
) -> Statement:
    """MERGE ``rows`` of one label into what is stored, or CREATE them (none is stored).

    A created node's values are what the MERGE would give a node not stored yet, from the
    same expressions with nothing stored: the rows' own values.
    """
    spec = model.node_type(label)
    empty = dialect.empty_list
    columns = _Columns(rows, dialect)
    key = columns.column(spec.key)
    values = []
    for prop in (*spec.properties, NAMED_IN_PROPERTY):
        if prop.name == spec.key:
            continue
        new = columns.value(prop)
        stored_list = f"coalesce(n.{prop.name}, {empty})" if merge else empty
        if prop is NAMED_IN_PROPERTY:
            # the batch's reports are new to every node: take_back removed the stored
            # versions of changed ones first, unchanged ones are not written, and a
            # batch holds a report once, so a plain append is the union (a union scans
            # a hub's list of thousands of keys, at every batch)
            values.append((prop.name, dialect.concat(stored_list, f"coalesce({new}, {empty})")))
        elif prop.type is PropertyType.STRING_LIST:
            values.append((prop.name, dialect.union(stored_list, f"coalesce({new}, {empty})")))
        else:
            values.append((prop.name, f"coalesce({new}, n.{prop.name})" if merge else new))
    name = allowed_label(label)
    if merge:
        sets = ", ".join(f"n.{prop} = {value}" for prop, value in values)
        return (
            f"{columns.unwind()} WITH i, {key} AS k MERGE (n:{name} {{{spec.key}: k}}) SET {sets}",
            columns.params,
        )
    given = ", ".join(f"{prop}: {value}" for prop, value in ((spec.key, key), *values))
    return f"{columns.unwind()} CREATE (n:{name} {{{given}}})", columns.params


RELATIONSHIP_ROWS = 20_000
"""Relationships written per statement: their ends travel as small maps (see below), whose
memory in LadybugDB's binding is bounded by this."""


def _relationship_statement(
    rel_type: str, src: str, dst: str, rows: Sequence[dict[str, Any]], dialect: Dialect
) -> Statement:
    """CREATE ``rows`` of one relationship type between two labels.

    The ends are looked up from small maps (``UNWIND $pairs AS r MATCH (a {key: r.src})``),
    the other properties read from columns at ``r.i``: LadybugDB looks a key given as a
    map's field up in the primary-key index, while a key read from a column (``$c_src[i]``)
    made it scan the node table, or, named first with WITH, join both node tables in full
    (a 200-report batch: 8 s at 1,000 stored reports, growing with each; now flat).
    Two MATCH clauses, not one comma pattern: LadybugDB plans the comma form as a join.

    CREATE, not MERGE: a report's earlier relationships are all taken back before it is
    written (:func:`take_back`) and a document holds one relationship per type and pair, so
    there is nothing to find; MERGE would scan the pair's parallel relationships, one per
    report (thousands between hubs such as Europol and its country). The properties are
    given in the CREATE: set after it, each was written again as an update (a 2,000-report
    slice: 4.6 s and 84 MiB of write-ahead log, against 3.3 s and 41 MiB).
    """
    props = [p for p in model.relationship_properties(rel_type) if p.name != "report"]
    columns = _Columns(rows, dialect)
    assignments = ", ".join(f"{p.name}: {columns.value(p)}" for p in props)
    pairs = [
        {"src": row["src"], "dst": row["dst"], "report": row["report"], "i": n}
        for n, row in enumerate(rows, dialect.first_index)
    ]
    statement = (
        "UNWIND $pairs AS r "
        f"MATCH (a:{allowed_label(src)} {{{key_property(src)}: r.src}}) "
        f"MATCH (b:{allowed_label(dst)} {{{key_property(dst)}: r.dst}}) "
        "WITH a, b, r, r.i AS i "
        f"CREATE (a)-[e:{allowed_type(rel_type)} {{report: r.report, {assignments}}}]->(b)"
    )
    return statement, {**columns.params, "pairs": pairs}


class _Columns:
    """Rows (maps of the same keys) as one list parameter per key, ``$c_<key>``, and the
    expressions reading row ``i`` of them. A key that a node MERGE looks up is first named
    (``WITH i, $c_key[i] AS k``): given in the pattern, LadybugDB scans the table for every
    row (5,000 rows into 100,000 nodes: 27 s, against 0.2 s). A key that a MATCH looks up
    travels as a small map's field instead (see :func:`_relationship_statement`).

    LadybugDB's binding cannot type a list of nulls, nor a list of lists reliably (one
    holding an empty list, or a null, fails), so a column with no value at all becomes a
    typed null, and a list property travels flat: all rows' items in one list of strings,
    and where each row's items start and stop in it.
    """

    def __init__(self, rows: Sequence[dict[str, Any]], dialect: Dialect) -> None:
        self.rows, self.dialect = rows, dialect
        self.params: dict[str, list[Any]] = {}
        self.per_row: str | None = None  # a parameter with one entry per row

    def column(self, name: str) -> str:
        """Row ``i``'s value of the scalar ``name``, as the store reads its parameters."""
        param = f"c_{name}"
        if param not in self.params:
            self.params[param] = [row.get(name) for row in self.rows]
            self.per_row = self.per_row or param
        return f"${param}[i]"

    def value(self, prop: Property) -> str:
        """Row ``i``'s value of ``prop``, typed for the store; null when no row has one."""
        if not any(row.get(prop.name) not in (None, []) for row in self.rows):
            return self.dialect.value("NULL", prop)
        if prop.type is not PropertyType.STRING_LIST:
            return self.dialect.value(self.column(prop.name), prop)
        items: list[Any] = []
        starts, stops = [], []
        for row in self.rows:
            starts.append(len(items))
            items.extend(row.get(prop.name) or ())
            stops.append(len(items))
        name = f"c_{prop.name}"
        self.params.update({f"{name}_items": items, f"{name}_from": starts, f"{name}_to": stops})
        self.per_row = self.per_row or f"{name}_from"
        return self.dialect.slice(f"${name}_items", f"${name}_from[i]", f"${name}_to[i]")

    def unwind(self) -> str:
        """The clause that makes ``i`` run over the rows (as the dialect indexes lists)."""
        assert self.per_row is not None, "no column yet"
        return self.dialect.unwind_index(f"${self.per_row}", "i")


def remove_report(run: Runner, report_key: str, dialect: Dialect) -> Changes:
    """Take a report back: its relationships, then the nodes that no other report supports,
    then the report itself; counts what it deleted."""
    return take_back(run, [], [report_key], dialect)


REPORT_EXISTS = "MATCH (n:Report {key: $report}) RETURN count(n)"
EXISTING_REPORTS = (
    f"UNWIND $keys AS k MATCH (n:Report {{key: k}}) RETURN n.key, n.{FACTS_PROPERTY.name}"
)
"""Key lookups, not a scan of every stored report (``WHERE n.key IN $keys`` scanned them)."""


def take_back(
    run: Runner, docs: Sequence[DocumentRows], existing: Collection[str], dialect: Dialect
) -> Changes:
    """Remove the stored versions of ``existing`` (keys of some of ``docs``, or of no
    document for a plain removal) before the batch ``docs`` is written, leaving what
    writing the documents one by one would leave.

    One by one, a stored report's old version is removed when its new version comes up;
    a node then loses that report's support and is deleted once no report supports it,
    unless a document written earlier in the batch mentions it (it then keeps its
    stored properties). Here every removal happens first, so a node is deleted only if
    one by one it would have been: its support is all in ``existing`` and no document
    before the last of those mentions it.

    A node's support is its relationships' reports and its ``named_in`` list
    (:data:`model.NAMED_IN_PROPERTY`): the nodes that may lose all of it are the ends of
    the removed relationships and the nodes whose list names a removed report.
    """
    removed = sorted(set(existing))
    if not removed:
        return Changes()
    gone = set(removed)
    position = {doc.key: i for i, doc in enumerate(docs)}
    first_mention: dict[tuple[str, str], int] = {}
    for i, doc in enumerate(docs):
        for label, key, _, _ in doc.nodes:
            first_mention.setdefault((label, key), i)
    params = {"keys": removed}
    lost: dict[tuple[str, str], set[str]] = defaultdict(set)  # node -> removed support
    for rel_type, src, dst in relationship_patterns():
        rows = run(
            f"MATCH (a:{allowed_label(src)})-[e:{allowed_type(rel_type)}]->"
            f"(b:{allowed_label(dst)}) WHERE e.report IN $keys "
            f"RETURN a.{key_property(src)}, b.{key_property(dst)}, e.report",
            params,
        )
        for a, b, report in rows:
            lost[(src, a)].add(report)
            lost[(dst, b)].add(report)
    relationships = 0
    for rel_type in model.RELATIONSHIP_TYPES:
        relationships += _deleted(
            run(
                f"MATCH ()-[e:{allowed_type(rel_type)}]->() WHERE e.report IN $keys DELETE e "
                "RETURN count(*)",
                params,
            )
        )
    named = NAMED_IN_PROPERTY.name
    deleted_nodes = 0
    for label in model.ENTITY_LABELS:
        key = key_property(label)
        listed = {
            node_key: set(names)
            for node_key, names in run(
                f"MATCH (n:{allowed_label(label)}) "
                f"WHERE {dialect.overlaps(f'n.{named}', '$keys')} RETURN n.{key}, n.{named}",
                params,
            )
        }
        touched = sorted({k for lab, k in lost if lab == label} | set(listed))
        if not touched:
            continue
        linked: set[str] = set()
        for node_key, names, links in run(  # the key as a map's field: see _relationship_statement
            f"UNWIND $nodes AS r MATCH (n:{allowed_label(label)} {{{key}: r.key}}) "
            f"OPTIONAL MATCH (n)-[e]-() WITH r.key AS k, n, count(e) AS links "
            f"RETURN k, n.{named}, links",
            {"nodes": [{"key": k} for k in touched]},
        ):
            listed[node_key] = set(names or ())
            if links:
                linked.add(node_key)
        delete: list[str] = []
        keep: list[dict[str, Any]] = []
        for node_key in touched:
            names = listed.get(node_key, set())
            rest = sorted(names - gone)
            if not rest and node_key not in linked:
                support = lost[(label, node_key)] | (names & gone)
                mentioned = first_mention.get((label, node_key))
                if mentioned is None or mentioned >= max(position[r] for r in support):
                    delete.append(node_key)
                    continue
            if names & gone:
                keep.append({"key": node_key, named: rest})
        if delete:
            deleted_nodes += _deleted(
                run(
                    f"UNWIND $keys AS k MATCH (n:{label} {{{key}: k}}) DETACH DELETE n "
                    "RETURN count(*)",
                    {"keys": delete},
                )
            )
        if keep:
            columns = _Columns(keep, dialect)
            rest_list = columns.value(NAMED_IN_PROPERTY)
            nodes = [{"key": row["key"], "i": n} for n, row in enumerate(keep, dialect.first_index)]
            run(  # the key as a map's field: see _relationship_statement
                f"UNWIND $nodes AS r MATCH (n:{label} {{{key}: r.key}}) WITH n, r.i AS i "
                f"SET n.{named} = {rest_list}",
                {**columns.params, "nodes": nodes},
            )
    deleted_nodes += _deleted(
        run("MATCH (n:Report) WHERE n.key IN $keys DETACH DELETE n RETURN count(*)", params)
    )
    return Changes(nodes_deleted=deleted_nodes, relationships_deleted=relationships)


def stored_keys(run: Runner, batch: WriteBatch) -> dict[str, set[str]]:
    """The keys of ``batch``'s reports and nodes that the store holds already, by label."""
    groups = [("Report", "key", [row["key"] for row in batch.reports])]
    groups += [
        (label, key_property(label), [row[key_property(label)] for row in rows])
        for label, rows in batch.nodes.items()
    ]
    found: dict[str, set[str]] = {}
    for label, key, keys in groups:
        found[label] = set()
        for start in range(0, len(keys), RELATIONSHIP_ROWS):  # bounded, as the writes are
            rows = run(
                f"UNWIND $keys AS k MATCH (n:{allowed_label(label)} {{{key}: k}}) RETURN n.{key}",
                {"keys": keys[start : start + RELATIONSHIP_ROWS]},
            )
            found[label].update(row[0] for row in rows)
    return found


def written(batch: WriteBatch, stored: Mapping[str, Collection[str]]) -> Changes:
    """What writing ``batch`` (:func:`write_statements`) will create, given the keys it
    found stored (:func:`stored_keys`): the other nodes, and every relationship."""
    keys = len(batch.reports) + sum(len(rows) for rows in batch.nodes.values())
    return Changes(
        nodes_created=keys - sum(len(found) for found in stored.values()),
        relationships_created=sum(len(rows) for rows in batch.relationships.values()),
    )
