"""PostgreSQL side of the event store's hot paths: appends and position reads.

An append is one call of the ``oneoffice_append`` function (created by the migrations) on the
asyncpg connection under SQLAlchemy's pool: one round trip in the steady state. The function takes
the store's transaction-scoped advisory lock, checks the expected stream version and that the
caller's chain head is still the commune's newest hash, then inserts; the lock is released only
after the commit is visible, so positions become visible in increasing order.

The chain head is cached per commune in this process; when another process appended in between,
the function answers ``head`` with the real head and the append is planned again.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import asyncpg
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
_MAX_REPLANS = 20


class PostgresBackend:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._heads: dict[str, str] = {}

    async def append(
        self,
        request: AppendRequest,
        recorded_at: datetime,
        before_commit: BeforeCommitHook | None,
    ) -> list[StoredEvent]:
        async with self._engine.connect() as sa_conn:
            raw = await sa_conn.get_raw_connection()
            conn: asyncpg.Connection = raw.driver_connection
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
        async with self._engine.connect() as sa_conn:
            raw = await sa_conn.get_raw_connection()
            conn: Any = raw.driver_connection
            rows = await conn.fetch(_READ_ALL, after, limit)
        return [(r[0], r[1]) for r in rows]

    async def close(self) -> None:
        self._heads.clear()
