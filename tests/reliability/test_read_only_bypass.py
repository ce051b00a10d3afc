"""Attempts to get a side effect out of ``graphkit query`` without ``--write``, on both stores.

A red-team pass found that "read-only" held for the graph but not around it: on the
embedded store ``INSTALL ... FROM url`` downloaded libraries into the home folder and loaded
them, ``LOAD EXTENSION`` ran any shared object and ``COPY ... TO`` overwrote files; on Neo4j
``LOAD CSV`` read files and URLs, ``TERMINATE TRANSACTIONS`` ended other sessions' work and
``SHOW`` listed them. Each attempt below, in many spellings (case, comments, Unicode spaces
and escapes, several statements, named queries from GRAPHKIT_QUERIES with --param), must end
with one error line and exit 1, and afterwards the graph, the schema, every file under the
test's folder, the home folder and a local web server (which must never be asked for
anything) are exactly as they were.
"""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from reliability_cli import ROOT, SEED, assert_ok, error_lines, graphkit, store_args
from test_read_only import snapshot

PWNED = "graphkit-bypass-pwned.csv"  # a relative COPY target: would land in the cwd (ROOT)


@dataclass
class Trap:
    """What an attempt could touch, and a record of whether it did."""

    root: Path
    home: Path
    victim: Path
    extension: Path
    queries: Path
    url: str
    requests: list[str] = field(default_factory=list)

    def files(self) -> dict[str, bytes]:
        """Every file under the test's folder but the database, with its content."""
        return {
            str(p.relative_to(self.root)): p.read_bytes()
            for p in sorted(self.root.rglob("*"))
            if p.is_file() and "db" not in p.relative_to(self.root).parts[:1]
        }


@pytest.fixture
def trap(tmp_path: Path) -> Iterator[Trap]:
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # an "extension" or a CSV file, for anyone who asks
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"\x7fELF")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    home = tmp_path / "home"
    home.mkdir()
    victim = tmp_path / "victim.csv"
    victim.write_text("precious\n", encoding="utf-8")
    extension = tmp_path / "extension.so"  # a real shared object (Python's own)
    shutil.copy(_shared_object(), extension)
    folder = tmp_path / "queries"
    folder.mkdir()
    trap = Trap(
        tmp_path, home, victim, extension, folder, f"http://127.0.0.1:{server.server_port}/"
    )
    trap.requests = requests
    for name, body in named_queries(trap).items():
        header = f"// name: {name}\n// description: an attempt\n// param x = 1 -- anything\n"
        (folder / f"{name}.cypher").write_text(header + body + "\n", encoding="utf-8")
    try:
        yield trap
    finally:
        server.shutdown()
        server.server_close()
        (ROOT / PWNED).unlink(missing_ok=True)


def _shared_object() -> str:
    import _ctypes

    return _ctypes.__file__


def named_queries(t: Trap) -> dict[str, str]:
    """Library-style queries in a GRAPHKIT_QUERIES folder, run by name with --param x=..."""
    return {
        "copy_out": f"MATCH (n) RETURN $x AS x LIMIT 1; COPY (RETURN $x AS x) TO '{t.victim}'",
        "install": f"RETURN $x AS x; INSTALL json FROM '{t.url}'",
        "extension": f"RETURN $x AS x; LOAD EXTENSION '{t.extension}'",
        "load_csv": f"LOAD CSV FROM '{t.url}' + $x AS line RETURN line",
        "terminate": "TERMINATE TRANSACTIONS $x",
        "delete": "MATCH (n) WHERE n.key = $x OR true DETACH DELETE n",
    }


def attempts(t: Trap) -> list[list[str]]:
    """``graphkit query`` arguments, one attempt each."""
    common = [
        f"INSTALL json FROM '{t.url}'",
        f"install JSON from '{t.url}'",
        f"/* read */ InStAlL json FROM '{t.url}'",
        f"MATCH (n) RETURN count(n); INSTALL json FROM '{t.url}'",
        f"RETURN 1 // \rINSTALL json FROM '{t.url}'",
        f"RETURN '\\u0027'; INSTALL json FROM '{t.url}'",
        f"LOAD EXTENSION '{t.extension}'",
        f"load\u00a0extension '{t.extension}'",
        "LOAD json",
        f"COPY (RETURN 'x' AS x) TO '{t.victim}'",
        f"cOpY (MATCH (n) RETURN n.key AS k) TO '{t.victim}'",
        f"RETURN 1 AS x;\u2003COPY (RETURN 'x' AS x) TO '{t.victim}'",
        f"COPY (RETURN 'x' AS x) TO '{PWNED}'",
        f"UNWIND [1] AS x COPY (RETURN x) TO '{t.victim}'",
        f"EXPORT DATABASE '{t.root / 'exported'}'",
        f"IMPORT DATABASE '{t.root}'",
        f"ATTACH '{t.root / 'other.lbug'}' AS other (dbtype lbug)",
        f"CALL home_directory='{t.home}'",
        "CALL threads=1",
        f"LOAD FROM '{t.victim}' RETURN *",
        f"LOAD CSV FROM '{t.url}x.csv' AS line RETURN line",
        f"LOAD CSV FROM 'file://{t.victim}' AS line RETURN line",
        f"USING PERIODIC COMMIT LOAD CSV FROM '{t.url}' AS l RETURN l",
        "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
        "SHOW TRANSACTIONS",
        "SHOW SETTINGS YIELD name RETURN name",
        "show users",
        "SHOW INDEXES YIELD name TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
        "CALL dbms.listConfig()",
        "CALL db.clearQueryCaches()",
        "CALL { MATCH (n) DETACH DELETE n }",
        "MATCH (n) WITH * DETACH DELETE n",
        "CYPHER runtime=slotted MATCH (n) DETACH DELETE n",
        "USE system SHOW USERS",
    ]
    named = [[name, "--param", "x=1"] for name in named_queries(t)]
    return [[q] for q in common] + named


def run_all(t: Trap, where: dict) -> list:
    env = {"HOME": str(t.home), "GRAPHKIT_QUERIES": str(t.queries)}
    tried = attempts(t)
    with ThreadPoolExecutor(4) as pool:
        results = list(
            pool.map(lambda a: graphkit("query", *a, env=env, **store_args(where)), tried)
        )
    return list(zip(tried, results, strict=True))


def test_no_attempt_has_any_side_effect(cli_store: dict, trap: Trap) -> None:
    assert_ok(graphkit("load", str(SEED), **store_args(cli_store)))
    graph_before = snapshot(cli_store)
    files_before = trap.files()
    for attempt, result in run_all(trap, cli_store):
        stderr = result.stderr.decode()
        assert result.returncode == 1, (attempt, stderr)
        assert "Traceback" not in stderr, (attempt, stderr)
        assert len(stderr.splitlines()) == 1 and len(error_lines(result)) == 1, (attempt, stderr)
        assert "pass --write" in stderr, (attempt, stderr)
    assert trap.requests == []  # nothing was fetched
    assert list(trap.home.rglob("*")) == []  # nothing was installed
    assert trap.files() == files_before  # nothing written, exported or overwritten
    assert not (ROOT / PWNED).exists()
    assert snapshot(cli_store) == graph_before


PROBE = """
import atexit, sys
from graphkit.cli import run

library = sys.argv[3]

def mapped() -> None:
    with open("/proc/self/maps") as maps:
        sys.stderr.write("MAPPED\\n" if library in maps.read() else "NOT MAPPED\\n")

atexit.register(mapped)
sys.argv = ["graphkit", "--db", sys.argv[1], "query", sys.argv[2]]
run()
"""


def test_load_extension_never_maps_the_library(trap: Trap, tmp_path: Path) -> None:
    """The process that ran the query never mapped the shared object: its constructors
    (where an attacker's code would run) cannot have run."""
    import subprocess
    import sys

    db = tmp_path / "db"
    assert_ok(graphkit("load", str(SEED), db=db))
    statement = f"LOAD EXTENSION '{trap.extension}'"
    probe = subprocess.run(
        [sys.executable, "-c", PROBE, str(db), statement, str(trap.extension)],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    lines = probe.stderr.decode().splitlines()
    assert lines[-1] == "NOT MAPPED", lines
    assert probe.returncode == 1 and "pass --write" in lines[0], lines
