"""The named query library in ``cypher/queries/``: find, describe and resolve queries by name.

Each query is a file ``NAME.cypher`` (Neo4j's dialect, runs unchanged in Neo4j Browser and
cypher-shell) with an optional sibling ``NAME.ladybug.cypher`` where LadybugDB's dialect
differs. Every file starts with a header of ``//`` comments::

    // name: group_profile
    // description: A criminal group's profile: countries, crimes, operations, arrests.
    // param group = "'Ndrangheta" -- the group's key, name or descriptor (any case)
    // note: anything else worth knowing

``param NAME = EXAMPLE -- meaning`` gives each parameter with an example value written as
a Cypher literal (the same text ``:param NAME => EXAMPLE`` takes in Neo4j Browser). A
parameter whose example is ``null`` or whose meaning ends in "or null" is optional: ``graphkit
query`` passes null for it when it is not given. One whose meaning ends in ``(default
LITERAL)`` is optional too, and gets that value::

    // param limit = 20 -- how many pairs to return (default 20)
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphkit.errors import QueryError
from graphkit.resources import resource_dir

QUERY_DIR_ENV = "GRAPHKIT_QUERIES"
"""Environment variable naming another folder of queries (default: the repository's)."""

SUFFIX = ".cypher"
LADYBUG_SUFFIX = ".ladybug.cypher"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAM = re.compile(r"^param\s+([A-Za-z_]\w*)\s*=\s*(.+?)\s+--\s+(.+)$")
_DEFAULT = re.compile(r"\(default\s+(.+?)\)\s*$")
_NO_DEFAULT = object()


@dataclass(frozen=True)
class Parameter:
    name: str
    example: str
    """The example as a Cypher literal (``"Europol"``, ``20``, ``null``)."""
    doc: str

    @property
    def optional(self) -> bool:
        """Optional parameters have a null example, a meaning ending in "or null", or a
        default."""
        return (
            self.example == "null"
            or self.doc.rstrip(". ").endswith("or null")
            or self.default is not _NO_DEFAULT
        )

    @property
    def default(self) -> Any:
        """The value bound when the parameter is not given: the ``(default LITERAL)`` that
        ends its meaning, else null for an optional one (``_NO_DEFAULT``: required)."""
        match = _DEFAULT.search(self.doc)
        if match is None:
            return _NO_DEFAULT
        try:
            return json.loads(match.group(1))
        except json.JSONDecodeError:
            return match.group(1)

    @property
    def example_value(self) -> Any:
        """The example as a Python value (Cypher literals here are JSON literals)."""
        try:
            return json.loads(self.example)
        except json.JSONDecodeError:
            return self.example


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    path: Path
    """The Neo4j-dialect file, ``NAME.cypher``."""
    ladybug_path: Path | None = None
    """The LadybugDB sibling, where the dialects differ."""
    parameters: tuple[Parameter, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def path_for(self, store_kind: str) -> Path:
        """The file to run on a store of this kind (``embedded`` or ``neo4j``)."""
        if store_kind == "embedded" and self.ladybug_path is not None:
            return self.ladybug_path
        return self.path

    def text_for(self, store_kind: str) -> str:
        path = self.path_for(store_kind)
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{path}: cannot read: {exc.strerror or exc}") from None

    def examples(self) -> dict[str, Any]:
        """The header's example parameters, ready to pass to ``GraphStore.run``."""
        return {p.name: p.example_value for p in self.parameters}


@dataclass(frozen=True)
class Header:
    name: str | None
    description: str | None
    parameters: tuple[Parameter, ...]
    notes: tuple[str, ...]


def default_query_dir() -> Path:
    """``$GRAPHKIT_QUERIES``, else the repository's ``cypher/queries`` or a wheel's copy."""
    return resource_dir("cypher/queries", "queries", QUERY_DIR_ENV)


def parse_header(text: str) -> Header:
    """The leading ``//`` comment block of a query file."""
    name = description = None
    params: list[Parameter] = []
    notes: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line.startswith("//"):
            break
        body = line[2:].strip()
        if body.startswith("name:"):
            name = body[5:].strip()
        elif body.startswith("description:"):
            description = body[12:].strip()
        elif body.startswith("note:"):
            notes.append(body[5:].strip())
        elif body.startswith("param "):
            match = _PARAM.match(body)
            if match:
                params.append(Parameter(*match.groups()))
    return Header(name, description, tuple(params), tuple(notes))


def library(directory: str | os.PathLike[str] | None = None) -> dict[str, NamedQuery]:
    """Every named query in ``directory`` (default: :func:`default_query_dir`), by name."""
    folder = Path(directory) if directory is not None else default_query_dir()
    if not folder.is_dir():
        raise QueryError(f"no query library at {folder} (set {QUERY_DIR_ENV} to its folder)")
    queries: dict[str, NamedQuery] = {}
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        if path.name.endswith(LADYBUG_SUFFIX):
            continue
        name = path.name.removesuffix(SUFFIX)
        header = parse_header(path.read_text(encoding="utf-8"))
        sibling = folder / f"{name}{LADYBUG_SUFFIX}"
        queries[name] = NamedQuery(
            name=name,
            description=header.description or "",
            path=path,
            ladybug_path=sibling if sibling.is_file() else None,
            parameters=header.parameters,
            notes=header.notes,
        )
    return queries


def get(name: str, directory: str | os.PathLike[str] | None = None) -> NamedQuery:
    """The named query ``name``; a :class:`QueryError` naming the choices when unknown."""
    queries = library(directory)
    if name not in queries:
        raise QueryError(
            f"no query named {name!r}; choose one of: {', '.join(queries)} (see: graphkit queries)"
        )
    return queries[name]


def is_name(text: str) -> bool:
    """Whether ``text`` looks like a query name rather than Cypher or a path."""
    return bool(_NAME.match(text))


def lookup(text: str) -> NamedQuery | None:
    """The library query ``text`` refers to: its name (``group_profile``) or the path of its
    file (``cypher/queries/group_profile.cypher``); ``None`` for Cypher or another file.

    A bare name that is not in the library is an error naming the choices (it cannot be
    Cypher: every Cypher statement has a space).
    """
    folder = default_query_dir()
    if is_name(text) and not Path(text).is_file():
        return get(text, folder)
    path = Path(text)
    if path.name.endswith(SUFFIX) and not path.name.endswith(LADYBUG_SUFFIX):
        try:
            in_library = path.is_file() and path.resolve().parent == folder.resolve()
        except OSError:
            in_library = False
        if in_library:
            return get(path.name.removesuffix(SUFFIX), folder)
    return None


def prepare(
    text: str, store_kind: str, params: dict[str, Any]
) -> tuple[str, dict[str, Any]] | None:
    """``(cypher, params)`` to run library query ``text`` on a store of ``store_kind`` (its
    LadybugDB sibling on an embedded store, optional parameters bound to null); ``None``
    when ``text`` is not a library query."""
    query = lookup(text)
    if query is None:
        return None
    return query.text_for(store_kind), bind(query, params)


def dialect(text: str, store_kind: str) -> str | None:
    """The dialect ``text`` (a library query's name, a file or Cypher) is written in for a
    store of ``store_kind``: None for a LadybugDB sibling on the embedded store, or a file
    named ``*.ladybug.cypher`` (run as written), else ``"neo4j"`` (checked against the
    ontology, and translated on the embedded store)."""
    if text.endswith(LADYBUG_SUFFIX) and Path(text).is_file():
        return None  # a file written for LadybugDB (a sibling, or the user's own)
    query = lookup(text)
    if query is not None and query.path_for(store_kind) != query.path:
        return None
    return "neo4j"


def _like_example(value: Any, example: Any) -> Any:
    """``--param since=2015`` reads the year as a number; a parameter whose example is text
    (a date, a name) gets text, which both stores compare as the query expects."""
    if isinstance(example, str) and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


def bind(query: NamedQuery, given: dict[str, Any]) -> dict[str, Any]:
    """The parameters to run ``query`` with: ``given``, plus null for the optional ones
    (see :attr:`Parameter.optional`). A :class:`QueryError` names any other one missing, and
    any given parameter the query does not declare (a typo would otherwise be ignored)."""
    declared = [p.name for p in query.parameters]
    unknown = sorted(set(given) - set(declared))
    if unknown:
        takes = f"its parameters: {', '.join(declared)}" if declared else "it takes none"
        raise QueryError(f"{query.name} has no parameter {', '.join(unknown)} ({takes})")
    params = dict(given)
    missing = []
    for p in query.parameters:
        if p.name in params:
            params[p.name] = _like_example(params[p.name], p.example_value)
            continue
        if p.optional:
            params[p.name] = None if p.default is _NO_DEFAULT else p.default
        else:
            missing.append(f"--param {p.name}={p.example_value}")
    if missing:
        raise QueryError(f"{query.name} needs {' '.join(missing)} (values are examples)")
    return params
