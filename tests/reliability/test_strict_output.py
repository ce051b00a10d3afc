"""What ``query`` prints is what it says it is, on both stores.

``--format json`` printed ``NaN`` and ``Infinity`` (not JSON: strict parsers reject the whole
output); a Cypher text that merely ends in ``.cypher`` (a comment naming a file) was taken
for a path and failed as an unreadable file.
"""

from __future__ import annotations

import json

from reliability_cli import SEED, assert_ok, assert_one_line_error, graphkit, store_args


def strict(text: bytes):
    def refuse(constant: str):
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_json_has_no_nan_or_infinity(cli_store: dict) -> None:
    assert_ok(graphkit("load", str(SEED), **store_args(cli_store)))
    result = graphkit(
        "query",
        "RETURN 0.0 / 0.0 AS nan, 1.0 / 0.0 AS inf, -1.0 / 0.0 AS ninf, [1.5, 0.0 / 0.0] AS l, "
        "{x: 1.0 / 0.0} AS m, 2.5 AS fine",
        "--format",
        "json",
        **store_args(cli_store),
    )
    assert_ok(result)
    assert strict(result.stdout) == [
        {"nan": None, "inf": None, "ninf": None, "l": [1.5, None], "m": {"x": None}, "fine": 2.5}
    ]


def test_a_query_ending_in_dot_cypher_is_cypher_unless_it_is_a_file_name(cli_store: dict) -> None:
    assert_ok(graphkit("load", str(SEED), **store_args(cli_store)))
    text = "MATCH (c:Country) RETURN c.iso2 AS iso2 ORDER BY iso2 LIMIT 1 // see countries.cypher"
    result = graphkit("query", text, "--format", "json", **store_args(cli_store))
    assert_ok(result)
    assert len(json.loads(result.stdout)) == 1
    missing = graphkit("query", "nowhere/countries.cypher", **store_args(cli_store))
    assert_one_line_error(missing, "nowhere/countries.cypher: no such query file")
