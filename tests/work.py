"""Work counted, not timed: how tests check that hostile input costs linear work.

A wall-clock limit in a test fails on a slow or busy machine and proves nothing on a fast
one. What made the extractor slow on hostile input was always *more work per byte* (every
sentence scanning every agency span, a scan per token over the whole line), and that shows
as more Python and regex calls, which cProfile counts exactly: the same count for the same
input on any machine. The seconds themselves are measured in benchmarks/bench_extract.py.
"""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable


def calls(run: Callable[[], object]) -> int:
    """Function calls (Python functions, builtins and C methods such as a regex search)
    made while ``run()`` runs. Call it once before counting so that caches are warm."""
    profile = cProfile.Profile()
    profile.runcall(run)
    return sum(ncalls for ncalls, *_ in pstats.Stats(profile).stats.values())  # type: ignore[attr-defined]


def growth(make: Callable[[int], Callable[[], object]], small: int, factor: int) -> float:
    """How much more work ``factor`` times the input takes: ``calls(big) / calls(small)``.

    ``make(n)`` returns the work on input of size ``n``. Linear work gives about ``factor``;
    quadratic work about ``factor ** 2``. The small run goes first, once uncounted, so both
    counts see the same warm caches."""
    make(small)()
    few = calls(make(small))
    many = calls(make(small * factor))
    return many / few
