"""Shared fixtures: one real Neo4j per test session, and a fresh store of either kind per test.

Neo4j: the session starts the throwaway server in ``tests/neo4j`` (built with Maven on
first use) unless ``GRAPHKIT_TEST_NEO4J_URI`` names a server to use instead (its
credentials in ``GRAPHKIT_TEST_NEO4J_USERNAME`` / ``_PASSWORD``, its database in
``GRAPHKIT_TEST_NEO4J_DATABASE``). The tests wipe that database, which is why they never
follow the ``NEO4J_URI`` a developer may have set for their real graph. If the server
cannot start, every Neo4j test fails; none is skipped.

Every test runs with the developer's own ``NEO4J_*`` and ``GRAPHKIT_DB`` variables
removed from the environment, so nothing reaches a real database by accident.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from graphkit.store.base import GraphStore
from graphkit.store.ladybug import LadybugStore
from graphkit.store.neo4j import Neo4jStore

TESTS = Path(__file__).resolve().parent
USER_VARIABLES = ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE", "GRAPHKIT_DB")


def _load_server_module():
    """tests/neo4j/server.py, loaded by path: a package named ``neo4j`` would be the driver."""
    spec = importlib.util.spec_from_file_location(
        "graphkit_test_neo4j_server", TESTS / "neo4j" / "server.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


neo4j_server_module = _load_server_module()

# `make mutate` runs every mutant with `--hypothesis-profile=mutate`: the same examples each
# time and no deadline, so a verdict does not depend on a lucky draw or a slow machine
settings.register_profile("mutate", derandomize=True, deadline=None, database=None)


@dataclass(frozen=True)
class Neo4jTarget:
    """Where the Neo4j tests run, and the environment the CLI needs to reach it."""

    uri: str
    username: str | None = None
    password: str | None = None
    database: str = "neo4j"

    @property
    def env(self) -> dict[str, str]:
        """``NEO4J_*`` variables for a ``graphkit --neo4j "$NEO4J_URI"`` subprocess."""
        env = {"NEO4J_URI": self.uri, "NEO4J_DATABASE": self.database}
        if self.username:
            env["NEO4J_USERNAME"] = self.username
        if self.password:
            env["NEO4J_PASSWORD"] = self.password
        return env

    def open(self) -> Neo4jStore:
        return Neo4jStore(
            self.uri, username=self.username, password=self.password, database=self.database
        )


@pytest.fixture(scope="session", autouse=True)
def _hermetic_environment() -> Iterator[None]:
    saved = {name: os.environ.pop(name) for name in USER_VARIABLES if name in os.environ}
    yield
    os.environ.update(saved)


@pytest.fixture(scope="session")
def neo4j_target(_hermetic_environment: None) -> Iterator[Neo4jTarget]:
    """The session's Neo4j, started once and stopped at the end (or GRAPHKIT_TEST_NEO4J_URI)."""
    given = os.environ.get("GRAPHKIT_TEST_NEO4J_URI")
    if given:
        yield Neo4jTarget(
            given,
            username=os.environ.get("GRAPHKIT_TEST_NEO4J_USERNAME"),
            password=os.environ.get("GRAPHKIT_TEST_NEO4J_PASSWORD"),
            database=os.environ.get("GRAPHKIT_TEST_NEO4J_DATABASE") or "neo4j",
        )
        return
    server = neo4j_server_module.Neo4jServer()
    failure = None
    try:
        uri = server.start()
    except neo4j_server_module.Neo4jServerError as exc:
        failure = str(exc)
    if failure is not None:  # fail, never skip: CI must not pass without Neo4j
        pytest.fail(f"the test Neo4j server did not start: {failure}", pytrace=False)
    try:
        yield Neo4jTarget(uri)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_with_auth(_hermetic_environment: None) -> Iterator[str]:
    """The URI of a second Neo4j, started on first use, with authentication on and only the
    initial user ``neo4j`` / ``neo4j``, whose password must be changed before any query:
    the credential failures users meet (a wrong password, none, the initial one)."""
    server = neo4j_server_module.Neo4jServer(auth=True)
    failure = None
    try:
        uri = server.start()
    except neo4j_server_module.Neo4jServerError as exc:
        failure = str(exc)
    if failure is not None:
        pytest.fail(f"the test Neo4j server with authentication did not start: {failure}")
    try:
        yield uri
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_uri(neo4j_target: Neo4jTarget) -> str:
    """The Bolt URI of the session's Neo4j (its data is whatever earlier tests left)."""
    return neo4j_target.uri


@pytest.fixture
def empty_neo4j(neo4j_target: Neo4jTarget) -> Neo4jTarget:
    """The session's Neo4j with its database emptied (schema kept) for this test."""
    with neo4j_target.open() as store:
        store.run("MATCH (n) DETACH DELETE n", write=True)
    return neo4j_target


@pytest.fixture
def neo4j_store(neo4j_target: Neo4jTarget) -> Iterator[Neo4jStore]:
    """A Neo4jStore on the session's server, its database emptied for this test."""
    store = neo4j_target.open()
    store.run("MATCH (n) DETACH DELETE n", write=True)
    yield store
    store.close()


@pytest.fixture
def embedded_store(tmp_path: Path) -> Iterator[LadybugStore]:
    store = LadybugStore(tmp_path / "db")
    yield store
    store.close()


@pytest.fixture(
    params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)],
)
def store(request: pytest.FixtureRequest) -> GraphStore:
    """A fresh, empty store of each kind: the contract suite runs once per backend."""
    return request.getfixturevalue(f"{request.param}_store")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that reaches Neo4j carries the ``neo4j`` marker, however it got there."""
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "neo4j_target" in names or "neo4j_with_auth" in names:
            item.add_marker(pytest.mark.neo4j)


@pytest.fixture
def graphkit_cli():
    """The command line as tests run it (tests/graphkit_cli.py): in-process unless
    ``process=True``; also importable as ``from graphkit_cli import graphkit``."""
    from graphkit_cli import graphkit

    return graphkit
