"""The loading pipeline: inputs → facts documents → store, in batches of reports.

Each batch is one transaction, and a batch the store rejects is written again one report
per transaction, so a file that fails (unreadable, invalid, rejected by the store) loses
nothing already in the graph and stops no other file.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from graphkit.errors import (
    ExtractionUnavailable,
    GraphkitError,
    InputError,
    StoreUnavailable,
    StoreUnwritable,
)
from graphkit.facts import FactsDocument, is_partial_date
from graphkit.inputs import Input, expand, read_input, shown_path
from graphkit.store.base import GraphStore


@dataclass(frozen=True)
class Outcome:
    """What happened to one input."""

    source: str
    report: str | None = None
    relationships: int = 0
    error: str | None = None

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
    doc: FactsDocument | None = None
    outcome: Outcome | None = None


def load(
    store: GraphStore,
    inputs: Iterable[str],
    *,
    published: str | None = None,
    on_item: Callable[[Outcome], None] | None = None,
    debug: bool = False,
) -> list[Outcome]:
    """Load each input (a file or ``-``, see :func:`sources`); never stop at a bad one.

    Inputs are read one by one and written in batches, one transaction per batch
    (:meth:`GraphStore.write_many`). If the store rejects a batch, its documents are
    written again one at a time, so only the bad one fails and nothing is half-loaded.
    Outcomes (and ``on_item`` calls) come in input order, once each batch is written.

    A bug of ours while reading one input is reported as that input's failure (the
    others still load) unless ``debug`` asks for the traceback. A store that goes away
    (:class:`StoreUnavailable`) stops the load at once, with an error naming the first
    report of the batch being written; what was written before stays.
    """
    outcomes: list[Outcome] = []
    pending: list[_Pending] = []
    chars = elements = 0
    started = 0.0

    def flush() -> None:
        nonlocal chars, elements
        _write_batch(store, pending, debug)
        for item in pending:
            assert item.outcome is not None
            outcomes.append(item.outcome)
            if on_item:
                on_item(item.outcome)
        pending.clear()
        chars = elements = 0

    for source in inputs:
        item = _Pending(shown_path(source))  # printable, even if the file name is not UTF-8
        try:
            item.doc = read_facts(source, published)
        except GraphkitError as exc:
            item.outcome = _failure(item.source, exc)
        except Exception as exc:
            if debug:
                flush()  # what was read before still loads, as without batches
                raise
            item.outcome = _internal_error(item.source, exc)
        weight = 0 if item.doc is None else len(item.doc.nodes) + len(item.doc.relationships)
        if pending and elements + weight > BATCH_ELEMENTS:
            flush()  # the batch so far, then this document starts the next one
        if not pending:
            started = time.monotonic()
        pending.append(item)
        if item.doc is not None:
            chars += len(item.doc.report.text)
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


def _write_batch(store: GraphStore, pending: list[_Pending], debug: bool) -> None:
    """Write the read documents of ``pending`` and set every item's outcome."""
    todo = [item for item in pending if item.doc is not None]
    if not todo:
        return
    if len(todo) > 1:
        try:
            store.write_many([item.doc for item in todo if item.doc is not None])
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
                item.outcome = _loaded(item)
            return
    for i, item in enumerate(todo):
        assert item.doc is not None
        try:
            store.write(item.doc)
            item.outcome = _loaded(item)
        except StoreUnwritable:
            raise
        except StoreUnavailable as exc:
            raise _stopped(todo[i:], exc) from exc
        except GraphkitError as exc:
            item.outcome = _failure(item.source, exc)
        except Exception as exc:
            if debug:
                raise
            item.outcome = _internal_error(item.source, exc)


def _stopped(todo: list[_Pending], exc: StoreUnavailable) -> StoreUnavailable:
    """The load stops at ``todo[0]``, the first report of the batch the store was lost on:
    one line naming it, and saying what may be missing (a re-run loads it, doubling nothing)."""
    rest = len(todo) - 1
    after = f" and the {rest} after it (to {todo[-1].source})" if rest else ""
    return StoreUnavailable(
        f"{todo[0].source}: {exc}; loading stopped: this report{after} may not be loaded, "
        "those before it are; run load again to finish"
    )


def _loaded(item: _Pending) -> Outcome:
    assert item.doc is not None
    return Outcome(item.source, item.doc.report.key, len(item.doc.relationships))


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
