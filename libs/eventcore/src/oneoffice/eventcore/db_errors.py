"""Which database errors are passing trouble: the subscription waits and tries again, never gives up.

With asyncpg, SQLAlchemy maps almost every server error to a plain ``DBAPIError``, so the exception
class says little. What says it is the SQLSTATE the server sent (carried by the driver's error, which
SQLAlchemy keeps as ``DBAPIError.orig`` and as ``__cause__``): a lost connection (class 08), a
deadlock or serialization failure (40), a full disk or too many connections (53), an operator or
failover stopping the session, "cannot connect now" and statement timeouts (57), an I/O error (58),
a read-only transaction during a switchover (25006) and a lock timeout (55P03). None of them says
anything about the event being applied: retried later, the same event goes through.

A connection SQLAlchemy invalidated, the operating system's connection errors and timeouts from a
driver, and SQLite's "database is locked"/busy (and full disk, I/O) errors belong with them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator

from sqlalchemy import event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

# SQLSTATE classes (the first two characters) and single states -> the label of the retry metric.
_TRANSIENT_CLASSES = {
    "08": "connection",
    "40": "conflict",
    "53": "resources",
    "57": "operator",
    "58": "system",
}
_TRANSIENT_STATES = {
    "25006": "read_only",
    "55P03": "lock_timeout",
    "57014": "statement_timeout",
}
# A session that saw these will see them again: drop the connection, reconnect on the next attempt
# (after a switchover, a new connection reaches the new primary).
_RECONNECT_STATES = {"25006"}
_SQLITE_TRANSIENT = {
    "SQLITE_BUSY": "sqlite_busy",
    "SQLITE_LOCKED": "sqlite_busy",
    "SQLITE_FULL": "resources",
    "SQLITE_IOERR": "system",
}


def transient_reason(exc: BaseException) -> str | None:
    """A short stable label when ``exc`` is passing trouble of the database, else None.

    Labels: connection, conflict, resources, operator, system, read_only, lock_timeout,
    statement_timeout, sqlite_busy.
    """
    errors = list(_chain(exc))
    for error in errors:  # what the server or SQLite said comes first: it names the trouble best
        state = sqlstate(error)
        if state is not None:
            reason = _TRANSIENT_STATES.get(state) or _TRANSIENT_CLASSES.get(state[:2])
        elif isinstance(error, sqlite3.Error):
            reason = _sqlite_reason(error)
        else:
            continue
        if reason is not None:
            return reason
    for error in errors:
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return "connection"
        if isinstance(error, OSError | TimeoutError):  # ConnectionError is an OSError
            return "connection"
    return None


def is_transient(exc: BaseException) -> bool:
    """True when ``exc`` says nothing about the event: never dead-letter because of it."""
    return transient_reason(exc) is not None


def needs_reconnect(exc: BaseException) -> bool:
    """True when the connection that raised ``exc`` should not be used again (read-only session)."""
    return any(sqlstate(error) in _RECONNECT_STATES for error in _chain(exc))


def reconnect_when_read_only(engine: AsyncEngine) -> None:
    """Make SQLAlchemy drop a connection whose session turned out read-only (a switchover).

    Marked as a disconnect, the connection is invalidated (with the pool's older ones) and the
    next attempt connects again, reaching whichever server is the primary by then.
    """
    target = engine.sync_engine
    if not event.contains(target, "handle_error", _read_only_is_a_disconnect):
        event.listen(target, "handle_error", _read_only_is_a_disconnect)


def _read_only_is_a_disconnect(context: ExceptionContext) -> None:
    if needs_reconnect(context.original_exception):
        context.is_disconnect = True


def sqlstate(error: BaseException) -> str | None:
    """The SQLSTATE an error carries (asyncpg, SQLAlchemy's adapted errors, psycopg), if any."""
    state = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
    return state if isinstance(state, str) and len(state) == 5 else None


def describe(exc: BaseException) -> str:
    """The error's class, and its SQLSTATE when it has one: never its message (it may quote data)."""
    for error in _chain(exc):
        state = sqlstate(error)
        if state is not None:
            return f"{type(exc).__name__} [{state}]"
    return type(exc).__name__


def _sqlite_reason(error: sqlite3.Error) -> str | None:
    name = getattr(error, "sqlite_errorname", "") or ""
    for prefix, reason in _SQLITE_TRANSIENT.items():
        if name.startswith(prefix):
            return reason
    text = str(error)
    return "sqlite_busy" if "database is locked" in text or "database table is locked" in text else None


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc``, the driver error SQLAlchemy wraps, and their causes and contexts (each once)."""
    seen: set[int] = set()
    pending = [exc]
    while pending and len(seen) < 16:
        error = pending.pop(0)
        if id(error) in seen:
            continue
        seen.add(id(error))
        yield error
        for linked in (getattr(error, "orig", None), error.__cause__, error.__context__):
            if isinstance(linked, BaseException):
                pending.append(linked)
