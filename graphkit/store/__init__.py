"""Graph stores behind one interface: embedded LadybugDB (default) and Neo4j over Bolt."""

from __future__ import annotations

import os
from pathlib import Path

from graphkit.store.base import GraphData, GraphEdge, GraphNode, GraphStore, QueryResult, Written
from graphkit.store.statements import Changes

__all__ = [
    "DEFAULT_DB",
    "Changes",
    "GraphData",
    "GraphEdge",
    "GraphNode",
    "GraphStore",
    "QueryResult",
    "Written",
    "open_store",
]


def default_db() -> Path:
    """The embedded database used when neither --db, GRAPHKIT_DB nor --neo4j is given."""
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "graphkit" / "graph"


DEFAULT_DB = "$XDG_DATA_HOME/graphkit/graph (~/.local/share/graphkit/graph)"


def open_store(
    db: str | os.PathLike[str] | None = None,
    neo4j_uri: str | None = None,
    *,
    read_only: bool = False,
) -> GraphStore:
    """Open the store the user chose: Neo4j when a URI is given, else the embedded one.

    ``read_only`` opens the embedded database without write access (Neo4j enforces
    read-only per query instead, and its older data is not upgraded).
    """
    if neo4j_uri:
        from graphkit.store.neo4j import Neo4jStore

        return Neo4jStore(neo4j_uri, read_only=read_only)
    from graphkit.store.ladybug import LadybugStore

    path = db or os.environ.get("GRAPHKIT_DB") or default_db()
    return LadybugStore(path, read_only=read_only)
