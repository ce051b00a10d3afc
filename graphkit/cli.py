"""The ``graphkit`` command line: parse, call the library, print.

Every failure a user can cause ends as one line on stderr and a non-zero exit status;
``--debug`` shows the traceback instead. Credentials never appear as options: Neo4j's
come from ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` in the environment.
"""

from __future__ import annotations

import csv
import functools
import inspect
import io
import json
import logging
import math
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Column
from rich.text import Text

from graphkit import __version__, model, schema
from graphkit import queries as query_library
from graphkit.errors import GraphkitError, QueryError, UsageError
from graphkit.jsonout import strict_json
from graphkit.redact import redact
from graphkit.store import DEFAULT_DB, GraphStore, open_store
from graphkit.terminal import PlainTable, say, shown
from graphkit.view.options import (
    DEFAULT_MAX_NODES,
    Certainty,
    ColorBy,
    Projection,
    SizeBy,
    ViewOptions,
)

if TYPE_CHECKING:  # the loading pipeline (facts, extractor) is imported by the commands using it
    from graphkit.filters import Filters
    from graphkit.load import Loaded, Outcome

GLOBAL_OPTIONS = {"--db": " FOLDER", "--neo4j": " URI", "--debug": "", "--version": ""}
"""The options of ``graphkit`` itself (they go before the command), with their metavar."""


class _Commands(typer.core.TyperGroup):
    """graphkit's command group: a global option given after the command is a one-line usage
    error that says where it goes (click would only say "No such option"). Typer carries its
    own copy of click, so its NoSuchOption is known by name, not imported."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            name = getattr(exc, "option_name", None)
            if type(exc).__name__ != "NoSuchOption" or name not in GLOBAL_OPTIONS:
                raise
            command = ctx.invoked_subcommand or "COMMAND"
            option = name + GLOBAL_OPTIONS[name]
            raise UsageError(
                f"{name} is an option of graphkit itself: put it before the "
                f"command (graphkit {option} {command} ...)"
            ) from None


app = typer.Typer(
    cls=_Commands,
    help="Turn law-enforcement reports into a knowledge graph of criminal networks.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
out = Console(highlight=False, soft_wrap=True, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
_QUIET = logging.NullHandler()  # errors are one line: library warnings only with --debug


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


def choices(name: str, values: Iterable[str]) -> Any:
    """A StrEnum of ``values`` for Typer's choices (members named as the values, ``-`` as
    ``_``): the choices of an option are the library's tuple, not a copy of it. The
    analytics and export tuples are written out here, as importing their modules would load
    networkx on every command; tests/analytics/test_cli_analytics.py holds them equal."""
    return StrEnum(name, [(value.replace("-", "_"), value) for value in values])


Format = choices("Format", ("table", "json", "csv"))
FactsFormat = choices("FactsFormat", ("json", "yaml"))


FormatOpt = typer.Option("--format", "-f", help="table for people; json (or csv) for programs.")


Dialect = choices("Dialect", schema.DIALECTS)


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
    # The Neo4j driver logs each retry of a lost connection as a multi-line warning.
    if debug:
        logging.getLogger("neo4j").removeHandler(_QUIET)
    else:
        logging.getLogger("neo4j").addHandler(_QUIET)
    settings.db, settings.neo4j = db, neo4j
    if not db and not neo4j:
        settings.db = os.environ.get("GRAPHKIT_DB") or None
        settings.neo4j = None if settings.db else os.environ.get("NEO4J_URI") or None
    if settings.neo4j:
        from graphkit.store.neo4j import check_uri

        settings.neo4j = check_uri(settings.neo4j)  # before anything could echo a password


def _workers_option(help: str) -> Any:
    """``--workers/-j N``: the one spelling of "how many processes" for every command."""
    return typer.Option("--workers", "-j", min=1, help=help)


@app.command()
def load(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (recursively) or - for stdin.")
    ],
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (ISO) for reports whose text does not give the year."),
    ] = None,
    workers: Annotated[
        int | None,
        _workers_option(
            "Processes that read and extract reports while this one writes (the graph "
            "is the same), at most one per usable core. Default: one per core from 100 "
            "text reports on, else 1."
        ),
    ] = None,
) -> None:
    """Load reports (.txt .md .html) and facts documents (.json .yaml) into the graph.

    Each file (or stdin) may be at most 8 MiB; a larger one is refused, the others load."""
    from graphkit.load import check_published, sources

    published = check_published(published)
    found, failed = sources(paths)
    for outcome in failed:
        say(err, f"error: {outcome.error}")
    with settings.store() as store:
        result = _load_with_progress(store, found, published, workers)
    changes = result.changes
    outcomes = failed + result
    loaded = [o for o in outcomes if o.ok]
    table = PlainTable(title="Loaded", title_justify="left")
    for column in ("reports", "unchanged", "failed", "nodes created", "relationships created"):
        table.add_column(column, justify="right")
    table.add_row(
        str(len({o.report for o in loaded})),
        str(len({o.report for o in loaded if o.unchanged})),
        str(len(outcomes) - len(loaded)),
        str(changes.nodes_created - changes.nodes_deleted),
        str(changes.relationships_created - changes.relationships_deleted),
    )
    out.print(table)
    if len(loaded) < len(outcomes):
        raise typer.Exit(1)


TieType = choices("TieType", model.PERSON_TIES)
PersonLabel = choices("PersonLabel", ("Person",))


@app.command("import-edges")
def import_edges(
    paths: Annotated[list[str], typer.Argument(help="Edge lists: CSV, TSV, blank-separated.")],
    type: Annotated[
        TieType,  # type: ignore[valid-type]
        typer.Option("--type", "-t", help="The tie: MET (meetings), CALLED, ASSOCIATED_WITH."),
    ],
    label: Annotated[
        PersonLabel, typer.Option("--label", help="What the ids are (persons).")
    ] = PersonLabel.Person,
    columns: Annotated[
        str | None,
        typer.Option(
            "--columns",
            metavar="ROLES",
            help="The columns in order: source,target[,weight][,date] (skip for one to "
            "leave out). Default: from the header row, else source,target and a third "
            "column of numbers as weight.",
        ),
    ] = None,
    delimiter: Annotated[
        str,
        typer.Option(help="',', tab ('\\t'), ';', '|', space, or auto."),
    ] = "auto",
    header: Annotated[
        bool | None,
        typer.Option(
            "--header/--no-header", help="Whether the first row names the columns (default: told)."
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="NAME",
            help="The dataset the ids belong to (files of one dataset share persons). "
            "Default: the file's folder name.",
        ),
    ] = None,
    nodes: Annotated[
        str | None,
        typer.Option("--nodes", metavar="FILE", help="A node table (id,name,...) naming the ids."),
    ] = None,
) -> None:
    """Import person-to-person ties from edge lists (wiretaps, meetings, court records).

    Each file is one source, all or nothing: its ties (rows of a pair summed into one
    weight), the persons they join, and the line each tie came from. Bad rows are listed
    and skipped; the same file again changes nothing; `graphkit remove FILE` takes it back."""
    from graphkit.load import EdgeOutcome
    from graphkit.load import import_edges as import_files

    def report(outcome: EdgeOutcome) -> None:
        for line in outcome.bad_rows:
            say(err, f"skipped: {line}")
        if outcome.bad_count > len(outcome.bad_rows):
            more = outcome.bad_count - len(outcome.bad_rows)
            say(err, f"skipped: {outcome.source}: {more:,} more bad row(s)")
        if not outcome.ok:
            say(err, f"error: {outcome.error}")
        elif outcome.unchanged:
            say(out, f"{outcome.source}: already imported ({outcome.report}); nothing changed")
        else:
            say(
                out,
                f"{outcome.source}: {outcome.ties:,} {outcome.type} ties from {outcome.rows:,} "
                f"rows between {outcome.persons:,} persons ({outcome.new_persons:,} new); "
                f"report {outcome.report}",
            )
            say(err, f"read as {outcome.layout}")
            for key in outcome.replaced:
                say(err, f"replaced the earlier import {key} of this file")

    roles = columns.split(",") if columns is not None else None
    with settings.store() as store:
        outcomes = import_files(
            store,
            paths,
            type.value,
            columns=roles,
            delimiter=delimiter,
            header=header,
            dataset=source,
            nodes=nodes,
            on_item=report,
        )
    if not all(o.ok for o in outcomes):
        raise typer.Exit(1)


def _load_with_progress(
    store: GraphStore, found: list[str], published: str | None, workers: int | None
) -> Loaded:
    from graphkit.load import load as load_inputs

    def report(outcome: Outcome) -> None:
        if not outcome.ok:
            say(err, f"error: {outcome.error}")
        elif outcome.warning:
            say(err, f"warning: {outcome.warning}")

    def run(on_item: Callable[[Outcome], None]) -> Loaded:
        return load_inputs(
            store,
            found,
            published=published,
            on_item=on_item,
            debug=settings.debug,
            workers=workers,
        )

    # a progress bar only on a real terminal (rich also counts FORCE_COLOR, set by Jupyter)
    if len(found) < 5 or not (err.is_terminal and sys.stderr.isatty()):
        return run(report)
    columns = (TextColumn("loading"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("load", total=len(found))

        def step(outcome: Outcome) -> None:
            report(outcome)
            progress.advance(task)

        return run(step)


@app.command()
def extract(
    report: Annotated[str, typer.Argument(help="A report file, or - for stdin.")],
    format: Annotated[
        FactsFormat, typer.Option("--format", "-f", help="JSON or YAML.")
    ] = FactsFormat.json,
    published: Annotated[str | None, typer.Option(help="Publication date (ISO).")] = None,
) -> None:
    """Print the facts document of a report (at most 8 MiB), to review, correct and load."""
    from graphkit.load import check_published, read_facts

    doc = read_facts(report, check_published(published))
    sys.stdout.write(doc.to_json() if format is FactsFormat.json else doc.to_yaml())


DEFAULT_MAX_ROWS = 100_000
"""``query --max-rows``: past this, a result is not fetched (a runaway MATCH would fill memory)."""


@app.command()
def query(
    cypher: Annotated[str, typer.Argument(help="A Cypher query, or a file holding one.")],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="NAME=VALUE (VALUE read as JSON when it parses)."),
    ] = None,
    format: Annotated[Format, FormatOpt] = Format.table,
    write: Annotated[
        bool, typer.Option("--write", help="Allow the query to change the graph.")
    ] = False,
    max_rows: Annotated[
        int,
        typer.Option(
            "--max-rows",
            min=0,
            help="Fetch at most this many rows (0: no limit). Past it, a table shows the "
            "first rows and says so on stderr; json and csv print nothing and exit 1, "
            "never a silently cut result.",
        ),
    ] = DEFAULT_MAX_ROWS,
) -> None:
    """Run a Cypher query, a .cypher file or a named query from the library (see: graphkit
    queries); read-only unless --write. At most --max-rows rows (default 100,000)."""
    params = dict(_parse_param(p) for p in param or [])
    with settings.store(read_only=not write) as store:
        named = query_library.prepare(cypher, store.kind, params)
        text, params = named if named is not None else (_query_text(cypher), params)
        dialect = query_library.dialect(cypher, store.kind)
        result = store.run(text, params, write=write, max_rows=max_rows or None, dialect=dialect)
    if result.truncated and format is not Format.table:
        done = " (its changes are committed)" if write else ""
        raise QueryError(
            f"the query returned more than {max_rows:,} rows (--max-rows){done}; nothing "
            "printed: add LIMIT to the query or raise --max-rows (0 for no limit)"
        )
    output(format, result.columns, result.rows, json_value=result.records())
    if format is Format.table:
        say(err, f"{len(result.rows)} row(s)")
        if result.truncated:
            say(
                err,
                f"note: stopped at {max_rows:,} rows (--max-rows); add LIMIT to the query or "
                "raise --max-rows (0 for no limit)",
            )


def _query_text(cypher: str) -> str:
    """The query: the text of the file ``cypher`` names, or ``cypher`` itself. A text that
    only looks like a file name (``q.cypher``, no such file) is an error, not Cypher; one
    that merely ends in ``.cypher`` (a comment) is Cypher."""
    could_be_a_path = len(cypher) < 4096 and not any(ch in cypher for ch in "\n\r")
    if could_be_a_path and Path(cypher).is_file():
        try:
            return Path(cypher).read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{cypher}: cannot read: {exc.strerror or exc}") from None
    if could_be_a_path and cypher.endswith(".cypher") and not any(c.isspace() for c in cypher):
        raise QueryError(f"{cypher}: no such query file (see: graphkit queries)")
    return cypher


def _print_json(value: Any) -> None:
    sys.stdout.write(strict_json(value) + "\n")


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
        return strict_json(value)
    return str(value)


def _shown_cell(value: Any) -> str:
    """A table cell: numbers as people read them (``200,000,000``), the rest as in csv."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return model.format_number(value)
    return _cell(value)


_ROWS = object()


def output(
    format: Format,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    json_value: Any = _ROWS,
    table: Callable[[], None] | None = None,
) -> None:
    """The one output rule of every command. json: ``json_value`` (default: the rows as
    objects) and nothing else; csv: a header and the rows, exact values (lists and objects
    as JSON); table: ``table()`` where the command draws its own, else a plain table with
    numbers as people read them (:func:`graphkit.model.format_number`)."""
    if format is Format.json:
        value = [dict(zip(columns, row, strict=True)) for row in rows]
        _print_json(value if json_value is _ROWS else json_value)
    elif format is Format.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(v) for v in row] for row in rows])
        sys.stdout.write(buffer.getvalue())
    elif table is not None:
        table()
    else:
        plain = PlainTable(*(Column(header=Text(shown(c))) for c in columns))
        for row in rows:
            plain.add_row(*(_shown_cell(v) for v in row))
        out.print(plain)


@app.command()
def stats() -> None:
    """Count nodes by label and relationships by type."""
    with settings.store(read_only=True) as store:
        counts = store.counts()
    table = PlainTable("kind", "name", "count")
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
            removed = store.remove_report(key)
            if removed is not None:
                say(
                    out,
                    f"removed {key} ({removed.nodes_deleted:,} nodes, "
                    f"{removed.relationships_deleted:,} relationships)",
                )


@app.command("reports")
def list_reports(format: Annotated[Format, FormatOpt] = Format.table) -> None:
    """List the loaded reports."""
    with settings.store(read_only=True) as store:
        rows = store.reports()
    columns = ("key", "source", "title", "published")
    output(format, columns, [[row[c] for c in columns] for row in rows], json_value=rows)


@app.command("schema")
def show_schema(
    dialect: Annotated[
        Dialect, typer.Option("--dialect", help="Which database's schema.")
    ] = Dialect.ladybug,
) -> None:
    """Print the schema statements derived from the ontology."""
    sys.stdout.write(schema.render(dialect.value))


# --------------------------------------------------------------------------------------
# Analytics (graphkit.analytics; networkx is imported only by these commands)
# --------------------------------------------------------------------------------------


Strategy = choices(  # analytics.STRATEGIES
    "Strategy", ("degree", "betweenness", "katz", "collective-influence", "pagerank", "random")
)
Mode = choices("Mode", ("sequential", "one-shot", "block"))  # analytics.disrupt.MODES
Weighting = choices("Weighting", ("none", "weight"))  # analytics.disrupt.WEIGHTS


ProjectionOpt = Annotated[
    Projection, typer.Option("--projection", "-P", help="Which graph to analyse.")
]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed for Louvain and sampling.")]


Engine = choices("Engine", ("auto", "networkx", "igraph"))  # analytics.ENGINES


EngineOpt = Annotated[
    Engine,
    typer.Option(
        "--engine",
        help="networkx (the reference) or igraph (pip install 'graphkit[fast]': the same "
        "measures, 10-300x faster on large graphs); auto = igraph when installed.",
    ),
]


# --------------------------------------------------------------------------------------
# The filters: one set of options for every command that filters (graphkit.filters)
# --------------------------------------------------------------------------------------

FILTER_OPTIONS: dict[str, list[tuple[str, Any, Any]]] = {
    "label": [
        (
            "label",
            Annotated[
                list[str] | None,
                typer.Option(
                    "--label",
                    metavar="LABEL",
                    help="Keep only nodes with this label: Agency, Person... (repeat).",
                ),
            ],
            None,
        ),
        (
            "type_alias",
            Annotated[
                list[str] | None,
                typer.Option("--type", hidden=True, help="The old name of --label."),
            ],
            None,
        ),
    ],
    "country": [
        (
            "country",
            Annotated[
                list[str] | None,
                typer.Option(
                    "--country", metavar="ISO2", help="Keep what concerns this country (repeat)."
                ),
            ],
            None,
        )
    ],
    "dates": [
        (
            "since",
            Annotated[
                str | None,
                typer.Option(
                    "--since",
                    metavar="DATE",
                    help="Keep operations and reports from this ISO date.",
                ),
            ],
            None,
        ),
        (
            "until",
            Annotated[
                str | None,
                typer.Option("--until", metavar="DATE", help="... up to this ISO date."),
            ],
            None,
        ),
    ],
    "certainty": [
        (
            "certainty",
            Annotated[
                Certainty,
                typer.Option(
                    "--certainty",
                    help="reported: leave out relationships stated as alleged; all: keep them.",
                ),
            ],
            Certainty.all,
        ),
        (
            "reported_only",
            Annotated[
                bool,
                typer.Option(
                    "--reported-only", hidden=True, help="The old name of --certainty reported."
                ),
            ],
            False,
        ),
    ],
    "report": [
        (
            "report",
            Annotated[
                list[str] | None,
                typer.Option(
                    "--report", metavar="KEY", help="Keep only what this report says (repeat)."
                ),
            ],
            None,
        )
    ],
}
"""The filter options by group: (parameter, annotation, default). ``--type`` and
``--reported-only`` are the old names of ``--label`` and ``--certainty reported``, hidden
and kept for one release (docs/analytics.md)."""

FILTER_FLAGS = frozenset(
    option.default  # in Annotated, typer.Option's first argument is the option's name
    for group in FILTER_OPTIONS.values()
    for _, annotation, _ in group
    for option in annotation.__metadata__
)
"""Every filter option's name (the hidden old ones too)."""

Command = Callable[..., None]


def filter_options(*groups: str) -> Callable[[Command], Command]:
    """Give a command the filter options of ``groups`` (keys of :data:`FILTER_OPTIONS`), in
    place of its ``filters`` parameter, which receives them as one :class:`Filters`."""
    chosen = [option for group in groups for option in FILTER_OPTIONS[group]]
    names = [name for name, _, _ in chosen]

    def decorate(command: Command) -> Command:
        params = []
        for param in inspect.signature(command).parameters.values():
            if param.name != "filters":
                annotation = param.annotation
                if isinstance(annotation, str):  # from __future__ import annotations
                    annotation = eval(annotation, command.__globals__)
                params.append(param.replace(annotation=annotation))
                continue
            params += [
                inspect.Parameter(name, param.POSITIONAL_OR_KEYWORD, annotation=a, default=d)
                for name, a, d in chosen
            ]

        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> None:
            values = {name: kwargs.pop(name) for name in names}
            command(*args, filters=_filters(**values), **kwargs)

        wrapper.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in params}
        return wrapper

    return decorate


def _filters(
    label: list[str] | None = None,
    type_alias: list[str] | None = None,
    country: list[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    certainty: Certainty = Certainty.all,
    reported_only: bool = False,
    report: list[str] | None = None,
) -> Filters:
    from graphkit.filters import Filters

    labels = [*(label or ()), *(type_alias or ())]
    return Filters(
        labels=set(labels) if labels else None,
        countries={c.upper() for c in country} if country else None,
        since=since,
        until=until,
        certainty="reported" if reported_only else Certainty(certainty).value,
        reports=set(report) if report else None,
    )


def _read_filtered(filters: Any, *, evidence: bool = False) -> Any:
    return _read_filtered_from(filters, evidence=evidence)[0]


def _read_filtered_from(filters: Any, *, evidence: bool = False) -> tuple[Any, list[Path]]:
    """The filtered graph, and the store's own paths (where no output may go)."""
    from graphkit.analytics import filter_graph, load_graph

    with settings.store(read_only=True) as store:
        data = load_graph(store, evidence=evidence, support=filters.needs_support)
        owned = store.own_paths()
    return filter_graph(data, filters), owned


def _value(value: Any) -> str:
    return f"{value:.4g}" if isinstance(value, float) else _cell(value)


@app.command()
@filter_options("label", "country", "dates", "certainty", "report")
def analyze(
    projection: ProjectionOpt = Projection.full,
    measure: Annotated[
        list[str] | None,
        typer.Option(
            "--measure",
            "-m",
            metavar="MEASURE",
            help="degree, weighted_degree, betweenness, closeness, eigenvector, pagerank, "
            "community, leiden (igraph engine), kcore, articulation, bridges, constraint, "
            "effective_size (repeat or "
            "comma-separate). Default: degree, weighted_degree, betweenness, pagerank, "
            "community, kcore, articulation.",
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", "-n", help="Rows per measure (0 = all).")] = 10,
    format: Annotated[Format, FormatOpt] = Format.table,
    write_back: Annotated[
        bool,
        typer.Option(
            "--write-back",
            help="Store pagerank, betweenness, community and degree as node properties "
            "(replacing earlier ones).",
        ),
    ] = False,
    seed: SeedOpt = 42,
    engine: EngineOpt = Engine.auto,
    exact: Annotated[
        bool,
        typer.Option(
            "--exact",
            help="Exact betweenness whatever the graph's size (by default it is estimated "
            "from sampled sources above n·(n+m) > 10^7): with the igraph engine, in --workers "
            "processes, progress on stderr; 100k nodes and 670k edges take about 80 "
            "CPU-minutes: 40 min on 2 free cores (with --engine networkx: one process, days).",
        ),
    ] = False,
    workers: Annotated[
        int | None,
        _workers_option(
            "Processes for --exact betweenness, at most one per usable core. Default: "
            "one per core on large graphs."
        ),
    ] = None,
    filters: Filters = None,  # type: ignore[assignment]  # the filter options
) -> None:
    """Rank entities by centrality, brokerage and community on a projection of the graph."""
    from graphkit.analytics import WRITABLE, filter_graph, load_graph
    from graphkit.analytics import analyze as run_analysis
    from graphkit.analytics import write_back as store_measures

    if workers is not None and not exact:
        raise typer.BadParameter("--workers is for --exact betweenness", param_hint="--workers")
    measures = [m.strip() for raw in measure or [] for m in raw.split(",") if m.strip()] or None
    with settings.store(read_only=not write_back) as store:
        data = load_graph(store, evidence=False, support=filters.needs_support)
        data = filter_graph(data, filters)
        analysis = run_analysis(
            data,
            projection.value,
            measures,
            seed=seed,
            engine=engine.value,
            exact=exact,
            workers=workers,
            progress=_ExactProgress() if exact else None,
        )
        written = store_measures(store, analysis.result) if write_back else None
    top_n = top or None
    payload = analysis.to_dict(top_n) if format is Format.json else {}
    if written is not None:
        payload["written"] = written

    def rows() -> Iterator[list[Any]]:
        for m in analysis.measures:
            for row in analysis.rows(m, top_n):
                yield [m, *(row[c] for c in list(row)[:5]), row["value"]]

    def table() -> None:
        graph = analysis.graph
        say(
            err,
            f"{projection.value} projection: {graph.number_of_nodes()} nodes, "
            f"{graph.number_of_edges()} edges",
        )
        for m in analysis.measures:
            if m == "community":
                grid = PlainTable("community", "size", "best-connected members", title="community")
                for row in analysis.communities(top_n):
                    grid.add_row(str(row["community"]), str(row["size"]), ", ".join(row["members"]))
            else:
                grid = PlainTable("rank", "name", "label", m, title=m, title_justify="left")
                for row in analysis.rows(m, top_n):
                    grid.add_row(str(row["rank"]), row["name"], row["label"], _value(row["value"]))
            out.print(grid)

    columns = ("measure", "rank", "id", "label", "key", "name", "value")
    csv_rows = list(rows()) if format is Format.csv else []
    output(format, columns, csv_rows, json_value=payload, table=table)
    for note in analysis.result.notes:
        say(err, f"note: {note}")
    if written is not None:
        summary = ", ".join(f"{n} {label}" for label, n in written.items()) or "no nodes"
        stored = [m for m in WRITABLE if m in analysis.result.values]
        say(err, f"wrote {', '.join(stored)} to {summary}")


class _ExactProgress:
    """Exact betweenness's progress on stderr: searches done, time spent, time left (at
    most one line every :attr:`EVERY` seconds, and the last)."""

    EVERY = 30.0

    def __init__(self) -> None:
        self.said = -math.inf

    def __call__(self, done: int, total: int, elapsed: float) -> None:
        if done == total and self.said == -math.inf and elapsed < self.EVERY:
            return  # a quick run: no progress to tell
        if done < total and elapsed - self.said < self.EVERY:
            return
        self.said = elapsed
        left = elapsed / done * (total - done) if done else math.nan
        say(
            err,
            f"betweenness: {done:,}/{total:,} searches ({done / total:.0%}), "
            f"{_duration(elapsed)} spent"
            + (f", about {_duration(left)} left" if done < total else ""),
        )


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


@app.command()
@filter_options("certainty", "report")
def path(
    source: Annotated[str, typer.Argument(help="An entity: its name (fuzzy), key or Label:key.")],
    target: Annotated[str, typer.Argument(help="Another entity.")],
    max_hops: Annotated[int, typer.Option("--max-hops", help="Longest path to look for.")] = 6,
    limit: Annotated[int, typer.Option("--limit", help="At most this many paths.")] = 5,
    format: Annotated[Format, FormatOpt] = Format.table,
    filters: Filters = None,  # type: ignore[assignment]  # the filter options
    through_countries: Annotated[
        bool,
        typer.Option(
            "--through-countries",
            help="Let chains pass through countries and agencies' homes (BASED_IN); by "
            "default two entities that touched the same country are not thereby connected.",
        ),
    ] = False,
) -> None:
    """Show how two entities are connected: the shortest chains, with each relationship's
    report and evidence sentence (not through countries unless --through-countries)."""
    from dataclasses import asdict

    from graphkit.analytics import connections, find_entity, to_networkx

    data = _read_filtered(filters, evidence=True)
    graph = to_networkx(data)
    a, b = find_entity(graph, source), find_entity(graph, target)
    found = connections(
        graph, a, b, max_hops=max_hops, limit=limit, through_countries=through_countries
    )

    def table() -> None:
        hops = found[0].length
        say(
            err,
            f"{len(found)} shortest connection(s) of {hops} hop(s) between "
            f"{_entity(graph, a)} and {_entity(graph, b)}",
        )
        for i, connection in enumerate(found, 1):
            say(out, "")
            say(out, f"{i}. {_entity(graph, connection.nodes[0])}")
            for hop in connection.hops:
                out_types = sorted({r["type"] for r in hop.relationships if r["direction"] == "->"})
                in_types = sorted({r["type"] for r in hop.relationships if r["direction"] == "<-"})
                arrows = " & ".join(
                    [f"-[{'|'.join(out_types)}]->"] * bool(out_types)
                    + [f"<-[{'|'.join(in_types)}]-"] * bool(in_types)
                )
                say(out, f"   {arrows} {_entity(graph, hop.dst)}")
                for rel in hop.relationships:
                    extra = "".join(
                        f" {k}={rel[k]}" for k in ("role", "count") if rel.get(k) is not None
                    )
                    where = f"{rel.get('certainty')} · {rel.get('report')}"
                    say(out, f"      {rel['type']}{extra} · {where}")
                    say(out, f'        "{rel.get("evidence")}"')

    machine = format is not Format.table  # the payload and rows only where printed
    payload = [
        {"nodes": [{"id": n, **_brief(graph, n)} for n in c.nodes], "hops": asdict(c)["hops"]}
        for c in (found if machine else [])
    ]
    rows = [
        [i, j, hop.src, hop.dst, *(rel.get(k) for k in PATH_COLUMNS[4:])]
        for i, c in enumerate(found if machine else [], 1)
        for j, hop in enumerate(c.hops, 1)
        for rel in hop.relationships
    ]
    output(format, PATH_COLUMNS, rows, json_value=payload, table=table)


PATH_COLUMNS = (
    "path", "hop", "from", "to", "type", "direction", "certainty", "report", "evidence",
)  # fmt: skip
"""``path --format csv``: one row per relationship of each hop."""


def _brief(graph: Any, nid: str) -> dict[str, Any]:
    attrs = graph.nodes[nid]
    return {k: attrs.get(k) for k in ("label", "key", "name")}


def _entity(graph: Any, nid: str) -> str:
    attrs = graph.nodes[nid]
    return f"{attrs.get('name')} ({attrs.get('label')})"


DISRUPT_COLUMNS = (
    "mode", "step", "removed", "name", "lcc", "lcc_fraction", "efficiency", "efficiency_fraction",
)  # fmt: skip
"""``disrupt --format csv``: one row per step of each mode."""


@app.command()
@filter_options("label", "country", "dates", "certainty", "report")
def disrupt(
    projection: ProjectionOpt = Projection.full,
    strategy: Annotated[
        Strategy,
        typer.Option(
            "--strategy",
            "-s",
            help="How to pick the next node to remove: the highest degree, betweenness, Katz "
            "(alpha 0.1, beta 1), collective influence (CI at distance 1), PageRank, or a "
            "seeded random order.",
        ),
    ] = Strategy.degree,
    steps: Annotated[int, typer.Option("--steps", help="Nodes to remove.")] = 10,
    weight: Annotated[
        Weighting,
        typer.Option(
            "--weight",
            help="none: every tie counts 1. weight: the tie's strength (meetings, calls, "
            "shared operations); degree and collective influence sum it, PageRank and Katz "
            "weigh links by it, betweenness uses distance = 1/weight (a tie twice as strong "
            "is half as long).",
        ),
    ] = Weighting.none,
    mode: Annotated[
        list[Mode] | None,
        typer.Option(
            "--mode",
            help="sequential: recompute after each removal; one-shot: rank once; block: "
            "recompute every --block-size removals (repeat for several; default: "
            "sequential and one-shot).",
        ),
    ] = None,
    block_size: Annotated[
        int, typer.Option("--block-size", metavar="K", help="Removals per block in block mode.")
    ] = 5,
    format: Annotated[Format, FormatOpt] = Format.table,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Also draw the curves to this PNG file.")
    ] = None,
    seed: SeedOpt = 42,
    engine: EngineOpt = Engine.auto,
    target: Annotated[
        list[str] | None,
        typer.Option(
            "--target",
            metavar="LABEL",
            help="What may be removed: nodes with this label (repeat). Default: "
            "CriminalGroup and Person on the full graph (agencies and countries only when "
            "named); every node of another projection.",
        ),
    ] = None,
    filters: Filters = None,  # type: ignore[assignment]  # the filter options
) -> None:
    """Simulate key-player removal (after Cavallaro et al. 2020): the largest connected
    component and global efficiency after each removal, as fractions of the intact network.
    On the full graph only criminal groups and persons are removed unless --target says."""
    from graphkit.analytics import plot_disruption, project, simulate
    from graphkit.analytics.disrupt import plot_path, targets_for
    from graphkit.errors import AnalysisError

    targets = targets_for(projection.value, target)
    if plot is not None:
        plot = plot_path(plot)  # before the graph is read
    data, owned = _read_filtered_from(filters)
    if not data.nodes:
        raise AnalysisError("the graph is empty (or the filters left nothing): nothing to disrupt")
    graph = project(data, projection.value)
    if graph.number_of_nodes() == 0:
        raise AnalysisError(f"the {projection.value} projection is empty: nothing to disrupt")
    modes = [m.value for m in mode] if mode else None
    result = simulate(
        graph,
        strategy.value,
        steps,
        seed=seed,
        engine=engine.value,
        weight=weight.value,
        block_size=block_size,
        targets=targets,
        **({"modes": modes} if modes else {}),
    )
    if plot is not None:
        title = f"{projection.value} projection, removal by {strategy.value}"
        plot = plot_disruption(result, plot, title, protect=owned).resolve()

    def table() -> None:
        headers: list[str] = ["step"]
        for m in result.modes:
            headers += [f"{m}: removed", "LCC", "efficiency"]
        grid = PlainTable(
            *headers,
            title=f"disruption by {strategy.value}, {projection.value} projection "
            f"({result.nodes} nodes, {result.edges} edges"
            f"{', weighted by tie strength' if weight is Weighting.weight else ''}"
            f"{'; removing ' + ', '.join(result.targets) if result.targets else ''})",
            title_justify="left",
        )
        curves = [result.curve(m) for m in result.modes]
        for i, first in enumerate(curves[0]):
            cells = [str(first.step)]
            for curve in curves:
                s = curve[i]
                cells += [
                    s.name or "—",
                    f"{s.lcc} ({s.lcc_fraction:.0%})",
                    f"{s.efficiency:.3f} ({s.efficiency_fraction:.0%})",
                ]
            grid.add_row(*cells)
        out.print(grid)

    steps_rows = [
        [m, s.step, s.removed, s.name, s.lcc, s.lcc_fraction, s.efficiency, s.efficiency_fraction]
        for m in result.modes
        for s in result.curve(m)
    ]
    payload = {"projection": projection.value, **result.to_dict()}
    output(format, DISRUPT_COLUMNS, steps_rows, json_value=payload, table=table)
    for note in result.notes:
        say(err, f"note: {note}")
    if plot is not None:
        say(err, f"plot written to {plot}")


TIMELINE_COLUMNS = (
    "date", "start_date", "end_date", "operation", "key", "reports", "countries", "agencies",
    "groups", "arrests", "searches", "seizures", "crimes",
)  # fmt: skip
"""``timeline --format csv``: the keys of :func:`graphkit.analytics.timeline`'s rows."""


@app.command()
@filter_options("country", "dates", "certainty", "report")
def timeline(
    format: Annotated[Format, FormatOpt] = Format.table,
    filters: Filters = None,  # type: ignore[assignment]  # the filter options
) -> None:
    """Operations in date order, with countries, agencies, arrests and seizures."""
    from graphkit.analytics import timeline as operations

    rows = operations(_read_filtered(filters))

    def table() -> None:
        grid = PlainTable("date", "operation", "countries", "agencies", "arrests", "seizures")
        for row in rows:
            agencies = ", ".join(
                a["name"] + (f" ({a['role']})" if a["role"] and a["role"] != "participated" else "")
                for a in row["agencies"]
            )
            grid.add_row(
                _cell(row["date"]),
                row["operation"],
                ", ".join(row["countries"]),
                agencies,
                _shown_cell(row["arrests"]),
                "; ".join(row["seizures"]),
            )
        out.print(grid)
        say(err, f"{len(rows)} operation(s)")

    columns = list(rows[0]) if rows else TIMELINE_COLUMNS
    output(format, columns, [list(row.values()) for row in rows], json_value=rows, table=table)


# --------------------------------------------------------------------------------------
# Views (graphkit.view; pyvis is imported only by this command)
# --------------------------------------------------------------------------------------


@app.command()
@filter_options("label", "country", "dates", "certainty")
def view(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "graphkit-view.html"
    ),
    focus: Annotated[
        str | None,
        typer.Option("--focus", help="Show the surroundings of this node (name or key)."),
    ] = None,
    hops: Annotated[int, typer.Option("--hops", min=0, help="How far from --focus.")] = 2,
    filters: Filters = None,  # type: ignore[assignment]  # the filter options
    projection: Annotated[
        Projection, typer.Option("--projection", "-P", help="Which graph to draw.")
    ] = Projection.full,
    color_by: Annotated[ColorBy, typer.Option("--color-by", help="Node colour.")] = ColorBy.type,
    size_by: Annotated[SizeBy, typer.Option("--size-by", help="Node size.")] = SizeBy.degree,
    max_nodes: Annotated[
        int,
        typer.Option(
            "--max-nodes",
            min=1,
            help="Above this, keep the nodes nearest --focus or ranked highest by --size-by.",
        ),
    ] = DEFAULT_MAX_NODES,
    open_: Annotated[bool, typer.Option("--open", help="Open the view in a web browser.")] = False,
) -> None:
    """Write an interactive network view: one self-contained HTML file that works offline."""
    from graphkit.view import view_store

    options = ViewOptions(
        focus=focus,
        hops=hops,
        labels=frozenset(filters.labels) if filters.labels else None,
        countries=frozenset(filters.countries) if filters.countries else None,
        since=filters.since,
        until=filters.until,
        certainty=Certainty(filters.certainty),
        projection=projection,
        color_by=color_by,
        size_by=size_by,
        max_nodes=max_nodes,
    )
    with settings.store(read_only=True) as store:
        result = view_store(store, options)
        owned = store.own_paths()
    path = result.save(output, protect=owned)
    if result.notice:
        say(err, f"note: {result.notice}")
    say(err, f"view: {result.nodes} nodes, {result.edges} relationships")
    say(out, str(path))
    if open_:
        import webbrowser

        webbrowser.open(path.as_uri())


# --------------------------------------------------------------------------------------
# The Cypher library and exports
# --------------------------------------------------------------------------------------


@app.command("queries")
def list_queries(
    format: Annotated[
        Format, typer.Option("--format", "-f", help="table, or json (or csv) with the files.")
    ] = Format.table,
) -> None:
    """List the named queries of the Cypher library (run one with: graphkit query NAME)."""
    library = query_library.library()

    def table() -> None:
        grid = PlainTable(Column("name", no_wrap=True), "description", "parameters (example)")
        for q in library.values():
            params = "\n".join(f"{p.name} ({p.example})" for p in q.parameters) or "—"
            grid.add_row(q.name, q.description, params)
        out.print(grid)
        say(err, f"{len(library)} queries in {query_library.default_query_dir()}")

    payload = [  # the files and example values only where printed
        {
            "name": q.name,
            "description": q.description,
            "parameters": [
                {"name": p.name, "example": p.example_value, "doc": p.doc} for p in q.parameters
            ],
            "file": str(q.path),
            "ladybug_file": str(q.ladybug_path) if q.ladybug_path else None,
        }
        for q in (library.values() if format is not Format.table else [])
    ]
    columns = ("name", "description", "parameters", "file", "ladybug_file")
    output(
        format, columns, [[q[c] for c in columns] for q in payload], json_value=payload, table=table
    )


ExportFormat = choices(  # export.FORMATS
    "ExportFormat", ("graphml", "gexf", "json", "cypher", "ftm", "csv")
)


@app.command("export")
@filter_options("label", "country", "dates", "certainty", "report")
def export_command(
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="graphml / gexf (Gephi, yEd, Cytoscape), json (node-link), cypher (a script "
            "for an empty Neo4j), ftm (FollowTheMoney JSON lines), csv (a folder for "
            "neo4j-admin database import).",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The file to write (a folder for csv; - for standard output)."
        ),
    ],
    filters: Filters = None,  # type: ignore[assignment]  # the filter options
) -> None:
    """Export the graph (or the part the filters keep) for Gephi, Neo4j, Aleph and others."""
    from graphkit.export import export_store

    with settings.store(read_only=True) as store:
        result = export_store(store, format.value, output, filters)
    say(err, f"{result.format}: {result.nodes} nodes, {result.edges} relationships")
    if str(output) != "-":
        say(out, str(result.path.resolve()))


def _redact(text: str) -> str:
    """``text`` without credentials (:func:`graphkit.redact.redact`): the password, and the
    Neo4j URIs the user gave, whatever they hold."""
    secrets = (os.environ.get("NEO4J_PASSWORD"), settings.neo4j, os.environ.get("NEO4J_URI"))
    return redact(text, secrets)


def _traceback(exc: BaseException, status: int) -> None:
    """--debug: the traceback, with credentials redacted like every other message."""
    sys.stderr.write(shown(_redact("".join(traceback.format_exception(exc))), multiline=True))
    sys.exit(status)


def run() -> None:
    """Console entry point: our errors become one line on stderr, never a traceback."""
    try:
        app()
    except GraphkitError as exc:
        status = 2 if isinstance(exc, UsageError) else 1
        if settings.debug:
            _traceback(exc, status)
        say(err, _redact(f"error: {exc}"))
        sys.exit(status)
    except KeyboardInterrupt:
        say(err, "interrupted")
        sys.exit(130)
    except Exception as exc:  # a bug of ours: still one line, with a way to see more
        if settings.debug:
            _traceback(exc, 2)
        message = f"internal error ({type(exc).__name__}: {exc}); rerun with --debug for details"
        say(err, _redact(f"error: {message}"))
        sys.exit(2)
