"""The Neo4j 5 store, over Bolt with the official driver.

Credentials come from the environment only (``NEO4J_USERNAME``, ``NEO4J_PASSWORD``),
never from the command line, and are never printed. Every call names its database.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import neo4j
from neo4j.exceptions import AuthError, ClientError, Neo4jError, ServiceUnavailable

from graphkit import schema
from graphkit.errors import QueryError, StoreError
from graphkit.store.base import GraphStore, QueryResult, Runner, entity_record

DEFAULT_DATABASE = "neo4j"

# What the driver raises, before anything reaches the server, for a value Bolt cannot carry
# (an integer beyond 64 bits, an unsupported type). LadybugDB reports the same as an error.
_UNSENDABLE = (OverflowError, TypeError, ValueError)


class Neo4jStore(GraphStore):
    kind = "neo4j"

    def __init__(
        self,
        uri: str,
        *,
        username: str | None = None,
        password: str | None = None,
        database: str | None = None,
    ) -> None:
        username = username if username is not None else os.environ.get("NEO4J_USERNAME")
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
        self.uri = uri
        self.database = database or os.environ.get("NEO4J_DATABASE") or DEFAULT_DATABASE
        auth = (username or "neo4j", password) if password else None
        try:
            # The server's notifications (e.g. "property key does not exist" for a property
            # no node has yet) would otherwise be logged to stderr as warnings on every read.
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=auth, notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF
            )
            self._driver.verify_connectivity()
        except AuthError:
            self._close_driver()
            raise StoreError(
                f"Neo4j at {uri} refused the credentials in NEO4J_USERNAME / NEO4J_PASSWORD"
            ) from None
        except (ServiceUnavailable, Neo4jError, ValueError, OSError) as exc:
            self._close_driver()
            raise StoreError(f"cannot reach Neo4j at {uri}: {_first_line(exc)}") from None
        self.ensure_schema()

    def ensure_schema(self) -> None:
        for statement in schema.neo4j_ddl():
            self._driver.execute_query(statement, database_=self.database)
        self._driver.execute_query("CALL db.awaitIndexes(60)", database_=self.database)

    def transaction(self, work: Callable[[Runner], Any]) -> Any:
        def unit(tx: neo4j.ManagedTransaction) -> Any:
            def run(statement: str, params: dict[str, Any]) -> list[list[Any]]:
                try:
                    return [list(r.values()) for r in tx.run(statement, params)]
                except _UNSENDABLE as exc:
                    raise StoreError(f"neo4j: cannot store a value: {exc}") from None

            return work(run)

        try:
            with self._driver.session(database=self.database) as session:
                return session.execute_write(unit)
        except Neo4jError as exc:
            raise StoreError(f"neo4j: {_first_line(exc)}") from None
        except ServiceUnavailable as exc:
            raise StoreError(f"lost Neo4j at {self.uri}: {_first_line(exc)}") from None

    def run(
        self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False
    ) -> QueryResult:
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        try:
            with self._driver.session(database=self.database, default_access_mode=mode) as session:
                result = session.run(cypher, params or {})
                columns = list(result.keys())
                rows = [[_plain(v) for v in record.values()] for record in result]
                return QueryResult(columns=columns, rows=rows)
        except ClientError as exc:
            if exc.code == "Neo.ClientError.Statement.AccessMode":
                raise QueryError(
                    "this query writes to the graph; pass --write to allow it"
                ) from None
            raise QueryError(_first_line(exc)) from None
        except (ServiceUnavailable, Neo4jError) as exc:
            raise StoreError(f"neo4j: {_first_line(exc)}") from None
        except _UNSENDABLE as exc:
            raise QueryError(f"cannot send a parameter to Neo4j: {exc}") from None

    def close(self) -> None:
        self._close_driver()

    def _close_driver(self) -> None:
        driver = getattr(self, "_driver", None)
        if driver is not None:
            driver.close()
            self._driver = None


def _plain(value: Any) -> Any:
    """Graph values as plain data, the shape LadybugDB returns them in."""
    if isinstance(value, neo4j.graph.Node):
        return entity_record(next(iter(value.labels), ""), _plain(dict(value)))
    if isinstance(value, neo4j.graph.Relationship):
        return entity_record(value.type, _plain(dict(value)))
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _first_line(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return message.strip().splitlines()[0]
