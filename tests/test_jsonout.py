"""graphkit.jsonout: ``--format json`` is JSON a strict parser reads, whatever the values."""

from __future__ import annotations

import json
import math

from hypothesis import given
from hypothesis import strategies as st

from graphkit.jsonout import strict_json

VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children) | st.dictionaries(st.text(), children) | st.tuples(children)
    ),
    max_leaves=30,
)


def refuse(constant: str):
    raise ValueError(f"{constant} is not JSON")


def expected(value):
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: expected(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [expected(v) for v in value]
    return value


@given(VALUES)
def test_every_value_is_strict_json_with_non_finite_numbers_as_null(value) -> None:
    assert json.loads(strict_json(value), parse_constant=refuse) == expected(value)


def test_the_input_is_left_alone() -> None:
    rows = [{"x": math.nan, "l": [math.inf, 1.5]}]
    assert strict_json(rows) == '[{"x": null, "l": [null, 1.5]}]'
    assert math.isnan(rows[0]["x"]) and rows[0]["l"][0] == math.inf
