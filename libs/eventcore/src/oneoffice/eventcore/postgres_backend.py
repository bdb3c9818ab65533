"""PostgreSQL side of the event store's hot paths: appends and position reads.

An append is one call of the ``oneoffice_append`` function (created by the migrations) on the
asyncpg connection under SQLAlchemy's pool: one round trip in the steady state. The function takes
the store's transaction-scoped advisory lock, checks the expected stream version and that the
caller's chain head is still the commune's newest hash, then inserts; the lock is released only
after the commit is visible, so positions become visible in increasing order.

The chain head is cached per commune in this process; when another process appended in between,
the function answers ``head`` with the real head and the append is planned again.

Dead connections (the pool does not ping at checkout, see :mod:`.database`): a pooled connection
the server closed while it was idle is seen closed before anything is sent, and is replaced. A
connection that dies during an append leaves its outcome unknown; the store then looks the
append's event ids up on a fresh connection (they are fixed before the first attempt): found, the
append committed and its events are returned; not found, it did not commit and is tried once more.
The retry cannot record the events twice: ``event_id`` is unique, so of two attempts at most one
commits (and a repeated idempotency key answers with the stored result). Reads simply retry once.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any, TypeVar

import asyncpg
import structlog
from sqlalchemy.ext.asyncio import AsyncEngine

from .append_plan import AppendRequest, BeforeCommitHook, check_expected, plan_rows
from .envelope import GENESIS_HASH, StoredEvent, canonical_json
from .errors import ConcurrencyConflict, DuplicateRequest, EventStoreError

_APPEND = (
    "SELECT out_position, out_status, out_detail"
    " FROM oneoffice_append($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
)
_VERSION = "SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = $1"
_STORED_RESULT = "SELECT result FROM idempotency_records WHERE scope = $1 AND key = $2"
_READ_ALL = "SELECT position, data FROM events WHERE position > $1 ORDER BY position LIMIT $2"
_READ_ALL_HASHED = "SELECT position, data, hash FROM events WHERE position > $1 ORDER BY position LIMIT $2"
_BY_EVENT_ID = "SELECT position, data FROM events WHERE event_id = ANY($1::text[]) ORDER BY position"
_MAX_REPLANS = 20
# Closed pooled connections replaced at one checkout before giving up (more than any pool holds).
_MAX_CLOSED_AT_CHECKOUT = 64

log = structlog.get_logger("oneoffice.eventcore.postgres")
T = TypeVar("T")
# The connection died under a statement: the server went away or ended this session.
_CONNECTION_LOST = (
    asyncpg.PostgresConnectionError,
    asyncpg.AdminShutdownError,
    asyncpg.CannotConnectNowError,
    asyncpg.InterfaceError,
    ConnectionError,
    OSError,
)


def is_connection_lost(exc: BaseException) -> bool:
    if isinstance(exc, asyncpg.InterfaceError):
        return "closed" in str(exc) or "connection" in str(exc).lower()
    return isinstance(exc, _CONNECTION_LOST)


class _Lost(Exception):
    """The connection died under a statement; ``original`` is what the driver raised."""

    def __init__(self, original: BaseException) -> None:
        super().__init__(repr(original))
        self.original = original


class PostgresBackend:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._heads: dict[str, str] = {}

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[asyncpg.Connection]:
        """An open driver connection from the pool; one the server closed meanwhile is replaced."""
        for _ in range(_MAX_CLOSED_AT_CHECKOUT):
            async with self._engine.connect() as sa_conn:
                raw = await sa_conn.get_raw_connection()
                conn: asyncpg.Connection = raw.driver_connection
                if conn.is_closed():
                    await sa_conn.invalidate()
                    continue
                try:
                    yield conn
                except Exception as exc:
                    if not (is_connection_lost(exc) or conn.is_closed()):
                        raise
                    await sa_conn.invalidate()
                    raise _Lost(exc) from exc
                return
        raise asyncpg.ConnectionDoesNotExistError("every pooled connection was closed")

    async def _once_more(self, call: Callable[[asyncpg.Connection], Awaitable[T]]) -> T:
        """Run a read, and once more on a fresh connection if its connection died under it."""
        try:
            async with self._connection() as conn:
                return await call(conn)
        except _Lost as lost:
            log.warning(
                "connection lost during a read; reading once more", error=type(lost.original).__name__
            )
        try:
            async with self._connection() as conn:
                return await call(conn)
        except _Lost as lost:
            raise lost.original from None

    async def append(
        self,
        request: AppendRequest,
        recorded_at: datetime,
        before_commit: BeforeCommitHook | None,
    ) -> list[StoredEvent]:
        try:
            return await self._append_on_a_connection(request, recorded_at, before_commit)
        except _Lost as lost:
            log.warning(
                "connection lost during an append; checking its outcome", error=type(lost.original).__name__
            )
        if committed := await self._committed(request):
            return committed
        try:
            return await self._append_on_a_connection(request, recorded_at, before_commit)
        except _Lost as lost:
            raise lost.original from None
        except ConcurrencyConflict:
            # The first attempt may have committed after all (its session outlived the socket).
            if committed := await self._committed(request):
                return committed
            raise

    async def _committed(self, request: AppendRequest) -> list[StoredEvent]:
        """The append's events as stored, or [] when none of them committed."""
        ids = list(request.event_ids)
        rows = await self._once_more(lambda conn: conn.fetch(_BY_EVENT_ID, ids))
        return [(r[0], r[1]) for r in rows]

    async def _append_on_a_connection(
        self, request: AppendRequest, recorded_at: datetime, before_commit: BeforeCommitHook | None
    ) -> list[StoredEvent]:
        async with self._connection() as conn:
            if before_commit is None:
                return await self._append(conn, request, recorded_at)
            async with conn.transaction():
                stored = await self._append(conn, request, recorded_at)
                await before_commit(stored)
                return stored

    async def _append(
        self, conn: asyncpg.Connection, request: AppendRequest, recorded_at: datetime
    ) -> list[StoredEvent]:
        base = request.expected_version
        if base is None:
            base = await conn.fetchval(_VERSION, request.stream_id)
        head = self._heads.get(request.commune_id, GENESIS_HASH)
        idem = request.idempotency
        for _ in range(_MAX_REPLANS):
            rows = plan_rows(request, base, head)
            try:
                result = await conn.fetch(
                    _APPEND,
                    request.stream_id,
                    request.commune_id,
                    base,
                    head,
                    [r.event_id for r in rows],
                    [r.event_type for r in rows],
                    [r.schema_version for r in rows],
                    recorded_at,
                    [r.data for r in rows],
                    [r.hash for r in rows],
                    idem.scope if idem else None,
                    idem.key if idem else None,
                    canonical_json(idem.result) if idem else None,
                )
            except asyncpg.UniqueViolationError as exc:
                await self._raise_duplicate(conn, request, exc)
                raise
            status = result[0]["out_status"]
            if status == "ok":
                self._heads[request.commune_id] = rows[-1].hash
                positions = sorted(r["out_position"] for r in result)
                return [(p, r.data) for p, r in zip(positions, rows, strict=True)]
            detail = result[0]["out_detail"]
            if status == "head":
                head = detail
                self._heads[request.commune_id] = head
            elif status == "version":
                actual = int(detail)
                check_expected(request, actual)  # raises for a caller who expected a version
                base = actual  # the caller accepts any version: plan on the newest
            else:
                raise EventStoreError(f"unexpected answer from oneoffice_append: {status}")
        raise ConcurrencyConflict(request.stream_id, base, base)

    async def _raise_duplicate(
        self, conn: asyncpg.Connection, request: AppendRequest, exc: Exception
    ) -> None:
        idem = request.idempotency
        if idem is not None and "idempotency_records" in str(getattr(exc, "table_name", "") or exc):
            stored = await conn.fetchval(_STORED_RESULT, idem.scope, idem.key)
            if stored is not None:
                raise DuplicateRequest(idem.scope, idem.key, json.loads(stored)) from exc
        actual = await conn.fetchval(_VERSION, request.stream_id)
        raise ConcurrencyConflict(request.stream_id, request.expected_version or 0, actual) from exc

    async def read_all(self, after: int, limit: int) -> list[StoredEvent]:
        rows: list[Any] = await self._once_more(lambda conn: conn.fetch(_READ_ALL, after, limit))
        return [(r[0], r[1]) for r in rows]

    async def read_all_hashed(self, after: int, limit: int) -> list[tuple[int, bytes, str]]:
        rows: list[Any] = await self._once_more(lambda conn: conn.fetch(_READ_ALL_HASHED, after, limit))
        return [(r[0], r[1], r[2]) for r in rows]

    async def close(self) -> None:
        self._heads.clear()
