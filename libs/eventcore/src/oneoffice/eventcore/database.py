"""Async engine factory with the per-dialect settings the event store relies on.

SQLite: WAL (readers never wait for the writer), a busy timeout, and transactions that begin
``IMMEDIATE`` when the connection asks for it, so an appender holds the single write lock from its
first statement and positions are handed out in commit order.

Every engine hides bound parameters in its error messages and logs (``hide_parameters``): they hold
names and summaries, which must not reach logs or dead-letter rows. PostgreSQL pools do not ping a
connection at every checkout (a round trip on every append and read): the event store retries its
appends and reads once on a connection that died in the pool, other callers see one failure they
already handle (a subscription rewinds, a follower retries, a gRPC call answers UNAVAILABLE), and
SQLAlchemy then recycles every older pooled connection.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

WRITE_LOCK_OPTION = "oneoffice_write_lock"
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def create_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An async engine for ``url``; for a SQLite file, its folder is created first."""
    parsed = make_url(url)
    kwargs.setdefault("hide_parameters", True)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        return _sqlite_engine(url, **kwargs)
    if parsed.host in _LOOPBACK and "ssl" not in parsed.query and "sslmode" not in parsed.query:
        # asyncpg tries TLS first ("prefer"); on loopback that only costs time on every round trip.
        kwargs.setdefault("connect_args", {}).setdefault("ssl", False)
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    return create_async_engine(url, **kwargs)


def write_locking(engine: AsyncEngine) -> AsyncEngine:
    """``engine`` whose transactions take SQLite's write lock as they open (``BEGIN IMMEDIATE``).

    For a transaction that reads and then writes: a deferred one fails at once with "database is
    locked" at its first write when another connection committed after its read (WAL keeps its
    snapshot; the busy timeout does not apply). Other dialects get ``engine`` itself.
    """
    if engine.dialect.name != "sqlite":
        return engine
    return engine.execution_options(**{WRITE_LOCK_OPTION: True})


def _sqlite_engine(url: str, **kwargs: Any) -> AsyncEngine:
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("timeout", 30)
    engine = create_async_engine(url, connect_args=connect_args, **kwargs)

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from the sqlite3 module so BEGIN is ours to issue.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if ":memory:" not in url:
            cursor.execute("PRAGMA journal_mode=WAL")
        # NORMAL for the engine's connections: consumers' checkpoints and state (re-derived from
        # the log after a crash), relay cursors (a lost move republishes), snapshots. Appends do
        # not go through the engine: the store's own connections use FULL (see sqlite_backend).
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(WRITE_LOCK_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine
