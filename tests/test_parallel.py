"""How many worker processes parallel work gets (graphkit.parallel)."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphkit import parallel
from graphkit.parallel import usable_cores, worker_count


def test_the_usable_cores_are_this_process_affinity(monkeypatch) -> None:
    assert usable_cores() == len(os.sched_getaffinity(0))
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    for cores in ({3}, {0, 5, 7}):  # taskset -c 3, or a container given three cores
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid, cores=cores: cores)
        assert usable_cores() == len(cores)


@pytest.mark.parametrize("failure", [OSError, AttributeError])
def test_without_an_affinity_the_machine_cores_at_least_one(monkeypatch, failure) -> None:
    def no_affinity(pid: int) -> set[int]:
        raise failure("no affinity here")

    monkeypatch.setattr(os, "sched_getaffinity", no_affinity)
    for count, cores in ((5, 5), (1, 1), (None, 1)):  # None: the count is unknown
        monkeypatch.setattr(os, "cpu_count", lambda count=count: count)
        assert usable_cores() == cores


def test_by_default_one_worker_per_core_when_worth_it_else_one(monkeypatch) -> None:
    monkeypatch.setattr(parallel, "usable_cores", lambda: 6)
    assert worker_count(None, worth_it=True) == 6
    assert worker_count(None, worth_it=False) == 1


@given(asked=st.integers(min_value=-5, max_value=10_000), cores=st.integers(1, 256))
def test_asked_for_workers_are_capped_at_the_cores_and_at_least_one(asked: int, cores: int) -> None:
    parallel_cores = parallel.usable_cores
    parallel.usable_cores = lambda: cores  # type: ignore[assignment]
    try:
        for worth_it in (True, False):
            assert worker_count(asked, worth_it=worth_it) == max(1, min(asked, cores))
    finally:
        parallel.usable_cores = parallel_cores  # type: ignore[assignment]
