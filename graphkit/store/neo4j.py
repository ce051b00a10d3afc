"""The Neo4j 5 store, over Bolt with the official driver.

Credentials come from the environment only (``NEO4J_USERNAME``, ``NEO4J_PASSWORD``),
never from the command line, and are never printed. Every call names its database.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from itertools import islice
from typing import Any

import neo4j
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DatabaseUnavailable,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from graphkit.errors import QueryError, StoreError, StoreUnavailable
from graphkit.redact import has_credentials, shown_uri, uri_scheme
from graphkit.store import schema
from graphkit.store.base import GraphStore, QueryResult
from graphkit.store.statements import Runner, entity_record

DEFAULT_DATABASE = "neo4j"
SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
"""The URI schemes of the Bolt protocol (``+s``: TLS, ``+ssc``: TLS with a self-signed
certificate); the driver's experimental HTTP support is not used."""
CREDENTIALS_IN_URI = (
    "the Neo4j URI must not hold credentials: set NEO4J_USERNAME / NEO4J_PASSWORD in the "
    "environment instead"
)


def check_uri(uri: str) -> str:
    """``uri`` ready for the driver, or a :class:`StoreError` saying what is wrong with it.

    The message never repeats the URI: one that fails here may hold a password.
    """
    scheme = uri_scheme(uri)
    if scheme is None:
        raise StoreError(
            "the Neo4j URI (--neo4j or NEO4J_URI) is not a URI: expected bolt://HOST:7687 or "
            "neo4j://HOST:7687"
        )
    if scheme not in SCHEMES:
        raise StoreError(
            f"the Neo4j URI uses {scheme}://, which is not Bolt: use bolt:// or neo4j:// "
            "(bolt+s:// or neo4j+s:// for TLS)"
        )
    if has_credentials(uri):
        raise StoreError(CREDENTIALS_IN_URI)
    return uri.strip()


# What the driver raises, before anything reaches the server, for a value Bolt cannot carry
# (an integer beyond 64 bits, an unsupported type). LadybugDB reports the same as an error.
_UNSENDABLE = (OverflowError, TypeError, ValueError)

# The server is gone or going (stopped, crashed, shutting down, connection lost). IncompleteCommit
# is a ServiceUnavailable: the commit was sent and its outcome is unknown.
_LOST = (ServiceUnavailable, SessionExpired, DatabaseUnavailable)

#: How long a write is retried through such failures (the driver's default, made explicit): a
#: server back within this time is not noticed; one that stays away fails a load ~30-40 s after
#: it went (the retries back off 1, 2, 4, 8, 16 s with jitter). Connections to a stopped server
#: are refused at once, so connection timeouts do not add to it.
RETRY_SECONDS = 30.0


class Neo4jStore(GraphStore):
    kind = "neo4j"

    def __init__(
        self,
        uri: str,
        *,
        username: str | None = None,
        password: str | None = None,
        database: str | None = None,
        read_only: bool = False,
    ) -> None:
        self.read_only = read_only  # queries are read-only per query; this spares the data
        username = username if username is not None else os.environ.get("NEO4J_USERNAME")
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD")
        self.uri = check_uri(uri)
        self.shown_uri = shown_uri(self.uri)  # what messages name
        self.database = database or os.environ.get("NEO4J_DATABASE") or DEFAULT_DATABASE
        auth = (username or "neo4j", password) if password else None
        try:
            # The server's notifications (e.g. "property key does not exist" for a property
            # no node has yet) would otherwise be logged to stderr as warnings on every read.
            self._driver = neo4j.GraphDatabase.driver(
                self.uri,
                auth=auth,
                notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
                max_transaction_retry_time=RETRY_SECONDS,
            )
            self._driver.verify_connectivity()
        except AuthError:
            self._close_driver()
            if not password:
                raise StoreError(
                    f"Neo4j at {self.shown_uri} requires credentials: set NEO4J_USERNAME / "
                    "NEO4J_PASSWORD in the environment"
                ) from None
            raise StoreError(
                f"Neo4j at {self.shown_uri} refused the credentials in NEO4J_USERNAME / "
                "NEO4J_PASSWORD"
            ) from None
        except (ServiceUnavailable, Neo4jError, ValueError, OSError) as exc:
            self._close_driver()
            raise StoreError(
                f"cannot reach Neo4j at {self.shown_uri}: {self._unreachable(exc)}"
            ) from None
        try:
            self.ensure_schema()
        except BaseException:
            self._close_driver()
            raise

    def ensure_schema(self) -> None:
        try:
            renames = [] if self.read_only else schema.neo4j_renames()
            for statement in (*schema.neo4j_ddl(), *renames):
                self._driver.execute_query(statement, database_=self.database)
            self._driver.execute_query("CALL db.awaitIndexes(60)", database_=self.database)
        except _LOST as exc:
            raise self._lost(exc) from None
        except Neo4jError as exc:
            raise self._refused(exc) from None

    def _unreachable(self, exc: Exception) -> str:
        """Why the server could not be reached, in one line (the driver puts the cause of a
        failed TLS handshake on its second line, after the addresses)."""
        reason = _first_line(exc)
        text = " ".join(str(e) for e in _causes(exc))
        if "+s" in (uri_scheme(self.uri) or "") and ("SSL" in text or "encrypt" in text):
            return (
                "the TLS handshake failed; is TLS on at that server? (bolt+s:// and "
                "neo4j+s:// need it; use bolt:// or neo4j:// for a server without TLS)"
            )
        return re.sub(r" \(resolved to .*", "", reason).rstrip(": ") or reason

    def _refused(self, exc: Neo4jError) -> StoreError:
        """A server error before or outside a user's query, as one line saying what to do."""
        code = exc.code or ""
        where = f"Neo4j at {self.shown_uri}"
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreError(
                f"{where} has no database {self.database!r} (NEO4J_DATABASE); leave it unset "
                f"for {DEFAULT_DATABASE!r} or name one that exists (SHOW DATABASES)"
            )
        if code == "Neo.ClientError.Security.CredentialsExpired":
            return StoreError(
                f"{where} accepted the credentials in NEO4J_USERNAME / NEO4J_PASSWORD, but the "
                "password must be changed before first use (a new server's initial password): "
                "change it in cypher-shell (ALTER CURRENT USER SET PASSWORD FROM ... TO ...)"
            )
        if code.startswith("Neo.ClientError.Security."):
            return StoreError(f"{where} refused: {_first_line(exc)}")
        return StoreError(f"neo4j: {_first_line(exc)}")

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
        except _LOST as exc:  # after the driver's retries (RETRY_SECONDS)
            raise self._lost(exc) from None
        except Neo4jError as exc:
            raise self._refused(exc) from None

    def read_all(self, statements: Sequence[str]) -> list[list[list[Any]]]:
        def unit(tx: neo4j.ManagedTransaction) -> list[list[list[Any]]]:
            return [
                [[_plain(v) for v in record.values()] for record in tx.run(statement)]
                for statement in statements
            ]

        try:
            with self._driver.session(database=self.database) as session:
                return session.execute_read(unit)
        except _LOST as exc:
            raise self._lost(exc) from None
        except Neo4jError as exc:
            raise self._refused(exc) from None

    def _run(
        self, cypher: str, params: dict[str, Any], *, write: bool, max_rows: int | None
    ) -> QueryResult:
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        try:
            with self._driver.session(database=self.database, default_access_mode=mode) as session:
                result = session.run(cypher, params)
                columns = list(result.keys())
                records = result if max_rows is None else islice(result, max_rows + 1)
                rows = [[_plain(v) for v in record.values()] for record in records]
                truncated = max_rows is not None and len(rows) > max_rows
                if truncated:  # the rest is discarded by the server, never sent
                    del rows[max_rows:]
                    result.consume()
                return QueryResult(columns=columns, rows=rows, truncated=truncated)
        except _LOST as exc:
            raise self._lost(exc) from None
        except ClientError as exc:
            if exc.code == "Neo.ClientError.Statement.AccessMode":
                raise QueryError(
                    "this query writes to the graph; pass --write to allow it"
                ) from None
            if (exc.code or "").startswith(
                ("Neo.ClientError.Security.", "Neo.ClientError.Database.")
            ):
                raise self._refused(exc) from None
            raise QueryError(_first_line(exc)) from None
        except (ServiceUnavailable, Neo4jError) as exc:
            raise self._refused(exc) from None
        except _UNSENDABLE as exc:
            raise QueryError(f"cannot send a parameter to Neo4j: {exc}") from None

    def close(self) -> None:
        self._close_driver()

    def _lost(self, exc: Exception) -> StoreUnavailable:
        # The driver's message, without the addresses it repeats: "Couldn't connect to
        # 127.0.0.1:7687", "Failed to read from defunct connection", "Database 'x' unavailable".
        reason = re.sub(r" \(resolved to .*| ?\(?\w*IPv[46]Address\(.*", "", _first_line(exc))
        return StoreUnavailable(f"lost Neo4j at {self.shown_uri}: {reason.rstrip(': ')}")

    def _close_driver(self) -> None:
        driver = getattr(self, "_driver", None)
        if driver is not None:
            driver.close()
            self._driver = None


_SCALARS = frozenset({str, int, float, bool, type(None)})
"""Values returned as they are (nearly all): no conversion call for them."""


def _plain(value: Any) -> Any:
    """Graph values as plain data, the shape LadybugDB returns them in."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is list:  # a whole table's rows come as lists of rows (Dialect.rows_per_record)
        if _SCALARS.issuperset(map(type, value)):
            return value
        return [_plain(v) for v in value]
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


def _causes(exc: BaseException, limit: int = 50) -> list[BaseException]:
    """``exc``, what caused it and, for an exception group, its members (the routing driver
    wraps the real failure, such as a TLS handshake, in one), breadth first, at most
    ``limit`` of them."""
    seen: list[BaseException] = []
    queue = [exc]
    while queue and len(seen) < limit:
        current = queue.pop(0)
        if any(current is s for s in seen):
            continue
        seen.append(current)
        queue.extend(e for e in (current.__cause__, current.__context__) if e is not None)
        queue.extend(getattr(current, "exceptions", ()))
    return seen


def _first_line(exc: BaseException) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return message.strip().splitlines()[0]
