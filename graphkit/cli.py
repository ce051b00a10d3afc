"""The ``graphkit`` command line: parse, call the library, print.

Every failure a user can cause ends as one line on stderr and a non-zero exit status;
``--debug`` shows the traceback instead. Credentials never appear as options: Neo4j's
come from ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` in the environment.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from graphkit import __version__, schema
from graphkit.errors import GraphkitError, QueryError
from graphkit.load import Outcome, read_facts, sources
from graphkit.load import load as load_inputs
from graphkit.store import DEFAULT_DB, GraphStore, open_store

app = typer.Typer(
    help="Turn law-enforcement reports into a knowledge graph of criminal networks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


@dataclass
class Settings:
    db: str | None = None
    neo4j: str | None = None
    debug: bool = False

    @contextmanager
    def store(self, *, read_only: bool = False) -> Iterator[GraphStore]:
        store = open_store(self.db, self.neo4j, read_only=read_only)
        try:
            yield store
        finally:
            store.close()


settings = Settings()


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class FactsFormat(StrEnum):
    json = "json"
    yaml = "yaml"


class Dialect(StrEnum):
    ladybug = "ladybug"
    neo4j = "neo4j"


def _version(value: bool) -> None:
    if value:
        out.print(f"graphkit {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="Embedded database folder (created on first use); or set GRAPHKIT_DB. "
            f"Default: {DEFAULT_DB}.",
        ),
    ] = None,
    neo4j: Annotated[
        str | None,
        typer.Option(
            "--neo4j",
            help="Use Neo4j at this Bolt URI (or set NEO4J_URI); credentials come from "
            "NEO4J_USERNAME / NEO4J_PASSWORD, the database from NEO4J_DATABASE.",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Options before the command choose the store.

    The store is, in order: --neo4j, --db, GRAPHKIT_DB, NEO4J_URI, the default folder.
    """
    if db and neo4j:
        raise typer.BadParameter("choose one store: --db or --neo4j, not both")
    settings.debug = debug
    settings.db, settings.neo4j = db, neo4j
    if not db and not neo4j:
        settings.db = os.environ.get("GRAPHKIT_DB") or None
        settings.neo4j = None if settings.db else os.environ.get("NEO4J_URI") or None


@app.command()
def load(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (recursively) or - for stdin.")
    ],
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (ISO) for reports whose text does not give the year."),
    ] = None,
) -> None:
    """Load reports (.txt .md .html) and facts documents (.json .yaml) into the graph."""
    found, failed = sources(paths)
    for outcome in failed:
        err.print(f"error: {outcome.error}", markup=False)
    with settings.store() as store:
        before = store.counts()
        outcomes = _load_with_progress(store, found, published)
        after = store.counts()
    outcomes = failed + outcomes
    loaded = [o for o in outcomes if o.ok]
    table = Table(title="Loaded", title_justify="left")
    for column in ("reports", "failed", "nodes created", "relationships created"):
        table.add_column(column, justify="right")
    table.add_row(
        str(len({o.report for o in loaded})),
        str(len(outcomes) - len(loaded)),
        str(_total(after["nodes"]) - _total(before["nodes"])),
        str(_total(after["relationships"]) - _total(before["relationships"])),
    )
    out.print(table)
    if len(loaded) < len(outcomes):
        raise typer.Exit(1)


def _load_with_progress(
    store: GraphStore, found: list[str], published: str | None
) -> list[Outcome]:
    def report(outcome: Outcome) -> None:
        if not outcome.ok:
            err.print(f"error: {outcome.error}", markup=False)

    if len(found) < 5 or not err.is_terminal:
        return load_inputs(store, found, published=published, on_item=report, debug=settings.debug)
    columns = (TextColumn("loading"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("load", total=len(found))

        def step(outcome: Outcome) -> None:
            report(outcome)
            progress.advance(task)

        return load_inputs(store, found, published=published, on_item=step, debug=settings.debug)


@app.command()
def extract(
    report: Annotated[str, typer.Argument(help="A report file, or - for stdin.")],
    format: Annotated[FactsFormat, typer.Option("--format", "-f")] = FactsFormat.json,
    published: Annotated[str | None, typer.Option(help="Publication date (ISO).")] = None,
) -> None:
    """Print the facts document of a report, to review, correct and then load."""
    doc = read_facts(report, published)
    sys.stdout.write(doc.to_json() if format is FactsFormat.json else doc.to_yaml())


@app.command()
def query(
    cypher: Annotated[str, typer.Argument(help="A Cypher query, or a file holding one.")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="NAME=VALUE (VALUE read as JSON when it parses)."),
    ] = None,
    format: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    write: Annotated[
        bool, typer.Option("--write", help="Allow the query to change the graph.")
    ] = False,
) -> None:
    """Run a Cypher query (read-only unless --write)."""
    text = _query_text(cypher)
    params = dict(_parse_param(p) for p in param or [])
    with settings.store(read_only=not write) as store:
        result = store.run(text, params, write=write)
    records = result.records()
    if format is Format.json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, default=str) + "\n")
    elif format is Format.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([[_cell(v) for v in row] for row in result.rows])
        sys.stdout.write(buffer.getvalue())
    else:
        table = Table(*result.columns)
        for row in result.rows:
            table.add_row(*(_cell(v) for v in row))
        out.print(table)
        err.print(f"{len(result.rows)} row(s)")


def _query_text(cypher: str) -> str:
    path = Path(cypher)
    if cypher.endswith(".cypher") or (len(cypher) < 4096 and "\n" not in cypher and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{cypher}: cannot read: {exc.strerror or exc}") from None
    return cypher


def _parse_param(raw: str) -> tuple[str, Any]:
    name, sep, value = raw.partition("=")
    if not sep or not name.isidentifier():
        raise QueryError(f"--param {raw!r}: expected NAME=VALUE")
    try:
        return name, json.loads(value)
    except json.JSONDecodeError:
        return name, value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


@app.command()
def stats() -> None:
    """Count nodes by label and relationships by type."""
    with settings.store(read_only=True) as store:
        counts = store.counts()
    table = Table("kind", "name", "count")
    for kind, names in counts.items():
        for name, n in names.items():
            table.add_row(kind.rstrip("s").replace("relationship", "relationship"), name, str(n))
    out.print(table)


@app.command()
def remove(
    reports: Annotated[list[str], typer.Argument(help="Report keys or sources (paths as loaded).")],
) -> None:
    """Take back what reports contributed: their relationships and the nodes only they support."""
    with settings.store() as store:
        keys: list[str] = []
        for ref in reports:
            found = store.find_reports(ref)
            if not found:
                raise QueryError(f"no report with key or source {ref!r} (see: graphkit reports)")
            keys.extend(found)
        for key in dict.fromkeys(keys):
            store.remove(key)
            out.print(f"removed {key}", markup=False)


@app.command("reports")
def list_reports(format: Annotated[Format, typer.Option("--format", "-f")] = Format.table) -> None:
    """List the loaded reports."""
    with settings.store(read_only=True) as store:
        rows = store.reports()
    if format is Format.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
        return
    table = Table("key", "source", "title", "published")
    for row in rows:
        table.add_row(*(_cell(row[c]) for c in ("key", "source", "title", "published")))
    out.print(table)


@app.command("schema")
def show_schema(dialect: Annotated[Dialect, typer.Option("--dialect")] = Dialect.ladybug) -> None:
    """Print the schema statements derived from the ontology."""
    sys.stdout.write(schema.render(dialect.value))


def _total(counts: dict[str, int]) -> int:
    return sum(counts.values())


def run() -> None:
    """Console entry point: our errors become one line on stderr, never a traceback."""
    try:
        app()
    except GraphkitError as exc:
        if settings.debug:
            raise
        err.print(f"error: {exc}", markup=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted", markup=False)
        sys.exit(130)
    except Exception as exc:  # a bug of ours: still one line, with a way to see more
        if settings.debug:
            raise
        err.print(
            f"error: internal error ({type(exc).__name__}: {exc}); rerun with --debug for details",
            markup=False,
        )
        sys.exit(2)
