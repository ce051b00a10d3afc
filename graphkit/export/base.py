"""What every export format shares: the exporter interface, the result, values in their
ontology type, and writing to standard output."""

from __future__ import annotations

import io
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, ClassVar, TypeVar

from graphkit import model
from graphkit.model import PropertyType
from graphkit.store.base import GraphData, relationship_reports

STDOUT = "-"
"""``-o -``: write a single-file format to standard output (e.g. piped into cypher-shell)."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    nodes: int
    edges: int
    files: tuple[Path, ...] = ()
    """For ``csv``: every file written into the folder."""


class Exporter:
    """One export format, one module: :func:`graphkit.export.export_graph` writes a graph
    with :meth:`write` (a file, or standard output) or, for a ``folder`` format, with
    :meth:`write_folder`."""

    format: ClassVar[str]
    binary: ClassVar[bool] = False
    """:meth:`write` takes a binary handle (else text, UTF-8)."""
    folder: ClassVar[bool] = False
    """The format is a folder of files (never standard output)."""

    def check(self) -> None:
        """Raise :class:`~graphkit.errors.ExportError` if this format cannot be written here
        (a missing optional package), before anything is written."""

    def write(self, graph: GraphData, handle: IO[Any]) -> Any:
        raise NotImplementedError

    def write_folder(self, graph: GraphData, folder: Path, protect: Iterable[Path]) -> list[Path]:
        raise NotImplementedError


T = TypeVar("T")


def stored_properties(graph: GraphData) -> dict[tuple[str, str], dict[str, Any]]:
    """Each node's properties as a store keeps them, for the formats that recreate a store
    (a Cypher script, neo4j-admin files): its ``reports`` less those that its exported
    relationships carry, as ``named_in`` (:data:`model.NAMED_IN_PROPERTY`), so that the
    store they make reads the same reports back."""
    carried = relationship_reports(graph.edges)
    stored = {}
    for node in graph.nodes:
        props = dict(node.properties)
        if model.REPORTS in props:
            reports = props.pop(model.REPORTS) or []
            props[model.NAMED_IN_PROPERTY.name] = sorted(set(reports) - carried.get(node.id, set()))
        stored[node.id] = props
    return stored


def grouped(items: Iterable[T], key: Callable[[T], str]) -> dict[str, list[T]]:
    """``items`` by ``key``, each group in the items' order."""
    groups: dict[str, list[T]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return groups


def _ontology_type(owner: str, name: str) -> PropertyType | None:
    if owner in model.NODE_TYPES:
        props = (*model.stored_node_properties(owner), model.REPORTS_PROPERTY)
    else:
        props = model.relationship_properties(owner)
    for prop in props:
        if prop.name == name:
            return prop.type
    return None


def typed(owner: str, name: str, value: Any) -> Any:
    """A value in its ontology type (a store may hand back 1200 for a DOUBLE)."""
    kind = _ontology_type(owner, name)
    if value is None or kind is None:
        return value
    if kind is PropertyType.FLOAT and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind is PropertyType.STRING_LIST:
        return sorted(str(v) for v in value)
    return value


def write_stdout(write: Callable[[IO[Any]], Any], *, binary: bool) -> None:
    """UTF-8 on standard output whatever the locale says, written in one piece."""
    if binary:
        buffer = io.BytesIO()
        write(buffer)
        data = buffer.getvalue()
    else:
        text = io.StringIO(newline="\n")
        write(text)
        data = text.getvalue().encode("utf-8")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
