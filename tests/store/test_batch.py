"""GraphStore.write_many: one transaction for many reports, the end state of one-by-one writes.

Every test runs against both stores (the ``store`` fixture) and compares a batched write
with the same documents written one by one into the same, emptied, store.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from functools import partial
from operator import attrgetter
from typing import Any

import pytest
from factories import (
    EUROPOL,
    action_day,
    action_day_corrected,
    all_documents,
    expected_counts,
    expected_graph,
    follow_up,
    mare_nostrum,
    with_operation_property,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit import load as load_module
from graphkit import model
from graphkit.errors import FactsError, StoreError
from graphkit.facts import FactsDocument
from graphkit.store.base import GraphData, GraphStore, WriteBatch, split_at_repeats
from graphkit.store.statements import DocumentRows


def wipe(store: GraphStore) -> None:
    store.run("MATCH (n) DETACH DELETE n", write=True)


def set_measures(store: GraphStore) -> None:
    """Analytics measures on every entity: one-by-one writes keep them on surviving nodes."""
    for label in model.ENTITY_LABELS:
        store.run(f"MATCH (n:{label}) SET n.pagerank = 0.25, n.degree = 3", write=True)


def snapshot(store: GraphStore) -> tuple[GraphData, dict[str, dict[str, int]], list[Any]]:
    return store.read_graph(), store.counts(), store.reports()


def one_by_one_then_batched(
    store: GraphStore,
    before: list[FactsDocument],
    batch: list[FactsDocument],
    prepare: Callable[[GraphStore], None] = lambda store: None,
) -> tuple[Any, Any]:
    """The store after ``before`` then ``batch`` one by one, and after ``before`` then
    ``batch`` through write_many (``prepare`` runs after ``before`` both times)."""
    results = []
    for batched in (False, True):
        wipe(store)
        for doc in before:
            store.write(doc)
        prepare(store)
        if batched:
            store.write_many(batch)
        else:
            for doc in batch:
                store.write(doc)
        results.append(snapshot(store))
    return results[0], results[1]


def test_write_many_equals_writing_one_by_one(store: GraphStore) -> None:
    docs = all_documents()
    one, many = one_by_one_then_batched(store, [], docs)
    assert many == one
    assert many[0] == expected_graph(docs)
    assert many[1] == expected_counts(docs)
    keys = sorted(d.report.key for d in docs)
    (europol,) = [n for n in many[0].nodes if n.id == ("Agency", EUROPOL)]
    assert europol.properties["reports"] == keys


def test_write_of_one_document_is_write_many_of_it(store: GraphStore) -> None:
    store.write_many([action_day()])
    graph = store.read_graph()
    wipe(store)
    store.write(action_day())
    assert store.read_graph() == graph == expected_graph([action_day()])
    store.write_many([])
    assert store.read_graph() == graph


def test_a_batch_replaces_an_already_loaded_report(store: GraphStore) -> None:
    one, many = one_by_one_then_batched(
        store, [action_day(), follow_up()], [mare_nostrum(), action_day_corrected()]
    )
    assert many == one
    assert many[0] == expected_graph([action_day_corrected(), follow_up(), mare_nostrum()])
    assert len(many[2]) == 3


def test_reloading_a_batch_changes_nothing(store: GraphStore) -> None:
    docs = all_documents()
    store.write_many(docs)
    before = snapshot(store)
    store.write_many(docs)
    store.write_many(list(reversed(docs)))
    assert snapshot(store) == before


def test_an_unchanged_report_costs_its_digest_not_its_rows(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = all_documents()
    store.write_many(docs[:-1])
    made: list[str] = []
    of = DocumentRows.of

    def counted(doc: FactsDocument, content_digest: str | None = None) -> DocumentRows:
        made.append(doc.report.key)
        return of(doc, content_digest)

    monkeypatch.setattr(DocumentRows, "of", counted)
    assert store.write_batch(docs).unchanged == {d.report.key for d in docs[:-1]}
    assert made == [docs[-1].report.key]  # only the new report was made rows


@pytest.mark.parametrize(
    "order",
    [
        [follow_up(), action_day()],
        [action_day(), follow_up()],
        [mare_nostrum(), action_day_corrected(), follow_up()],
        [action_day_corrected(), mare_nostrum(), follow_up(), action_day()],
    ],
    ids=["reversed", "same-order", "corrected-in-the-middle", "everything"],
)
def test_replacing_keeps_what_one_by_one_keeps(
    store: GraphStore, order: list[FactsDocument]
) -> None:
    """Nodes a replaced report supported: kept (with their measures) or recreated exactly
    as when the documents are written one by one, whatever the order in the batch."""
    one, many = one_by_one_then_batched(
        store, [action_day(), follow_up(), mare_nostrum()], order, prepare=set_measures
    )
    assert many == one
    measured = [n for n in many[0].nodes if n.properties.get("pagerank") is not None]
    assert measured  # some nodes survived the replacement with their measures


def test_the_same_report_twice_in_one_batch_ends_as_the_later_version(store: GraphStore) -> None:
    batch = [action_day(), follow_up(), action_day_corrected()]
    one, many = one_by_one_then_batched(store, [], batch)
    assert many == one
    assert many[0] == expected_graph([action_day_corrected(), follow_up()])

    one, many = one_by_one_then_batched(store, [mare_nostrum()], [action_day_corrected(), *batch])
    assert many == one
    one, many = one_by_one_then_batched(store, [], [action_day_corrected(), action_day()])
    assert many == one
    assert many[0] == expected_graph([action_day()])


def test_batches_split_only_at_a_repeated_report() -> None:
    docs = action_day(), follow_up(), mare_nostrum(), action_day_corrected()
    a, b, c, a2 = (DocumentRows.of(doc) for doc in docs)
    split = partial(split_at_repeats, key=attrgetter("key"))
    assert split([]) == []
    assert split([a, b, c]) == [[a, b, c]]
    assert split([a, b, a2, c, b]) == [[a, b], [a2, c, b]]
    assert split([a, b, a2, c, a]) == [[a, b], [a2, c], [a]]
    with pytest.raises(ValueError):
        WriteBatch.from_rows([a, a2])


def _plain(value: Any) -> bool:
    """Whether ``value`` is made of builtin data only (no model, nothing of ours)."""
    if isinstance(value, dict):
        return all(_plain(k) and _plain(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    return type(value) in (str, int, float, bool, type(None))


@pytest.mark.parametrize("source", ["a.txt", "zz/b report.md", "", "- (stdin)", "ü"])
def test_document_rows_are_plain_data_and_digest_as_the_document(source: str) -> None:
    for doc in all_documents():
        rows = DocumentRows.of(doc)
        assert pickle.loads(pickle.dumps(rows)) == rows
        assert all(_plain(part) for part in (rows.report, rows.nodes, rows.relationships))
        assert rows.key == doc.report.key and rows.source == doc.report.source
        assert rows.digest == doc.digest()
        assert rows.elements == len(doc.nodes) + len(doc.relationships)
        # stored under another path (load's duplicate rule): digested as that document
        moved = doc.model_copy(update={"report": doc.report.model_copy(update={"source": source})})
        assert rows.with_source(source).digest == moved.digest()
        assert rows.with_source(source) == DocumentRows.of(moved)
        assert (rows.with_source(source).digest == rows.digest) == (source == doc.report.source)


def test_batch_rows_are_one_per_node() -> None:
    docs = all_documents()
    batch = WriteBatch.from_documents(docs)
    assert [r["key"] for r in batch.reports] == [d.report.key for d in docs]
    for label, rows in batch.nodes.items():
        key = model.node_type(label).key
        assert len({row[key] for row in rows}) == len(rows)
    assert batch.relationship_count == sum(len(d.relationships) for d in docs)


def test_a_node_is_named_in_the_reports_that_tie_it_to_nothing() -> None:
    """Its other reports support it through their relationships (model.NAMED_IN_PROPERTY)."""
    docs = [action_day_corrected(), follow_up(), mare_nostrum()]
    batch = WriteBatch.from_documents(docs)
    for label, rows in batch.nodes.items():
        key = model.node_type(label).key
        for row in rows:
            node = (label, row[key])
            expected = [
                d.report.key
                for d in docs
                if any((n.label, n.key) == node for n in d.nodes)
                and not any(
                    (e.label, e.key) == node for r in d.relationships for e in (r.src, r.dst)
                )
            ]
            assert row["named_in"] == sorted(expected)
    assert any(row["named_in"] for rows in batch.nodes.values() for row in rows)


@pytest.mark.parametrize(
    ("prop", "value"),
    [("arrests", 2**63), ("crimes", ["fraud", 7])],
    ids=["integer-beyond-64-bits", "list-of-mixed-types"],
)
@pytest.mark.parametrize("where", ["first", "last"])
def test_a_failing_batch_leaves_no_trace(
    store: GraphStore, prop: str, value: Any, where: str
) -> None:
    """A value the database rejects fails the whole batch: nothing of it is stored, and
    the report it would have replaced keeps its old version."""
    store.write(action_day())
    before = snapshot(store)
    bad = with_operation_property(action_day_corrected(), prop, value)
    batch = [follow_up(), mare_nostrum()]
    batch = [bad, *batch] if where == "first" else [*batch, bad]
    with pytest.raises(StoreError):
        store.write_many(batch)
    assert snapshot(store) == before
    assert store.find_reports(follow_up().report.key) == []
    # ... and the store still works.
    store.write_many([follow_up(), mare_nostrum()])
    assert store.read_graph() == expected_graph([action_day(), follow_up(), mare_nostrum()])


POOL = [action_day(), action_day_corrected(), follow_up(), mare_nostrum()]
DOCS = st.lists(st.integers(0, len(POOL) - 1), max_size=5).map(lambda i: [POOL[n] for n in i])


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(before=DOCS, batch=DOCS, measured=st.booleans())
def test_any_batch_after_any_writes_equals_writing_one_by_one(
    store: GraphStore, before: list[FactsDocument], batch: list[FactsDocument], measured: bool
) -> None:
    prepare = set_measures if measured else (lambda store: None)
    one, many = one_by_one_then_batched(store, before, batch, prepare=prepare)
    assert many == one


# --------------------------------------------------------------------------------------
# The load pipeline: batches, and a bad document in one
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("batch_size", [2, 200])
def test_load_writes_in_batches_and_only_the_bad_document_fails(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch, batch_size: int
) -> None:
    bad = with_operation_property(action_day_corrected(), "arrests", 2**63)
    documents = {
        "a.json": action_day(),
        "bad.json": bad,  # the store rejects it (as if a bug let it past validation)
        "b.json": follow_up(),
        "c.json": mare_nostrum(),
    }

    def read_facts(source: str, published: str | None = None) -> FactsDocument:
        if source not in documents:
            raise FactsError(f"{source}: no such file")
        return documents[source]

    monkeypatch.setattr(load_module, "read_facts", read_facts)
    monkeypatch.setattr(load_module, "BATCH_DOCUMENTS", batch_size)
    batches: list[int] = []
    write_rows = store.write_rows

    def counting(docs: Any) -> Any:
        batches.append(len(docs))
        return write_rows(docs)

    monkeypatch.setattr(store, "write_rows", counting)
    seen: list[load_module.Outcome] = []
    inputs = ["a.json", "missing.json", "bad.json", "b.json", "c.json"]
    outcomes = load_module.load(store, inputs, on_item=seen.append)

    assert seen == outcomes
    assert [o.source for o in outcomes] == inputs
    assert [o.ok for o in outcomes] == [True, False, False, True, True]
    assert outcomes[0] == load_module.Outcome("a.json", action_day().report.key, 20)
    assert outcomes[1].error == "missing.json: no such file"
    assert outcomes[2].error is not None and outcomes[2].error.startswith("bad.json: ")
    assert store.read_graph() == expected_graph([action_day(), follow_up(), mare_nostrum()])
    # a rejected batch is written again one document at a time
    assert batches == ([1, 2, 1, 1, 1] if batch_size == 2 else [4, 1, 1, 1, 1])


def test_batches_are_capped_by_their_nodes_and_relationships(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch closes before a document would take it past BATCH_ELEMENTS nodes and
    relationships; a document heavier than that is written alone (four 100,000-node
    documents in one batch once took 4.8 GB); the graph is the same either way."""
    documents = {
        "a.json": action_day(),
        "b.json": follow_up(),
        "c.json": mare_nostrum(),
    }
    weight = {name: len(d.nodes) + len(d.relationships) for name, d in documents.items()}
    monkeypatch.setattr(load_module, "read_facts", lambda source, published=None: documents[source])
    monkeypatch.setattr(load_module, "BATCH_ELEMENTS", weight["a.json"] + weight["b.json"])
    batches: list[list[str]] = []
    write_rows = store.write_rows

    def recording(docs: Any) -> Any:
        batches.append([d.source for d in docs])
        return write_rows(docs)

    monkeypatch.setattr(store, "write_rows", recording)
    outcomes = load_module.load(store, ["a.json", "b.json", "c.json"])
    assert all(o.ok for o in outcomes)
    sources = [documents[name].report.source for name in ("a.json", "b.json", "c.json")]
    assert batches == [sources[:2], sources[2:]]  # a+b reach the cap; c starts the next
    assert store.read_graph() == expected_graph(list(documents.values()))

    batches.clear()
    wipe(store)
    monkeypatch.setattr(load_module, "BATCH_ELEMENTS", 1)  # every document is over it
    load_module.load(store, ["a.json", "b.json", "c.json"])
    assert batches == [[s] for s in sources]
    assert store.read_graph() == expected_graph(list(documents.values()))
