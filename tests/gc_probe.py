"""Which cycle collections start while a given function runs: for tests that check a
bulk step runs with the collector paused (see graphkit.collector)."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def collections_started(inside: str) -> Iterator[list[bool]]:
    """With the collector at its most eager (every allocation), yields a list that gains,
    per collection started, whether a function named ``inside`` was on the stack."""
    runs: list[bool] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            frame, names = sys._getframe(1), set()
            while frame is not None:
                names.add(frame.f_code.co_name)
                frame = frame.f_back
            runs.append(inside in names)

    before = gc.get_threshold()
    gc.callbacks.append(count)
    gc.set_threshold(1, 1, 1)
    try:
        yield runs
    finally:
        gc.set_threshold(*before)
        gc.callbacks.remove(count)
