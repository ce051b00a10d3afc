"""Imported ties, contract-tested on both stores: import, re-import, replace, remove, bad rows,
atomicity, and the same graph from the bulk path (embedded) and the statement path (Neo4j)."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from pathlib import Path

import pytest
from factories import action_day

from graphkit.facts import ReportInfo
from graphkit.load import import_edges
from graphkit.store.base import GraphData, GraphStore
from graphkit.store.ladybug import LadybugStore
from graphkit.store.neo4j import Neo4jStore
from graphkit.store.ties import TieBatch, TieSpool

CALLS = (
    "caller,callee,calls,date\n"
    "a,b,2,2009-03-04\n"
    "b,a,3,2009-01-02\n"  # the same pair the other way round: summed, earliest date kept
    "b,c,1,\n"
    "c,d,4,2010-05\n"
    "a,b,1,2009-06-30\n"
)


def write(folder: Path, name: str, text: str) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def ties(graph: GraphData, rel_type: str = "CALLED") -> dict[tuple[str, str], dict]:
    return {(e.src[1], e.dst[1]): e.properties for e in graph.edges if e.type == rel_type}


def persons(graph: GraphData) -> dict[str, dict]:
    return {n.key: n.properties for n in graph.nodes if n.label == "Person"}


def key(person: str, dataset: str = "wiretaps") -> str:
    return f"person:{dataset}:{person}"


def test_an_edge_list_becomes_persons_and_one_tie_per_pair(store: GraphStore, tmp_path) -> None:
    path = write(tmp_path / "wiretaps", "calls.csv", CALLS)
    (outcome,) = import_edges(store, [path], "CALLED")
    assert outcome.ok and not outcome.unchanged
    assert (outcome.rows, outcome.ties, outcome.persons, outcome.new_persons) == (5, 3, 4, 4)
    graph = store.read_graph()
    assert set(persons(graph)) == {key(p) for p in "abcd"}
    assert {p["name"] for p in persons(graph).values()} == set("abcd")  # the id, readable
    got = ties(graph)
    assert set(got) == {(key("a"), key("b")), (key("b"), key("c")), (key("c"), key("d"))}
    ab = got[(key("a"), key("b"))]
    assert (ab["weight"], ab["rows"], ab["date"], ab["last_date"], ab["line"]) == (
        6.0,
        3,
        "2009-01-02",
        "2009-06-30",
        2,
    )
    assert ab["evidence"] == "a,b,2,2009-03-04" and ab["report"] == outcome.report
    assert ab["certainty"] == "reported"
    cd = got[(key("c"), key("d"))]
    assert (cd["weight"], cd["rows"], cd["date"], cd["last_date"]) == (4.0, 1, "2010-05", "2010-05")
    assert got[(key("b"), key("c"))]["date"] is None
    (report,) = [n for n in graph.nodes if n.label == "Report"]
    assert report.properties["source"] == path
    text = report.properties["text"]
    for tie in got.values():  # the evidence is exactly the row, where the offsets say
        assert text[tie["evidence_start"] : tie["evidence_end"]] == tie["evidence"]
    assert report.properties["sha256"] == ReportInfo.from_text(text, path).sha256


def test_importing_the_same_file_again_changes_nothing(store: GraphStore, tmp_path) -> None:
    path = write(tmp_path / "wiretaps", "calls.csv", CALLS)
    import_edges(store, [path], "CALLED")
    before = store.read_graph()
    (again,) = import_edges(store, [path], "CALLED")
    assert again.unchanged and again.ok
    assert store.read_graph() == before
    copy = write(tmp_path / "elsewhere" / "wiretaps", "calls.csv", CALLS)  # same content
    assert import_edges(store, [copy], "CALLED")[0].unchanged
    assert store.read_graph() == before


def test_remove_takes_an_import_back_and_leaves_reports_alone(store: GraphStore, tmp_path) -> None:
    store.write(action_day())
    before = store.read_graph()
    path = write(tmp_path / "wiretaps", "calls.csv", CALLS)
    (outcome,) = import_edges(store, [path], "CALLED")
    assert store.find_reports(path) == [outcome.report]
    assert store.remove(outcome.report)
    assert store.read_graph() == before


def test_a_changed_file_replaces_its_earlier_import(store: GraphStore, tmp_path) -> None:
    path = write(tmp_path / "wiretaps", "calls.csv", CALLS)
    (first,) = import_edges(store, [path], "CALLED")
    write(tmp_path / "wiretaps", "calls.csv", "a,b,10\nd,e,1\n")
    (second,) = import_edges(store, [path], "CALLED")
    assert second.replaced == (first.report,)
    graph = store.read_graph()
    assert [n.key for n in graph.nodes if n.label == "Report"] == [second.report]
    assert {k: v["weight"] for k, v in ties(graph).items()} == {
        (key("a"), key("b")): 10.0,
        (key("d"), key("e")): 1.0,
    }
    assert set(persons(graph)) == {key(p) for p in "abde"}  # c only had the old file's ties


def test_files_of_one_dataset_share_their_persons(store: GraphStore, tmp_path) -> None:
    folder = tmp_path / "wiretaps"
    calls = write(folder, "calls.csv", CALLS)
    meetings = write(folder, "meetings.tsv", "a\tz\t1\n")
    (c,) = import_edges(store, [calls], "CALLED")
    (m,) = import_edges(store, [meetings], "MET")
    assert m.new_persons == 1  # z; a is the same person
    graph = store.read_graph()
    assert persons(graph)[key("a")]["reports"] == sorted([c.report, m.report])
    assert ties(graph, "MET") == {(key("a"), key("z")): ties(graph, "MET")[(key("a"), key("z"))]}
    store.remove(c.report)
    left = persons(store.read_graph())
    assert set(left) == {key("a"), key("z")} and left[key("a")]["reports"] == [m.report]
    (other,) = import_edges(store, [calls], "CALLED", dataset="Another case")
    assert key("a", "another-case") in persons(store.read_graph())
    assert other.new_persons == 4


def test_bad_rows_are_reported_and_the_rest_loads(store: GraphStore, tmp_path) -> None:
    path = write(tmp_path / "wiretaps", "calls.csv", "a,b,1\nc,c,1\nd,,1\ne,f,x\ng,h,2\n")
    (outcome,) = import_edges(store, [path], "CALLED", columns=["source", "target", "weight"])
    assert outcome.ok and outcome.bad_count == 3
    assert outcome.bad_rows == (
        f"{path}: line 2: a tie from 'c' to itself (a self-loop)",
        f"{path}: line 3: no target person",
        f"{path}: line 4: weight 'x' is not a number",
    )
    assert set(ties(store.read_graph())) == {(key("a"), key("b")), (key("g"), key("h"))}


def test_a_file_without_a_good_row_fails_alone(store: GraphStore, tmp_path) -> None:
    bad = write(tmp_path / "wiretaps", "bad.csv", "a,a\nb,b\n")
    good = write(tmp_path / "wiretaps", "good.csv", "a,b\n")
    outcomes = import_edges(store, [bad, "nowhere.csv", good], "MET")
    assert [o.ok for o in outcomes] == [False, False, True]
    assert (
        outcomes[0].error
        == f"{bad}: no ties: 2 bad row(s) (first: line 1: a tie from 'a' to itself (a self-loop))"
    )
    assert outcomes[1].error == "nowhere.csv: no such file"
    assert store.counts()["relationships"]["MET"] == 1


def test_ids_are_kept_exactly(store: GraphStore, tmp_path) -> None:
    hostile = ["0012", 'O"Neil', "Smith, J.", "back\\slash", "Łódź", "NULL", "true", "1e5"]
    lines = "".join(
        f'"{a.replace(chr(34), chr(34) * 2)}","{b.replace(chr(34), chr(34) * 2)}",1\n'
        for a, b in itertools.pairwise(hostile)
    )
    path = write(tmp_path / "odd", "ids.csv", lines)
    (outcome,) = import_edges(
        store, [path], "ASSOCIATED_WITH", columns=["source", "target", "weight"]
    )
    assert outcome.ok and outcome.bad_count == 0
    graph = store.read_graph()
    assert {p["name"] for p in persons(graph).values()} == set(hostile)
    assert len(ties(graph, "ASSOCIATED_WITH")) == len(hostile) - 1


def test_a_node_table_names_the_persons(store: GraphStore, tmp_path) -> None:
    folder = tmp_path / "wiretaps"
    path = write(folder, "calls.csv", CALLS)
    import_edges(store, [path], "CALLED")
    table = write(folder, "people.csv", "id,name\na,Alfa\nb,Bravo\nx,Xray\n")
    (outcome,) = import_edges(store, [path], "CALLED", nodes=table)
    assert not outcome.unchanged  # new names are a new import of the file: it replaces
    names = {k: p["name"] for k, p in persons(store.read_graph()).items()}
    assert names == {
        key("a"): "Alfa",
        key("b"): "Bravo",
        key("c"): "c",
        key("d"): "d",
        key("x"): "Xray",
    }


def test_a_failed_import_leaves_the_graph_as_it_was(store: GraphStore, tmp_path) -> None:
    """A write that fails half-way (here: a damaged spool) rolls back whole."""
    store.write(action_day())
    path = write(tmp_path / "wiretaps", "calls.csv", CALLS)
    (first,) = import_edges(store, [path], "CALLED")
    before = store.read_graph()
    spool_dir = tmp_path / "spool"
    spool_dir.mkdir()
    spool = TieSpool(spool_dir)
    spool.add(key("p"), key("q"), 1.0, None, 1, 0, 3, "p,q")
    spool.close()
    with spool.paths[0].open("a", encoding="utf-8") as handle:
        handle.write("person:wiretaps:p,person:wiretaps:r,not-a-number,,2,4,7,p,r\n")
    report = ReportInfo.from_text("p,q\np,r", path)  # same source: would replace the first
    batch = TieBatch(report, "CALLED", {key(p): p for p in "pqr"}, False, tuple(spool.paths), 2)
    with pytest.raises(Exception):  # noqa: B017 - either store's error; what matters is after
        store.write_ties(batch)
    assert store.read_graph() == before
    assert store.find_reports(path) == [first.report]


def test_the_bulk_path_and_the_statement_path_write_the_same_graph(
    embedded_store: LadybugStore, neo4j_store: Neo4jStore, tmp_path
) -> None:
    folder = tmp_path / "wiretaps"
    calls = write(folder, "calls.csv", CALLS)
    meetings = write(folder, "meetings.tsv", "a\tz\t1\nz\ty\t2\ny\tz\t3\n")
    for target in (embedded_store, neo4j_store):
        target.write(action_day())
        import_edges(target, [calls], "CALLED")
        import_edges(target, [meetings], "MET")
    assert embedded_store.read_graph() == neo4j_store.read_graph()


def test_the_statement_path_on_the_embedded_store_too(tmp_path, monkeypatch) -> None:
    """A spool folder a COPY literal cannot name falls back to plain statements: same graph."""
    folder = tmp_path / "wiretaps"
    calls = write(folder, "calls.csv", CALLS)
    results = []
    for name in ("bulk", "statements"):
        with LadybugStore(tmp_path / name) as target:
            if name == "statements":
                odd = tmp_path / "it's here"
                odd.mkdir()
                monkeypatch.setattr(tempfile, "tempdir", str(odd))

                def bulk(*_args: object) -> str:
                    raise AssertionError("the bulk path was used")

                monkeypatch.setattr(LadybugStore, "_copy_ties", bulk)
            import_edges(target, [calls], "CALLED")
            results.append(target.read_graph())
    assert results[0] == results[1]
    shutil.rmtree(tmp_path / "it's here", ignore_errors=True)


def test_a_spool_split_in_many_files_gives_the_same_graph(
    store: GraphStore, tmp_path, monkeypatch
) -> None:
    """Large imports are spooled in several files (each pair's rows in one): same result."""
    from graphkit.store import ties as ties_module

    path = write(tmp_path / "wiretaps", "calls.csv", CALLS)
    import_edges(store, [path], "CALLED")
    whole = ties(store.read_graph())
    store.remove(store.find_reports(path)[0])
    monkeypatch.setattr(ties_module, "PARTITION_ROWS", 2)
    assert ties_module.partitions_for(6) == 3
    import_edges(store, [path], "CALLED")
    assert ties(store.read_graph()) == whole
