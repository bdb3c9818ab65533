"""Real PostgreSQL faults under a Kafka subscription: nothing is dead-lettered, nothing skipped.

Each fault is one a production database produces: a backend terminated in the middle of a batch, a
switchover that leaves sessions read-only, a lock held by another session past ``lock_timeout``, a
deadlock. Once the fault is gone every event is applied exactly once.
"""

# The Kafka flow fixture is imported from its module, so test parameters named ``flow`` shadow it.
# ruff: noqa: F811

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from typing import Any

import asyncpg
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.kafka.subscription import KafkaSubscription
from oneoffice.eventcore.projection import ProjectionRunner
from tests.conftest import require_pg_admin_dsn

from .projections import NotesProjection
from .test_kafka_subscription import Flow, _append, _count, _dead_count, _eventually, flow  # noqa: F401

Fault = Callable[[AsyncConnection], Awaitable[None]]


class FaultyNotes(NotesProjection):
    """Runs ``fault`` in the subscription's transaction when the note "fault" is applied (``times`` times)."""

    def __init__(self, fault: Fault, times: int = 1) -> None:
        self._fault = fault
        self._left = times

    async def apply(self, conn: AsyncConnection, tables: Mapping[str, sa.Table], event: Envelope) -> None:
        if event.payload["text"] == "fault" and self._left > 0:
            self._left -= 1
            await self._fault(conn)
        await super().apply(conn, tables, event)


def _subscription(flow: Flow, retries: list[str]) -> tuple[Any, KafkaSubscription]:
    from faststream.kafka import KafkaBroker

    broker = KafkaBroker(flow.bootstrap, logger=None)
    applier = BatchApplier(flow.target, "notes", flow.runner)
    subscription = KafkaSubscription(
        broker,
        [flow.topic],
        applier,
        group_id=flow.group,
        dead_letter_producer=flow.producer,
        max_records=50,
        retry_backoff=0.1,
        max_backoff=1.0,
        on_consumed=flow.consumed.append,
        on_retry=retries.append,
    )
    return broker, subscription


@pytest.fixture
async def admin() -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(require_pg_admin_dsn())
    yield conn
    await conn.close()


def _database(engine: AsyncEngine) -> str:
    name = engine.url.database
    assert name is not None
    return name


async def _run(
    flow: Flow, texts: list[str], retries: list[str], until: Callable[[], Awaitable[None]]
) -> None:
    await _append(flow.source, texts)
    await flow.publish()
    broker, _ = _subscription(flow, retries)
    await broker.start()
    try:
        await until()
        await _eventually(lambda: _applied(flow, len(texts)))
    finally:
        await broker.stop()


async def _applied(flow: Flow, expected: int) -> bool:
    try:
        return await _count(flow, expected)
    except sa.exc.DBAPIError:  # the test's own read met the fault (a read-only or killed session)
        return False


async def _assert_all_applied_once(flow: Flow, texts: list[str]) -> None:
    notes = await flow.notes()
    assert await _dead_count(flow, 0), "a healthy event was dead-lettered"
    assert sorted(str(n["text"]) for n in notes) == sorted(texts), "an event was skipped or applied twice"
    assert len({n["event_id"] for n in notes}) == len(texts)


TEXTS = ["a", "b", "fault", "c", "d", "e"]


async def test_backend_terminated_mid_batch_is_retried_and_nothing_is_dead_lettered(
    flow: Flow, admin: asyncpg.Connection
) -> None:
    async def terminate_own_backend(conn: AsyncConnection) -> None:
        pid = await conn.scalar(sa.text("SELECT pg_backend_pid()"))
        await admin.execute("SELECT pg_terminate_backend($1)", pid)

    flow.runner = ProjectionRunner(flow.target, FaultyNotes(terminate_own_backend, times=4))
    retries: list[str] = []
    await _run(flow, TEXTS, retries, lambda: _eventually(lambda: _true(len(retries) >= 4)))
    await _assert_all_applied_once(flow, TEXTS)
    assert set(retries) <= {"connection", "operator"}, retries


async def test_read_only_switchover_waits_for_a_writable_primary_and_dead_letters_nothing(
    flow: Flow, admin: asyncpg.Connection
) -> None:
    database = _database(flow.target)

    async def switch_over(conn: AsyncConnection) -> None:
        # What a client sees during a switchover: its sessions end, new ones are read-only.
        await admin.execute(f'ALTER DATABASE "{database}" SET default_transaction_read_only = on')
        await admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = $1 AND pid <> pg_backend_pid()",
            database,
        )

    flow.runner = ProjectionRunner(flow.target, FaultyNotes(switch_over))
    retries: list[str] = []

    async def switch_back() -> None:
        await _eventually(lambda: _true(retries.count("read_only") >= 3))
        await admin.execute(f'ALTER DATABASE "{database}" SET default_transaction_read_only = off')

    try:
        await _run(flow, TEXTS, retries, switch_back)
    finally:
        await admin.execute(f'ALTER DATABASE "{database}" RESET default_transaction_read_only')
    await _assert_all_applied_once(flow, TEXTS)


async def test_lock_timeout_behind_another_session_is_waited_out_not_dead_lettered(
    flow: Flow, admin: asyncpg.Connection
) -> None:
    database = _database(flow.target)
    await admin.execute(f"ALTER DATABASE \"{database}\" SET lock_timeout = '200ms'")
    await flow.target.dispose()  # the pool's sessions started before the setting
    other = create_engine(flow.target.url.render_as_string(hide_password=False))
    retries: list[str] = []
    try:
        async with other.connect() as locker:
            lock = await locker.begin()
            await locker.execute(sa.text("LOCK TABLE test_notes_g1 IN ACCESS EXCLUSIVE MODE"))

            async def release_after_timeouts() -> None:
                await _eventually(lambda: _true(retries.count("lock_timeout") >= 3))
                await lock.commit()

            await _run(flow, TEXTS, retries, release_after_timeouts)
    finally:
        await other.dispose()
    await _assert_all_applied_once(flow, TEXTS)


async def test_deadlock_with_another_session_is_retried_not_dead_lettered(flow: Flow) -> None:
    other = create_engine(flow.target.url.render_as_string(hide_password=False))
    async with other.begin() as conn:
        await conn.execute(sa.text("CREATE TABLE fault_rows (id int PRIMARY KEY, n int NOT NULL)"))
        await conn.execute(sa.text("INSERT INTO fault_rows VALUES (1, 0), (2, 0)"))
    others: list[asyncio.Task[None]] = []

    async def lock_in_the_other_order(locked: asyncio.Event) -> None:
        async with other.begin() as conn:
            await conn.execute(sa.text("UPDATE fault_rows SET n = n + 1 WHERE id = 2"))
            locked.set()
            await asyncio.sleep(0.3)  # the subscription waits on row 2 first, so it is the victim
            await conn.execute(sa.text("UPDATE fault_rows SET n = n + 1 WHERE id = 1"))

    async def deadlock(conn: AsyncConnection) -> None:
        await conn.execute(sa.text("UPDATE fault_rows SET n = n + 1 WHERE id = 1"))
        locked = asyncio.Event()
        others.append(asyncio.create_task(lock_in_the_other_order(locked)))
        await locked.wait()
        await conn.execute(sa.text("UPDATE fault_rows SET n = n + 1 WHERE id = 2"))

    flow.runner = ProjectionRunner(flow.target, FaultyNotes(deadlock, times=4))
    retries: list[str] = []
    try:
        await _run(flow, TEXTS, retries, lambda: _eventually(lambda: _true(retries.count("conflict") >= 4)))
        await asyncio.gather(*others, return_exceptions=True)
    finally:
        await other.dispose()
    await _assert_all_applied_once(flow, TEXTS)


async def _true(value: bool) -> bool:
    return value
