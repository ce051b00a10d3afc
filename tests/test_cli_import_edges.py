"""``graphkit import-edges`` as an analyst meets it: real processes, a real embedded store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli import assert_one_line_error, graphkit, query_json, totals


def edge_file(tmp_path: Path, text: str, name: str = "calls.csv") -> Path:
    folder = tmp_path / "case-7"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_report_reimport_and_remove(tmp_path: Path) -> None:
    db = tmp_path / "db"
    path = edge_file(tmp_path, "Source,Target,Weight\nA,B,2\nB,A,1\nB,C,4\n")
    done = graphkit("import-edges", str(path), "--type", "CALLED", db=db)
    assert done.returncode == 0, done.stderr.decode()
    assert f"{path}: 2 CALLED ties from 3 rows between 3 persons (3 new)" in done.stdout.decode()
    assert "read as comma-separated, a header row; columns: source, target, weight" in (
        done.stderr.decode()
    )
    rows = query_json(
        db,
        "MATCH (x:Person)-[e:CALLED]->(y:Person) RETURN x.name AS a, y.name AS b, "
        "e.weight AS w, e.rows AS n ORDER BY a",
    )
    assert rows == [{"a": "A", "b": "B", "w": 3.0, "n": 2}, {"a": "B", "b": "C", "w": 4.0, "n": 1}]
    before = totals(db)
    again = graphkit("import-edges", str(path), "--type", "CALLED", db=db)
    assert again.returncode == 0 and "nothing changed" in again.stdout.decode()
    assert totals(db) == before
    removed = graphkit("remove", str(path), db=db)
    assert removed.returncode == 0, removed.stderr.decode()
    assert totals(db) == (0, 0)


def test_bad_rows_are_one_line_each_and_the_rest_loads(tmp_path: Path) -> None:
    db = tmp_path / "db"
    path = edge_file(tmp_path, "a\tb\t1\nc\tc\t2\nd\te\tmany\nf\tg\t3\n", "meetings.tsv")
    done = graphkit(
        "import-edges", str(path), "-t", "MET", "--columns", "source,target,weight", db=db
    )
    assert done.returncode == 0
    stderr = done.stderr.decode()
    assert f"skipped: {path}: line 2: a tie from 'c' to itself (a self-loop)" in stderr
    assert f"skipped: {path}: line 3: weight 'many' is not a number" in stderr
    assert "Traceback" not in stderr
    assert query_json(db, "MATCH ()-[e:MET]->() RETURN count(e) AS n") == [{"n": 2}]


def test_a_file_that_fails_loses_nothing_and_exits_non_zero(tmp_path: Path) -> None:
    db = tmp_path / "db"
    good = edge_file(tmp_path, "a,b\n")
    assert graphkit("import-edges", str(good), "-t", "MET", db=db).returncode == 0
    before = totals(db)
    binary = edge_file(tmp_path, "", "dump.csv")
    binary.write_bytes(bytes(range(256)) * 8)
    loops = edge_file(tmp_path, "x,x\ny,y\n", "loops.csv")
    done = graphkit("import-edges", str(binary), str(loops), "-t", "MET", db=db)
    assert_one_line_error(done, "looks like a binary file", "no ties: 2 bad row(s)")
    assert totals(db) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--type", "KNOWS"], "'KNOWS' is not one of"),
        (["--type", "MET", "--columns", "source,sink"], "unknown role 'sink'"),
        (["--type", "MET", "--delimiter", ":"], "--delimiter ':'"),
        (["--type", "MET", "--label", "Agency"], "'Agency' is not"),
    ],
)
def test_invocations_that_cannot_work(tmp_path: Path, args: list[str], message: str) -> None:
    path = edge_file(tmp_path, "a,b\n")
    done = graphkit("import-edges", str(path), *args, db=tmp_path / "db")
    assert done.returncode != 0
    stderr = done.stderr.decode()
    assert message in stderr and "Traceback" not in stderr


def test_a_node_table_and_a_dataset_name(tmp_path: Path) -> None:
    db = tmp_path / "db"
    path = edge_file(tmp_path, "1 2 5\n2 3 1\n3 4 1\n4 5 1\n", "net.txt")
    names = edge_file(tmp_path, "id;name\n1;Ann\n2;Bob\n", "people.csv")
    done = graphkit(
        "import-edges", str(path), "-t", "ASSOCIATED_WITH", "--nodes", str(names),
        "--source", "Operation Kraken", db=db,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    people = query_json(db, "MATCH (p:Person) RETURN p.key AS key, p.name AS name ORDER BY key")
    assert people == [
        {"key": "person:operation-kraken:1", "name": "Ann"},
        {"key": "person:operation-kraken:2", "name": "Bob"},
        {"key": "person:operation-kraken:3", "name": "3"},
        {"key": "person:operation-kraken:4", "name": "4"},
        {"key": "person:operation-kraken:5", "name": "5"},
    ]
    disrupt = graphkit(
        "disrupt", "-P", "persons", "-s", "collective-influence", "--steps", "1", "-f", "json",
        db=db,
    )  # fmt: skip
    assert disrupt.returncode == 0, disrupt.stderr.decode()
    # CI on the path 1-2-3-4-5: (2-1) x ((2-1) + (2-1)) = 2 for the middle, 1 beside it
    assert json.loads(disrupt.stdout)["sequential"][1]["name"] == "3"
