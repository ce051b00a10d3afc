"""Exports for the tools analysts already use: Gephi, yEd, Cytoscape, Neo4j, Aleph.

``graphkit export --format FORMAT -o PATH`` writes what a store holds (after the same
filters as ``view``) in one of :data:`FORMATS`:

- ``graphml`` / ``gexf``: for Gephi, yEd and Cytoscape, written by networkx. Node ids are
  ``"Label:key"``; every node has ``label`` (a display name, what the tools show),
  ``node_label`` (its ontology label) and ``node_key``; every edge ``label`` and ``rel_type``
  (its type). Other attributes are the stored properties: lists as JSON strings (these
  formats hold only scalars), nulls left out. Parallel edges (one per report) are kept.
- ``json``: node-link JSON (networkx's ``node_link_data``, edges under ``"edges"``), with
  lists kept as lists.
- ``cypher``: a script that recreates the graph in an empty Neo4j (``cypher-shell -f``),
  one statement per line, every value a properly escaped literal.
- ``ftm``: FollowTheMoney entities as JSON lines for Aleph / OpenSanctions tooling (needs
  the optional ``followthemoney`` package: ``pip install 'graphkit[ftm]'``).
- ``csv``: a folder in the layout ``neo4j-admin database import full`` expects: one
  ``LABEL.nodes.csv`` per label, one ``TYPE.relationships.csv`` per type, and
  ``import.sh`` with the command.

Labels, types and property names come from the ontology only; values are data, written
by serialisers that escape them (XML, JSON, CSV) or by :func:`cypher_literal`.

One module per format (:mod:`graphkit.export.graphml`, ``gexf``, ``json``, ``cypher``,
``ftm``, ``csv``), each an :class:`~graphkit.export.base.Exporter`; files are written by
:mod:`graphkit.output` (all or nothing, never inside the database).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from graphkit.errors import ExportError
from graphkit.export.base import STDOUT, Exporter, ExportResult, write_stdout
from graphkit.export.csv import CSV_ARRAY_DELIMITER, CSVExporter, import_command, write_csv
from graphkit.export.cypher import CypherExporter, cypher_statements, write_cypher
from graphkit.export.ftm import AGENCY_TOPICS, CRIME_TOPICS, FTMExporter, ftm_entities, write_ftm
from graphkit.export.gexf import GEXFExporter, write_gexf
from graphkit.export.graphml import GraphMLExporter, to_export_graph, write_graphml, xml_text
from graphkit.export.json import JSONExporter, node_link, write_json
from graphkit.filters import Filters, check_labels, filter_graph, node_id
from graphkit.output import write_file
from graphkit.store.base import GraphData, GraphStore
from graphkit.store.script import cypher_literal, cypher_string, script_statements

__all__ = [
    "AGENCY_TOPICS",
    "CRIME_TOPICS",
    "CSV_ARRAY_DELIMITER",
    "EXPORTERS",
    "FORMATS",
    "STDOUT",
    "ExportError",
    "ExportResult",
    "Exporter",
    "cypher_literal",
    "cypher_statements",
    "cypher_string",
    "export_graph",
    "export_store",
    "ftm_entities",
    "import_command",
    "node_id",
    "node_link",
    "script_statements",
    "to_export_graph",
    "write_csv",
    "write_cypher",
    "write_ftm",
    "write_gexf",
    "write_graphml",
    "write_json",
    "xml_text",
]

EXPORTERS: dict[str, Exporter] = {
    exporter.format: exporter
    for exporter in (
        GraphMLExporter(),
        GEXFExporter(),
        JSONExporter(),
        CypherExporter(),
        FTMExporter(),
        CSVExporter(),
    )
}
FORMATS: tuple[str, ...] = tuple(EXPORTERS)


def export_store(
    store: GraphStore,
    format: str,
    output: str | os.PathLike[str],
    filters: Filters | None = None,
) -> ExportResult:
    """Export what ``store`` holds, after ``filters`` (as ``view`` and ``analyze`` apply them);
    never into the store's own files."""
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if filters is not None:
        check_labels(filters.labels, ExportError)
    graph = filter_graph(store.read_graph(), filters or Filters())
    return export_graph(graph, format, output, protect=store.own_paths())


def export_graph(
    graph: GraphData,
    format: str,
    output: str | os.PathLike[str],
    *,
    protect: Iterable[Path] = (),
) -> ExportResult:
    """Write ``graph`` to ``output`` in ``format`` (a new or empty folder for ``csv``; ``-``
    for standard output, except csv), as UTF-8, by :mod:`graphkit.output`'s rules: only a
    regular file is replaced, keeping its mode; nothing under ``protect`` is written."""
    exporter = EXPORTERS.get(format)
    if exporter is None:
        raise ExportError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    to_stdout = str(output) == STDOUT
    path = Path(output).expanduser()
    edges = len(graph.edges)
    exporter.check()  # fail before writing anything
    if exporter.folder:
        if to_stdout:
            raise ExportError(f"{format} writes a folder of files; give its name with -o")
        files = exporter.write_folder(graph, path, protect)
        return ExportResult(path, format, len(graph.nodes), edges, tuple(files))

    def write(handle: IO[Any]) -> Any:
        return exporter.write(graph, handle)

    try:
        if to_stdout:
            write_stdout(write, binary=exporter.binary)
        else:
            write_file(
                path,
                write,
                binary=exporter.binary,
                protect=protect,
                error=ExportError,
                example=f"graph.{format}",
            )
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return ExportResult(path, format, len(graph.nodes), edges)
