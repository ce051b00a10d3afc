"""CSV for ``neo4j-admin database import full``: a folder with one ``LABEL.nodes.csv`` per
label, one ``TYPE.relationships.csv`` per type, and ``import.sh`` with the command."""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

from graphkit import model
from graphkit.errors import ExportError
from graphkit.export.base import Exporter, typed
from graphkit.filters import node_id
from graphkit.model import PropertyType
from graphkit.output import write_folder
from graphkit.store.base import GraphData, GraphEdge, GraphNode

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
    by_label: dict[str, list[GraphNode]] = defaultdict(list)
    for node in graph.nodes:
        by_label[node.label].append(node)
    for label in model.NODE_TYPES:
        if label not in by_label:
            continue
        spec = model.node_type(label)
        props = list(model.stored_node_properties(label))
        header = [":ID"] + [f"{p.name}{_CSV_TYPES[p.type]}" for p in props] + [":LABEL"]
        rows = []
        for node in by_label[label]:
            values = dict(node.properties, **{spec.key: node.key})
            rows.append(
                [node_id(label, node.key)]
                + [_csv_value(typed(label, p.name, values.get(p.name))) for p in props]
                + [label]
            )
        files[f"{label}.nodes.csv"] = _csv_file(header, rows)
    by_type: dict[str, list[GraphEdge]] = defaultdict(list)
    for edge in graph.edges:
        by_type[edge.type].append(edge)
    for rel_type in model.RELATIONSHIP_TYPES:
        if rel_type not in by_type:
            continue
        props = list(model.relationship_properties(rel_type))
        header = [":START_ID", ":END_ID"] + [f"{p.name}{_CSV_TYPES[p.type]}" for p in props]
        header.append(":TYPE")
        rows = [
            [node_id(*e.src), node_id(*e.dst)]
            + [_csv_value(typed(rel_type, p.name, e.properties.get(p.name))) for p in props]
            + [rel_type]
            for e in by_type[rel_type]
        ]
        files[f"{rel_type}.relationships.csv"] = _csv_file(header, rows)
    script = _import_script([Path(name) for name in files])
    files["import.sh"] = (lambda h: h.write(script), {"executable": True})
    return write_folder(folder, files, protect=protect, error=ExportError)


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
