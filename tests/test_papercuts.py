"""Papercuts an analyst met (issue 14): each fixed, each pinned here through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from graphkit_cli import graphkit, ok

from graphkit import queries

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "facts" / "seed.json"


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("papercuts") / "db"
    ok(graphkit("--db", str(db), "load", str(SEED)))
    return db


# --------------------------------------------------------------------------------------
# Global options after the command
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "option", "shown"),
    [
        (["stats", "--db", "x"], "--db", "graphkit --db FOLDER stats"),
        (["stats", "--db=x"], "--db", "graphkit --db FOLDER stats"),
        (
            ["reports", "--neo4j", "bolt://localhost:7687"],
            "--neo4j",
            "graphkit --neo4j URI reports",
        ),
        (["stats", "--debug"], "--debug", "graphkit --debug stats"),
    ],
)
def test_a_global_option_after_the_command_says_where_it_goes(
    args: list[str], option: str, shown: str, tmp_path: Path
) -> None:
    result = graphkit(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"error: {option} is an option of graphkit itself: put it before the command ({shown} ...)"
    ]
    assert not (tmp_path / "x").exists()  # nothing was opened


def test_other_unknown_options_keep_click_s_usage_message(tmp_path: Path) -> None:
    result = graphkit("stats", "--nope", cwd=tmp_path)
    assert result.returncode == 2 and "No such option: --nope" in result.stderr


# --------------------------------------------------------------------------------------
# Named query parameter defaults
# --------------------------------------------------------------------------------------


def test_a_parameter_with_a_default_is_optional() -> None:
    query = queries.get("cooperating_agencies")
    [limit] = query.parameters
    assert limit.optional and limit.default == 20
    assert queries.bind(query, {}) == {"limit": 20}
    assert queries.bind(query, {"limit": 3}) == {"limit": 3}
    required = queries.get("group_profile").parameters[0]
    assert not required.optional
    assert queries.bind(queries.get("groups_by_country"), {}) == {"country": None}


def test_cooperating_agencies_runs_without_a_limit(seed_db: Path) -> None:
    default = json.loads(
        ok(graphkit("--db", str(seed_db), "query", "cooperating_agencies", "-f", "json")).stdout
    )
    given = graphkit(
        "--db", str(seed_db), "query", "cooperating_agencies", "-p", "limit=20", "-f", "json"
    )
    assert default and default == json.loads(ok(given).stdout)


# --------------------------------------------------------------------------------------
# The same text under two paths
# --------------------------------------------------------------------------------------

TEXT = "Police in Belgium arrested three suspects in Antwerp.\n"


def test_the_same_text_twice_warns_and_keeps_the_smallest_path(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "db")
    first = ok(graphkit("--db", db, "load", "b.txt", "c.txt", cwd=tmp_path))
    assert first.stderr.splitlines() == [
        f"warning: c.txt holds the same text as b.txt (report {report_key(tmp_path)}): "
        "loaded once, under the source b.txt"
    ]
    sources = [r["source"] for r in reports(tmp_path)]
    assert sources == ["b.txt"]  # not the last path loaded
    # a later load: the stored path counts as the earlier one; the smallest path wins
    second = ok(graphkit("--db", db, "load", "a.txt", cwd=tmp_path))
    assert "warning: a.txt holds the same text as b.txt" in second.stderr
    assert [r["source"] for r in reports(tmp_path)] == ["a.txt"]
    again = ok(graphkit("--db", db, "load", "c.txt", "b.txt", cwd=tmp_path))
    assert again.stderr.count("warning:") == 2
    assert [r["source"] for r in reports(tmp_path)] == ["a.txt"]
    # the same file again is no warning
    assert "warning" not in ok(graphkit("--db", db, "load", "a.txt", cwd=tmp_path)).stderr


def reports(folder: Path) -> list[dict]:
    result = ok(graphkit("--db", str(folder / "db"), "reports", "-f", "json", cwd=folder))
    return json.loads(result.stdout)


def report_key(folder: Path) -> str:
    [row] = reports(folder)
    return row["key"]


# --------------------------------------------------------------------------------------
# csv wherever json is offered; amounts as people read them in tables
# --------------------------------------------------------------------------------------

COMMANDS = {
    "path": ["path", "Europol", "Belgium"],
    "disrupt": ["disrupt", "--steps", "1"],
    "timeline": ["timeline"],
    "reports": ["reports"],
    "queries": ["queries"],
    "analyze": ["analyze", "--top", "2"],
    "query": ["query", "seizures_by_item_country"],
}


def csv_rows(text: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_that_offers_json_offers_csv(seed_db: Path, name: str) -> None:
    args = COMMANDS[name]
    helped = ok(graphkit(args[0], "--help")).stdout
    assert "csv" in helped and "json" in helped
    as_json = json.loads(ok(graphkit("--db", str(seed_db), *args, "-f", "json")).stdout)
    header, *rows = csv_rows(ok(graphkit("--db", str(seed_db), *args, "-f", "csv")).stdout)
    if name == "path":  # one row per relationship of each hop
        assert header[:4] == ["path", "hop", "from", "to"]
        assert len(rows) == sum(len(h["relationships"]) for p in as_json for h in p["hops"])
        assert {r[4] for r in rows} <= {"PARTICIPATED_IN", "CONDUCTED_IN"}
    elif name == "disrupt":  # one row per step of each mode
        assert header[:3] == ["mode", "step", "removed"]
        assert len(rows) == sum(len(as_json[m.replace("-", "_")]) for m in as_json["modes"])
    elif name == "analyze":
        assert header == ["measure", "rank", "id", "label", "key", "name", "value"]
        assert len(rows) == sum(len(v) for v in as_json["measures"].values())
    else:  # the json objects, one row each, the same fields in the same order
        assert header == list(as_json[0])
        assert len(rows) == len(as_json)
        first = as_json[0]
        assert [json.loads(c) if c.startswith(("[", "{")) else c for c in rows[0]] == [
            "" if v is None else v if isinstance(v, list | dict) else str(v) for v in first.values()
        ]


def test_amounts_in_tables_have_thousands_separators(seed_db: Path) -> None:
    from graphkit.model import format_number

    assert format_number(200_000_000) == "200,000,000"
    assert format_number(8255.0) == "8,255"
    assert format_number(1.2) == "1.2" and format_number(0.0035) == "0.0035"
    assert format_number(True) == "True" and format_number("2024") == "2024"
    table = ok(graphkit("--db", str(seed_db), "query", "seizures_by_item_country")).stdout
    assert "8,255" in table and "100,000" in table and "8255" not in table
    csv_text = ok(graphkit("--db", str(seed_db), "query", "seizures_by_item_country", "-f", "csv"))
    assert "8255.0" in csv_text.stdout  # programs get the exact value
    timeline = ok(graphkit("--db", str(seed_db), "timeline", "-f", "json")).stdout
    assert "100,000 EUR cash and gold" in json.loads(timeline)[0]["seizures"]
