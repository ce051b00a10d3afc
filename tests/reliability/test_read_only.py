"""``graphkit query`` is read-only by default on both stores; ``--write`` is explicit.

Each write form fails with one error line and leaves the graph exactly as it was,
including attempts to end the read-only transaction from inside the query text.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from reliability_cli import (
    SEED,
    assert_ok,
    error_lines,
    graphkit,
    open_for_reading,
    store_args,
)

COMMON = [
    "CREATE (n:Country {iso2: 'ZZ', name: 'Nowhere'})",
    "MERGE (n:Country {iso2: 'ZZ'})",
    "MATCH (c:Country {iso2: 'BE'}) SET c.name = 'changed'",
    "MATCH ()-[e:BASED_IN]->() DELETE e",
    "MATCH (n) DETACH DELETE n",
]
EMBEDDED = [
    "COMMIT; MATCH (n) DETACH DELETE n",
    "MATCH (n) RETURN count(n); MATCH (n) DETACH DELETE n",
    "CREATE NODE TABLE Hacked(id STRING, PRIMARY KEY(id))",
    "DROP TABLE Seizure",
    "ALTER TABLE Country ADD hacked STRING",
    "MATCH (c:Country {iso2: 'BE'}) REMOVE c.name",
    "UNWIND range(1, 3) AS i CREATE (:Country {iso2: 'Z' + CAST(i AS STRING)})",
]
NEO4J = [
    "CALL db.createLabel('Hacked')",
    "CREATE INDEX hacked FOR (n:Country) ON (n.name)",
    "DROP CONSTRAINT country_iso2 IF EXISTS",
    "CALL { MATCH (n) DETACH DELETE n } IN TRANSACTIONS",
]


def snapshot(where: dict):
    with open_for_reading(where) as store:
        graph = store.read_graph()
        if "neo4j" in where:
            schema = store.run("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name").rows
            schema += store.run("SHOW INDEXES YIELD name RETURN name ORDER BY name").rows
            schema += store.run("CALL db.labels() YIELD label RETURN label ORDER BY label").rows
        else:
            schema = store.run("CALL show_tables() RETURN name ORDER BY name").rows
    return graph, schema


def test_query_refuses_every_write_without_write(cli_store: dict) -> None:
    assert_ok(graphkit("load", str(SEED), **store_args(cli_store)))
    before = snapshot(cli_store)
    writes = COMMON + (NEO4J if "neo4j" in cli_store else EMBEDDED)
    with ThreadPoolExecutor(4) as pool:  # each refusal is its own process; none may write
        results = list(pool.map(lambda q: graphkit("query", q, **store_args(cli_store)), writes))
    for cypher, result in zip(writes, results, strict=True):
        stderr = result.stderr.decode()
        assert result.returncode == 1, (cypher, stderr)
        assert "Traceback" not in stderr, (cypher, stderr)
        lines = error_lines(result)
        assert len(lines) == 1, (cypher, stderr)
    assert snapshot(cli_store) == before
    # a plain write says why it failed and what to do
    assert "--write" in error_lines(results[writes.index("MATCH (n) DETACH DELETE n")])[0]


def test_write_is_explicit(cli_store: dict) -> None:
    assert_ok(graphkit("load", str(SEED), **store_args(cli_store)))
    result = graphkit(
        "query",
        "MATCH (c:Country {iso2: 'BE'}) SET c.name = $name RETURN c.name AS name",
        "--param",
        "name=Belgique",
        "--write",
        "--format",
        "json",
        **store_args(cli_store),
    )
    assert_ok(result)
    assert b"Belgique" in result.stdout
    with open_for_reading(cli_store) as store:
        assert store.run("MATCH (c:Country {iso2: 'BE'}) RETURN c.name").rows == [["Belgique"]]


@pytest.mark.parametrize("command", [["stats"], ["reports"], ["export", "-f", "json", "-o", "-"]])
def test_read_commands_write_nothing(command: list[str], tmp_path: Path) -> None:
    """Read commands open the embedded store read-only: the database file is not touched."""
    db = tmp_path / "db"
    assert_ok(graphkit("load", str(SEED), db=db))
    files = {p: p.read_bytes() for p in db.rglob("*") if p.is_file()}
    assert_ok(graphkit(*command, db=db))
    assert {p: p.read_bytes() for p in db.rglob("*") if p.is_file()} == files
