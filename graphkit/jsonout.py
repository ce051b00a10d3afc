"""JSON for programs: what ``--format json`` prints is JSON a strict parser reads.

Python's ``json`` writes NaN and infinities as ``NaN`` / ``Infinity``, which are not JSON:
a strict parser (``jq``, JavaScript's ``JSON.parse``) rejects the whole output. They come
from queries (``RETURN 0.0 / 0.0``) and from measures (on an isolated node), and are
printed as ``null``, as JavaScript does.
"""

from __future__ import annotations

import json
import math
from typing import Any


def strict_json(value: Any) -> str:
    """``value`` as JSON: NaN and infinities as null, anything else not JSON as text."""
    return json.dumps(_finite(value), ensure_ascii=False, default=str, allow_nan=False)


def _finite(value: Any) -> Any:
    """``value`` with every non-finite float replaced by None (lists and dicts walked with
    a stack, not recursion; tuples become lists, as JSON writes them)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if not isinstance(value, dict | list | tuple):
        return value
    root: list[Any] = [value]
    stack: list[tuple[Any, Any, Any]] = [(root, 0, value)]
    while stack:
        parent, key, item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            parent[key] = None
        elif isinstance(item, dict):
            copy = dict(item)
            parent[key] = copy
            stack.extend((copy, k, v) for k, v in copy.items())
        elif isinstance(item, list | tuple):
            copy = list(item)
            parent[key] = copy
            stack.extend((copy, i, v) for i, v in enumerate(copy))
    return root[0]
