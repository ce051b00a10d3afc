"""Python's cycle collector during bulk work: loading reports, analysing a large graph.

Both create millions of short-lived containers while a large graph (the workers' documents,
the graph read from the store) stays alive. At Python's default the collector runs every
700 new objects, and every few runs it walks every object alive: it took much of a load's
time, and a sixth of ``analyze`` at 100k nodes (networkx: 52.7 s against 44 s; see
docs/storage.md, docs/analytics.md). Cycles are still collected here, a little later.

A library call leaves the process as it found it: the caller's setting comes back on exit.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

YOUNG_COLLECTION_ALLOCATIONS = 10_000
"""During bulk work, the collector looks for reference cycles every this many new objects
(Python's default: 700). Measured at 700 against 10,000: unpickling 1,000 documents from
the load's workers 0.30-0.83 s against 0.15 s, extracting 300 reports 1.36 s against 1.06 s."""


def collect_less() -> tuple[int, ...]:
    """Young objects collected every :data:`YOUNG_COLLECTION_ALLOCATIONS` allocations (or
    more rarely, if so set already); returns the thresholds it replaced."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], YOUNG_COLLECTION_ALLOCATIONS), *before[1:])
    return before


@contextlib.contextmanager
def fewer_collections(*, freeze: bool = False) -> Iterator[None]:
    """:func:`collect_less` for the work inside, then the caller's setting again.

    ``freeze``: the objects alive on entry (the graph being analysed) are left out of the
    collections inside (:func:`gc.freeze`) and given back to the collector on exit; not
    when the caller has frozen objects of its own (a pre-fork server does), which stay as
    they are."""
    before = collect_less()
    frozen = freeze and gc.get_freeze_count() == 0
    if frozen:
        gc.freeze()
    try:
        yield
    finally:
        if frozen:
            gc.unfreeze()
        gc.set_threshold(*before)


@contextlib.contextmanager
def paused_collections() -> Iterator[None]:
    """No cycle collection for the work inside, then the caller's setting again.

    For building a large structure that holds no reference cycles (the graph read from a
    store: lists, dicts, tuples and records, each owned once): the collector would walk it
    again and again as it grows, to find nothing (a quarter of reading the 100k-node graph;
    docs/analytics.md). Garbage without cycles is still freed at once, by reference counts.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
