"""Exports, read back by the tools that consume them: networkx's GraphML / GEXF / node-link
readers, a real Neo4j running the Cypher script, the followthemoney library, and a CSV
reader checking the neo4j-admin import layout.

The source graph holds the seed facts, the factory reports and one hostile report
(quotes, backslashes, newlines, ``<script>``, ``]]>``, emoji, a vertical tab).
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from factories import EUROPOL, FactsBuilder, action_day, follow_up, mare_nostrum
from graphkit_cli import graphkit

from graphkit import export, model
from graphkit.analytics import Filters, display_name
from graphkit.load import read_facts
from graphkit.store.base import GraphData, GraphEdge, GraphNode, GraphStore
from graphkit.store.ladybug import LadybugStore

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "facts" / "seed.json"

HOSTILE_TEXT = (
    "Hostile \"report\" \\ it's <script>alert('x')</script> ]]> </graphml> & 🙂 naïve "
    "\u2028 tab\there \x0b vt. C:\\new\\table\n"
    'Second line: the "Crew" was active in Belgium.\n'
    "Third line: Europol's \\'analysts\\' helped."
)
HOSTILE_NAME = '"The" \\Crew\\ <b>bold</b> 🙂'


def hostile():
    b = FactsBuilder(
        HOSTILE_TEXT,
        "data/reports/hostile <é> \"'.txt",
        title='<b>Title</b> "q" \\ \'s 🙂 ]]>',
        published="2025-01-02",
    )
    crew = b.node(
        "CriminalGroup",
        "criminalgroup:hostile-crew",
        name=HOSTILE_NAME,
        descriptor="a crew\nwith a newline and a \x0b vertical tab",
        crimes=["fraud", "cybercrime"],
    )
    europol = b.agency(EUROPOL)
    op = b.node("Operation", b.scoped("operation", "main"), name="Op «Ω» 'x'", arrests=2)
    b.rel("DESCRIBES", ("Report", b.key), op, "Third line: Europol's \\'analysts\\' helped.")
    b.rel("OPERATED_IN", crew, b.country("BE"), 'Second line: the "Crew" was active in Belgium.')
    b.rel(
        "PARTICIPATED_IN",
        europol,
        op,
        "Third line: Europol's \\'analysts\\' helped.",
        role="supported",
    )
    b.rel("TARGETED", op, crew, HOSTILE_TEXT.splitlines()[0], certainty="alleged")
    return b.build()


def documents() -> list:
    return [read_facts(str(SEED)), action_day(), follow_up(), mare_nostrum(), hostile()]


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LadybugStore]:
    store = LadybugStore(tmp_path_factory.mktemp("export") / "db")
    for doc in documents():
        store.write(doc)
    yield store
    store.close()


@pytest.fixture(scope="module")
def graph(source: LadybugStore) -> GraphData:
    return source.read_graph()


def typed(owner: str, name: str, value: Any) -> Any:
    """What a reader should give back for a stored value (lists: JSON text, sorted)."""
    props = (
        model.read_node_properties(owner)
        if owner in model.NODE_TYPES
        else model.relationship_properties(owner)
    )
    kind = {p.name: p.type for p in props}[name]
    if kind is model.PropertyType.FLOAT:
        return float(value)
    if kind is model.PropertyType.STRING_LIST:
        return sorted(value)
    return value


def expected_node(node: GraphNode, *, xml: bool) -> dict[str, Any]:
    key = model.node_type(node.label).key
    attrs: dict[str, Any] = {
        "label": display_name(node),
        "node_label": node.label,
        "node_key": node.key,
    }
    for name, value in node.properties.items():
        if value is not None and name != key:
            attrs[name] = typed(node.label, name, value)
    return {k: _xml(v) for k, v in attrs.items()} if xml else attrs


def expected_edge(edge: GraphEdge, *, xml: bool) -> dict[str, Any]:
    attrs: dict[str, Any] = {"label": edge.type, "rel_type": edge.type}
    for name, value in edge.properties.items():
        if value is not None:
            attrs[name] = typed(edge.type, name, value)
    return {k: _xml(v) for k, v in attrs.items()} if xml else attrs


def _xml(value: Any) -> Any:
    if isinstance(value, list):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return export.xml_text(value)
    return value


def edge_multiset(edges: Any) -> list[str]:
    return sorted(json.dumps(e, sort_keys=True, ensure_ascii=False) for e in edges)


# --------------------------------------------------------------------------------------
# GraphML and GEXF
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_formats_round_trip_through_networkx(fmt: str, graph: GraphData, tmp_path: Path):
    path = tmp_path / f"graph.{fmt}"
    result = export.export_graph(graph, fmt, path)
    assert (result.nodes, result.edges) == (len(graph.nodes), len(graph.edges))
    read = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert read.is_multigraph() and read.is_directed()
    assert read.number_of_nodes() == len(graph.nodes)
    assert read.number_of_edges() == len(graph.edges)  # parallel edges, one per report, kept
    for node in graph.nodes:
        got = dict(read.nodes[export.xml_text(f"{node.label}:{node.key}")])
        got.pop("id", None)  # GEXF's reader may keep the XML id
        assert got == expected_node(node, xml=True), node.id
    got_edges = []
    for u, v, data in read.edges(data=True):
        data = {k: val for k, val in data.items() if k != "id"}
        got_edges.append({"u": u, "v": v, **data})
    want_edges = [
        {
            "u": export.xml_text(f"{e.src[0]}:{e.src[1]}"),
            "v": export.xml_text(f"{e.dst[0]}:{e.dst[1]}"),
            **expected_edge(e, xml=True),
        }
        for e in graph.edges
    ]
    assert edge_multiset(got_edges) == edge_multiset(want_edges)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_hostile_text_is_escaped_in_xml(fmt: str, graph: GraphData, tmp_path: Path) -> None:
    path = tmp_path / f"graph.{fmt}"
    export.export_graph(graph, fmt, path)
    raw = path.read_bytes()
    raw.decode("utf-8")  # UTF-8 throughout
    text = raw.decode("utf-8")
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;script&gt;" in text
    assert "]]>" not in text.replace("]]&gt;", "")  # no CDATA terminator smuggled in
    assert "\x0b" not in text
    read = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    crew = read.nodes["CriminalGroup:criminalgroup:hostile-crew"]
    assert crew["name"] == HOSTILE_NAME
    assert crew["descriptor"] == "a crew\nwith a newline and a \ufffd vertical tab"
    assert json.loads(crew["crimes"]) == ["cybercrime", "fraud"]
    report = read.nodes[f"Report:{hostile().report.key}"]
    assert report["text"] == HOSTILE_TEXT.replace("\x0b", "\ufffd")


# --------------------------------------------------------------------------------------
# node-link JSON
# --------------------------------------------------------------------------------------


def test_json_is_node_link_with_lists_kept(graph: GraphData, tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    export.export_graph(graph, "json", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["directed"] is True and data["multigraph"] is True
    read = nx.node_link_graph(data, edges="edges")
    assert read.number_of_nodes() == len(graph.nodes)
    assert read.number_of_edges() == len(graph.edges)
    for node in graph.nodes:
        assert read.nodes[f"{node.label}:{node.key}"] == expected_node(node, xml=False)
    got = [{"u": u, "v": v, **d} for u, v, d in read.edges(data=True)]
    want = [
        {
            "u": f"{e.src[0]}:{e.src[1]}",
            "v": f"{e.dst[0]}:{e.dst[1]}",
            **expected_edge(e, xml=False),
        }
        for e in graph.edges
    ]
    assert edge_multiset(got) == edge_multiset(want)
    assert read.nodes[f"Report:{hostile().report.key}"]["text"] == HOSTILE_TEXT


# --------------------------------------------------------------------------------------
# Cypher, run in the real Neo4j
# --------------------------------------------------------------------------------------


def test_cypher_literals_escape_what_cypher_needs() -> None:
    assert export.cypher_literal("it's") == "'it\\'s'"
    assert export.cypher_literal("a\\b") == "'a\\\\b'"
    assert export.cypher_literal("l1\nl2\r\t") == "'l1\\nl2\\r\\t'"
    assert export.cypher_literal("\x0b\u2028") == "'\\u000b\\u2028'"
    assert export.cypher_literal("\ud800") == "'\\ud800'"
    assert export.cypher_literal("🙂 é") == "'🙂 é'"
    assert export.cypher_literal([1, 2.5, None, True]) == "[1, 2.5, null, true]"
    assert export.cypher_literal({"a b": 1}) == "{`a b`: 1}"
    with pytest.raises(export.ExportError):
        export.cypher_literal(float("nan"))


@pytest.mark.neo4j
def test_cypher_script_recreates_the_graph_in_an_empty_neo4j(
    graph: GraphData, empty_neo4j, tmp_path: Path
) -> None:
    path = tmp_path / "graph.cypher"
    export.export_graph(graph, "cypher", path)
    text = path.read_text(encoding="utf-8")
    statements = export.script_statements(text)
    assert statements and all("\n" not in s for s in statements)
    with empty_neo4j.open() as neo4j:
        for _ in range(2):  # running the script twice changes nothing
            for statement in statements:
                neo4j.run(statement, write=True)
            assert neo4j.read_graph() == graph


# --------------------------------------------------------------------------------------
# FollowTheMoney
# --------------------------------------------------------------------------------------


def test_ftm_entities_are_valid_followthemoney(graph: GraphData, tmp_path: Path) -> None:
    from followthemoney import model as ftm

    path = tmp_path / "graph.ftm.jsonl"
    export.export_graph(graph, "ftm", path)
    lines = path.read_text(encoding="utf-8").splitlines()
    entities = [json.loads(line) for line in lines]
    by_id = {}
    for data in entities:
        schema = ftm.get(data["schema"])
        assert schema is not None
        schema.validate(data)  # raises on any invalid property value
        proxy = ftm.get_proxy(data)
        assert proxy.id == data["id"]
        by_id[data["id"]] = data
    assert len(by_id) == len(entities), "ids are unique"
    # every reference points at an entity in the file
    for data in entities:
        schema = ftm.get(data["schema"])
        for name, values in data["properties"].items():
            if schema.get(name).type.name == "entity":
                assert all(v in by_id for v in values), (data["schema"], name)

    def find(schema: str, **props: str) -> list[dict]:
        return [
            e
            for e in entities
            if e["schema"] == schema
            and all(v in e["properties"].get(k, []) for k, v in props.items())
        ]

    counts = {label: sum(n.label == label for n in graph.nodes) for label in model.NODE_TYPES}
    assert len([e for e in entities if e["schema"] == "Article"]) == counts["Report"]
    assert len([e for e in entities if e["schema"] == "Event"]) == counts["Operation"]
    assert len([e for e in entities if e["schema"] == "Person"]) == counts["Person"]
    organizations = [e for e in entities if e["schema"] == "Organization"]
    assert len(organizations) == counts["Agency"] + counts["CriminalGroup"]
    [europol] = find("Organization", name="Europol")
    assert europol["properties"]["country"] == ["eu"]
    assert "gov.igo" in europol["properties"]["topics"]
    [crew] = find("Organization", name=HOSTILE_NAME)
    assert set(crew["properties"]["topics"]) >= {"crime", "crime.fraud", "crime.cyber"}
    assert crew["properties"]["country"] == ["be"]
    [article] = find("Article", fileName="data/reports/hostile <é> \"'.txt")
    [body] = article["properties"]["bodyText"]
    assert "<script>alert('x')</script> ]]> </graphml> & 🙂" in body
    assert body.startswith('Hostile "report" \\ it\'s') and "C:\\new\\table" in body
    assert article["properties"]["publishedAt"] == ["2025-01-02"]
    assert find("Documentation", document=article["id"], entity=crew["id"])
    [member] = find("Membership")
    [kola] = find("Person", name="Dritan Kola")
    assert member["properties"]["member"] == [kola["id"]]
    assert member["properties"]["status"] == ["alleged"]
    targeted = [
        e for e in find("UnknownLink", object=crew["id"]) if e["properties"]["role"] == ["targeted"]
    ]
    assert targeted and targeted[0]["properties"]["proof"] == [article["id"]]
    seed_groups = [o for o in organizations if "crime.traffick.drug" in o["properties"]["topics"]]
    assert seed_groups


# --------------------------------------------------------------------------------------
# CSV for neo4j-admin import
# --------------------------------------------------------------------------------------

CSV_PARSE = {"long": int, "double": float, "string[]": lambda v: v.split(";")}


def test_csv_folder_has_the_neo4j_admin_layout(graph: GraphData, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    result = export.export_graph(graph, "csv", folder)
    names = {p.name for p in result.files}
    labels = {n.label for n in graph.nodes}
    types = {e.type for e in graph.edges}
    assert names == (
        {f"{label}.nodes.csv" for label in labels}
        | {f"{t}.relationships.csv" for t in types}
        | {"import.sh"}
    )
    script = (folder / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in script and "--multiline-fields=true" in script

    nodes: dict[tuple[str, str], dict[str, Any]] = {}
    ids: dict[str, tuple[str, str]] = {}
    for label in labels:
        with (folder / f"{label}.nodes.csv").open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header = rows[0]
        assert header[0] == ":ID" and header[-1] == ":LABEL"
        key = model.node_type(label).key
        for row in rows[1:]:
            assert row[-1] == label
            props = _csv_props(header[1:-1], row[1:-1])
            nodes[(label, props[key])] = props
            ids[row[0]] = (label, props[key])
    assert len(nodes) == len(graph.nodes)
    carried: dict[tuple[str, str], set[str]] = {}
    for e in graph.edges:
        for end in (e.src, e.dst):
            carried.setdefault(end, set()).add(e.properties["report"])
    for node in graph.nodes:
        # as a store keeps it: the reports that its relationships do not carry, as named_in
        stored = dict(node.properties)
        if "reports" in stored:
            rest = set(stored.pop("reports")) - carried.get(node.id, set())
            stored["named_in"] = sorted(rest)
        want = {k: typed(node.label, k, v) for k, v in stored.items() if v is not None and v != []}
        want[model.node_type(node.label).key] = node.key
        assert nodes[node.id] == want

    edges = []
    for rel_type in types:
        path = folder / f"{rel_type}.relationships.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header = rows[0]
        assert header[:2] == [":START_ID", ":END_ID"] and header[-1] == ":TYPE"
        for row in rows[1:]:
            assert row[-1] == rel_type
            props = _csv_props(header[2:-1], row[2:-1])
            edges.append({"t": rel_type, "a": ids[row[0]], "b": ids[row[1]], **props})
    want_edges = [
        {
            "t": e.type,
            "a": e.src,
            "b": e.dst,
            **{k: typed(e.type, k, v) for k, v in e.properties.items() if v is not None},
        }
        for e in graph.edges
    ]
    assert edge_multiset(edges) == edge_multiset(want_edges)


def _csv_props(header: list[str], row: list[str]) -> dict[str, Any]:
    props = {}
    for column, value in zip(header, row, strict=True):
        name, _, kind = column.partition(":")
        if value == "":
            continue
        props[name] = CSV_PARSE.get(kind, str)(value)
    return props


# --------------------------------------------------------------------------------------
# Filters, both stores, the command line
# --------------------------------------------------------------------------------------


def test_export_store_applies_the_view_filters(source: LadybugStore, tmp_path: Path) -> None:
    path = tmp_path / "agencies.json"
    result = export.export_store(source, "json", path, Filters(labels={"Agency"}))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert result.nodes == len(data["nodes"]) > 0
    assert {n["node_label"] for n in data["nodes"]} == {"Agency"}
    assert {e["rel_type"] for e in data["edges"]} == {"COOPERATED_WITH"}
    export.export_store(source, "json", path, Filters(certainty="reported"))
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["edges"] and all(e["certainty"] == "reported" for e in data["edges"])
    with pytest.raises(export.ExportError, match="unknown label 'Nope'"):
        export.export_store(source, "json", path, Filters(labels={"Nope"}))


def test_every_store_exports_the_same_file(store: GraphStore, tmp_path: Path) -> None:
    for doc in documents():
        store.write(doc)
    mine, theirs = tmp_path / "store.json", tmp_path / "reference.json"
    export.export_store(store, "json", mine)
    with LadybugStore(tmp_path / "reference") as reference:
        for doc in documents():
            reference.write(doc)
        export.export_store(reference, "json", theirs)
    assert mine.read_text(encoding="utf-8") == theirs.read_text(encoding="utf-8")


def test_graphkit_export_command(source: LadybugStore, tmp_path: Path) -> None:
    db = tmp_path / "db"
    with LadybugStore(db) as store:
        for doc in documents():
            store.write(doc)
    out = tmp_path / "out.graphml"
    result = graphkit("--db", str(db), "export", "-f", "graphml", "-o", str(out), "--country", "be")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out.resolve())
    read = nx.read_graphml(out)
    assert "Country:BE" in read and "Country:IT" not in read
    folder = tmp_path / "csv"
    result = graphkit("--db", str(db), "export", "--format", "csv", "-o", str(folder))
    assert result.returncode == 0, result.stderr
    assert (folder / "Agency.nodes.csv").is_file()
    bad = graphkit("--db", str(db), "export", "-f", "json", "-o", str(folder))
    assert bad.returncode != 0
    assert "is a folder" in bad.stderr and "Traceback" not in bad.stderr
    bad = graphkit("--db", str(db), "export", "-f", "xml", "-o", str(out))
    assert bad.returncode != 0
    piped = graphkit(  # a real process: the script on its standard output, piped
        "--db", str(db), "export", "-f", "cypher", "-o", "-", "--type", "Country", process=True
    )
    assert piped.returncode == 0, piped.stderr
    statements = export.script_statements(piped.stdout)
    assert statements[-1].startswith("UNWIND [{k: 'BE'")
    assert "cypher: " in piped.stderr
    no_csv = graphkit("--db", str(db), "export", "-f", "csv", "-o", "-")
    assert no_csv.returncode != 0 and "folder" in no_csv.stderr


BLOCK_FTM = """
import sys


class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "followthemoney":
            raise ImportError("followthemoney is not installed")


sys.meta_path.insert(0, Block())
from graphkit.export import ExportError, export_graph
from graphkit.store.base import GraphData

try:
    export_graph(GraphData(), "ftm", sys.argv[1])
except ExportError as exc:
    print(exc)
"""


def test_ftm_without_followthemoney_says_how_to_install_it(tmp_path: Path) -> None:
    target = tmp_path / "graph.ftm"
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_FTM, str(target)], capture_output=True, timeout=60
    )
    assert result.returncode == 0, result.stderr.decode()
    assert "pip install 'graphkit[ftm]'" in result.stdout.decode()
    assert not target.exists()
