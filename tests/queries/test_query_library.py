"""The named Cypher library (cypher/queries/): every query, on both stores, the same rows.

The same data goes into an embedded store and the session's Neo4j: the hand-checked seed
facts and the three factory reports (one with quotes, backslashes and ``<script>``).
Each query runs on both with the same parameters; the rows must be equal, in order
(every query has an ORDER BY). Some answers are also checked against the facts.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from factories import (
    A_JIT,
    BELGIAN_POLICE,
    CARABINIERI,
    EUROPOL,
    F_SUSPECT,
    FactsBuilder,
    action_day,
    follow_up,
    mare_nostrum,
)
from graphkit_cli import graphkit
from many_reports import small_report

from graphkit import model, queries
from graphkit.errors import QueryError
from graphkit.load import read_facts
from graphkit.store.base import GraphStore
from graphkit.store.ladybug import LadybugStore

GROUP = next(n.key for n in follow_up().nodes if n.label == "CriminalGroup")
ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "data" / "facts" / "seed.json"
LIBRARY = ROOT / "cypher" / "queries"

EXPECTED_QUERIES = {
    "connections",
    "cooperating_agencies",
    "groups_by_country",
    "arrests_by_country_year",
    "operations_timeline",
    "seizures_by_item_country",
    "agency_operations",
    "group_profile",
    "relationship_evidence",
    "reports_mentioning",
    "alleged_vs_reported",
    "alleged_facts",
}

# Parameters per query, beyond each header's own example.
CASES: dict[str, list[dict[str, Any]]] = {
    "connections": [
        {"source": "Europol", "target": "IT"},
        {"source": "Dritan Kola", "target": "arma dei carabinieri"},
        {"source": "Europol", "target": "no such entity"},
        {"source": "Europol", "target": "IT", "through_countries": True},
        {"source": "Dritan Kola", "target": "BE", "through_countries": False},
    ],
    "cooperating_agencies": [{"limit": 5}, {"limit": 1000}],
    "groups_by_country": [{"country": None}, {"country": "be"}],
    "arrests_by_country_year": [{}],
    "operations_timeline": [
        {"since": None, "until": None},
        {"since": "2024", "until": None},
        {"since": None, "until": "2023"},
        {"since": "2024-03", "until": "2024-05"},
    ],
    "seizures_by_item_country": [{"item": None}, {"item": "CASH"}],
    "agency_operations": [{"agency": "Europol"}, {"agency": "belgian federal police"}],
    "group_profile": [
        {"name": "'Ndrangheta"},
        {"name": "an Albanian-speaking network"},
        {"name": "Albanian-speaking network"},
    ],
    "relationship_evidence": [
        {"source": "Europol", "target": "Belgian Federal Police", "type": None},
        {"source": CARABINIERI, "target": "IT", "type": "BASED_IN"},
        {"source": "Dritan Kola", "target": GROUP, "type": None},
    ],
    "reports_mentioning": [{"entity": "Europol"}, {"entity": "BE"}, {"entity": "Dritan Kola"}],
    "alleged_vs_reported": [{"report": None}, {"report": "report:none"}],
    "alleged_facts": [{"type": None}, {"type": "MEMBER_OF"}],
}


def documents() -> list:
    return [read_facts(str(SEED)), action_day(), follow_up(), mare_nostrum()]


def fill(store: GraphStore) -> GraphStore:
    for doc in documents():
        store.write(doc)
    return store


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LadybugStore]:
    store = LadybugStore(tmp_path_factory.mktemp("queries") / "db")
    fill(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def neo4j(neo4j_target) -> Iterator[GraphStore]:
    store = neo4j_target.open()
    store.run("MATCH (n) DETACH DELETE n", write=True)
    fill(store)
    yield store
    store.close()


@pytest.fixture
def loaded(request: pytest.FixtureRequest, store: GraphStore) -> GraphStore:
    """The ``store`` fixture (each backend in turn), filled with the same documents."""
    return fill(store)


def run(store: GraphStore, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    query = queries.get(name)
    return store.run(query.text_for(store.kind), queries.bind(query, params)).records()


def all_cases() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for name, query in queries.library(LIBRARY).items():
        cases.append((name, query.examples()))
        cases += [(name, params) for params in CASES.get(name, [])]
    return cases


# --------------------------------------------------------------------------------------
# The library itself
# --------------------------------------------------------------------------------------


def test_the_library_has_every_query_the_issue_asks_for() -> None:
    assert set(queries.library(LIBRARY)) == EXPECTED_QUERIES


@pytest.mark.parametrize("path", sorted(LIBRARY.glob("*.cypher")), ids=lambda p: p.name)
def test_every_file_has_a_complete_header(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    header = queries.parse_header(text)
    name = path.name.removesuffix(".ladybug.cypher").removesuffix(".cypher")
    assert header.name == name
    assert header.description and len(header.description) > 20
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    used = set(re.findall(r"\$([A-Za-z_]\w*)", body))
    assert {p.name for p in header.parameters} == used, "declared parameters = used parameters"
    for param in header.parameters:
        assert param.doc and param.example
        json.loads(param.example)  # a literal that works in :param and in JSON
    if not path.name.endswith(".ladybug.cypher"):
        # Neo4j Browser / cypher-shell instructions, with every parameter
        assert "cypher-shell" in text and "Neo4j Browser" in text
        for param in header.parameters:
            assert f":param {param.name} =>" in text
    else:
        base = queries.parse_header((path.parent / f"{name}.cypher").read_text(encoding="utf-8"))
        assert base.parameters == header.parameters and base.description == header.description


def test_queries_build_nothing_from_text_only_parameters() -> None:
    """No string building of labels or types: every label and type named is in the ontology."""
    for path in LIBRARY.glob("*.cypher"):
        body = "\n".join(
            line for line in path.read_text(encoding="utf-8").splitlines() if "//" not in line
        )
        assert not re.search(r"\b(CREATE|MERGE|DELETE|SET|REMOVE|LOAD CSV|CALL)\b", body)
        for label in re.findall(r"\(\w*:(\w+)", body):
            assert label in model.LABELS, (path.name, label)
        for rel_type in re.findall(r"\[\w*:(\w+)", body):
            assert rel_type in model.REL_TYPES, (path.name, rel_type)


def test_resolution_picks_the_dialect_of_the_store() -> None:
    query = queries.get("connections")
    assert query.path_for("neo4j").name == "connections.cypher"
    assert query.path_for("embedded").name == "connections.ladybug.cypher"
    plain = queries.get("groups_by_country")
    assert plain.ladybug_path is None
    assert plain.path_for("embedded") == plain.path_for("neo4j")
    assert queries.lookup(str(LIBRARY / "connections.cypher")) == query
    assert queries.lookup("MATCH (n) RETURN n") is None
    with pytest.raises(QueryError, match=r"no query named 'nope'.*connections"):
        queries.lookup("nope")


def test_missing_required_parameters_are_named_and_optional_ones_are_null() -> None:
    with pytest.raises(QueryError, match="--param name="):
        queries.bind(queries.get("group_profile"), {})
    assert queries.bind(queries.get("operations_timeline"), {}) == {"since": None, "until": None}
    with pytest.raises(QueryError, match=r"has no parameter nme \(its parameters: name\)"):
        queries.bind(queries.get("group_profile"), {"nme": "x"})
    with pytest.raises(QueryError, match="it takes none"):
        queries.bind(queries.get("arrests_by_country_year"), {"x": 1})


# --------------------------------------------------------------------------------------
# The same rows on both stores
# --------------------------------------------------------------------------------------


@pytest.mark.neo4j
@pytest.mark.parametrize(("name", "params"), all_cases(), ids=lambda v: str(v))
def test_every_query_returns_the_same_rows_on_both_stores(
    embedded: GraphStore, neo4j: GraphStore, name: str, params: dict[str, Any]
) -> None:
    query = queries.get(name)
    bound = queries.bind(query, params)
    ours = embedded.run(query.text_for("embedded"), bound)
    theirs = neo4j.run(query.text_for("neo4j"), bound)
    assert ours.columns == theirs.columns
    assert ours.rows == theirs.rows


def test_the_cases_are_not_all_empty(embedded: GraphStore) -> None:
    empty = {(n, json.dumps(p)) for n, p in all_cases() if not run(embedded, n, p)}
    assert empty == {
        ("connections", json.dumps({"source": "Europol", "target": "no such entity"})),
        ("alleged_vs_reported", json.dumps({"report": "report:none"})),
    }


# --------------------------------------------------------------------------------------
# What the answers say, on each store
# --------------------------------------------------------------------------------------


def test_group_profile(loaded: GraphStore) -> None:
    [row] = run(loaded, "group_profile", {"name": "'NDRANGHETA"})
    assert row["group_name"] == "'Ndrangheta"
    assert row["countries"] == ["BE", "IT"]
    assert row["crimes"] == ["drug_trafficking", "money_laundering"]
    assert row["operations"] == ['Opération "Mare Nostrum"']
    assert row["arrests_by_country"] == ["BE:2", "IT:5"]
    assert row["arrests"] == 7


def test_alleged_facts_and_their_evidence(loaded: GraphStore) -> None:
    rows = run(loaded, "alleged_facts", {"type": "MEMBER_OF"})
    assert rows == [
        {
            "type": "MEMBER_OF",
            "source": "Dritan Kola",
            "target": "Albanian-speaking network",
            "report": follow_up().report.key,
            "evidence": F_SUSPECT,
        }
    ]
    counts = {r["type"]: r for r in run(loaded, "alleged_vs_reported", {})}
    assert counts["MEMBER_OF"]["alleged"] == 1
    assert all(r["reported"] + r["alleged"] == r["total"] for r in counts.values())
    total = sum(r["total"] for r in counts.values())
    assert total == sum(loaded.counts()["relationships"].values())


def test_relationship_evidence_keeps_awkward_text_intact(loaded: GraphStore) -> None:
    rows = run(
        loaded,
        "relationship_evidence",
        {"source": CARABINIERI, "target": "Belgian Federal Police", "type": "COOPERATED_WITH"},
    )
    assert [r["evidence"] for r in rows] == [A_JIT]
    doc = mare_nostrum()
    assert rows[0]["report"] == doc.report.key
    assert doc.report.text[rows[0]["evidence_start"] : rows[0]["evidence_end"]] == A_JIT


def test_arrests_by_country_and_year(loaded: GraphStore) -> None:
    rows = {
        (r["iso2"], r["year"]): r["arrests"] for r in run(loaded, "arrests_by_country_year", {})
    }
    assert rows[("BE", "2024")] == 14  # the action day
    assert rows[("NL", "2024")] == 1  # Dritan Kola
    assert rows[("IT", "2023")] == 5  # Mare Nostrum
    assert rows[("BE", "unknown")] == 55  # the seed report gives no year


def test_reports_mentioning_an_entity(loaded: GraphStore) -> None:
    rows = run(loaded, "reports_mentioning", {"entity": EUROPOL})
    assert {r["report"] for r in rows} == {d.report.key for d in documents()}
    assert all(r["label"] == "Agency" and r["facts"] > 0 for r in rows)
    published = [r["published"] for r in rows]
    assert published[:2] == ["2024-05", "2024-03-14"]


def test_cooperation_without_a_shared_operation_counts_zero_operations(store: GraphStore) -> None:
    """Pairs come from COOPERATED_WITH alone; shared operations only add to their count."""
    assert run(store, "cooperating_agencies", {"limit": 5}) == []  # an empty graph
    b = FactsBuilder("The Belgian Federal Police worked with Europol.\n", "data/reports/pair.txt")
    police, europol = b.agency(BELGIAN_POLICE), b.agency(EUROPOL)
    b.rel("COOPERATED_WITH", police, europol, "The Belgian Federal Police worked with Europol.")
    store.write(b.build())
    rows = run(store, "cooperating_agencies", {"limit": 5})
    assert [(r["reports"], r["operations"]) for r in rows] == [(1, 0)]
    mentions = run(store, "reports_mentioning", {"entity": EUROPOL})
    assert [(r["report"], r["facts"]) for r in mentions] == [(b.key, 1)]


def test_connections_are_shortest_chains(loaded: GraphStore) -> None:
    rows = run(loaded, "connections", {"source": "Dritan Kola", "target": "Europol"})
    assert rows and {r["hops"] for r in rows} == {3}
    assert all(r["chain"].startswith("Dritan Kola > ") for r in rows)
    assert all(r["chain"].endswith(" > Europol") for r in rows)


def test_operations_timeline_filters_by_partial_dates(loaded: GraphStore) -> None:
    rows = run(loaded, "operations_timeline", {"since": "2024-03", "until": "2024-05"})
    assert [r["date"] for r in rows] == ["2024-03-12", "2024-05"]
    assert rows[0]["countries"] == ["BE", "FR"]


# --------------------------------------------------------------------------------------
# The command line
# --------------------------------------------------------------------------------------


def test_graphkit_queries_lists_every_query_with_its_parameters() -> None:
    result = graphkit("queries", "--format", "json")
    assert result.returncode == 0, result.stderr
    listed = {q["name"]: q for q in json.loads(result.stdout)}
    assert set(listed) == EXPECTED_QUERIES
    assert [p["name"] for p in listed["connections"]["parameters"]] == [
        "source",
        "target",
        "through_countries",
    ]
    assert all(q["description"] for q in listed.values())
    table = graphkit("queries")
    assert table.returncode == 0
    for name in EXPECTED_QUERIES:
        assert name in table.stdout


def test_graphkit_query_by_name_and_by_path_on_the_embedded_store(tmp_path: Path) -> None:
    db = tmp_path / "db"
    with LadybugStore(db) as store:
        fill(store)
    by_name = graphkit(
        "--db", str(db), "query", "connections", "-p", "source=Europol", "-p", "target=IT", "-f",
        "json",
    )  # fmt: skip
    assert by_name.returncode == 0, by_name.stderr
    by_path = graphkit(
        "--db", str(db), "query", "cypher/queries/connections.cypher",
        "-p", "source=Europol", "-p", "target=IT", "-f", "json",
    )  # fmt: skip
    assert by_path.returncode == 0, by_path.stderr
    assert json.loads(by_name.stdout) == json.loads(by_path.stdout) != []
    missing = graphkit("--db", str(db), "query", "group_profile")
    assert missing.returncode != 0
    assert "needs --param name=" in missing.stderr
    assert "Traceback" not in missing.stderr


@pytest.mark.neo4j
def test_graphkit_query_by_name_on_neo4j_runs_the_neo4j_file(
    neo4j: GraphStore, embedded: GraphStore, neo4j_target
) -> None:
    """On Neo4j the plain file runs (allShortestPaths); the answer is the embedded one."""
    env = {**os.environ, **neo4j_target.env}  # the module's data is in this database
    args = ["query", "connections", "-p", "source=Europol", "-p", "target=IT", "-f", "json"]
    result = subprocess.run(
        [sys.executable, "-m", "graphkit", "--neo4j", env["NEO4J_URI"], *args],
        capture_output=True,
        timeout=120,
        cwd=ROOT,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == run(
        embedded, "connections", {"source": "Europol", "target": "IT"}
    )


@pytest.mark.neo4j
def test_every_query_runs_on_a_larger_graph_with_the_same_rows(
    neo4j_target, tmp_path: Path
) -> None:
    """300 reports sharing agencies and countries: paths multiply (``connections`` once
    filled LadybugDB's buffer pool from 100 reports on), and both stores still agree."""
    docs = [small_report(i) for i in range(300)]
    embedded = LadybugStore(tmp_path / "db")
    neo4j = neo4j_target.open()
    try:
        neo4j.run("MATCH (n) DETACH DELETE n", write=True)
        for store in (embedded, neo4j):
            store.write_many(docs)
        cases = [
            ("connections", {"source": "agency:eu:europol", "target": "IT"}),
            ("connections", {"source": "criminalgroup:network-3", "target": "BE"}),
            *((name, query.examples()) for name, query in queries.library(LIBRARY).items()),
        ]
        for name, params in cases:
            rows, want = run(embedded, name, params), run(neo4j, name, params)
            if name == "connections":
                assert rows and want, params
                assert_same_chains(rows, want)
            else:
                assert rows == want, (name, params)
    finally:
        embedded.close()
        neo4j.close()


def assert_same_chains(rows: list[dict[str, Any]], want: list[dict[str, Any]]) -> None:
    """LadybugDB lists a path's relationships rotated for some all-shortest paths (the
    upstream bug of kuzudb/kuzu#3785, inherited), so ``types`` may come in another order,
    and the rotations, being distinct rows, take places under LIMIT 50, so the two stores
    list different chains of the same length: the hops and the chains' ends must agree."""
    assert {r["hops"] for r in rows} == {r["hops"] for r in want}
    ends = {(c.split(" > ")[0], c.split(" > ")[-1]) for c in (r["chain"] for r in want)}
    assert {(c.split(" > ")[0], c.split(" > ")[-1]) for c in (r["chain"] for r in rows)} == ends
    assert all(len(r["types"].split(", ")) == r["hops"] for r in rows)


def test_a_number_given_for_a_text_parameter_is_bound_as_text() -> None:
    """``--param since=2015`` parses as JSON (a number); dates are compared as text."""
    timeline = queries.get("operations_timeline")
    assert queries.bind(timeline, {"since": 2015})["since"] == "2015"
    assert queries.bind(timeline, {"since": None})["since"] is None
