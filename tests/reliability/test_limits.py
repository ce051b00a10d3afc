"""Resource limits: the maximum report size and the maximum query result, with clear messages.

``graphkit query`` fetches at most ``--max-rows`` rows (default 100,000; 0 for no limit): a
table shows the first rows and says on stderr that it stopped; json and csv print nothing
and exit 1, because a silently cut result piped into a script is wrong data. The stores
stop fetching at the cap, so a runaway query does not fill memory.
"""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from pathlib import Path

from reliability_cli import SEED, assert_ok, assert_one_line_error, graphkit, store_args

from graphkit.cli import DEFAULT_MAX_ROWS
from graphkit.inputs import MAX_INPUT_BYTES
from graphkit.store.base import GraphStore

FIFTY = "UNWIND range(1, 50) AS x RETURN x, x * 2 AS y"


def test_query_max_rows_on_both_stores(cli_store: dict) -> None:
    if "db" in cli_store:  # the embedded store reads only a database that exists
        assert_ok(graphkit("load", str(SEED), **store_args(cli_store)))

    table = graphkit("query", FIFTY, "--max-rows", "10", **store_args(cli_store))
    assert_ok(table)  # people see the first rows, and are told
    shown = table.stdout.decode()
    assert "│ 10 │" in shown and "│ 11 │" not in shown
    stderr = table.stderr.decode()
    assert "10 row(s)" in stderr
    assert "stopped at 10 rows (--max-rows); add LIMIT to the query or raise --max-rows" in stderr

    for fmt in ("json", "csv"):  # programs get no silently cut result: nothing, and exit 1
        cut = graphkit("query", FIFTY, "--format", fmt, "--max-rows", "49", **store_args(cli_store))
        assert_one_line_error(cut, "more than 49 rows (--max-rows)", "add LIMIT")
        assert cut.stdout == b""

    exact = graphkit("query", FIFTY, "-f", "json", "--max-rows", "50", **store_args(cli_store))
    assert_ok(exact)  # exactly the cap is not over it
    assert [row["x"] for row in json.loads(exact.stdout)] == list(range(1, 51))

    unlimited = graphkit("query", FIFTY, "-f", "csv", "--max-rows", "0", **store_args(cli_store))
    assert_ok(unlimited)
    rows = list(csv.reader(io.StringIO(unlimited.stdout.decode(), newline="")))
    assert rows[0] == ["x", "y"] and len(rows) == 51


def test_a_capped_query_never_holds_the_whole_result(store: GraphStore) -> None:
    """A million-row result, capped at 5: the Python side holds a few rows, not the million
    (uncapped, the same query takes about 230 MB here)."""
    statement = "UNWIND range(1, 1000000) AS x RETURN x, x * 2 AS y"
    tracemalloc.start()
    try:
        result = store.run(statement, max_rows=5)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.truncated and result.rows == [[x, 2 * x] for x in range(1, 6)]
    assert peak < 8 * 1024 * 1024, f"{peak:,} bytes held for 5 rows"
    whole = store.run("UNWIND range(1, 5) AS x RETURN x", max_rows=5)
    assert not whole.truncated and len(whole.rows) == 5
    assert store.run("UNWIND range(1, 7) AS x RETURN x").truncated is False  # no cap: all


def test_limits_are_in_the_help(tmp_path: Path) -> None:
    help_query = graphkit("query", "--help", env={"COLUMNS": "200"}).stdout.decode()
    assert "--max-rows" in help_query and f"{DEFAULT_MAX_ROWS:,}" in help_query
    assert "0: no limit" in help_query
    negative = graphkit("query", FIFTY, "--max-rows", "-1")
    assert negative.returncode != 0 and b"--max-rows" in negative.stderr
    mib = MAX_INPUT_BYTES // (1024 * 1024)
    for command in ("load", "extract"):
        text = graphkit(command, "--help", env={"COLUMNS": "200"}).stdout.decode()
        assert f"{mib} MiB" in text, command
    big = tmp_path / "big.txt"
    big.write_bytes(b"Europol supported the operation. " * (MAX_INPUT_BYTES // 33 + 1))
    refused = graphkit("extract", str(big))
    assert_one_line_error(refused, "big.txt", f"{MAX_INPUT_BYTES:,}-byte")
