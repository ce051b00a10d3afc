"""The cycle collector during bulk work: collected less often inside, the caller's setting
(thresholds, objects frozen) back outside, whatever happens inside."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from gc_probe import collections_started

from graphkit.collector import (
    YOUNG_COLLECTION_ALLOCATIONS,
    fewer_collections,
    paused_collections,
)


@pytest.fixture
def callers_setting() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    gc.set_threshold(500, 7, 9)
    try:
        yield (500, 7, 9)
    finally:
        gc.set_threshold(*before)


def test_inside_collects_less_and_outside_is_as_before(callers_setting) -> None:
    with fewer_collections():
        assert gc.get_threshold() == (YOUNG_COLLECTION_ALLOCATIONS, 7, 9)
        assert gc.get_freeze_count() == 0  # freezing is asked for, not the default
    assert gc.get_threshold() == callers_setting
    gc.set_threshold(50_000, 7, 9)  # a caller collecting even less keeps its setting
    with fewer_collections():
        assert gc.get_threshold() == (50_000, 7, 9)


def test_freeze_leaves_the_objects_alive_on_entry_out_and_gives_them_back(
    callers_setting,
) -> None:
    alive = [[i] for i in range(1000)]
    with fewer_collections(freeze=True):
        assert gc.get_freeze_count() >= len(alive)
        assert gc.get_threshold()[0] == YOUNG_COLLECTION_ALLOCATIONS
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == callers_setting
    assert gc.is_tracked(alive[0])


def test_the_setting_comes_back_when_the_work_fails(callers_setting) -> None:
    with pytest.raises(KeyboardInterrupt), fewer_collections(freeze=True):
        raise KeyboardInterrupt
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == callers_setting


def test_objects_the_caller_froze_stay_frozen(callers_setting) -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        mine = [[i] for i in range(1000)]
        # frozen objects may still die (the count falls), but none is added nor given back
        with fewer_collections(freeze=True):
            assert gc.get_freeze_count() <= frozen < frozen + len(mine)
        assert frozen // 2 < gc.get_freeze_count() <= frozen
        assert mine
    finally:
        gc.unfreeze()


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        (gc.enable if was else gc.disable)()


def test_paused_inside_enabled_again_after_success_and_failure(collector_enabled) -> None:
    with paused_collections():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyboardInterrupt), paused_collections():
        raise KeyboardInterrupt
    assert gc.isenabled()


def test_a_caller_that_paused_the_collector_keeps_it_paused(collector_enabled) -> None:
    gc.disable()
    with paused_collections():
        pass
    assert not gc.isenabled()


def test_reading_a_graph_runs_no_collection(collector_enabled, tmp_path) -> None:
    """No collection starts while the store reads the graph (many do around it), and the
    collector is on again after it."""
    from factories import all_documents

    from graphkit.store.ladybug import LadybugStore

    with LadybugStore(tmp_path / "db") as store:
        for doc in all_documents():
            store.write(doc)
        with collections_started(inside="read_graph") as runs:
            graph = store.read_graph()
            [[i] for i in range(10)]
    assert graph.edges
    assert runs and not any(runs)
    assert gc.isenabled()
