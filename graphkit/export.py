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
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from graphkit import model, schema
from graphkit.errors import ExportError
from graphkit.model import PropertyType, allowed_label, allowed_type
from graphkit.output import write_file, write_folder
from graphkit.store.base import GraphData, GraphEdge, GraphNode, GraphStore

if TYPE_CHECKING:
    from graphkit.analytics import Filters

FORMATS: tuple[str, ...] = ("graphml", "gexf", "json", "cypher", "ftm", "csv")
CSV_ARRAY_DELIMITER = ";"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: str
    nodes: int
    edges: int
    files: tuple[Path, ...] = ()
    """For ``csv``: every file written into the folder."""


def node_id(label: str, key: str) -> str:
    return f"{label}:{key}"


def _ontology_type(owner: str, name: str) -> PropertyType | None:
    if owner in model.NODE_TYPES:
        props = model.stored_node_properties(owner)
    else:
        props = model.relationship_properties(owner)
    for prop in props:
        if prop.name == name:
            return prop.type
    return None


def _typed(owner: str, name: str, value: Any) -> Any:
    """A value in its ontology type (a store may hand back 1200 for a DOUBLE)."""
    kind = _ontology_type(owner, name)
    if value is None or kind is None:
        return value
    if kind is PropertyType.FLOAT and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind is PropertyType.STRING_LIST:
        return sorted(str(v) for v in value)
    return value


def _display_name(node: GraphNode) -> str:
    from graphkit.analytics import display_name

    return display_name(node)


# --------------------------------------------------------------------------------------
# networkx: GraphML, GEXF and node-link JSON
# --------------------------------------------------------------------------------------


def to_export_graph(graph: GraphData, *, xml: bool = True) -> Any:
    """The graph as a networkx ``MultiDiGraph`` with the attributes described above.

    With ``xml`` (GraphML, GEXF) lists become JSON strings and characters XML 1.0 cannot
    hold (control characters, lone surrogates) become U+FFFD; nulls are always left out.
    """
    import networkx as nx

    clean: Callable[[Any], Any] = _xml_value if xml else (lambda value: value)
    g = nx.MultiDiGraph(name="graphkit")
    for node in graph.nodes:
        spec = model.node_type(node.label)
        attrs: dict[str, Any] = {
            "label": _display_name(node),
            "node_label": node.label,
            "node_key": node.key,
        }
        for name, value in node.properties.items():
            value = _typed(node.label, name, value)
            if value is not None and name != spec.key:
                attrs[name] = value
        g.add_node(clean(node_id(node.label, node.key)), **{k: clean(x) for k, x in attrs.items()})
    seen: set[tuple[str, str, str]] = set()
    for edge in graph.edges:
        u, v = clean(node_id(*edge.src)), clean(node_id(*edge.dst))
        if u not in g or v not in g:
            continue
        key = f"{edge.type}@{edge.properties.get('report')}"
        n = 1
        while (u, v, key) in seen:  # same type, pair and report: not made by any store
            n += 1
            key = f"{edge.type}@{edge.properties.get('report')}#{n}"
        seen.add((u, v, key))
        attrs = {"label": edge.type, "rel_type": edge.type}
        for name, value in edge.properties.items():
            value = _typed(edge.type, name, value)
            if value is not None:
                attrs[name] = value
        g.add_edge(u, v, key=clean(key), **{k: clean(x) for k, x in attrs.items()})
    return g


_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _XML_INVALID.sub("\ufffd", text)


def _xml_value(value: Any) -> Any:
    if isinstance(value, list | tuple | dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return xml_text(value)
    return value


def write_graphml(graph: GraphData, handle: IO[bytes]) -> None:
    import networkx as nx

    nx.write_graphml(to_export_graph(graph), handle, encoding="utf-8", prettyprint=True)


def write_gexf(graph: GraphData, handle: IO[bytes]) -> None:
    import networkx as nx

    nx.write_gexf(to_export_graph(graph), handle, encoding="utf-8", prettyprint=True)


def node_link(graph: GraphData) -> dict[str, Any]:
    """Node-link data (``networkx.node_link_graph(data, edges="edges")`` reads it back)."""
    import networkx as nx

    return nx.node_link_data(to_export_graph(graph, xml=False), edges="edges")


def write_json(graph: GraphData, handle: IO[str]) -> None:
    json.dump(node_link(graph), handle, ensure_ascii=False, indent=1)
    handle.write("\n")


# --------------------------------------------------------------------------------------
# Cypher
# --------------------------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b"}
_ESCAPES["\f"] = "\\f"


def cypher_string(text: str) -> str:
    """``text`` as a single-quoted Cypher string literal.

    Backslash, quote, control characters, lone surrogates and line separators are escaped
    (``\\uXXXX`` for the rarer ones); everything else stays as it is, so the script is
    readable UTF-8 with one statement per line.
    """
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or 0xD800 <= ord(ch) < 0xE000:
            out.append(f"\\u{ord(ch):04x}")  # controls and lone surrogates
        elif ch in "\u2028\u2029":  # line separators some editors break lines at
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def cypher_literal(value: Any) -> str:
    """A Python value (str, int, float, bool, None, list, dict) as a Cypher literal."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(f"cannot write {value!r} as a Cypher literal")
        return repr(value)
    if isinstance(value, str):
        return cypher_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{_identifier(k)}: {cypher_literal(v)}" for k, v in value.items())
            + "}"
        )
    raise ExportError(f"cannot write a {type(value).__name__} as a Cypher literal")


def _identifier(name: str) -> str:
    if name.isidentifier() and name.isascii():
        return name
    return "`" + name.replace("`", "``") + "`"


def cypher_statements(graph: GraphData, batch: int = 200) -> Iterator[str]:
    """The statements of the script: schema, nodes (MERGE on the key, by label, in batches
    of ``batch`` rows), then relationships (MERGE per type, pair and report).

    Running the script twice changes nothing, as loading a report twice does not.
    """
    yield from schema.neo4j_ddl()
    by_label: dict[str, list[GraphNode]] = defaultdict(list)
    for node in graph.nodes:
        by_label[node.label].append(node)
    for label in model.NODE_TYPES:
        key = model.node_type(label).key
        rows = [
            {
                "k": n.key,
                "p": {
                    name: _typed(label, name, value)
                    for name, value in n.properties.items()
                    if value is not None and name != key
                },
            }
            for n in by_label.get(label, [])
        ]
        for chunk in _chunks(rows, batch):
            yield (
                f"UNWIND {cypher_literal(chunk)} AS row "
                f"MERGE (n:{allowed_label(label)} {{{key}: row.k}}) SET n += row.p"
            )
    by_pattern: dict[tuple[str, str, str], list[GraphEdge]] = defaultdict(list)
    for edge in graph.edges:
        by_pattern[(edge.type, edge.src[0], edge.dst[0])].append(edge)
    for (rel_type, src, dst), edges in sorted(by_pattern.items()):
        src_key, dst_key = model.node_type(src).key, model.node_type(dst).key
        rows = [
            {
                "a": e.src[1],
                "b": e.dst[1],
                "r": e.properties.get("report"),
                "p": {
                    name: _typed(rel_type, name, value)
                    for name, value in e.properties.items()
                    if value is not None and name != "report"
                },
            }
            for e in edges
        ]
        for chunk in _chunks(rows, batch):
            yield (
                f"UNWIND {cypher_literal(chunk)} AS row "
                f"MATCH (a:{allowed_label(src)} {{{src_key}: row.a}}) "
                f"MATCH (b:{allowed_label(dst)} {{{dst_key}: row.b}}) "
                f"MERGE (a)-[e:{allowed_type(rel_type)} {{report: row.r}}]->(b) SET e += row.p"
            )


def _chunks(rows: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def write_cypher(graph: GraphData, handle: IO[str]) -> None:
    handle.write(
        "// graphkit export: recreates the graph in an empty Neo4j 5 database.\n"
        "// Run: cypher-shell -a bolt://localhost:7687 -u neo4j -f graph.cypher\n"
        "// One statement per line; running it twice changes nothing.\n"
    )
    for statement in cypher_statements(graph):
        handle.write(statement + ";\n")


def script_statements(text: str) -> list[str]:
    """The statements of a script :func:`write_cypher` wrote (comments dropped)."""
    return [
        line.rstrip().removesuffix(";")
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("//")
    ]


# --------------------------------------------------------------------------------------
# CSV for neo4j-admin database import
# --------------------------------------------------------------------------------------

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
                + [_csv_value(_typed(label, p.name, values.get(p.name))) for p in props]
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
            + [_csv_value(_typed(rel_type, p.name, e.properties.get(p.name))) for p in props]
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


# --------------------------------------------------------------------------------------
# FollowTheMoney
# --------------------------------------------------------------------------------------

CRIME_TOPICS: dict[str, str] = {
    "drug_trafficking": "crime.traffick.drug",
    "drug_production": "crime.traffick.drug",
    "trafficking_in_human_beings": "crime.traffick.human",
    "migrant_smuggling": "crime.traffick.human",
    "sexual_exploitation": "crime.traffick.human",
    "money_laundering": "crime.fin",
    "fraud": "crime.fraud",
    "excise_fraud": "crime.fraud",
    "cybercrime": "crime.cyber",
    "firearms_trafficking": "crime.traffick",
    "counterfeiting": "crime.fraud",
    "corruption": "crime.fin",
    "property_crime": "crime.theft",
    "terrorism": "crime.terror",
    "environmental_crime": "crime.env",
}
"""graphkit's crime vocabulary as FollowTheMoney topics, where one fits (else just ``crime``)."""

AGENCY_TOPICS: dict[str, str] = {
    "police": "gov.security",
    "border": "gov.security",
    "customs": "gov.security",
    "military": "gov.security",
    "judicial": "gov.judicial",
    "tax": "gov.financial",
    "financial_intelligence": "gov.financial",
    "ministry": "gov.executive",
    "eu_agency": "gov.igo",
    "international": "gov.igo",
}


def _ftm_model() -> Any:
    try:
        from followthemoney import model as ftm_model
    except ImportError:
        raise ExportError(
            "the ftm format needs the followthemoney package: pip install 'graphkit[ftm]'"
        ) from None
    return ftm_model


def ftm_entities(graph: GraphData) -> Iterator[dict[str, Any]]:
    """The graph as FollowTheMoney entities (dicts), validated by followthemoney itself.

    - Agency, CriminalGroup: ``Organization`` (topics from the agency kind or the crimes;
      a group's countries are where it operated or was arrested);
    - Person: ``Person``; Operation: ``Event`` (countries, dates, seizures in the summary,
      the agencies and groups involved, the leading agencies as organizers);
    - Report: ``Article`` with its text; every node a report supports gets a
      ``Documentation`` linking the article to it (the provenance);
    - relationships between those entities (cooperation, participation, targeting,
      membership): ``UnknownLink`` / ``Membership`` with the evidence sentence as
      ``description`` and the article as ``proof``.
    Countries and seizures are not entities in FollowTheMoney: they become properties.
    """
    ftm = _ftm_model()
    nodes = {n.id: n for n in graph.nodes}
    ids: dict[tuple[str, str], str] = {}
    made: dict[tuple[str, str], Any] = {}

    def make(schema_name: str, *parts: str) -> Any:
        entity = ftm.make_entity(schema_name)
        entity.make_id("graphkit", *parts)
        return entity

    def ftm_countries(codes: Iterable[str]) -> list[str]:
        return [c.lower() for c in codes if c and c.upper() not in ("INT",)]

    countries_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    seizures_of: dict[tuple[str, str], list[str]] = defaultdict(list)
    for edge in graph.edges:
        if edge.dst[0] == "Country" and edge.type in ("OPERATED_IN", "CONDUCTED_IN", "ARRESTED_IN"):
            countries_of[edge.src].add(edge.dst[1])
        if edge.type == "SEIZED" and edge.dst in nodes:
            seizures_of[edge.src].append(_display_name(nodes[edge.dst]))

    for node in graph.nodes:
        p = node.properties
        entity = None
        if node.label == "Agency":
            entity = make("Organization", "agency", node.key)
            _put(entity, "name", p.get("name") or node.key)
            entity.add("country", ftm_countries([p.get("country") or ""]), quiet=True)
            entity.add("classification", p.get("kind"))
            entity.add("topics", AGENCY_TOPICS.get(p.get("kind") or ""), quiet=True)
        elif node.label == "CriminalGroup":
            entity = make("Organization", "group", node.key)
            _put(entity, "name", p.get("name") or p.get("descriptor") or node.key)
            _put(entity, "description", p.get("descriptor"))
            entity.add("country", ftm_countries(sorted(countries_of[node.id])), quiet=True)
            entity.add("topics", "crime")
            for crime in p.get("crimes") or []:
                entity.add("topics", CRIME_TOPICS.get(crime), quiet=True)
                entity.add("keywords", crime)
        elif node.label == "Person":
            entity = make("Person", "person", node.key)
            _put(entity, "name", p.get("name") or node.key)
            entity.add("nationality", ftm_countries([p.get("nationality") or ""]), quiet=True)
            entity.add("country", ftm_countries(sorted(countries_of[node.id])), quiet=True)
        elif node.label == "Operation":
            entity = make("Event", "operation", node.key)
            _put(entity, "name", _display_name(node))
            entity.add("startDate", _ftm_date(p.get("start_date")), quiet=True)
            entity.add("endDate", _ftm_date(p.get("end_date")), quiet=True)
            entity.add("country", ftm_countries(sorted(countries_of[node.id])), quiet=True)
            facts = [
                f"{p[k]} {k}" for k in ("arrests", "officers", "searches") if p.get(k) is not None
            ]
            seized = sorted(seizures_of[node.id])
            if seized:
                facts.append("seized: " + "; ".join(seized))
            _put(entity, "summary", ", ".join(facts) or None)
            for crime in p.get("crimes") or []:
                entity.add("topics", CRIME_TOPICS.get(crime), quiet=True)
                entity.add("keywords", crime)
        elif node.label == "Report":
            entity = make("Article", "report", node.key)
            _put(entity, "title", p.get("title") or node.key)
            _put(entity, "bodyText", p.get("text"))
            entity.add("publishedAt", _ftm_date(p.get("published")), quiet=True)
            source = p.get("source") or ""
            if source.startswith(("http://", "https://")):
                entity.add("sourceUrl", source)
            if not entity.get("sourceUrl"):  # a path, or a URL followthemoney refuses
                _put(entity, "fileName", source or None)
        if entity is not None:
            ids[node.id] = entity.id
            made[node.id] = entity

    # Events: who took part, who led, which group was targeted.
    for edge in graph.edges:
        if edge.type == "PARTICIPATED_IN" and edge.dst in made and edge.src in ids:
            made[edge.dst].add("involved", ids[edge.src])
            if edge.properties.get("role") == "led":
                made[edge.dst].add("organizer", ids[edge.src])
        elif edge.type == "TARGETED" and edge.src in made and edge.dst in ids:
            made[edge.src].add("involved", ids[edge.dst])

    for entity in made.values():
        yield _checked(entity)

    # Provenance: each report documents the nodes it supports.
    for node in graph.nodes:
        if node.label == "Report" or node.id not in ids:
            continue
        for report in node.properties.get("reports") or []:
            article = ids.get(("Report", report))
            if article is None:
                continue
            doc = make("Documentation", "documents", report, node.label, node.key)
            doc.add("document", article)
            doc.add("entity", ids[node.id])
            doc.add("role", "mentions")
            yield _checked(doc)

    # Relationships between entities, with their evidence.
    for edge in graph.edges:
        if edge.src not in ids or edge.dst not in ids or edge.type == "DESCRIBES":
            continue
        props = edge.properties
        report = str(props.get("report"))
        if edge.type == "MEMBER_OF":
            link = make("Membership", "link", edge.type, report, *edge.src, *edge.dst)
            link.add("member", ids[edge.src])
            link.add("organization", ids[edge.dst])
            link.add("role", "member")
        else:
            link = make("UnknownLink", "link", edge.type, report, *edge.src, *edge.dst)
            link.add("subject", ids[edge.src])
            link.add("object", ids[edge.dst])
            role = edge.type.lower().replace("_", " ")
            if props.get("role"):
                role += f" ({props['role']})"
            link.add("role", role)
        _put(link, "description", props.get("evidence"))
        link.add("status", props.get("certainty"))
        article = ids.get(("Report", report))
        if article is not None:
            link.add("proof", article)
        yield _checked(link)


ELLIPSIS = "\u2026"


def _put(entity: Any, name: str, value: str | None) -> None:
    """Add ``value`` as followthemoney cleans it, within the property's length limit.

    followthemoney refuses an entity with a longer value, and the export with it: a text
    (a report of over 65,000 characters) goes in pieces, in order, joined back by
    concatenation; a longer name or string (over 384 / 1,024 characters) is cut with "…"
    and kept whole in the entity's ``notes``.
    """
    if value is None:
        return
    prop = entity.schema.get(name)
    clean = prop.type.clean(value)
    if clean is None:
        return
    limit = prop.type.max_length
    if len(clean) <= limit:
        entity.add(prop, clean, cleaned=True)
    elif prop.type.name == "text":
        for start in range(0, len(clean), limit):
            entity.add(prop, clean[start : start + limit], cleaned=True)
    else:
        entity.add(prop, clean[: limit - 1].rstrip() + ELLIPSIS, cleaned=True)
        _put(entity, "notes", value)


def _ftm_date(value: Any) -> str | None:
    """A graphkit date (possibly partial) as FollowTheMoney takes it; year-less dates drop."""
    if not value or str(value).startswith("-"):
        return None
    return str(value)


def _checked(entity: Any) -> dict[str, Any]:
    """The entity as a dict, after followthemoney's own validation."""
    from followthemoney.exc import InvalidData

    data = entity.to_dict()
    try:
        entity.schema.validate(data)
    except InvalidData as exc:
        details = getattr(exc, "errors", None) or exc
        raise ExportError(
            f"followthemoney rejects {entity.schema.name} {entity.id}: {details}"
        ) from None
    return data


def write_ftm(graph: GraphData, handle: IO[str]) -> int:
    count = 0
    for entity in ftm_entities(graph):
        handle.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


# --------------------------------------------------------------------------------------
# Writing files
# --------------------------------------------------------------------------------------


def export_store(
    store: GraphStore,
    format: str,
    output: str | os.PathLike[str],
    filters: Filters | None = None,
) -> ExportResult:
    """Export what ``store`` holds, after ``filters`` (as ``view`` and ``analyze`` apply them);
    never into the store's own files."""
    from graphkit.analytics import Filters, filter_graph

    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if filters is not None and filters.labels is not None:
        unknown = sorted(set(filters.labels) - model.LABELS)
        if unknown:
            raise ExportError(
                f"unknown label {', '.join(unknown)}; choose from {', '.join(model.NODE_TYPES)}"
            )
    graph = filter_graph(store.read_graph(), filters or Filters())
    return export_graph(graph, format, output, protect=store.own_paths())


STDOUT = "-"
"""``-o -``: write a single-file format to standard output (e.g. piped into cypher-shell)."""


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
    if format not in FORMATS:
        raise ExportError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    to_stdout = str(output) == STDOUT
    path = Path(output).expanduser()
    edges = len(graph.edges)
    if format == "ftm":
        _ftm_model()  # fail before writing anything
    if format == "csv":
        if to_stdout:
            raise ExportError("csv writes a folder of files; give its name with -o")
        files = write_csv(graph, path, protect)
        return ExportResult(path, format, len(graph.nodes), edges, tuple(files))
    if not to_stdout and path.is_dir() and not path.is_symlink():
        raise ExportError(f"{path} is a folder; give a file name such as graph.{format}")
    try:
        writers: dict[str, tuple[Callable[[IO[Any]], Any], bool]] = {
            "graphml": (lambda h: write_graphml(graph, h), True),
            "gexf": (lambda h: write_gexf(graph, h), True),
            "json": (lambda h: write_json(graph, h), False),
            "cypher": (lambda h: write_cypher(graph, h), False),
            "ftm": (lambda h: write_ftm(graph, h), False),
        }
        write, binary = writers[format]
        if to_stdout:
            _write_stdout(write, binary=binary)
        else:
            write_file(path, write, binary=binary, protect=protect, error=ExportError)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
    return ExportResult(path, format, len(graph.nodes), edges)


def _write_stdout(write: Callable[[IO[Any]], Any], *, binary: bool) -> None:
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
