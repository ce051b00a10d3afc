"""Ties imported in bulk: one edge list (its persons and person-to-person relationships)
written in one transaction, whatever its size.

The pipeline hands a store a :class:`TieBatch`: the source as a report, the persons by key
and a *spool*, a CSV file holding every good row in file order with its two ends already
keyed and ordered. Rows naming the same pair are one relationship: their weights summed,
their count in ``rows``, the earliest and latest dates, and the first row as the
evidence. Memory stays flat: rows go from the file to the spool to the store in batches
(:func:`write_ties`, any store) or in one bulk copy (the embedded store's override).
"""

from __future__ import annotations

import csv
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit import model
from graphkit.model import allowed_type
from graphkit.store.statements import (
    REPORT_EXISTS,
    Dialect,
    Runner,
    remove_report,
    report_statement,
)

if TYPE_CHECKING:  # facts (pydantic) only for type hints: commands that only read skip it
    from graphkit.facts import ReportInfo

SPOOL_COLUMNS: tuple[str, ...] = (
    "source",
    "target",
    "weight",
    "date",
    "line",
    "start",
    "end",
    "evidence",
)
"""The spool's columns, in order (no header row)."""

BATCH_ROWS = 5_000
"""Rows per statement on the generic path (a Neo4j transaction takes any number of them)."""

KEY_BATCH = 10_000
"""Person keys per lookup statement."""


PARTITION_ROWS = 200_000
"""Rows per spool file: the embedded store copies one file at a time, and summing a pair's
rows takes memory in proportion to one file, not to the whole import (a 1 GiB buffer
pool overflows on a million rows in one copy)."""


def partitions_for(rows: int) -> int:
    """How many files a spool of about ``rows`` rows is split into."""
    return max(1, -(-rows // PARTITION_ROWS))


class TieSpool:
    """Writes the good rows of one import into ``partitions`` files in ``folder``, in the
    spool's CSV dialect; all rows of a pair go to one file, in file order."""

    def __init__(self, folder: Path, partitions: int = 1) -> None:
        self.paths = [folder / f"ties-{i}.csv" for i in range(max(1, partitions))]
        self.rows = 0
        self._files = [path.open("w", encoding="utf-8", newline="") for path in self.paths]
        self._writers = [csv.writer(f, lineterminator="\n") for f in self._files]

    def add(
        self,
        source: str,
        target: str,
        weight: float,
        date: str | None,
        line: int,
        start: int,
        end: int,
        evidence: str,
    ) -> None:
        writer = self._writers[0]
        if len(self._writers) > 1:
            writer = self._writers[zlib.crc32(f"{source}\0{target}".encode()) % len(self._writers)]
        writer.writerow((source, target, repr(weight), date or "", line, start, end, evidence))
        self.rows += 1

    def close(self) -> None:
        for handle in self._files:
            handle.close()


def read_spool(paths: Sequence[Path], batch: int = BATCH_ROWS) -> Iterator[list[dict[str, Any]]]:
    """The spool's rows in batches, rows naming the same pair within a batch merged."""
    for path in paths:
        yield from _read_file(path, batch)


def _read_file(path: Path, batch: int) -> Iterator[list[dict[str, Any]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        pending: dict[tuple[str, str], dict[str, Any]] = {}
        for cells in csv.reader(handle):
            source, target, weight, date, line, start, end, evidence = cells
            row = pending.get((source, target))
            if row is None:
                pending[(source, target)] = {
                    "src": source,
                    "dst": target,
                    "weight": float(weight),
                    "rows": 1,
                    "date": date or None,
                    "last_date": date or None,
                    "line": int(line),
                    "evidence_start": int(start),
                    "evidence_end": int(end),
                    "evidence": evidence,
                }
            else:
                merge_tie(row, {"weight": float(weight), "rows": 1, "date": date or None})
            if len(pending) >= batch:
                yield list(pending.values())
                pending = {}
        if pending:
            yield list(pending.values())


def merge_tie(row: dict[str, Any], later: dict[str, Any]) -> None:
    """Fold a later row of the same pair into ``row``: the rule :func:`tie_statement`
    applies across batches, and the embedded store's bulk copy in one aggregation."""
    row["weight"] += later["weight"]
    row["rows"] += later["rows"]
    date = later["date"]
    if date is not None:
        if row["date"] is None or date < row["date"]:
            row["date"] = date
        last = later.get("last_date", date)
        if row["last_date"] is None or last > row["last_date"]:
            row["last_date"] = last


@dataclass(frozen=True)
class TieBatch:
    """One edge list, ready for a store."""

    report: ReportInfo
    type: str
    """A person-to-person type of the ontology (``model.PERSON_TIES``)."""
    persons: dict[str, str]
    """Person keys and the names to create them with."""
    rename: bool
    """True when the names come from a node table: they replace stored names."""
    spool: tuple[Path, ...]
    """The spool's files (:class:`TieSpool`): every pair's rows in one of them."""
    rows: int


@dataclass(frozen=True)
class TiesWritten:
    """What writing a batch did."""

    unchanged: bool
    """The same import (same text, type, dataset and layout) was already in the store."""
    replaced: tuple[str, ...] = ()
    """Keys of earlier imports of the same source, taken back first."""
    ties: int = 0
    """Relationships the import holds (pairs, however many rows named each)."""
    new_persons: int = 0


def check_batch(batch: TieBatch) -> None:
    if batch.type not in model.PERSON_TIES:
        raise ValueError(f"{batch.type!r} is not a person-to-person type {model.PERSON_TIES}")


def begin(run: Runner, batch: TieBatch, dialect: Dialect) -> tuple[str, ...] | None:
    """The first steps of every store's import, in its transaction: None when the import is
    already there; else earlier imports of the same source are taken back (their keys are
    returned) and the report is written."""
    check_batch(batch)
    if run(REPORT_EXISTS, {"report": batch.report.key})[0][0]:
        return None
    replaced = tuple(
        row[0]
        for row in run(
            "MATCH (r:Report) WHERE r.source = $source RETURN r.key ORDER BY r.key",
            {"source": batch.report.source},
        )
    )
    for key in replaced:
        remove_report(run, key, dialect)
    row = {**batch.report.model_dump(), model.FACTS_PROPERTY.name: None}
    statement, params = report_statement([row], dialect)
    run(statement, params)
    return replaced


def stored_persons(run: Runner, keys: list[str]) -> set[str]:
    """Which of ``keys`` are persons already in the store."""
    found: set[str] = set()
    for i in range(0, len(keys), KEY_BATCH):
        rows = run(
            "UNWIND $keys AS k MATCH (n:Person {key: k}) RETURN n.key",
            {"keys": keys[i : i + KEY_BATCH]},
        )
        found.update(row[0] for row in rows)
    return found


def support_statement(dialect: Dialect) -> str:
    """Persons already stored gain the import's support (and a node table's name): an
    append, as in :func:`~graphkit.store.statements.write_statements`, since the import's
    report is new (:func:`begin` writes it only when the store lacks it). Every person an
    import names is supported by it in ``named_in``, tied or not: an import's persons are
    few next to a report's hubs, and a node list may name persons without a tie."""
    named = model.NAMED_IN_PROPERTY
    reports = dialect.concat(
        f"coalesce(n.{named.name}, {dialect.empty_list})", dialect.value("[$report]", named)
    )
    return (
        "UNWIND $rows AS r MATCH (n:Person {key: r.key}) "
        f"SET n.{named.name} = {reports}, n.name = coalesce(r.name, n.name)"
    )


def support_rows(batch: TieBatch, existing: set[str]) -> list[dict[str, Any]]:
    return [
        {"key": key, "name": batch.persons[key] if batch.rename else None}
        for key in sorted(existing)
    ]


def count_ties(run: Runner, batch: TieBatch) -> int:
    rel = allowed_type(batch.type)
    rows = run(
        f"MATCH ()-[e:{rel}]->() WHERE e.report = $report RETURN count(e)",
        {"report": batch.report.key},
    )
    return int(rows[0][0])


def tie_statement(rel_type: str, dialect: Dialect) -> str:
    """MERGE a batch of ties, folding rows of a pair met in an earlier batch into it
    (:func:`merge_tie`'s rule)."""
    rel = allowed_type(rel_type)
    props = {p.name: p for p in model.relationship_properties(rel)}

    def v(name: str) -> str:
        return dialect.value(f"r.{name}", props[name])

    return (
        "UNWIND $rows AS r "
        "MATCH (a:Person {key: r.src}) MATCH (b:Person {key: r.dst}) "
        f"MERGE (a)-[e:{rel} {{report: $report}}]->(b) "
        f"ON CREATE SET e.weight = {v('weight')}, e.rows = {v('rows')}, e.date = {v('date')}, "
        f"e.last_date = {v('last_date')}, e.line = {v('line')}, e.evidence = {v('evidence')}, "
        f"e.evidence_start = {v('evidence_start')}, e.evidence_end = {v('evidence_end')}, "
        "e.certainty = 'reported' "
        "ON MATCH SET e.weight = e.weight + r.weight, e.rows = e.rows + r.rows, "
        "e.date = CASE WHEN r.date IS NOT NULL AND (e.date IS NULL OR r.date < e.date) "
        "THEN r.date ELSE e.date END, "
        "e.last_date = CASE WHEN r.last_date IS NOT NULL AND "
        "(e.last_date IS NULL OR r.last_date > e.last_date) THEN r.last_date ELSE e.last_date END"
    )


def write_ties(run: Runner, batch: TieBatch, dialect: Dialect) -> TiesWritten:
    """Write ``batch`` with plain statements, in batches of rows (any store)."""
    replaced = begin(run, batch, dialect)
    if replaced is None:
        return TiesWritten(unchanged=True)
    keys = sorted(batch.persons)
    existing = stored_persons(run, keys)
    new = [k for k in keys if k not in existing]
    named = model.NAMED_IN_PROPERTY
    reports = dialect.value("[$report]", named)
    for i in range(0, len(new), KEY_BATCH):
        rows = [{"key": k, "name": batch.persons[k]} for k in new[i : i + KEY_BATCH]]
        run(
            f"UNWIND $rows AS r CREATE (n:Person {{key: r.key}}) "
            f"SET n.name = r.name, n.{named.name} = {reports}",
            {"rows": rows, "report": batch.report.key},
        )
    rows = support_rows(batch, existing)
    for i in range(0, len(rows), KEY_BATCH):
        run(
            support_statement(dialect),
            {"rows": rows[i : i + KEY_BATCH], "report": batch.report.key},
        )
    statement = tie_statement(batch.type, dialect)
    for chunk in read_spool(batch.spool):
        run(statement, {"rows": chunk, "report": batch.report.key})
    return TiesWritten(
        unchanged=False, replaced=replaced, ties=count_ties(run, batch), new_persons=len(new)
    )
