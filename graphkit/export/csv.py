"""CSV for ``neo4j-admin database import full``: a folder with one ``LABEL.nodes.csv`` per
label, one ``TYPE.relationships.csv`` per type, and ``import.sh`` with the command."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from graphkit import model
from graphkit.errors import ExportError
from graphkit.export.base import Exporter, grouped, stored_properties, typed
from graphkit.filters import node_id
from graphkit.model import Property, PropertyType
from graphkit.output import write_folder
from graphkit.store.base import GraphData

CSV_ARRAY_DELIMITER = ";"

_CSV_TYPES = {
    PropertyType.STRING: "",
    PropertyType.INT: ":long",
    PropertyType.FLOAT: ":double",
    PropertyType.STRING_LIST: ":string[]",
}


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        for item in value:
            if CSV_ARRAY_DELIMITER in str(item):
                raise ExportError(
                    f"list item {item!r} holds the array delimiter {CSV_ARRAY_DELIMITER!r}"
                )
        return CSV_ARRAY_DELIMITER.join(str(v) for v in value)
    return str(value)


def write_csv(graph: GraphData, folder: Path, protect: Iterable[Path] = ()) -> list[Path]:
    """One nodes file per label and one relationships file per type, plus ``import.sh``,
    in ``folder``, which must be new or empty (:func:`graphkit.output.write_folder`).

    Nodes have a global ``:ID`` (``Label:key``, not stored) and their key as a property;
    relationships refer to those ids with ``:START_ID`` / ``:END_ID``.
    """
    files: dict[str, tuple[Callable[[IO[Any]], Any], dict[str, Any]]] = {}
    stored = stored_properties(graph)
    by_label = grouped(graph.nodes, lambda node: node.label)
    for label in (label for label in model.NODE_TYPES if label in by_label):
        key = model.node_type(label).key
        files[f"{label}.nodes.csv"] = _table(
            label,
            model.stored_node_properties(label),
            [
                ([node_id(label, n.key)], dict(stored[n.id], **{key: n.key}))
                for n in by_label[label]
            ],
        )
    by_type = grouped(graph.edges, lambda edge: edge.type)
    for rel_type in (rel_type for rel_type in model.RELATIONSHIP_TYPES if rel_type in by_type):
        files[f"{rel_type}.relationships.csv"] = _table(
            rel_type,
            model.relationship_properties(rel_type),
            [([node_id(*e.src), node_id(*e.dst)], e.properties) for e in by_type[rel_type]],
        )
    script = _import_script([Path(name) for name in files])
    files["import.sh"] = (lambda h: h.write(script), {"executable": True})
    return write_folder(folder, files, protect=protect, error=ExportError)


def _table(
    owner: str,
    props: Iterable[Property],
    items: Iterable[tuple[list[str], Mapping[str, Any]]],
) -> tuple[Callable[[IO[Any]], Any], dict[str, Any]]:
    """The CSV file of one label or relationship type (``owner``): its id columns
    (``:ID``, or ``:START_ID`` and ``:END_ID``), a column per property, then ``:LABEL`` or
    ``:TYPE``; ``items`` are each row's ids and property values."""
    props = list(props)
    rows = [
        ids + [_csv_value(typed(owner, p.name, values.get(p.name))) for p in props] + [owner]
        for ids, values in items
    ]
    ids = [":ID"] if owner in model.NODE_TYPES else [":START_ID", ":END_ID"]
    kind = ":LABEL" if owner in model.NODE_TYPES else ":TYPE"
    return _csv_file([*ids, *(f"{p.name}{_CSV_TYPES[p.type]}" for p in props), kind], rows)


def _csv_file(
    header: list[str], rows: list[list[str]]
) -> tuple[Callable[[IO[Any]], Any], dict[str, Any]]:
    def write(handle: IO[str]) -> None:
        writer = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)

    return write, {"newline": ""}


def import_command(files: Iterable[Path], database: str = "neo4j") -> str:
    """The ``neo4j-admin`` command that imports the CSV files (paths relative to their folder)."""
    parts = ["neo4j-admin database import full"]
    for path in files:
        if path.name.endswith(".nodes.csv"):
            parts.append(f"--nodes={path.name}")
        elif path.name.endswith(".relationships.csv"):
            parts.append(f"--relationships={path.name}")
    parts += [
        "--id-type=string",
        f"--array-delimiter='{CSV_ARRAY_DELIMITER}'",
        "--multiline-fields=true",
        "--ignore-empty-strings=true",
        database,
    ]
    return " \\\n  ".join(parts)


def _import_script(files: list[Path]) -> str:
    return (
        "#!/bin/sh\n"
        "# Bulk-load these CSV files into a new, empty Neo4j database (the server stopped).\n"
        "# Afterwards create the constraints: graphkit schema --dialect neo4j | cypher-shell\n"
        'cd "$(dirname "$0")" || exit 1\n' + import_command(files, "${1:-neo4j}") + "\n"
    )


class CSVExporter(Exporter):
    format = "csv"
    folder = True

    def write_folder(self, graph: GraphData, folder: Path, protect: Iterable[Path]) -> list[Path]:
        return write_csv(graph, folder, protect)
