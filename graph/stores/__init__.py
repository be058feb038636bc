"""Where the graph is kept: the embedded Ladybug store (a folder, no server) or a Neo4j server.

``open_store(target)`` is the one way to open either: a folder path (or nothing: ``$VANKIEN_STORE``,
else ./vankien-store) opens the embedded store, a ``neo4j://``, ``neo4j+s://``, ``bolt://`` …
URI (or ``Neo4jSettings``) a Neo4j database. Both implement ``GraphStore`` (base.py): schema, the
texts already held, atomic batches, Cypher with parameters.
"""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from vankien.graph.stores.base import DEFAULT_STORE, GraphStore, QueryResult, StoreError
from vankien.graph.stores.ladybug_store import LadybugStore
from vankien.graph.stores.neo4j_store import Neo4jSettings, Neo4jStore

NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")

__all__ = ["GraphStore", "LadybugStore", "Neo4jSettings", "Neo4jStore", "QueryResult", "StoreError",
           "default_store_path", "is_neo4j_uri", "open_store"]


def default_store_path() -> Path:
    """``$VANKIEN_STORE``, else ./vankien-store."""
    return Path(os.environ.get("VANKIEN_STORE") or DEFAULT_STORE)


def is_neo4j_uri(target: object) -> bool:
    return isinstance(target, str) and target.partition("://")[0].lower() in NEO4J_SCHEMES \
        and "://" in target


def open_store(target: str | os.PathLike | Neo4jSettings | None = None, *, read_only: bool = False,
               create: bool = True, password: str | None = None) -> GraphStore:
    """Open the store TARGET names.

    - a folder (or None: ``$VANKIEN_STORE``, else ./vankien-store): the embedded store, created when
      missing unless ``create=False``;
    - a Neo4j URI (``neo4j://host:7687``, ``bolt://…``) or ``Neo4jSettings``: that server, with the user
      and database of ``$NEO4J_USERNAME`` / ``$NEO4J_DATABASE`` and the password given here or in
      ``$NEO4J_PASSWORD``.

    Raises StoreError with a message for the user when it cannot be opened."""
    if isinstance(target, Neo4jSettings):
        settings = target
    elif is_neo4j_uri(target):
        settings = Neo4jSettings.from_env(str(target))
    else:
        return LadybugStore(Path(target) if target else default_store_path(), read_only=read_only, create=create)
    if password is not None:
        settings = dataclasses.replace(settings, password=password)
    return Neo4jStore(settings, read_only=read_only)
