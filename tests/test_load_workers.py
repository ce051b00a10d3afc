"""``load --workers``: reports read and extracted in worker processes give the same graph,
the same outcomes in the same order, and the same errors as reading them here."""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
from functools import partial
from pathlib import Path

import pytest
from gc_probe import collections_started
from graphkit_cli import graphkit as run_graphkit
from many_reports import small_report

from graphkit import load as load_module
from graphkit import parallel
from graphkit.collector import YOUNG_COLLECTION_ALLOCATIONS
from graphkit.load import Outcome, load
from graphkit.store.ladybug import LadybugStore

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [
    "Police in Spain arrested {n} suspects of drug trafficking and seized {n} kg of cocaine "
    "in an operation led by the Guardia Civil with the support of Europol.",
    "Operation Sandcastle {n}: the Belgian Federal Police and the Dutch National Police "
    "arrested {n} members of a money laundering network in Belgium and the Netherlands.",
    "Italian Carabinieri detained {n} people in Italy for migrant smuggling on behalf of a "
    "criminal group; EUR {n} million in cash was frozen.",
]


@pytest.fixture(autouse=True)
def _cores_enough_for_the_workers_asked(monkeypatch) -> None:
    """The workers these tests ask for are started even on a machine of one core (beyond
    the usable cores they would not be, see graphkit.parallel)."""
    monkeypatch.setattr(parallel, "usable_cores", lambda: 8)


def inputs(folder: Path, count: int = 14) -> list[str]:
    """Text reports, a facts document, a binary file and an empty one, in a fixed order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"r{i:02d}.txt"
        path.write_text(f"Report {i}\n\n" + TEXTS[i % 3].format(n=i + 2), encoding="utf-8")
        paths.append(path)
    facts = folder / "facts.json"
    facts.write_text(small_report(3).to_json(), encoding="utf-8")
    binary = folder / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02 not text")
    empty = folder / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    paths[5:5] = [binary, facts]
    paths.append(empty)
    return [str(p) for p in paths]


def loaded(db: Path, sources: list[str], workers: int | None) -> tuple[list[Outcome], object]:
    seen: list[list[multiprocessing.Process]] = []

    niceness: dict[int, int] = {}  # worker pid -> its niceness, read while it runs

    def on_item(outcome: Outcome) -> None:
        children = multiprocessing.active_children()
        seen.append(children)
        for child in children:
            with contextlib.suppress(OSError):
                niceness[child.pid] = os.getpriority(os.PRIO_PROCESS, child.pid)

    with LadybugStore(db) as store:
        outcomes = load(store, sources, workers=workers, on_item=on_item)
        graph = store.read_graph()
    loaded.children = seen  # type: ignore[attr-defined]
    loaded.niceness = niceness  # type: ignore[attr-defined]
    return outcomes, graph


def test_two_workers_give_the_graph_and_outcomes_of_one(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(load_module, "BATCH_DOCUMENTS", 2)  # outcomes while workers read
    sources = inputs(tmp_path / "in")
    one, graph_one = loaded(tmp_path / "one", sources, workers=1)
    assert not any(loaded.children)  # type: ignore[attr-defined]
    two, graph_two = loaded(tmp_path / "two", sources, workers=2)
    assert any(loaded.children)  # type: ignore[attr-defined]  # read by worker processes
    assert two == one
    assert graph_two == graph_one
    assert [o.source for o in two] == sources
    failed = [o for o in two if not o.ok]
    assert [Path(o.source).name for o in failed] == ["binary.txt", "empty.txt"]
    assert "binary" in (failed[0].error or "") and "empty" in (failed[1].error or "")
    assert sum(o.ok for o in two) == len(sources) - 2


def test_the_same_text_under_two_paths_is_stored_once_as_with_one_worker(
    tmp_path: Path, monkeypatch
) -> None:
    """A worker's document of a text already loaded under a smaller path is stored under
    that path (its digest made again without the document): the graph, the outcomes and
    the warnings of one worker, and a second load changes nothing."""
    monkeypatch.setattr(load_module, "BATCH_DOCUMENTS", 2)
    sources = inputs(tmp_path / "in")
    text = Path(sources[3]).read_text(encoding="utf-8")
    later, earlier = tmp_path / "in" / "zz.txt", tmp_path / "in" / "a.txt"
    for copy in (later, earlier):
        copy.write_text(text, encoding="utf-8")
    sources += [str(later), str(earlier)]  # zz.txt: under r03.txt; a.txt: under itself
    one, graph_one = loaded(tmp_path / "one", sources, workers=1)
    two, graph_two = loaded(tmp_path / "two", sources, workers=2)
    assert any(loaded.children)  # type: ignore[attr-defined]
    assert two == one and graph_two == graph_one
    assert [o.warning is not None for o in two][-2:] == [True, True]
    [report] = [n for n in graph_two.nodes if n.label == "Report" and n.key == two[3].report]
    assert report.properties["source"] == str(earlier)
    with LadybugStore(tmp_path / "two") as store:
        again = load(store, sources, workers=2)
    assert [o.unchanged for o in again if o.ok] == [True] * sum(o.ok for o in again)


def test_workers_take_inputs_in_chunks_and_yield_the_processor_to_the_writer(
    tmp_path: Path, monkeypatch
) -> None:
    """Chunks of a few inputs, cut by count or by bytes, keep the outcomes in input order;
    the workers run at a lower priority than this (the writing) process."""
    monkeypatch.setattr(load_module, "BATCH_DOCUMENTS", 2)  # outcomes while workers run
    sources = inputs(tmp_path / "in", count=20)
    reference, want = loaded(tmp_path / "one", sources, workers=1)
    for count, size in ((3, 1 << 20), (64, 1)):  # three inputs a chunk; one, by bytes
        monkeypatch.setattr(load_module, "CHUNK_INPUTS", count)
        monkeypatch.setattr(load_module, "CHUNK_BYTES", size)
        outcomes, graph = loaded(tmp_path / f"chunks{count}", sources, workers=2)
        assert outcomes == reference and graph == want
    mine = os.getpriority(os.PRIO_PROCESS, 0)
    niceness = set(loaded.niceness.values())  # type: ignore[attr-defined]
    assert niceness == {min(19, mine + load_module.WORKER_NICENESS)}


def test_few_inputs_are_read_here_unless_workers_are_asked_for(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(load_module, "BATCH_DOCUMENTS", 1)
    sources = inputs(tmp_path / "in", count=3)
    assert len(sources) < load_module.PARALLEL_INPUTS
    loaded(tmp_path / "auto", sources, workers=None)
    assert not any(loaded.children)  # type: ignore[attr-defined]


def test_more_workers_than_inputs_and_a_single_input(tmp_path: Path) -> None:
    sources = inputs(tmp_path / "in", count=1)[:1]
    outcomes, graph = loaded(tmp_path / "db", sources, workers=8)
    reference, want = loaded(tmp_path / "ref", sources, workers=1)
    assert outcomes == reference and graph == want


def test_workers_beyond_the_usable_cores_are_not_started(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)
    monkeypatch.setattr(load_module, "BATCH_DOCUMENTS", 1)  # outcomes while workers read
    sources = inputs(tmp_path / "in")
    outcomes, graph = loaded(tmp_path / "db", sources, workers=50)
    started = {child.pid for children in loaded.children for child in children}  # type: ignore[attr-defined]
    assert 1 <= len(started) <= 2
    reference, want = loaded(tmp_path / "ref", sources, workers=1)
    assert outcomes == reference and graph == want


graphkit = partial(run_graphkit, process=True, timeout=300)
"""Real processes (tests/graphkit_cli.py): worker processes, stdin as a pipe."""


def test_the_cli_with_workers_loads_stdin_in_its_turn_and_reports_errors(tmp_path: Path) -> None:
    sources = inputs(tmp_path / "in", count=6)
    stdin_text = "Police in Portugal arrested 4 suspects of cocaine trafficking."
    runs = {}
    for workers in ("1", "2"):
        db = tmp_path / f"db{workers}"
        done = graphkit(
            "--db",
            str(db),
            "load",
            "--workers",
            workers,
            *sources[:3],
            "-",
            *sources[3:],
            stdin=stdin_text,
        )
        assert done.returncode == 1, done.stderr  # two inputs fail, the others load
        errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
        assert len(errors) == 2 and "binary.txt" in errors[0] and "empty.txt" in errors[1]
        assert "Traceback" not in done.stderr
        with LadybugStore(db, read_only=True) as store:
            runs[workers] = store.read_graph()
    assert runs["1"] == runs["2"]
    reports = [n for n in runs["2"].nodes if n.label == "Report"]
    assert len(reports) == 6 + 1 + 1  # the texts, the facts document and stdin
    assert {"PT"} <= {n.key for n in runs["2"].nodes if n.label == "Country"}


def test_workers_must_be_at_least_one(tmp_path: Path) -> None:
    done = graphkit("--db", str(tmp_path / "db"), "load", "--workers", "0", "x.txt")
    assert done.returncode == 2 and "--workers" in done.stderr


def test_a_second_load_with_workers_changes_nothing(tmp_path: Path) -> None:
    sources = inputs(tmp_path / "in", count=4)
    _, graph = loaded(tmp_path / "db", sources, workers=2)
    again, graph_again = loaded(tmp_path / "db", sources, workers=2)
    assert graph_again == graph
    assert all(o.unchanged for o in again if o.ok)


def test_workers_are_kept_a_batch_ahead_of_the_writer_within_a_byte_budget() -> None:
    """While one batch is written the workers extract the next: small inputs are handed out
    up to a whole batch ahead; large ones only up to the minimum, so memory stays bounded."""
    from graphkit.load import AHEAD_BYTES, AHEAD_PER_WORKER, BATCH_DOCUMENTS, wants_more

    least = 2 * AHEAD_PER_WORKER
    small = 4_000  # bytes per input
    assert wants_more(least + BATCH_DOCUMENTS - 1, (least + BATCH_DOCUMENTS - 1) * small, 2)
    assert not wants_more(least + BATCH_DOCUMENTS, (least + BATCH_DOCUMENTS) * small, 2)
    assert wants_more(least - 1, AHEAD_BYTES * 10, 2)  # the minimum, however large
    assert not wants_more(least, AHEAD_BYTES, 2)
    assert wants_more(least, AHEAD_BYTES - 1, 2)
    assert not wants_more(AHEAD_PER_WORKER, AHEAD_BYTES, 1)


def test_a_load_collects_less_often_and_gives_the_callers_collector_back(
    tmp_path: Path, monkeypatch
) -> None:
    """While it loads (and in its workers) the cycle collector runs every
    YOUNG_COLLECTION_ALLOCATIONS allocations, not Python's 700; after it, even after a
    failure, the caller's own setting is back."""
    monkeypatch.setattr(load_module, "BATCH_DOCUMENTS", 2)
    sources = inputs(tmp_path / "in", count=4)
    before = gc.get_threshold()
    during: list[tuple[int, ...]] = []
    try:
        gc.set_threshold(500, 7, 9)
        with LadybugStore(tmp_path / "db") as store:
            load(store, sources, on_item=lambda _: during.append(gc.get_threshold()))
            assert gc.get_threshold() == (500, 7, 9)

            def fail(_: Outcome) -> None:
                raise KeyboardInterrupt

            with pytest.raises(KeyboardInterrupt):
                load(store, sources, on_item=fail)
            assert gc.get_threshold() == (500, 7, 9)
    finally:
        gc.set_threshold(*before)
    assert set(during) == {(YOUNG_COLLECTION_ALLOCATIONS, 7, 9)}
    assert YOUNG_COLLECTION_ALLOCATIONS > 700


def test_a_workers_chunk_comes_back_whole_unpickled_with_the_collector_paused(
    tmp_path: Path,
) -> None:
    sources = inputs(tmp_path / "in", count=4)
    here = [load_module._read(source, None, False) for source in sources]
    chunk = load_module._read_chunk(sources, None, False)
    with collections_started(inside="_unpickled") as runs:
        back = load_module._unpickled(chunk)
        [[i] for i in range(10)]
    assert back == here
    assert runs and not any(runs)
