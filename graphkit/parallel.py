"""How many processes graphkit's parallel work runs in (``load``'s extraction, exact
betweenness): one rule for both.

Both are CPU-bound, and each worker holds its own copy of what it works on (the extractor's
gazetteers and patterns, or the whole graph), so a process beyond the cores this one may
run on only shares a core and adds memory: ``--workers 1000`` on a large load would start a
thousand interpreters. Asked-for counts are capped at the usable cores.
"""

from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores this process may run on (its affinity, as ``taskset`` or a container sets
    it), else the machine's."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worker_count(asked: int | None, *, worth_it: bool) -> int:
    """``asked`` processes, at most one per usable core; when not asked, one per core if
    the work is ``worth_it`` (large enough to repay starting the processes), else 1."""
    cores = usable_cores()
    if asked is None:
        return cores if worth_it else 1
    return max(1, min(asked, cores))
