"""The loading pipeline: inputs → facts documents → store, in batches of reports.

Each batch is one transaction, and a batch the store rejects is written again one report
per transaction, so a file that fails (unreadable, invalid, rejected by the store) loses
nothing already in the graph and stops no other file.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import multiprocessing
import os
import pickle
import signal
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from graphkit import model
from graphkit.collector import collect_less, fewer_collections, paused_collections
from graphkit.edgelist import BadRow, person_key, read_edge_list, read_node_table
from graphkit.errors import (
    ExtractionUnavailable,
    GraphkitError,
    InputError,
    StoreUnavailable,
    StoreUnwritable,
)
from graphkit.facts import FactsDocument, ReportInfo, is_partial_date, sha256, slug
from graphkit.inputs import FACTS_KINDS, Input, expand, read_input, shown_path
from graphkit.parallel import worker_count
from graphkit.store import Changes
from graphkit.store.base import GraphStore
from graphkit.store.statements import DocumentRows
from graphkit.store.ties import TieBatch, TieSpool, partitions_for


@dataclass(frozen=True)
class Outcome:
    """What happened to one input."""

    source: str
    report: str | None = None
    relationships: int = 0
    error: str | None = None
    unchanged: bool = False
    """The report was stored with the same facts already: nothing was written."""
    warning: str | None = None
    """Something to tell although the input loaded (its text is another path's)."""

    @property
    def ok(self) -> bool:
        return self.error is None


def to_facts(item: Input, published: str | None = None) -> FactsDocument:
    """The facts document for one input: parsed if it is one, extracted if it is text."""
    if item.is_facts:
        return FactsDocument.parse(item.text, item.kind, item.source)
    try:
        from graphkit.extract import extract_text
    except ImportError:
        raise ExtractionUnavailable(
            f"{item.source}: text reports need the extractor, which this build lacks; "
            "load a facts document (.json/.yaml) instead"
        ) from None
    return extract_text(item.text, source=item.source, published=published, fmt=item.kind)


def read_facts(source: str, published: str | None = None) -> FactsDocument:
    return to_facts(read_input(source), published)


def check_published(published: str | None) -> str | None:
    """``--published`` as given, or an :class:`InputError` before any input is read."""
    if published is not None and not is_partial_date(published):
        raise InputError(
            f"--published {published!r} is not a date: expected an ISO date such as 2024, "
            "2024-04 or 2024-04-07 (a real month and day)"
        )
    return published


# A batch is written in one transaction: up to this many inputs, this much report text,
# this many nodes and relationships (the batch's weight in the store and in memory: four
# 100,000-node documents in one batch took 4.8 GB), or what was read in this many seconds
# (extraction can be slow: keep progress moving). A document heavier than the cap is
# written alone, still in one transaction.
BATCH_DOCUMENTS = 200
BATCH_TEXT_CHARS = 2_000_000
BATCH_ELEMENTS = 20_000
BATCH_SECONDS = 10.0


@dataclass
class _Pending:
    """One input read, waiting for its batch to be written (or its failure, to be reported)."""

    source: str
    rows: DocumentRows | None = None
    """The facts read, as the store writes them: made where the input was read (a worker
    process, see :class:`DocumentRows`)."""
    outcome: Outcome | None = None
    warning: str | None = None


class _Sources:
    """Each report's source as this load decides it: when two paths hold the same text (one
    report key), the report is stored once, under the smallest path of the two, whichever
    came last, with a warning; what the store already holds counts as an earlier path."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.chosen: dict[str, str] | None = None

    def settle(self, item: _Pending) -> None:
        doc = item.rows
        assert doc is not None
        if self.chosen is None:  # read once, when the first document needs it
            self.chosen = {row["key"]: row["source"] for row in self.store.reports()}
        earlier = self.chosen.get(doc.key)
        if earlier is None or earlier == doc.source:
            self.chosen[doc.key] = doc.source
            return
        keep = min(earlier, doc.source)
        item.warning = (
            f"{doc.source} holds the same text as {earlier} (report {doc.key}): "
            f"loaded once, under the source {keep}"
        )
        self.chosen[doc.key] = keep
        if keep != doc.source:
            item.rows = doc.with_source(keep)


def _read(source: str, published: str | None, debug: bool) -> _Pending:
    """One input read (and extracted): its facts document, or the outcome of its failure.
    A bug of ours is that input's failure unless ``debug`` asks for the traceback."""
    item = _Pending(shown_path(source))  # printable, even if the file name is not UTF-8
    try:
        item.rows = DocumentRows.of(read_facts(source, published))
    except Exception as exc:
        _fail(item, exc, debug)
    return item


def _read_chunk(sources: list[str], published: str | None, debug: bool) -> bytes:
    """A worker's task: a few inputs read in turn (see :data:`CHUNK_INPUTS`), pickled here
    so that the loading process unpickles them itself (:func:`_unpickled`)."""
    return pickle.dumps(
        [_read(source, published, debug) for source in sources], pickle.HIGHEST_PROTOCOL
    )


@paused_collections()
def _unpickled(chunk: bytes) -> list[_Pending]:
    """A worker's inputs, unpickled with the cycle collector paused.

    A chunk's documents are trees of small containers (their rows), no cycle among them;
    left to the executor's own thread, their unpickling ran the collector over them again
    and again (3-5x the unpickling itself in a large process)."""
    return pickle.loads(chunk)  # our own worker's bytes, never a user's


def _fail(item: _Pending, exc: Exception, debug: bool) -> None:
    """The outcome of an input that failed: our own error as it says, a bug of ours as an
    internal error of that input (the others still load), or raised again with ``debug``."""
    if isinstance(exc, GraphkitError):
        item.outcome = _failure(item.source, exc)
    elif debug:
        raise exc
    else:
        item.outcome = _internal_error(item.source, exc)


PARALLEL_INPUTS = 100
"""With the default number of workers, fewer text reports than this are read in this
process: starting a worker (a fresh interpreter that imports the extractor and warms it up,
about half a second) costs more than it saves on a few reports. Facts documents are only
parsed, not extracted, and do not count."""
_PR_SET_PDEATHSIG = 1  # prctl(2)
AHEAD_PER_WORKER = 16
"""Inputs handed to the workers ahead of the one being written, per worker, at the least."""
AHEAD_BYTES = 2 * BATCH_TEXT_CHARS
"""Beyond that, inputs are handed out ahead up to a whole batch more, while their files hold
fewer bytes than this: the workers go on extracting the next batch while this process
writes one (with only a few inputs ahead they stood idle during each write, and two workers
loaded 10,000 reports at 1.5x the rate of one instead of close to 2x), and memory stays
bounded however large the inputs are."""
CHUNK_INPUTS = 8
CHUNK_BYTES = 256 * 1024
"""A worker's task: up to this many inputs, while their files hold fewer bytes than this
(one task per input cost the pool's messages and bookkeeping some 0.3 ms an input)."""
WORKER_NICENESS = 10
"""Workers yield the processor to the writing process: it is the one every batch waits for.
At equal priority, two workers and the writer shared two cores three ways and the writer's
batches took half as long again as its own work (10,000 reports: writes 63 s for 40 s of
processor time); with the workers at niceness 10 the writer runs when it has work and the
workers take the rest (2 workers: 51.6 s against 55 s, one worker 92-96 s)."""


def _warm_up(parent: int) -> None:
    """A worker's start-up work, done once: tied to the loading process (a killed load
    leaves no worker behind: Linux sends the worker SIGKILL when its parent dies), then
    the gazetteers and compiled patterns."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)
    collect_less()  # for the worker's whole life
    with contextlib.suppress(GraphkitError):
        from graphkit.extract import extract_text

        extract_text("Police in Spain arrested 2 suspects.", source="warm-up")


def wants_more(waiting: int, ahead_bytes: int, workers: int) -> bool:
    """Whether to hand ``workers`` one more input, with ``waiting`` inputs (of
    ``ahead_bytes`` bytes) handed out and not yet taken back to write."""
    least = workers * AHEAD_PER_WORKER
    return waiting < least or (waiting < least + BATCH_DOCUMENTS and ahead_bytes < AHEAD_BYTES)


def _size(source: str) -> int:
    """The input's size in bytes (0 when it cannot be read: its worker will say why)."""
    try:
        return os.stat(source).st_size
    except (OSError, ValueError):
        return 0


def _read_all(
    inputs: Iterable[str], published: str | None, debug: bool, workers: int | None
) -> Iterator[_Pending]:
    """The inputs read, in input order: in this process, or by ``workers`` worker processes
    (at most one per core; None: one per core when there are at least
    :data:`PARALLEL_INPUTS`, see :func:`graphkit.parallel.worker_count`)."""
    inputs = list(inputs)
    texts = sum(Path(source).suffix.lower() not in FACTS_KINDS for source in inputs)
    workers = min(worker_count(workers, worth_it=texts >= PARALLEL_INPUTS), len(inputs))
    if workers <= 1:
        for source in inputs:
            yield _read(source, published, debug)
        return
    context = multiprocessing.get_context("spawn")  # never fork a process holding a store
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_warm_up, initargs=(os.getpid(),)
    )
    try:
        waiting: deque[tuple[Future[bytes], int, int]] = deque()  # inputs, bytes
        todo = iter(inputs)
        handed = ahead_bytes = 0  # inputs (and their bytes) handed out, not yet yielded

        def hand_out(items: Future[bytes], count: int, size: int) -> None:
            nonlocal handed, ahead_bytes
            waiting.append((items, count, size))
            handed, ahead_bytes = handed + count, ahead_bytes + size

        def submit() -> bool:
            chunk: list[str] = []
            size = 0
            before = handed
            while len(chunk) < CHUNK_INPUTS and size < CHUNK_BYTES:
                source = next(todo, None)
                if source is None:
                    break
                if source == "-":  # stdin is this process's: read it here, in its turn
                    if chunk:
                        hand_out(
                            pool.submit(_read_chunk, chunk, published, debug), len(chunk), size
                        )
                        chunk, size = [], 0
                    done: Future[bytes] = Future()
                    done.set_result(
                        pickle.dumps([_read(source, published, debug)], pickle.HIGHEST_PROTOCOL)
                    )
                    hand_out(done, 1, 0)
                    continue
                chunk.append(source)
                size += _size(source)
            if chunk:
                hand_out(pool.submit(_read_chunk, chunk, published, debug), len(chunk), size)
            return handed > before

        def top_up() -> None:
            while wants_more(handed, ahead_bytes, workers):
                if not submit():
                    return

        top_up()
        while waiting:
            future, count, size = waiting.popleft()
            items = _unpickled(future.result())
            handed, ahead_bytes = handed - count, ahead_bytes - size
            top_up()
            yield from items
    except BrokenProcessPool:
        raise ExtractionUnavailable(
            "a worker process stopped (out of memory?); run load again with --workers 1"
        ) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def load(
    store: GraphStore,
    inputs: Iterable[str],
    *,
    published: str | None = None,
    on_item: Callable[[Outcome], None] | None = None,
    debug: bool = False,
    workers: int | None = 1,
) -> Loaded:
    """Load each input (a file or ``-``, see :func:`sources`); never stop at a bad one.
    Returns the outcomes in input order, with what the load changed in the graph
    (:attr:`Loaded.changes`).

    Inputs are read one by one and written in batches, one transaction per batch
    (:meth:`GraphStore.write_batch`). Two inputs with the same text are one report, stored
    under the smaller of their paths (the outcome of the other carries a warning). If the
    store rejects a batch, its documents are
    written again one at a time, so only the bad one fails and nothing is half-loaded.
    Outcomes (and ``on_item`` calls) come in input order, once each batch is written.

    ``workers`` > 1 reads and extracts inputs in that many worker processes while this
    one writes, in input order: the graph is the same as with one (None: one per core for
    :data:`PARALLEL_INPUTS` inputs or more).

    A bug of ours while reading one input is reported as that input's failure (the
    others still load) unless ``debug`` asks for the traceback. A store that goes away
    (:class:`StoreUnavailable`) stops the load at once, with an error naming the first
    report of the batch being written; what was written before stays.
    """
    outcomes = Loaded()
    pending: list[_Pending] = []
    chars = elements = 0
    started = 0.0
    chosen = _Sources(store)

    def flush() -> None:
        nonlocal chars, elements
        outcomes.changes += _write_batch(store, pending, debug)
        for item in pending:
            assert item.outcome is not None
            outcomes.append(item.outcome)
            if on_item:
                on_item(item.outcome)
        pending.clear()
        chars = elements = 0

    reading = _read_all(inputs, published, debug, workers)
    # closing: stop the workers now, not when the traceback is released
    with fewer_collections(), contextlib.closing(reading):
        while True:
            try:
                item = next(reading)
            except StopIteration:
                break
            except Exception:
                flush()  # what was read before still loads, as without batches
                raise
            if item.rows is not None:
                chosen.settle(item)
            weight = 0 if item.rows is None else item.rows.elements
            if pending and elements + weight > BATCH_ELEMENTS:
                flush()  # the batch so far, then this document starts the next one
            if not pending:
                started = time.monotonic()
            pending.append(item)
            if item.rows is not None:
                chars += len(item.rows.report["text"])
                elements += weight
            if (
                len(pending) >= BATCH_DOCUMENTS
                or chars >= BATCH_TEXT_CHARS
                or elements >= BATCH_ELEMENTS
                or time.monotonic() - started >= BATCH_SECONDS
            ):
                flush()
        flush()
    return outcomes


class Loaded(list[Outcome]):
    """The outcomes of a load, in input order, and what it changed in the graph: counted by
    the writes themselves, not by comparing totals (which would count another client's
    writes at the same time)."""

    changes: Changes

    def __init__(self, outcomes: Iterable[Outcome] = ()) -> None:
        super().__init__(outcomes)
        self.changes = Changes()


def _write_batch(store: GraphStore, pending: list[_Pending], debug: bool) -> Changes:
    """Write the read documents of ``pending``, set every item's outcome and say what the
    writes changed."""
    todo = [item for item in pending if item.rows is not None]
    if not todo:
        return Changes()
    if len(todo) > 1:
        try:
            done = store.write_rows([item.rows for item in todo if item.rows is not None])
        except StoreUnwritable:  # disk full, no permission: no other input can load either
            raise
        except StoreUnavailable as exc:  # the server is gone: no retries one by one
            raise _stopped(todo, exc) from exc
        except GraphkitError:  # one bad document: retry one by one
            pass
        except Exception:
            if debug:
                raise
        else:
            for item in todo:
                item.outcome = _loaded(item, done.unchanged)
            return done.changes
    changes = Changes()
    for i, item in enumerate(todo):
        assert item.rows is not None
        try:
            done = store.write_rows([item.rows])
            item.outcome = _loaded(item, done.unchanged)
            changes += done.changes
        except StoreUnwritable:
            raise
        except StoreUnavailable as exc:
            raise _stopped(todo[i:], exc) from exc
        except Exception as exc:
            _fail(item, exc, debug)
    return changes


def _stopped(todo: list[_Pending], exc: StoreUnavailable) -> StoreUnavailable:
    """The load stops at ``todo[0]``, the first report of the batch the store was lost on:
    one line naming it, and saying what may be missing (a re-run loads it, doubling nothing)."""
    rest = len(todo) - 1
    after = f" and the {rest} after it (to {todo[-1].source})" if rest else ""
    return StoreUnavailable(
        f"{todo[0].source}: {exc}; loading stopped: this report{after} may not be loaded, "
        "those before it are; run load again to finish"
    )


def _loaded(item: _Pending, unchanged: set[str]) -> Outcome:
    assert item.rows is not None
    key = item.rows.key
    return Outcome(
        item.source,
        key,
        len(item.rows.relationships),
        unchanged=key in unchanged,
        warning=item.warning,
    )


def _failure(source: str, exc: GraphkitError) -> Outcome:
    message = str(exc)
    if not message.startswith(source):
        message = f"{source}: {message}"
    return Outcome(source, error=message)


def _internal_error(source: str, exc: Exception) -> Outcome:
    return Outcome(source, error=f"{source}: internal error ({type(exc).__name__}: {exc})")


def sources(paths: Iterable[str]) -> tuple[list[str], list[Outcome]]:
    """The inputs behind ``paths`` (folders expanded), and a failed outcome per empty path."""
    found: list[str] = []
    failed: list[Outcome] = []
    for path in paths:
        try:
            found.extend(expand([path]))
        except GraphkitError as exc:
            failed.append(Outcome(path, error=str(exc)))
    return found, failed


# --------------------------------------------------------------------------------------
# Relational data: edge lists → person ties
# --------------------------------------------------------------------------------------

MAX_SHOWN_BAD_ROWS = 50
"""Bad rows listed one line each; past this many, a count of the rest."""


@dataclass(frozen=True)
class EdgeOutcome:
    """What importing one edge list did."""

    source: str
    report: str | None = None
    type: str = ""
    rows: int = 0
    """Good rows read (several may name one pair)."""
    ties: int = 0
    """Relationships stored: one per pair."""
    persons: int = 0
    new_persons: int = 0
    layout: str = ""
    bad_rows: tuple[str, ...] = ()
    """One line per bad row (the first :data:`MAX_SHOWN_BAD_ROWS`)."""
    bad_count: int = 0
    unchanged: bool = False
    replaced: tuple[str, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def import_edges(
    store: GraphStore,
    paths: Iterable[str],
    rel_type: str,
    *,
    columns: Sequence[str] | None = None,
    delimiter: str | None = None,
    header: bool | None = None,
    dataset: str | None = None,
    nodes: str | None = None,
    on_item: Callable[[EdgeOutcome], None] | None = None,
) -> list[EdgeOutcome]:
    """Import edge lists as ``rel_type`` ties between persons, one transaction per file.

    Persons are keyed by ``dataset`` (default: the file's folder name) and the id in the
    file (:func:`graphkit.edgelist.person_key`), named from the ``nodes`` table where it
    names them, else by their id. A file that cannot be read, or has no good row, fails
    alone; bad rows are reported and skipped. The same import twice changes nothing; a
    changed file under the same path replaces its earlier import.
    """
    if rel_type not in model.PERSON_TIES:
        raise InputError(
            f"--type {rel_type}: choose one of {', '.join(model.PERSON_TIES)} "
            "(ties between persons)"
        )
    names: dict[str, str] = {}
    node_notes: list[str] = []
    if nodes is not None:
        names, node_notes = read_node_table(nodes, delimiter=delimiter)
    outcomes: list[EdgeOutcome] = []
    for path in paths:
        try:
            outcome = _import_one(
                store, path, rel_type, columns, delimiter, header, dataset, nodes, names
            )
        except (StoreUnavailable, StoreUnwritable):
            raise
        except GraphkitError as exc:
            outcome = EdgeOutcome(shown_path(path), type=rel_type, error=_message(path, exc))
        if node_notes and not outcomes:
            outcome = replace(outcome, bad_rows=(*node_notes, *outcome.bad_rows))
        outcomes.append(outcome)
        if on_item:
            on_item(outcome)
    return outcomes


def _message(path: str, exc: GraphkitError) -> str:
    source, message = shown_path(path), str(exc)
    return message if message.startswith(source) else f"{source}: {message}"


def _import_one(
    store: GraphStore,
    path: str,
    rel_type: str,
    columns: Sequence[str] | None,
    delimiter: str | None,
    header: bool | None,
    dataset: str | None,
    nodes: str | None,
    names: dict[str, str],
) -> EdgeOutcome:
    edges = read_edge_list(path, columns=columns, delimiter=delimiter, header=header)
    dataset = dataset or Path(path).resolve().parent.name or "edges"
    spec = model.relationship_type(rel_type)
    nodes_digest = sha256(json.dumps(names, sort_keys=True)) if nodes is not None else ""
    identity = "\0".join(
        (edges.digest, rel_type, slug(dataset), edges.layout.describe(), nodes_digest)
    )
    report = ReportInfo(
        key="report:" + sha256(identity)[:16],
        source=edges.source,
        title=f"{Path(path).name}: {rel_type} ties of {dataset}",
        text=edges.text,
        sha256=edges.digest,
    )
    if report.key in store.find_reports(report.key):  # the same import: nothing to read
        return EdgeOutcome(edges.source, report.key, rel_type, unchanged=True)
    prefix = person_key(dataset, "")
    persons: dict[str, str] = {prefix + person: name for person, name in names.items()}
    bad: list[str] = []
    bad_count = 0
    with tempfile.TemporaryDirectory(prefix="graphkit-import-") as folder:
        spool = TieSpool(Path(folder), partitions_for(edges.text.count("\n") + 1))
        try:
            for row in edges.rows():
                if isinstance(row, BadRow):
                    bad_count += 1
                    if len(bad) < MAX_SHOWN_BAD_ROWS:
                        bad.append(f"{edges.source}: {row}")
                    continue
                a, b = prefix + row.source, prefix + row.target
                persons.setdefault(a, names.get(row.source, row.source))
                persons.setdefault(b, names.get(row.target, row.target))
                src, dst = spec.ends(a, b)
                evidence = edges.text[row.start : row.end]
                spool.add(src, dst, row.weight, row.date, row.line, row.start, row.end, evidence)
        finally:
            spool.close()
        if not spool.rows:
            first = f" (first: {bad[0].removeprefix(edges.source + ': ')})" if bad else ""
            raise InputError(f"{edges.source}: no ties: {bad_count:,} bad row(s){first}")
        written = store.write_ties(
            TieBatch(report, rel_type, persons, nodes is not None, tuple(spool.paths), spool.rows)
        )
    return EdgeOutcome(
        source=edges.source,
        report=report.key,
        type=rel_type,
        rows=spool.rows,
        ties=written.ties,
        persons=len(persons),
        new_persons=written.new_persons,
        layout=edges.layout.describe(),
        bad_rows=tuple(bad),
        bad_count=bad_count,
        unchanged=written.unchanged,
        replaced=written.replaced,
    )
