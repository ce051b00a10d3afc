"""Neo4j credentials never leak: not in output, errors, tracebacks (``--debug``) or exports.

The password is a unique secret per run, so finding it anywhere is a leak, never chance.
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from reliability_cli import SEED, assert_ok, assert_one_line_error, graphkit

from graphkit.cli import app

UNREACHABLE = "bolt://127.0.0.1:1"


@pytest.fixture
def secret() -> str:
    return f"s3cret-{uuid.uuid4().hex}"


def outputs(result) -> bytes:
    return result.stdout + result.stderr


@pytest.mark.neo4j
def test_secret_in_no_output_or_export(empty_neo4j, secret: str, tmp_path: Path) -> None:
    env = {"NEO4J_PASSWORD": secret, "NEO4J_USERNAME": "neo4j"}
    assert_ok(graphkit("load", str(SEED), neo4j=empty_neo4j, env=env))
    exports = tmp_path / "exports"
    exports.mkdir()
    commands = [
        ["stats"],
        ["reports", "--format", "json"],
        ["query", "MATCH (c:Country) RETURN c.iso2 AS iso2", "--format", "json"],
        ["query", "MATCH (n:Nope RETURN n"],  # a syntax error from the server
        ["--debug", "query", "MATCH (n) DETACH DELETE n"],  # refused, with a traceback
        ["load", str(tmp_path / "missing.json")],
    ] + [
        ["export", "--format", fmt, "-o", str(exports / f"graph.{fmt}")]
        for fmt in ("graphml", "gexf", "json", "cypher", "ftm", "csv")
    ]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda c: graphkit(*c, neo4j=empty_neo4j, env=env), commands))
    for command, result in zip(commands, results, strict=True):
        assert secret.encode() not in outputs(result), command
    assert [r.returncode for r in results] == [0, 0, 0, 1, 1, 1] + [0] * 6
    assert b"Traceback" in results[4].stderr  # --debug did show one, and it was clean
    written = [p for p in exports.rglob("*") if p.is_file()]
    assert len(written) >= 6
    for path in written:
        assert secret.encode() not in path.read_bytes(), path


@pytest.mark.parametrize("debug", [False, True])
def test_unreachable_neo4j_is_one_clear_line_without_the_secret(debug: bool, secret: str) -> None:
    env = {"NEO4J_PASSWORD": secret, "NEO4J_USERNAME": "neo4j"}
    args = ["--debug"] * debug + ["--neo4j", UNREACHABLE, "stats"]
    result = graphkit(*args, env=env)
    assert secret.encode() not in outputs(result)
    if debug:
        assert result.returncode != 0 and b"Traceback" in result.stderr
        assert f"cannot reach Neo4j at {UNREACHABLE}".encode() in result.stderr
    else:
        assert_one_line_error(result, f"cannot reach Neo4j at {UNREACHABLE}")


URI_FORMS = [
    "bolt://neo4j:{secret}@127.0.0.1:1",
    "bolt://neo4j:{secret}/with/slashes@127.0.0.1:1",
    "bolt://neo4j:with space {secret}@127.0.0.1:1",
    'bolt://neo4j:it\'s "{secret}"@127.0.0.1:1',
    "neo4j://neo4j:{secret}@@127.0.0.1:1",
    "bolt://127.0.0.1:1?password={secret}",
    "neo4j://127.0.0.1:1?policy=eu&auth_token={secret}",
]


@pytest.mark.parametrize("via", ["option", "environment"])
@pytest.mark.parametrize("debug", [False, True])
@pytest.mark.parametrize("form", URI_FORMS)
def test_credentials_written_into_the_uri_are_not_echoed(
    form: str, debug: bool, via: str, secret: str
) -> None:
    """A user who puts the password in the URI (any characters, or as a query parameter)
    gets a clear error that does not repeat it, even with --debug."""
    uri = form.format(secret=secret)
    if via == "option":
        result = graphkit(*["--debug"] * debug, "--neo4j", uri, "stats")
    else:
        result = graphkit(*["--debug"] * debug, "stats", env={"NEO4J_URI": uri})
    assert secret.encode() not in outputs(result)
    if not debug:
        assert_one_line_error(result, "NEO4J_PASSWORD")
    else:
        assert result.returncode == 1 and b"NEO4J_PASSWORD" in result.stderr


def test_no_command_takes_a_password_option() -> None:
    import typer.main

    command = typer.main.get_command(app)
    commands = [command, *command.commands.values()]
    options = {opt for cmd in commands for p in cmd.params for opt in p.opts + p.secondary_opts}
    assert not [o for o in options if any(w in o.lower() for w in ("pass", "secret", "auth"))]
    assert not [o for o in options if o.lower() in ("-u", "--user", "--username")]
    result = graphkit("--help")
    assert_ok(result)
    assert b"--password" not in result.stdout
    assert b"NEO4J_PASSWORD" in result.stdout  # the help says where credentials come from
