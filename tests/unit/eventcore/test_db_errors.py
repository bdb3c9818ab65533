"""Database errors are told apart by SQLSTATE, as asyncpg raises them and SQLAlchemy wraps them."""

from __future__ import annotations

import sqlite3

import asyncpg
import pytest
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_dbapi
from sqlalchemy.exc import DBAPIError, OperationalError

from oneoffice.eventcore.db_errors import describe, is_transient, needs_reconnect, transient_reason

_dbapi = AsyncAdapt_asyncpg_dbapi(asyncpg)


def as_sqlalchemy_raises_it(error: Exception) -> DBAPIError:
    """``error`` as it reaches the applier: asyncpg's error, adapted by the dialect, wrapped by SQLAlchemy."""
    try:
        try:
            raise error
        except Exception as raised:
            for cls in type(raised).__mro__:
                if cls in _dbapi._asyncpg_error_translate:
                    raise _dbapi._asyncpg_error_translate[cls](raised.args[0], raised) from raised
            raise
    except _dbapi.Error as adapted:
        wrapped = DBAPIError.instance("UPDATE t SET n = 1", {}, adapted, _dbapi.Error)
        wrapped.__cause__ = adapted
        return wrapped
    raise AssertionError("not adapted")


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (asyncpg.exceptions.DeadlockDetectedError("deadlock detected"), "conflict"),
        (asyncpg.exceptions.SerializationError("could not serialize access"), "conflict"),
        (asyncpg.exceptions.ReadOnlySQLTransactionError("read-only transaction"), "read_only"),
        (asyncpg.exceptions.LockNotAvailableError("lock timeout"), "lock_timeout"),
        (asyncpg.exceptions.QueryCanceledError("statement timeout"), "statement_timeout"),
        (asyncpg.exceptions.DiskFullError("no space left"), "resources"),
        (asyncpg.exceptions.TooManyConnectionsError("too many clients"), "resources"),
        (asyncpg.exceptions.CannotConnectNowError("the database system is starting up"), "operator"),
        (asyncpg.exceptions.AdminShutdownError("terminating connection"), "operator"),
        (asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed"), "connection"),
        (asyncpg.exceptions.PostgresIOError("could not read block"), "system"),
    ],
)
def test_server_errors_that_say_nothing_about_the_event_are_transient(error: Exception, reason: str) -> None:
    wrapped = as_sqlalchemy_raises_it(error)
    assert not isinstance(wrapped, OperationalError)  # what the old check relied on
    assert transient_reason(wrapped) == reason
    assert is_transient(wrapped)


@pytest.mark.parametrize(
    "error",
    [
        asyncpg.exceptions.UniqueViolationError("duplicate key value"),
        asyncpg.exceptions.InvalidTextRepresentationError("invalid input syntax for type json"),
        asyncpg.exceptions.UndefinedTableError("relation does not exist"),
    ],
)
def test_errors_about_the_data_or_the_schema_are_not_transient(error: Exception) -> None:
    assert transient_reason(as_sqlalchemy_raises_it(error)) is None


def test_a_read_only_session_is_dropped_so_the_next_attempt_connects_again() -> None:
    assert needs_reconnect(as_sqlalchemy_raises_it(asyncpg.exceptions.ReadOnlySQLTransactionError("ro")))
    assert not needs_reconnect(as_sqlalchemy_raises_it(asyncpg.exceptions.DeadlockDetectedError("d")))


def test_an_invalidated_connection_and_os_errors_from_the_driver_are_transient() -> None:
    invalidated = DBAPIError("SELECT 1", {}, Exception("gone"), connection_invalidated=True)
    assert transient_reason(invalidated) == "connection"
    try:
        try:
            raise ConnectionResetError("reset by peer")
        except OSError as exc:
            raise RuntimeError("while applying") from exc
    except RuntimeError as chained:
        assert transient_reason(chained) == "connection"
    assert transient_reason(TimeoutError()) == "connection"


def test_sqlite_busy_and_locked_are_transient_other_sqlite_errors_not() -> None:
    locked = OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))
    assert transient_reason(locked) == "sqlite_busy"
    missing = OperationalError("INSERT", {}, sqlite3.OperationalError("no such table: notes"))
    assert transient_reason(missing) is None


def test_a_handler_bug_is_not_a_database_error() -> None:
    assert transient_reason(KeyError("payload")) is None


def test_a_description_names_the_class_and_sqlstate_never_the_message() -> None:
    wrapped = as_sqlalchemy_raises_it(asyncpg.exceptions.UniqueViolationError("Key (name)=(Nguyễn Văn A)"))
    assert describe(wrapped) == "IntegrityError [23505]"
    assert describe(ValueError("Nguyễn Văn A")) == "ValueError"
