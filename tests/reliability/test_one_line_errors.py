"""Every failure a user can cause: one line on stderr, ``error: ...``, exit 1, on both stores.

A table of bad invocations, each run as a real process. Before this table, several ended
as internal errors (exit 2) or printed several lines: a bad ``--since``, ``--plot x.txt``,
an unknown database, the initial password of a new server (and the redaction of that
password mangled Neo4j's ``neo4j_code``), an ``http://`` or malformed URI, TLS to a server
without it; and a file name holding escape sequences and a newline printed raw escape
codes and forged a second ``error:`` line. Nothing on stderr may reach a terminal raw.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reliability_cli import SEED, assert_ok, graphkit, store_args


def assert_one_clear_line(result, *fragments: str) -> str:
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1, (result.returncode, stderr)
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    line = lines[0]
    assert line.startswith("error: "), line
    assert "internal error" not in line and "Traceback" not in stderr, line
    assert "\x1b" not in stderr and "\x07" not in stderr, line  # no raw terminal control
    for fragment in fragments:
        assert fragment in line, (fragment, line)
    return line


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    report = tmp_path / "report.txt"
    report.write_text("Europol supported the Belgian police; 5 people were arrested.\n")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("not graphkit's", encoding="utf-8")
    target = tmp_path / "target.json"
    target.write_text("{}", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    escape = tmp_path / "x\x1b[31mred\x1b]0;title\x07\nerror: forged.json"
    escape.write_text("{", encoding="utf-8")
    return {"report": report, "busy": busy, "link": link, "escape": escape, "dir": tmp_path}


def table(t: dict[str, Path]) -> list[tuple[str, list[str], tuple[str, ...]]]:
    """(name, arguments, what the line must say) for either store."""
    out = str(t["dir"] / "out")
    report, busy, link = str(t["report"]), str(t["busy"]), str(t["link"])
    missing = str(t["dir"] / "missing.cypher")
    return [
        ("view --since", ["view", "-o", out + ".html", "--since", "2024-99"], ("--since",)),
        ("analyze --since", ["analyze", "--since", "2024-99"], ("'2024-99'",)),
        ("timeline --until", ["timeline", "--until", "2024-13"], ("--until",)),
        ("export --since", ["export", "-f", "json", "-o", out, "--since", "2024-99"], ("since",)),
        ("disrupt --since", ["disrupt", "--since", "2023-02-29"], ("--since",)),
        ("disrupt --plot x.txt", ["disrupt", "--plot", out + ".txt"], (".png",)),
        ("disrupt --plot DIR", ["disrupt", "--plot", busy], (".png",)),
        ("load --published", ["load", "--published", "2024-13-45", report], ("2024-13-45",)),
        ("extract --published", ["extract", "--published", "--02-30", report], ("--02-30",)),
        ("query missing file", ["query", missing], ("no such query file",)),
        ("query refused", ["query", "INSTALL json"], ("pass --write",)),
        ("query bad --param", ["query", "RETURN 1 AS x", "--param", "x"], ("NAME=VALUE",)),
        ("export through a link", ["export", "-f", "json", "-o", link], ("symbolic link",)),
        ("export to a device", ["export", "-f", "json", "-o", "/dev/null"], ("regular file",)),
        ("export csv to a busy folder", ["export", "-f", "csv", "-o", busy], ("not empty",)),
        ("load a name with escapes", ["load", str(t["escape"])], ("\\x1b[31mred", "\\x0aerror")),
    ]


def test_each_bad_invocation_is_one_clear_line(cli_store: dict, bad_inputs) -> None:
    assert_ok(graphkit("load", str(SEED), **store_args(cli_store)))
    for name, args, fragments in table(bad_inputs):
        result = graphkit(*args, **store_args(cli_store))
        try:
            assert_one_clear_line(result, *fragments)
        except AssertionError as exc:
            raise AssertionError(f"{name}: {exc}") from None
    assert not list(bad_inputs["dir"].glob("out*"))


def test_an_output_inside_the_database_is_one_clear_line(tmp_path: Path) -> None:
    db = tmp_path / "db"
    assert_ok(graphkit("load", str(SEED), db=db))
    line = assert_one_clear_line(
        graphkit("export", "-f", "json", "-o", str(db / "graph.lbug"), db=db)
    )
    assert "part of the graph database" in line
    assert_ok(graphkit("stats", db=db))


@pytest.mark.parametrize(
    ("uri", "fragment"),
    [
        ("http://127.0.0.1:1", "http://, which is not Bolt"),
        ("https://example.org", "https://, which is not Bolt"),
        ("not a uri", "not a URI"),
        ("127.0.0.1:7687", "not a URI"),
        ("bolt://neo4j:pw with space@127.0.0.1:1", "must not hold credentials"),
    ],
)
def test_a_bad_neo4j_uri_is_one_clear_line(uri: str, fragment: str) -> None:
    assert_one_clear_line(graphkit("--neo4j", uri, "stats"), fragment)
    assert_one_clear_line(graphkit("stats", env={"NEO4J_URI": uri}), fragment)


@pytest.mark.neo4j
def test_neo4j_configuration_mistakes_are_one_clear_line(neo4j_target) -> None:
    uri = neo4j_target.uri
    env = {k: v for k, v in neo4j_target.env.items() if k != "NEO4J_URI"}
    missing = graphkit("--neo4j", uri, "stats", env={**env, "NEO4J_DATABASE": "nope"})
    assert_one_clear_line(missing, "no database 'nope'", "NEO4J_DATABASE")
    tls = graphkit("--neo4j", uri.replace("bolt://", "bolt+s://"), "stats", env=env)
    assert_one_clear_line(tls, "TLS", "bolt://")
    self_signed = graphkit("--neo4j", uri.replace("bolt://", "neo4j+ssc://"), "stats", env=env)
    assert_one_clear_line(self_signed, "TLS")


def test_the_initial_password_and_wrong_ones_are_one_clear_line(neo4j_with_auth: str) -> None:
    uri = neo4j_with_auth
    initial = graphkit(
        "--neo4j", uri, "stats", env={"NEO4J_USERNAME": "neo4j", "NEO4J_PASSWORD": "neo4j"}
    )
    line = assert_one_clear_line(initial, "must be changed", "NEO4J_PASSWORD")
    assert "***" not in line  # the password is "neo4j": nothing of the text is cut out
    wrong = graphkit(
        "--neo4j", uri, "stats", env={"NEO4J_USERNAME": "neo4j", "NEO4J_PASSWORD": "wrong-one"}
    )
    assert_one_clear_line(wrong, "refused the credentials")
    assert b"wrong-one" not in wrong.stdout + wrong.stderr
    assert_one_clear_line(graphkit("--neo4j", uri, "stats"), "requires credentials")
    debug = graphkit("--debug", "--neo4j", uri, "stats", env={"NEO4J_PASSWORD": "s3cret-for-debug"})
    assert debug.returncode == 1 and b"Traceback" in debug.stderr
    assert b"s3cret-for-debug" not in debug.stdout + debug.stderr
