"""`graphkit query` with Cypher written the Neo4j way, on the embedded default: the four
failures the issue reports (type(r), shortestPath, a list comprehension, a misspelt label)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from graphkit_cli import graphkit

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "facts" / "seed.json"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dialect") / "db"
    result = graphkit("load", str(SEED), db=path)
    assert result.returncode == 0, result.stderr
    return path


def rows(db: Path, cypher: str) -> list[dict]:
    result = graphkit("query", cypher, "--format", "json", db=db)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_type_of_a_relationship(db: Path) -> None:
    found = rows(db, "MATCH (:Agency)-[r]->(:Country) RETURN DISTINCT type(r)")
    assert found == [{"type(r)": "BASED_IN"}]


def test_shortest_path(db: Path) -> None:
    found = rows(
        db,
        "MATCH (a:Agency {name: 'Europol'}), (g:CriminalGroup) "
        "MATCH p = shortestPath((a)-[*..6]-(g)) RETURN min(length(p)) AS hops",
    )
    assert found == [{"hops": 2}]


def test_list_comprehension(db: Path) -> None:
    found = rows(
        db,
        "MATCH (g:CriminalGroup) WHERE size(g.crimes) > 0 "
        "RETURN [c IN g.crimes | toUpper(c)] AS upper, g.crimes AS crimes",
    )
    assert found
    for row in found:
        assert row["upper"] == [c.upper() for c in row["crimes"]]


@pytest.mark.parametrize(
    ("cypher", "expected"),
    [
        ("MATCH (a:Agencie) RETURN a.name", "did you mean :Agency?"),
        ("MATCH (a:Agency)-[:PARTICIPATE]->(o) RETURN o", "did you mean :PARTICIPATED_IN?"),
        ("MATCH (a:Agency) RETURN a.nme", "did you mean name?"),
        ("MATCH (a) CALL { WITH a RETURN 1 AS x } RETURN x", "use WITH and OPTIONAL MATCH"),
    ],
)
def test_a_misspelt_name_or_an_idiom_without_counterpart_is_one_line(
    db: Path, cypher: str, expected: str
) -> None:
    result = graphkit("query", cypher, db=db)
    stderr = result.stderr
    assert result.returncode != 0 and "Traceback" not in stderr
    assert [line for line in stderr.splitlines() if line.strip()] == [
        line for line in stderr.splitlines() if line.startswith("error: ")
    ]
    assert expected in stderr


def test_a_write_still_needs_write_after_translation(db: Path) -> None:
    result = graphkit("query", "MATCH (a:Agency) SET a.name = toUpper(a.name) RETURN a", db=db)
    assert result.returncode != 0
    assert "pass --write" in result.stderr


def test_a_file_written_for_ladybug_runs_as_written(db: Path, tmp_path: Path) -> None:
    """1-based on LadybugDB: not shifted again as a Neo4j query's index would be."""
    native = tmp_path / "first.ladybug.cypher"
    native.write_text("RETURN [10, 20, 30][1] AS first, substring('abc', 1, 1) AS a")
    assert rows(db, str(native)) == [{"first": 10, "a": "a"}]
    neo4j = tmp_path / "first.cypher"
    neo4j.write_text("RETURN [10, 20, 30][0] AS first, substring('abc', 0, 1) AS a")
    assert rows(db, str(neo4j)) == [{"first": 10, "a": "a"}]
