"""The command line as a user meets it: real processes, a real embedded store, real files."""

from __future__ import annotations

import json
import subprocess
from functools import partial
from pathlib import Path

import pytest
from graphkit_cli import graphkit as run_graphkit

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "facts" / "seed.json"


graphkit = partial(run_graphkit, process=True, text=False)
"""Real processes here (tests/graphkit_cli.py): stdin, the environment and exit codes as a
user's shell sees them."""


def query_json(db: Path, cypher: str, *params: str) -> list[dict]:
    result = graphkit("query", cypher, "--format", "json", *params, db=db)
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def totals(db: Path) -> tuple[int, int]:
    nodes = query_json(db, "MATCH (n) RETURN count(n) AS n")[0]["n"]
    rels = query_json(db, "MATCH ()-[e]->() RETURN count(e) AS n")[0]["n"]
    return nodes, rels


def assert_one_line_error(result: subprocess.CompletedProcess, *fragments: str) -> None:
    stderr = result.stderr.decode()
    assert result.returncode != 0
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.startswith("error: ")]
    assert lines, stderr
    for fragment in fragments:
        assert fragment in stderr, stderr


@pytest.fixture
def loaded(tmp_path: Path) -> Path:
    db = tmp_path / "db"
    result = graphkit("load", str(SEED), db=db)
    assert result.returncode == 0, result.stderr.decode()
    return db


def test_query_json_prints_only_a_json_array(loaded: Path) -> None:
    result = graphkit(
        "query", "MATCH (c:Country) RETURN c.iso2 AS iso2", "--format", "json", db=loaded
    )
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    assert {row["iso2"] for row in rows} == {"BE", "FR", "NL", "IT", "GB"}


def test_query_parameters_and_csv(loaded: Path) -> None:
    rows = query_json(
        loaded,
        "MATCH (g:CriminalGroup)-[e:ARRESTED_IN]->(c:Country {iso2: $iso}) RETURN e.count AS n",
        "--param",
        "iso=BE",
    )
    assert rows == [{"n": 55}]
    result = graphkit(
        "query",
        "MATCH (c:Country) WHERE c.iso2 IN $codes RETURN c.iso2 AS iso2 ORDER BY iso2",
        "--param",
        'codes=["FR", "BE"]',
        "--format",
        "csv",
        db=loaded,
    )
    assert result.stdout.decode().splitlines() == ["iso2", "BE", "FR"]


def test_query_from_a_file(loaded: Path, tmp_path: Path) -> None:
    path = tmp_path / "arrests.cypher"
    path.write_text(
        "// arrests by country\nMATCH ()-[e:ARRESTED_IN]->(c:Country)\n"
        "RETURN c.iso2 AS iso2, sum(e.count) AS n ORDER BY iso2",
        encoding="utf-8",
    )
    assert query_json(loaded, str(path)) == [
        {"iso2": "BE", "n": 55},
        {"iso2": "FR", "n": 2},
        {"iso2": "NL", "n": 7},
    ]


def test_loading_twice_changes_nothing(loaded: Path) -> None:
    before = totals(loaded)
    again = graphkit("load", str(SEED), db=loaded)
    assert again.returncode == 0
    assert totals(loaded) == before


def test_query_is_read_only_unless_asked(loaded: Path) -> None:
    before = totals(loaded)
    refused = graphkit("query", "MATCH (c:Country) DETACH DELETE c", db=loaded)
    assert_one_line_error(refused, "--write")
    assert totals(loaded) == before
    allowed = graphkit(
        "query", "MATCH (c:Country {iso2: 'GB'}) SET c.name = 'UK'", "--write", db=loaded
    )
    assert allowed.returncode == 0, allowed.stderr.decode()
    assert query_json(loaded, "MATCH (c:Country {iso2: 'GB'}) RETURN c.name AS name") == [
        {"name": "UK"}
    ]


def test_bad_inputs_fail_alone_and_lose_nothing(loaded: Path, tmp_path: Path) -> None:
    before = totals(loaded)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" * 50)
    (bad / "broken.json").write_text(
        '{"graphkit": "graphkit-facts/1", "report": ', encoding="utf-8"
    )
    doc = json.loads(SEED.read_text(encoding="utf-8"))
    doc["relationships"][-1]["evidence_start"] += 1  # evidence no longer matches the text
    (bad / "shifted.json").write_text(json.dumps(doc), encoding="utf-8")
    with (bad / "huge.txt").open("wb") as fh:
        fh.truncate(9 * 1024 * 1024)
    result = graphkit("load", str(bad), db=loaded)
    assert_one_line_error(
        result, "empty input", "binary", "malformed JSON", "evidence does not match", "input limit"
    )
    assert result.stderr.decode().count("error: ") == 5
    assert "Traceback" not in result.stderr.decode()
    assert totals(loaded) == before


def test_good_files_still_load_beside_bad_ones(tmp_path: Path) -> None:
    db = tmp_path / "db"
    (tmp_path / "empty.json").write_text("", encoding="utf-8")
    result = graphkit("load", str(tmp_path / "empty.json"), str(SEED), "missing.yaml", db=db)
    assert_one_line_error(result, "empty input", "missing.yaml: no such file")
    assert query_json(db, "MATCH (r:Report) RETURN r.source AS source") == [
        {"source": "data/reports/seed-albanian-network.txt"}
    ]


def test_facts_from_stdin_and_yaml(tmp_path: Path) -> None:
    db = tmp_path / "db"
    result = graphkit("load", "-", db=db, stdin=SEED.read_bytes())
    assert result.returncode == 0, result.stderr.decode()
    yaml_db = tmp_path / "yaml-db"
    yaml_path = tmp_path / "seed.yaml"
    from graphkit.facts import FactsDocument

    yaml_path.write_text(FactsDocument.read(SEED).to_yaml(), encoding="utf-8")
    assert graphkit("load", str(yaml_path), db=yaml_db).returncode == 0
    assert totals(db) == totals(yaml_db)


def test_remove_takes_a_report_back(loaded: Path) -> None:
    nodes, relationships = totals(loaded)
    result = graphkit("remove", "data/reports/seed-albanian-network.txt", db=loaded)
    assert result.returncode == 0, result.stderr.decode()
    assert totals(loaded) == (0, 0)
    said = result.stdout.decode()  # what the removal deleted, as counted by its statements
    assert f"({nodes:,} nodes, {relationships:,} relationships)" in said
    unknown = graphkit("remove", "nothing-like-this.txt", db=loaded)
    assert_one_line_error(unknown, "no report")


def test_errors_for_a_missing_database_and_bad_cypher(tmp_path: Path, loaded: Path) -> None:
    assert_one_line_error(graphkit("stats", db=tmp_path / "nowhere"), "no graphkit database")
    assert_one_line_error(graphkit("query", "MATCH (n:Nope) RETURN n", db=loaded), "Nope")
    assert_one_line_error(graphkit("query", "RETURN 1", "--param", "1x=2", db=loaded), "NAME=VALUE")


def test_stats_and_reports_tables(loaded: Path) -> None:
    stats = graphkit("stats", db=loaded).stdout.decode()
    assert "Agency" in stats and "PARTICIPATED_IN" in stats
    listing = json.loads(graphkit("reports", "--format", "json", db=loaded).stdout)
    assert [r["source"] for r in listing] == ["data/reports/seed-albanian-network.txt"]


def test_schema_command_prints_the_generated_schema() -> None:
    result = graphkit("schema", "--dialect", "neo4j")
    assert result.returncode == 0
    assert result.stdout.decode() == (ROOT / "cypher/schema/neo4j.cypher").read_text(
        encoding="utf-8"
    )


@pytest.mark.neo4j
def test_cli_against_neo4j_with_credentials_from_the_environment(neo4j_uri: str) -> None:
    import os

    env = {**os.environ, "NEO4J_URI": neo4j_uri, "NEO4J_PASSWORD": "not-a-real-secret"}
    env.pop("GRAPHKIT_DB", None)
    wipe = graphkit("query", "MATCH (n) DETACH DELETE n", "--write", env=env)
    assert wipe.returncode == 0, wipe.stderr.decode()
    result = graphkit("load", str(SEED), env=env)
    assert result.returncode == 0, result.stderr.decode()
    assert b"not-a-real-secret" not in result.stdout + result.stderr
    rows = graphkit("query", "MATCH (c:Country) RETURN c.iso2 AS iso2", "-f", "json", env=env)
    assert {row["iso2"] for row in json.loads(rows.stdout)} == {"BE", "FR", "NL", "IT", "GB"}
