"""The embedded default store: LadybugDB, a graph database in a folder, no server.

``--db PATH`` names a folder (created on first use) holding the database file
``graph.lbug``; an existing LadybugDB file may be named directly.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import errno
import os
import re
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import ladybug

from graphkit.errors import QueryError, StoreBusy, StoreError, StoreUnwritable
from graphkit.model import NAMED_IN_PROPERTY, Property, allowed_type
from graphkit.parallel import usable_cores
from graphkit.store import schema, ties
from graphkit.store.base import GraphStore, QueryResult
from graphkit.store.statements import Dialect, Runner, entity_record
from graphkit.store.ties import TieBatch, TiesWritten
from graphkit.store.translate import explain_unknown, to_ladybug

DATABASE_FILE = "graph.lbug"


def _buffer_pool_bytes() -> int:
    """A quarter of the machine's memory, between 1 and 8 GiB. The pool is reserved, not
    allocated: a process uses what its work needs. A write holds its whole transaction in
    it until commit, so the pool bounds the largest single import (about 2 million edge-list
    rows per GiB); the graphs analysts query fit in 1 GiB many times over."""
    try:
        physical = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        physical = 0
    return max(1 << 30, min(physical // 4, 8 << 30)) >> 30 << 30


BUFFER_POOL_BYTES = _buffer_pool_bytes()
MAX_DB_BYTES = 1 << 36  # 64 GiB of address space reserved, not allocated
# Checkpoint when the write-ahead log passes 256 MiB (LadybugDB's default is 16 MiB): each
# checkpoint rewrites the node groups it touches, with their list columns (``named_in``,
# ``crimes``) and the hubs' relationship lists, a cost that grows with the store; fewer
# checkpoints made loading 6,000 reports 1.3x faster than at 64 MiB
# (benchmarks/bench_load_scaling.py). Closing the store checkpoints what is left.
CHECKPOINT_BYTES = 1 << 28
THREADS = min(2, usable_cores())
# A process killed while committing leaves a torn record at the end of the write-ahead log.
# That record belongs to a transaction whose commit never returned, so, like SQLite with a
# torn WAL frame, recovery keeps every committed transaction before it and drops the tail;
# LadybugDB's strict default would refuse to open the database at all.
STRICT_WAL_REPLAY = False
_NO_PARAMETERS = "graphkit_no_parameters"  # see LadybugStore._result

# The database reports errors as RuntimeError; its Python binding raises the others for
# parameter values it cannot convert (a list of mixed types, an integer beyond 64 bits).
_FAILURES = (RuntimeError, ValueError, TypeError, OverflowError)

# Why a file of the database could not be read or written, from an OSError's errno or the
# text of LadybugDB's IO exception. A short write ("Cannot write to file ... numBytesWritten")
# is how it reports a full disk or a file size limit (EFBIG): errno is not set for those.
_DISK_FULL = "the disk is full or a file size limit was reached"
_REASONS = (
    ((errno.ENOSPC, errno.EFBIG, errno.EDQUOT), _DISK_FULL),
    ((errno.EACCES, errno.EPERM), "permission denied"),
    ((errno.EROFS,), "the file system is read-only"),
)
_REASON_TEXTS = (
    (("No space left", "File too large", "quota exceeded", "Cannot write to file"), _DISK_FULL),
    (("Permission denied", "Operation not permitted"), "permission denied"),
    (("Read-only file system",), "the file system is read-only"),
)
# What a reader meets when it opens the database, or reads it, while another process is
# writing: the log in the middle of an append ("Checksum verification failed, the WAL file is
# corrupted", "Reading past the end of ... .wal"), or a checkpoint under way (pending, or
# half-written into the database file: "Primary-key index contains an invalid local node
# offset"). What was committed is intact; a moment later the same open succeeds. A reader
# retries for up to BUSY_SECONDS, then says the store is busy.
_BUSY = (
    "WAL file is corrupted",
    "Reading past the end",
    "checkpoint recovery is pending",
    "Primary-key index contains an invalid",
)
BUSY_SECONDS = 10.0
# Objects kept alive until the process ends, never destroyed (see LadybugStore.close).
_ABANDONED: list[Any] = []


class LadybugDialect(Dialect):
    empty_list = "CAST([] AS STRING[])"
    rows_per_record = None  # rows come from the process's own memory, no cost per row

    def value(self, expr: str, prop: Property) -> str:
        return f"CAST({expr} AS {prop.type.value})"

    def union(self, a: str, b: str) -> str:
        # no list_sort: sorting a hub's list of thousands of report keys at every batch
        # was a cost that grew with the store; lists are read back sorted (tidy_properties)
        return f"list_distinct(list_concat({a}, {b}))"

    def concat(self, a: str, b: str) -> str:
        return f"list_concat({a}, {b})"

    def overlaps(self, items: str, others: str) -> str:
        return f"list_has_any({items}, {others})"

    first_index = 1

    # one process writes at a time (it holds the database file's lock), and a MERGE of new
    # keys grew with the table (Seizure, 200 reports a batch: 14 ms into an empty table,
    # 43 ms at 60,000 nodes) where a CREATE stays flat (~6 ms)
    creates_unseen_nodes = True

    def unwind_index(self, items: str, name: str) -> str:
        return f"UNWIND range(1, size({items})) AS {name}"  # lists count from 1 here

    def slice(self, items: str, start: str, stop: str) -> str:
        return f"list_slice({items}, {start} + 1, {stop})"  # from 1, both ends included


def database_file(path: str | os.PathLike[str]) -> Path:
    """Where the database lives for ``--db PATH``: a folder's graph.lbug, or the file itself."""
    path = Path(path).expanduser()
    if path.is_file():
        return path
    return path / DATABASE_FILE


class LadybugStore(GraphStore):
    kind = "embedded"
    dialect = LadybugDialect()

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        self.read_only = read_only
        self._unwritable: str | None = None  # why writing failed for good, once it has
        try:
            self.path = database_file(path)
            exists = self.path.exists()
        except OSError as exc:
            raise StoreError(
                f"cannot read the embedded database at {path}: {_reason(exc)}"
            ) from None
        if read_only and not exists:
            raise StoreError(f"no graphkit database at {Path(path)} (load some reports first)")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not read_only:
                self._check_writable()
            self._db = self._open_database()
            self._conn = ladybug.Connection(self._db, num_threads=THREADS)
        except (StoreUnwritable, StoreBusy):
            raise
        except (RuntimeError, OSError) as exc:
            if "set lock" in str(exc):  # LadybugDB allows one writing process at a time
                raise StoreError(
                    f"the embedded database at {Path(path)} is in use by another graphkit "
                    "process; try again when it has finished"
                ) from None
            raise StoreError(
                f"cannot open the embedded database at {self.path}: {_reason(exc)}"
            ) from None
        if not read_only:
            self.ensure_schema()
            return
        lacking = self._lacking_columns()
        if lacking:
            self.close()
            raise StoreError(
                f"the embedded database at {self.path} was written by an older graphkit "
                f"(it has no {lacking[0]}): run one command that writes to it (such as "
                "`graphkit load`) to upgrade it, then read it"
            )

    def _lacking_columns(self) -> list[str]:
        """The tables and columns of the ontology that an older database lacks: a reader
        cannot add or rename them (:meth:`ensure_schema`), nor read a missing one."""
        lacking = []
        for table, columns in schema.ladybug_columns().items():
            try:
                rows = self._conn.execute(f"CALL table_info('{table}') RETURN name").get_all()
            except RuntimeError:
                lacking.append(table)
                continue
            present = {row[0] for row in rows}
            lacking += [f"{table}.{name}" for name, _ in columns if name not in present]
        return lacking

    def _open_database(self) -> Any:
        """The LadybugDB database; a reader that meets a writer in mid-commit or checkpoint
        tries again (for up to BUSY_SECONDS), then raises :class:`StoreBusy`."""
        deadline = time.monotonic() + BUSY_SECONDS
        pause = 0.05
        while True:
            try:
                return ladybug.Database(
                    str(self.path),
                    buffer_pool_size=BUFFER_POOL_BYTES,
                    max_num_threads=THREADS,
                    max_db_size=MAX_DB_BYTES,
                    checkpoint_threshold=CHECKPOINT_BYTES,
                    read_only=self.read_only,
                    throw_on_wal_replay_failure=STRICT_WAL_REPLAY,
                )
            except RuntimeError as exc:
                if not (self.read_only and _is_busy(exc)):
                    raise
                if time.monotonic() >= deadline:
                    raise self._busy() from None
            time.sleep(pause)
            pause = min(2 * pause, 1.0)

    def _busy(self) -> StoreBusy:
        return StoreBusy(
            f"the embedded database at {self.path} is busy: another graphkit process is "
            "writing to it; try again when it has finished (what it committed is intact)"
        )

    def _check_writable(self) -> None:
        """Refuse a database this user cannot write before any input is read, rather than
        fail at the first commit (LadybugDB needs the folder to create, sync and remove its
        write-ahead log, and the database file to write pages)."""
        folder = self.path.parent
        need = os.R_OK | os.W_OK | os.X_OK
        if os.access(folder, need) and (
            not self.path.exists() or os.access(self.path, os.R_OK | os.W_OK)
        ):
            return
        readable = os.access(folder, os.R_OK | os.X_OK) and os.access(self.path, os.R_OK)
        hint = "; commands that only read it still work" if readable else ""
        raise StoreUnwritable(
            f"cannot write to the embedded database at {self.path}: permission denied "
            f"(this user may not write its folder or files){hint}"
        )

    def _write_failure(self, what: str, exc: BaseException) -> StoreError:
        """The error for a failed write: a full disk or lost permission stops every later
        write too (the write-ahead log may end in a torn record), anything else is one
        statement's or transaction's failure."""
        reason = _reason(exc)
        if "buffer pool is full" in str(exc):
            return StoreError(
                f"{what}: the write needs more than the embedded store's "
                f"{BUFFER_POOL_BYTES >> 30} GiB of working memory (a transaction is held "
                "there until it commits); split the input into smaller files"
            )
        if reason not in {_DISK_FULL, "permission denied", "the file system is read-only"}:
            return StoreError(f"{what}: {_first_line(exc)}")
        self._unwritable = reason
        return self._unwritable_error()

    def _unwritable_error(self) -> StoreUnwritable:
        assert self._unwritable is not None
        return StoreUnwritable(
            f"cannot write to the embedded database at {self.path}: {self._unwritable}; "
            "what was loaded before is kept (load again once this is fixed)"
        )

    def ensure_schema(self) -> None:
        """Create the tables, and rename or add the columns a database made by an older
        graphkit names otherwise or lacks, so existing graphs keep opening after an upgrade."""

        def work(run: Runner) -> None:
            for statement in schema.ladybug_ddl():
                run(statement, {})
            for table, columns in schema.ladybug_columns().items():
                present = {row[0] for row in run(f"CALL table_info('{table}') RETURN name", {})}
                for old, new in schema.RENAMED_NODE_PROPERTIES.items():
                    if old in present and new not in present:
                        run(f"ALTER TABLE {table} RENAME {old} TO {new}", {})
                        present.add(new)
                for name, type_ in columns:
                    if name not in present:
                        run(f"ALTER TABLE {table} ADD IF NOT EXISTS {name} {type_}", {})

        self.transaction(work)

    def transaction(self, work: Callable[[Runner], Any]) -> Any:
        if self._unwritable:
            raise self._unwritable_error()
        conn = self._conn
        self._execute("BEGIN TRANSACTION", {})
        try:
            result = work(lambda statement, params: _fetch(self._execute(statement, params)))
        except BaseException:
            with contextlib.suppress(StoreError):  # a failed statement may have ended it
                self._execute("ROLLBACK", {})
            raise
        try:
            conn.execute("COMMIT")
        except RuntimeError as exc:
            raise self._write_failure("commit failed", exc) from None
        return result

    def _run(
        self, cypher: str, params: dict[str, Any], *, write: bool, max_rows: int | None
    ) -> QueryResult:
        if not write:
            self._execute("BEGIN TRANSACTION READ ONLY", {})
            try:
                return self._result(cypher, params, max_rows)
            finally:
                with contextlib.suppress(RuntimeError):  # a failed read has ended it
                    self._conn.execute("COMMIT")
        if self.read_only:
            raise QueryError("the database was opened read-only")
        if self._unwritable:
            raise self._unwritable_error()
        return self._result(cypher, params, max_rows)

    def translate(self, cypher: str) -> str:
        return to_ladybug(cypher)

    def own_paths(self) -> list[Path]:
        """The folder graphkit made for the database, or (``--db FILE``) the file, whose
        siblings (``FILE.wal``...) :mod:`graphkit.output` protects with it."""
        return [self.path.parent if self.path.name == DATABASE_FILE else self.path]

    def write_ties(self, batch: TieBatch) -> TiesWritten:
        """The bulk path for an edge list: new persons and every tie copied from CSV files
        inside the transaction (``COPY ... FROM (LOAD FROM ...)``), the rows of a pair
        summed by the copy's own aggregation; persons already stored gain the import's
        support by statement. Same end state as the generic path (contract-tested)."""
        folder = batch.spool[0].parent
        copyable = all(_COPYABLE_PATH.fullmatch(str(path)) for path in batch.spool)
        if not (copyable and _REPORT_KEY.fullmatch(batch.report.key)):
            return super().write_ties(batch)  # a path or key a COPY literal cannot hold as is

        def work(run: Runner) -> TiesWritten:
            replaced = ties.begin(run, batch, self.dialect)
            if replaced is None:
                return TiesWritten(unchanged=True)
            keys = sorted(batch.persons)
            existing = ties.stored_persons(run, keys)
            new = [k for k in keys if k not in existing]
            if new:
                persons = folder / "persons.csv"
                with persons.open("w", encoding="utf-8", newline="") as handle:
                    writer = csv.writer(handle, lineterminator="\n")
                    writer.writerows((k, batch.persons[k]) for k in new)
                run(self._copy_persons(run, persons, batch.report.key), {})
            rows = ties.support_rows(batch, existing)
            for i in range(0, len(rows), ties.KEY_BATCH):
                run(
                    ties.support_statement(self.dialect),
                    {"rows": rows[i : i + ties.KEY_BATCH], "report": batch.report.key},
                )
            for path in batch.spool:  # one copy per file: its aggregation fits the pool
                run(self._copy_ties(run, batch, path), {})
            return TiesWritten(
                unchanged=False,
                replaced=replaced,
                ties=ties.count_ties(run, batch),
                new_persons=len(new),
            )

        return self.transaction(work)

    def _copy_persons(self, run: Runner, path: Path, report: str) -> str:
        given = {"key": "k", "name": "n", NAMED_IN_PROPERTY.name: f"['{report}']"}
        columns = _columns(run, "Person", given)
        return (
            f"COPY Person FROM (LOAD WITH HEADERS (k STRING, n STRING) FROM '{path}' {_CSV} "
            f"RETURN {columns})"
        )

    def _copy_ties(self, run: Runner, batch: TieBatch, path: Path) -> str:
        first = (
            "concat("
            + ", '|', ".join(
                [*(f"lpad(CAST({c} AS STRING), 10, '0')" for c in ("ln", "st", "en")), "ev"]
            )
            + ")"
        )
        given = {
            "report": f"'{batch.report.key}'",
            "evidence": "substring(first, 34, size(first))",
            "evidence_start": "CAST(substring(first, 12, 10) AS INT64)",
            "evidence_end": "CAST(substring(first, 23, 10) AS INT64)",
            "certainty": "'reported'",
            "weight": "w",
            "rows": "n",
            "date": "d0",
            "last_date": "d1",
            "line": "CAST(substring(first, 1, 10) AS INT64)",
        }
        rel = allowed_type(batch.type)
        columns = _columns(run, rel, given)
        return (
            f"COPY {rel} FROM (LOAD WITH HEADERS (src STRING, dst STRING, w DOUBLE, d STRING, "
            f"ln INT64, st INT64, en INT64, ev STRING) FROM '{path}' {_CSV} "
            f"WITH src, dst, sum(w) AS w, count(*) AS n, min(d) AS d0, max(d) AS d1, "
            f"min({first}) AS first RETURN src, dst, {columns})"
        )

    def close(self) -> None:
        conn, db = getattr(self, "_conn", None), getattr(self, "_db", None)
        if conn is not None:
            conn.close()
        if db is not None and getattr(self, "_unwritable", None) == _DISK_FULL:
            # After a failed write to the log, closing flushes the log again from a C++
            # destructor, whose exception aborts the process (SIGABRT, no message). Never
            # destroy it: the files are left as by a kill, and the next open replays the
            # committed transactions and drops the torn tail (STRICT_WAL_REPLAY). The lock
            # on the files goes with the process.
            _ABANDONED.append(db)
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(db))
        elif db is not None:
            db.close()
        self._conn = self._db = None

    def _result(
        self, cypher: str, params: dict[str, Any], max_rows: int | None = None
    ) -> QueryResult:
        try:
            # Without parameters LadybugDB reads an unbound $name as null; with any, it
            # reports the missing one, as Neo4j does. A script of several statements
            # cannot take parameters at all, so it runs as given.
            try:
                result = self._conn.execute(cypher, params or {_NO_PARAMETERS: None})
            except RuntimeError as exc:
                if params or "multiple statements" not in str(exc):
                    raise
                result = self._conn.execute(cypher)
        except _FAILURES as exc:
            if _reason(exc) == _DISK_FULL:
                raise self._write_failure("query failed", exc) from None
            if self.read_only and _is_busy(exc):
                raise self._busy() from None
            raise QueryError(_explain(exc)) from None
        if isinstance(result, list):  # several statements: the last one's result
            result = result[-1]
        # a capped read converts only the rows it keeps (and one to know there were more)
        fetched = _fetch(result, None if max_rows is None else max_rows + 1)
        truncated = max_rows is not None and len(fetched) > max_rows
        rows = fetched[:max_rows] if truncated else fetched
        if not _PLAIN_COLUMNS.issuperset(result.get_column_data_types()):
            scalars = _SCALARS
            rows = [[v if type(v) in scalars else _plain(v) for v in row] for row in rows]
        return QueryResult(columns=result.get_column_names(), rows=rows, truncated=truncated)

    def _execute(self, statement: str, params: dict[str, Any]) -> Any:
        try:
            return self._conn.execute(statement, params)
        except _FAILURES as exc:
            raise self._write_failure("embedded store", exc) from None


_SCALARS = frozenset({str, int, float, bool, type(None)})
"""Value types returned as they are (most cells): no conversion call for them."""
_PLAIN_COLUMNS = frozenset(
    {"STRING", "INT64", "INT32", "DOUBLE", "BOOL", "STRING[]", "INT64[]", "DOUBLE[]"}
)
"""Column types whose values come back as plain data already: a result made only of
them is not converted value by value (the graph read for analytics, a million rows)."""


def _fetch(result: Any, limit: int | None = None) -> list[list[Any]]:
    """The rows of ``result`` (up to ``limit``), read straight from the native result.

    The Python wrapper's ``get_all`` checks four times per row that the result, its
    connection and its database are open (a third of the cost of reading a large
    result); none of them can close while this store reads. Falls back to the wrapper
    where the native result is not where this version of LadybugDB keeps it.
    """
    native = getattr(result, "_query_result", None)
    if native is None:
        return result.get_all() if limit is None else result.get_n(limit)
    has_next, get_next = native.hasNext, native.getNext
    rows: list[list[Any]] = []
    append = rows.append
    if limit is None:
        while has_next():
            append(get_next())
    else:
        while len(rows) < limit and has_next():
            append(get_next())
    return rows


_CSV = "(header=false, delim=',', quote='\"', escape='\"', auto_detect=false)"
"""How the bulk path's CSV files are read: as :mod:`csv` writes them, no type sniffing
(an id ``0012`` stays a string)."""
_COPYABLE_PATH = re.compile(r"[\w/.\-]+")
_REPORT_KEY = re.compile(r"report:[0-9a-f]+")


def _columns(run: Runner, table: str, given: dict[str, str]) -> str:
    """The RETURN list a COPY into ``table`` needs: an expression per column in the
    table's own order (a database made by an older graphkit has added columns at the end),
    typed nulls for the columns the import does not set."""
    info = run(f"CALL table_info('{table}') RETURN name, type", {})
    return ", ".join(given.get(name) or f"CAST(NULL AS {type_})" for name, type_ in info)


def _plain(value: Any) -> Any:
    """Values as plain data, the shape the Neo4j store returns them in.

    Sums come back as 128-bit Decimals, and nodes as dicts carrying every column of every
    table (nulls for the others): keep the label and the properties the ontology gives it.
    """
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        plain = {k: _plain(v) for k, v in value.items() if not k.startswith("_")}
        if "_LABEL" in value:
            return entity_record(value["_LABEL"], plain)
        return plain
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _is_busy(exc: BaseException) -> bool:
    return any(text in str(exc) for text in _BUSY)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _reason(exc: BaseException) -> str:
    """Why a file of the database could not be used, in a few words for the user."""
    code = getattr(exc, "errno", None)
    for codes, reason in _REASONS:
        if code in codes:
            return reason
    text = str(exc)
    for fragments, reason in _REASON_TEXTS:
        if any(fragment in text for fragment in fragments):
            return reason
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return _first_line(exc)


def _explain(exc: Exception) -> str:
    message = _first_line(exc)
    unknown = explain_unknown(message)
    if unknown is not None:
        return unknown
    if "read-only" in message:
        return "this query writes to the graph; pass --write to allow it"
    if "buffer pool is full" in message:
        return (
            f"the query needs more than the embedded store's {BUFFER_POOL_BYTES >> 30} GiB of "
            "working memory: narrow it (more specific entities, fewer hops, a LIMIT inside); "
            "for chains between two big hubs use `graphkit path A B`"
        )
    return message
