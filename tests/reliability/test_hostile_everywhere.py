"""Every free-text field hostile at once, through every view and export a browser or a tool
may open: nothing executes, nothing is fetched, and every value comes back as it went in.

The fields come from the ontology (:func:`hostile_docs.free_text_fields`): a new text
property of :mod:`graphkit.model` carries the payloads here without being listed, and the
per-output tables below (where a field is shown, where it goes in FollowTheMoney) make
the test fail until someone decides what that output does with it.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from factories import expected_graph
from hostile_docs import (
    BROWSER_PAYLOADS,
    CYPHER_PAYLOADS,
    MARKER_HOST,
    NUL,
    RESTRICTED_VALUES,
    TAGS,
    TERMINAL_PAYLOADS,
    every_field_document,
    free_text_fields,
    payload,
    write_json,
)
from reliability_cli import assert_ok, graphkit, open_for_reading, store_args

from graphkit import export, model
from graphkit.analytics import display_name
from graphkit.errors import FactsError
from graphkit.facts import FactsDocument
from graphkit.store.base import GraphData
from graphkit.store.ladybug import LadybugStore

TESTS = Path(__file__).resolve().parents[1]


def _view_browser() -> Any:
    """tests/view/view_browser.py (the one headless-Chromium driver), loaded by path."""
    if "view_browser" in sys.modules:
        return sys.modules["view_browser"]
    spec = importlib.util.spec_from_file_location(
        "view_browser", TESTS / "view" / "view_browser.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["view_browser"] = module
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------------------
# The document, and where each field's value sits in it
# --------------------------------------------------------------------------------------


def field_values(doc: FactsDocument) -> dict[tuple[str, str], list[str]]:
    """Every string the document holds, by (label or type, property)."""
    values: dict[tuple[str, str], list[str]] = {}

    def put(owner: str, name: str, value: Any) -> None:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                values.setdefault((owner, name), []).append(item)

    report = doc.report
    for name in model.NODE_TYPES["Report"].property_names:
        put("Report", name, getattr(report, name))
    for node in doc.nodes:
        put(node.label, model.node_type(node.label).key, node.key)
        for name, value in node.properties.items():
            put(node.label, name, value)
    for rel in doc.relationships:
        put(rel.type, "evidence", rel.evidence)
        put(rel.type, "certainty", rel.certainty)
        for name, value in rel.properties.items():
            put(rel.type, name, value)
    return values


def is_hostile(value: str) -> bool:
    return all(
        marker in value
        for marker in ("<script>", "</title>", "]]>", "</style>", "\u2028", NUL, "DETACH DELETE")
    )


@pytest.fixture(scope="module")
def doc() -> FactsDocument:
    return every_field_document()


@pytest.fixture(scope="module")
def values(doc: FactsDocument) -> dict[tuple[str, str], list[str]]:
    return field_values(doc)


@pytest.fixture(scope="module")
def loaded(doc: FactsDocument, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """An embedded store holding the document, loaded through the CLI."""
    folder = tmp_path_factory.mktemp("every-field")
    assert_ok(graphkit("load", str(write_json(doc, folder / "doc.json")), db=folder / "db"))
    return folder / "db"


@pytest.fixture(scope="module")
def graph(loaded: Path, doc: FactsDocument) -> GraphData:
    with LadybugStore(loaded, read_only=True) as store:
        graph = store.read_graph()
    assert graph == expected_graph([doc])  # stored literally: the reference for the outputs
    return graph


def test_every_free_text_field_of_the_ontology_is_hostile(values) -> None:
    fields = free_text_fields()
    assert ("Report", "text") in fields and ("Agency", "name") in fields  # the ontology's
    for field in fields:
        assert values.get(field), f"{field} carries no payload"
        assert all(is_hostile(v) for v in values[field]), field
    for prop_type in ("report", "evidence"):  # provenance: the report key and text slices
        assert ("DESCRIBES", prop_type) in fields or prop_type == "report"
    # the payload is what the brief lists: script, attribute and URL breakouts, template
    # injection, </title>, ]]>, </style>, line separators, NUL, Cypher quote breakouts
    sample = payload("x")
    for part in (*BROWSER_PAYLOADS, *CYPHER_PAYLOADS, *TERMINAL_PAYLOADS):
        assert part.replace("{n}", str(TAGS.index("x"))) in sample


@pytest.mark.parametrize("field", sorted(RESTRICTED_VALUES))
def test_restricted_fields_refuse_free_text(doc: FactsDocument, field: tuple[str, str]) -> None:
    """The fields left out of :func:`free_text_fields` really take no free text: a payload
    there is refused, so leaving them out hides nothing."""
    owner, name = field
    data = doc.to_dict()
    hostile = payload(f"{owner}.{name}")
    if owner == "Report":
        data["report"][name] = hostile
    elif owner in model.NODE_TYPES:
        node = next(n for n in data["nodes"] if n["label"] == owner)
        if name == model.node_type(owner).key:
            old = node["key"]
            node["key"] = hostile
            for rel in data["relationships"]:
                for end in (rel["from"], rel["to"]):
                    if end == {"label": owner, "key": old}:
                        end["key"] = hostile
        else:
            value = node["properties"][name]
            node["properties"][name] = [hostile] if isinstance(value, list) else hostile
    else:
        for rel in data["relationships"]:
            if owner in ("*", rel["type"]):
                if name in rel:
                    rel[name] = hostile
                else:
                    rel["properties"][name] = hostile
    with pytest.raises(FactsError):
        FactsDocument.from_dict(data)


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["reports"],
        ["analyze", "--top", "50"],
        ["analyze", "--measure", "community"],
        ["timeline"],
        ["disrupt", "--steps", "2"],
        ["queries"],
    ],
    ids=" ".join,
)
def test_every_table_shows_markup_and_escapes_literally(loaded: Path, command: list[str]) -> None:
    """Tables for people: a name holding ``[/]`` or an escape sequence is printed as text,
    never read as Rich markup (which failed with an internal error) or sent to the terminal."""
    result = graphkit(*command, db=loaded, env={"COLUMNS": "50000"})
    assert_ok(result)
    shown = result.stdout.decode("utf-8")
    assert "\x1b" not in shown  # no escape sequence reaches the terminal
    if command[0] in ("reports", "analyze", "timeline"):
        assert "[/] [bold red]rich markup[/bold red]" in shown, shown[:2000]


# --------------------------------------------------------------------------------------
# Stores, query and analyze output: exact, on both stores
# --------------------------------------------------------------------------------------


def _node_query(label: str) -> tuple[str, list[str]]:
    names = list(model.node_type(label).property_names)
    returns = ", ".join(f"n.{name} AS {name}" for name in names)
    return f"MATCH (n:{label}) RETURN {returns} ORDER BY n.{model.node_type(label).key}", names


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def test_query_and_analyze_output_round_trip_exactly(
    cli_store: dict, doc: FactsDocument, tmp_path: Path
) -> None:
    path = write_json(doc, tmp_path / "doc.json")
    assert_ok(graphkit("load", str(path), **store_args(cli_store)))
    with open_for_reading(cli_store) as store:
        graph = store.read_graph()
    assert graph == expected_graph([doc])
    nodes = {n.id: n for n in graph.nodes}

    for label in ("Report", "Agency"):  # the report's fields; an entity's key and names
        statement, names = _node_query(label)
        want = [
            [n.key if name == model.node_type(label).key else n.properties[name] for name in names]
            for n in sorted((n for n in graph.nodes if n.label == label), key=lambda n: n.key)
        ]
        as_json = graphkit("query", statement, "--format", "json", **store_args(cli_store))
        assert_ok(as_json)
        assert [[row[name] for name in names] for row in json.loads(as_json.stdout)] == want
        as_csv = graphkit("query", statement, "--format", "csv", **store_args(cli_store))
        assert_ok(as_csv)
        rows = list(csv.reader(io.StringIO(as_csv.stdout.decode("utf-8"), newline="")))
        assert rows == [names, *([_cell(v) for v in row] for row in want)]

    # the table for people: markup and escape sequences shown, not interpreted
    table = graphkit("query", statement, env={"COLUMNS": "50000"}, **store_args(cli_store))
    assert_ok(table)
    shown = table.stdout.decode("utf-8")
    assert "[/] [bold red]rich markup[/bold red]" in shown and "\\x1b[2J\\x1b]0" in shown
    assert "\x1b" not in shown and NUL not in shown and "\\x00" in shown

    evidence = graphkit(
        "query",
        "MATCH ()-[e]->() RETURN e.report AS report, e.evidence AS evidence ORDER BY evidence",
        "--format",
        "json",
        **store_args(cli_store),
    )
    assert_ok(evidence)
    assert json.loads(evidence.stdout) == sorted(
        ({"report": doc.report.key, "evidence": r.evidence} for r in doc.relationships),
        key=lambda r: r["evidence"],
    )

    analysis = graphkit(
        "analyze",
        "--top",
        "0",
        "--format",
        "json",
        "-m",
        "degree,community",
        **store_args(cli_store),
    )
    assert_ok(analysis)
    data = json.loads(analysis.stdout)
    rows = data["measures"]["degree"]
    assert len(rows) == len(graph.nodes)
    for row in rows:
        node = nodes[(row["label"], row["key"])]
        assert row["id"] == f"{node.label}:{node.key}" and row["name"] == display_name(node)
    members = {m for c in data["communities"] for m in c["members"]}
    assert members and members <= {display_name(n) for n in graph.nodes}
    as_csv = graphkit(
        "analyze", "--top", "0", "--format", "csv", "-m", "degree", **store_args(cli_store)
    )
    assert_ok(as_csv)
    rows = list(csv.reader(io.StringIO(as_csv.stdout.decode("utf-8"), newline="")))
    assert rows[0] == ["measure", "rank", "id", "label", "key", "name", "value"]
    got = {(r[3], r[4]): (r[2], r[5]) for r in rows[1:]}
    assert got == {n.id: (f"{n.label}:{n.key}", display_name(n)) for n in graph.nodes}


# --------------------------------------------------------------------------------------
# The view, in the real headless Chromium
# --------------------------------------------------------------------------------------

NOT_IN_VIEW: dict[tuple[str, str], str] = {
    ("Report", "text"): "the view quotes the evidence sentences, not whole reports",
}
"""Free-text fields a view does not show (every other one must appear, literally)."""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    view_browser = _view_browser()
    if not view_browser.available():  # a failure, not a skip, as in tests/view
        pytest.fail("headless Chromium missing: run `make browser`")
    chromium = view_browser.Browser()
    try:
        yield chromium
    finally:
        chromium.close()


PAGE_TEXT = """
var v = window.graphkitView;
var parts = [document.body.textContent];
v.nodes.forEach(function (n) { parts.push(n.title.textContent); });
v.edges.forEach(function (e) { parts.push(e.title.textContent); });
document.querySelectorAll('#gk-names option').forEach(function (o) { parts.push(o.value); });
return parts.join('\\n');
"""

INJECTED = """
var handlers = Array.from(document.querySelectorAll('*')).filter(function (el) {
  return Array.from(el.attributes).some(function (a) {
    return a.name.indexOf('on') === 0 ||
      (/^(href|src|action|formaction|xlink:href)$/.test(a.name) && /javascript:/i.test(a.value));
  });
}).length;
return {
  pwned: typeof window.__pwned,
  title: document.title,
  scripts: document.querySelectorAll('script').length,
  styles: document.querySelectorAll('style, link').length,
  foreign: document.querySelectorAll('img, iframe, object, embed, a, x, svg:not([aria-hidden])')
    .length,
  handlers: handlers,
  errors: window.graphkitView.errors
};
"""


def assert_nothing_ran(browser: Any, log: Any) -> None:
    assert log.outside == [], f"requests left file://: {log.outside[:3]}"
    assert not [url for url in log.requests if MARKER_HOST in url]
    assert log.errors == [], f"{len(log.errors)} console errors: {log.errors[:2]}"
    state = browser.js(INJECTED)
    assert state == {
        "pwned": "undefined",
        "title": "graphkit view",
        "scripts": 3,
        "styles": 2,
        "foreign": 0,
        "handlers": 0,
        "errors": [],
    }, state


def test_view_runs_nothing_and_shows_every_field_literally(
    browser: Any, loaded: Path, graph: GraphData, values, tmp_path: Path
) -> None:
    out = tmp_path / "view.html"
    result = graphkit("view", "-o", str(out), db=loaded)
    assert_ok(result)
    log = browser.open(out)
    assert_nothing_ran(browser, log)
    shown = browser.js(PAGE_TEXT)
    where = {field for field in free_text_fields() if all(v in shown for v in values[field])}
    assert where == set(free_text_fields()) - set(NOT_IN_VIEW)
    # every node is found by its name, and its details show the name as text
    for node in graph.nodes:
        name = display_name(node)
        found = browser.js("return window.graphkitView.search(arguments[0])", name)
        assert found == f"{node.label}:{node.key}", name
        title = browser.js("return document.querySelector('#gk-details .gk-tip-title').textContent")
        assert title == name
    time.sleep(0.3)  # let anything a search might have triggered happen
    assert_nothing_ran(browser, browser.more_log())

    # the same page inline in a notebook (an iframe's srcdoc)
    from graphkit.view import view_store

    with LadybugStore(loaded, read_only=True) as store:
        view = view_store(store)
    host = tmp_path / "notebook.html"
    host.write_text(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>notebook</title></head>"
        f"<body>{view._repr_html_()}</body></html>",
        encoding="utf-8",
    )
    browser.open(host, wait_stabilized=False)
    assert browser.js("return document.querySelectorAll('iframe, script, img').length") == 1
    browser.driver.switch_to.frame(browser.driver.find_element("tag name", "iframe"))
    try:
        browser.wait_for("return !!(window.graphkitView && window.graphkitView.stabilized)", 60)
        assert_nothing_ran(browser, browser.more_log())
        assert all(v in browser.js(PAGE_TEXT) for v in values[("Agency", "name")])
    finally:
        browser.driver.switch_to.default_content()
    assert browser.js("return document.title") == "notebook"


# --------------------------------------------------------------------------------------
# Exports
# --------------------------------------------------------------------------------------


def graph_strings(graph: GraphData) -> dict[tuple[str, str], list[str]]:
    """The strings a graph holds, by (label or type, property), keys included; lists as JSON
    under ``property[]``."""
    found: dict[tuple[str, str], list[str]] = {}
    for node in graph.nodes:
        key = model.node_type(node.label).key
        found.setdefault((node.label, key), []).append(node.key)
        for name, value in node.properties.items():
            if isinstance(value, str):
                found.setdefault((node.label, name), []).append(value)
            elif isinstance(value, list):  # lists travel as JSON in XML: escapes kept
                found.setdefault((node.label, name + "[]"), []).append(json.dumps(value))
    for edge in graph.edges:
        for name, value in edge.properties.items():
            if isinstance(value, str):
                found.setdefault((edge.type, name), []).append(value)
    return {k: sorted(v) for k, v in found.items()}


def assert_same_strings(got: GraphData, want: GraphData, change=lambda s: s) -> None:
    """Every free-text field of ``want`` is in ``got`` as ``change(value)``, nothing more."""
    have, expected = graph_strings(got), graph_strings(want)
    for field in free_text_fields():
        if field[1] == "evidence" or field[0] in model.NODE_TYPES:
            assert field in expected, field
            assert have.get(field) == sorted(change(v) for v in expected[field]), field
    assert have == {
        k: vs if k[1].endswith("[]") else sorted(change(v) for v in vs)
        for k, vs in expected.items()
    }


def from_networkx(g: Any) -> GraphData:
    """A GraphData from an exported graph read back by networkx (lists from JSON strings)."""
    from graphkit.store.base import GraphEdge, GraphNode

    def plain(owner: str, name: str, value: Any) -> Any:
        prop = next(
            (
                p
                for p in (
                    model.read_node_properties(owner)
                    if owner in model.NODE_TYPES
                    else model.relationship_properties(owner)
                )
                if p.name == name
            ),
            None,
        )
        if prop is not None and prop.type is model.PropertyType.STRING_LIST:
            return json.loads(value) if isinstance(value, str) else value
        return value

    nodes = {}
    for nid, attrs in g.nodes(data=True):
        label, key = attrs["node_label"], attrs["node_key"]
        assert nid == f"{label}:{key}"
        props = {
            k: plain(label, k, v)
            for k, v in attrs.items()
            if k not in ("label", "node_label", "node_key", "id")
        }
        nodes[nid] = GraphNode(label, key, props)
    edges = []
    for u, v, attrs in g.edges(data=True):
        rel_type = attrs["rel_type"]
        props = {
            k: plain(rel_type, k, x)
            for k, x in attrs.items()
            if k not in ("label", "rel_type", "id", "key")
        }
        edges.append(GraphEdge(rel_type, nodes[u].id, nodes[v].id, props))
    return GraphData(list(nodes.values()), edges)


def without_nulls(graph: GraphData) -> GraphData:
    from graphkit.store.base import GraphEdge, GraphNode

    return GraphData(
        [
            GraphNode(n.label, n.key, {k: v for k, v in n.properties.items() if v is not None})
            for n in graph.nodes
        ],
        [
            GraphEdge(
                e.type, e.src, e.dst, {k: v for k, v in e.properties.items() if v is not None}
            )
            for e in graph.edges
        ],
    )


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_are_well_formed_and_exact(fmt: str, graph: GraphData, tmp_path: Path) -> None:
    path = tmp_path / f"graph.{fmt}"
    export.export_graph(graph, fmt, path)
    root = ET.parse(path).getroot()  # well-formed XML 1.0
    tags = {el.tag.rsplit("}", 1)[-1] for el in root.iter()}
    assert not tags & {"script", "img", "svg", "style", "title", "a", "x"}, tags
    read = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert read.number_of_nodes() == len(graph.nodes)
    assert read.number_of_edges() == len(graph.edges)
    # exact but for the documented replacement: XML 1.0 cannot hold NUL (nor C0 controls)
    assert_same_strings(from_networkx(read), graph, export.xml_text)
    assert all("\ufffd" in v for vs in graph_strings(from_networkx(read)).values() for v in vs
               if v.startswith(("=", "+", "-", "@")) and "<script>" in v)  # fmt: skip


def test_json_export_round_trips_exactly(graph: GraphData, tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    export.export_graph(graph, "json", path)
    read = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    got = from_networkx(read)
    assert_same_strings(got, graph)
    assert sorted(got.nodes, key=lambda n: n.id) == without_nulls(graph).sorted().nodes


def test_csv_export_round_trips_exactly_formulas_included(graph: GraphData, tmp_path: Path) -> None:
    """Values starting with = + - @ stay as they are: neo4j-admin needs the exact data (see
    the README on opening these files in a spreadsheet)."""
    from graphkit.store.base import GraphEdge, GraphNode

    folder = tmp_path / "csv"
    export.export_graph(graph, "csv", folder)
    nodes, ids, edges = [], {}, []
    parse = {"long": int, "double": float, "string[]": lambda v: v.split(";")}

    def props(header: list[str], row: list[str]) -> dict[str, Any]:
        out = {}
        for column, value in zip(header, row, strict=True):
            name, _, kind = column.partition(":")
            out[name] = parse.get(kind, str)(value) if value != "" else None
        return out

    for label in {n.label for n in graph.nodes}:
        with (folder / f"{label}.nodes.csv").open(encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        key = model.node_type(label).key
        for row in rows:
            p = props(header[1:-1], row[1:-1])
            k = p.pop(key)
            ids[row[0]] = (label, k)
            nodes.append(GraphNode(label, k, p))
    for rel_type in {e.type for e in graph.edges}:
        with (folder / f"{rel_type}.relationships.csv").open(encoding="utf-8", newline="") as f:
            header, *rows = list(csv.reader(f))
        for row in rows:
            edges.append(
                GraphEdge(rel_type, ids[row[0]], ids[row[1]], props(header[2:-1], row[2:-1]))
            )
    carried: dict[tuple[str, str], set[str]] = {}
    for e in edges:
        for end in (e.src, e.dst):
            carried.setdefault(end, set()).add(e.properties["report"])
    for n in nodes:  # a store reads a node's reports as its named_in and its relationships'
        if n.label != "Report":
            named = n.properties.pop("named_in") or []
            n.properties["reports"] = sorted(set(named) | carried.get(n.id, set()))
    got = GraphData(nodes, edges)
    assert_same_strings(got, graph)
    starts = {v[0] for vs in graph_strings(got).values() for v in vs}
    assert {"=", "+", "-", "@"} <= starts  # formula-like values kept, not prefixed


@pytest.mark.neo4j
def test_cypher_export_replays_exactly_in_neo4j(graph: GraphData, empty_neo4j, tmp_path: Path):
    path = tmp_path / "graph.cypher"
    export.export_graph(graph, "cypher", path)
    statements = export.script_statements(path.read_text(encoding="utf-8"))
    with empty_neo4j.open() as neo4j:
        for statement in statements:
            neo4j.run(statement, write=True)
        assert neo4j.read_graph() == graph
        labels = neo4j.run("CALL db.labels() YIELD label RETURN label ORDER BY label").rows
        assert [row[0] for row in labels] == sorted({n.label for n in graph.nodes})
        assert neo4j.run("MATCH (n) RETURN count(n)").rows == [[len(graph.nodes)]]


FTM_FIELDS: dict[tuple[str, str], tuple[str, str] | None] = {
    ("Report", "title"): ("Article", "title"),
    ("Report", "text"): ("Article", "bodyText"),
    ("Report", "source"): ("Article", "fileName"),
    ("Agency", "name"): ("Organization", "name"),
    ("CriminalGroup", "name"): ("Organization", "name"),
    ("CriminalGroup", "descriptor"): ("Organization", "description"),
    ("Person", "name"): ("Person", "name"),
    ("Operation", "name"): ("Event", "name"),
    ("Seizure", "item"): ("Event", "summary"),
    ("Seizure", "unit"): ("Event", "summary"),
    **{(t, "evidence"): ("UnknownLink", "description") for t in model.RELATIONSHIP_TYPES},
    ("MEMBER_OF", "evidence"): ("Membership", "description"),
    ("DESCRIBES", "evidence"): None,  # a report describing an operation: the Article itself
    **{  # countries and seizures are properties of the entities, not entities to link
        (t, "evidence"): None
        for t in ("OPERATED_IN", "CONDUCTED_IN", "ARRESTED_IN", "BASED_IN", "SEIZED")
    },
    ("Agency", "country"): None,  # countries: FollowTheMoney takes ISO codes only
    ("Country", "name"): None,  # countries are properties, not entities
    **{(label, model.node_type(label).key): None for label in model.NODE_TYPES},  # ids: hashed
}
"""Where each free-text field goes in the FollowTheMoney export (None: nowhere, why noted)."""


def test_ftm_export_keeps_every_value_followthemoney_can_hold(
    graph: GraphData, values, tmp_path: Path
) -> None:
    from followthemoney import model as ftm
    from followthemoney.types import registry

    assert set(FTM_FIELDS) >= set(free_text_fields()), set(free_text_fields()) - set(FTM_FIELDS)
    path = tmp_path / "graph.ftm.jsonl"
    export.export_graph(graph, "ftm", path)
    entities = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    by_prop: dict[tuple[str, str], list[str]] = {}
    for entity in entities:
        ftm.get(entity["schema"]).validate(entity)
        for name, items in entity["properties"].items():
            by_prop.setdefault((entity["schema"], name), []).extend(items)
    for field in free_text_fields():
        target = FTM_FIELDS[field]
        if target is None:
            continue
        prop = ftm.get(target[0]).get(target[1])
        texts = by_prop.get(target, [])
        joined = "".join(texts)  # long texts travel in pieces, in order
        notes = "".join(by_prop.get((target[0], "notes"), []))
        wanted = values[field]
        if field[0] == "Seizure":  # in the summary of the operation that seized it
            wanted = [
                node.properties[field[1]]
                for node in graph.nodes
                if any(e.type == "SEIZED" and e.dst == node.id for e in graph.edges)
            ]
        for value in wanted:
            # followthemoney's own cleaning (control characters out, spaces in names
            # squashed) is all that changes; a value over the property's limit is cut with
            # "…" there, and kept whole in the notes
            clean = prop.type.clean(value)
            assert clean and "<script>" in clean and "DETACH DELETE" in clean
            if len(clean) <= prop.type.max_length or prop.type.name == "text":
                assert clean in joined, (field, clean[:60])
            else:
                assert clean[: prop.type.max_length - 1].rstrip() + "\u2026" in texts
                assert registry.text.clean(value) in notes, (field, clean[:60])


def test_ftm_export_takes_a_long_report(tmp_path: Path) -> None:
    """followthemoney holds at most 65,000 characters per text value: a longer report goes in
    pieces (it used to fail the whole export)."""
    from graphkit.store.base import GraphNode

    text = "".join(f"Sentence {i} of a long report, with <b>markup</b>.\n" for i in range(2000))
    assert len(text) > 65_000
    graph = GraphData([GraphNode("Report", "report:long", {"title": "Long", "text": text})], [])
    path = tmp_path / "long.ftm.jsonl"
    export.export_graph(graph, "ftm", path)
    [article] = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    pieces = article["properties"]["bodyText"]
    assert len(pieces) == 2 and "".join(pieces) == text.strip()
