"""A consumer never skips silently: a hole in a commune's chain or a replaced store halts it.

Catch-up subscriptions on a real SQLite / PostgreSQL store; the Kafka side is in
test_kafka_continuity.py.
"""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.continuity import ContinuityBroken, EpochChanged
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.eventcore.schema import events, subscription_checkpoints
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.store_subscription import StoreSubscription
from tests.conftest import CreateDatabase

from .conftest import MakeEngine, NoteTaken
from .projections import NotesProjection, rows

META = Metadata(actor="clerk", correlation_id="corr")


async def _consumer(engine: AsyncEngine) -> tuple[ProjectionRunner, BatchApplier]:
    runner = ProjectionRunner(engine, NotesProjection())
    await runner.start()
    return runner, BatchApplier(engine, "notes", runner, retry_delay=0)


async def _append(store: EventStore, first: int, count: int, commune: str = "c1") -> None:
    for n in range(first, first + count):
        await store.append(f"s{n}", commune, [NoteTaken(text="a", n=n)], expected_version=0, metadata=META)


async def _applied(runner: ProjectionRunner, engine: AsyncEngine) -> list[int]:
    async with engine.connect() as conn:
        return sorted(int(r["n"]) for r in await rows(conn, (await runner.tables(conn))["notes"]))


async def _next_position(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        value = await conn.scalar(sa.select(subscription_checkpoints.c.next_offset))
    return int(value or 0)


async def test_store_subscription_halts_at_a_missing_event_and_applies_nothing_past_it(
    make_engine: MakeEngine,
) -> None:
    engine = await make_engine()
    store = EventStore(engine)
    await _append(store, 1, 5)
    await _append(store, 6, 2, commune="c2")  # another commune's chain is whole
    async with engine.begin() as conn:  # the event at position 3 never reaches the consumer
        await conn.execute(events.delete().where(events.c.position == 3))
    runner, applier = await _consumer(engine)
    subscription = StoreSubscription(store, applier, source_name="documents", batch_size=2)
    assert await subscription.run_once() == 2
    with pytest.raises(ContinuityBroken) as halted:
        await subscription.run_once()
    assert halted.value.reason == "chain_break"
    assert "position 4" in str(halted.value) and "commune c1" in str(halted.value)
    assert await _applied(runner, engine) == [1, 2], "nothing past the hole is applied"
    assert await _next_position(engine) == 3
    await store.close()


async def test_a_running_store_subscription_halts_at_a_hole_raises_its_alarm_and_stays_stopped(
    make_engine: MakeEngine,
) -> None:
    engine = await make_engine()
    store = EventStore(engine)
    await _append(store, 1, 4)
    async with engine.begin() as conn:
        await conn.execute(events.delete().where(events.c.position == 2))
    runner, applier = await _consumer(engine)
    alarms: list[str] = []
    subscription = StoreSubscription(
        store, applier, source_name="documents", batch_size=1, on_halt=alarms.append
    )
    subscription.start()
    try:
        for _ in range(100):
            if subscription.halted is not None:
                break
            await asyncio.sleep(0.05)
        assert isinstance(subscription.halted, ContinuityBroken)
        assert alarms == ["chain_break"]
        await _append(store, 5, 1)  # the log grows: a halted subscription does not move on
        subscription.notify()
        await asyncio.sleep(0.3)
        assert await _applied(runner, engine) == [1]
        assert alarms == ["chain_break"], "the alarm is raised once"
    finally:
        await subscription.stop()
        await store.close()


async def test_positions_reused_after_a_restore_halt_with_chain_break(make_engine: MakeEngine) -> None:
    engine = await make_engine()
    store = EventStore(engine)
    await _append(store, 1, 5)
    runner, applier = await _consumer(engine)
    await StoreSubscription(store, applier, source_name="documents").catch_up()
    # The store is restored from a backup taken at position 3: positions 4 and 5 are handed out again.
    async with engine.begin() as conn:
        await conn.execute(events.delete().where(events.c.position > 3))
        if conn.dialect.name == "postgresql":
            await conn.execute(sa.text("SELECT setval(pg_get_serial_sequence('events', 'position'), 3)"))
        else:
            await conn.execute(sa.text("UPDATE sqlite_sequence SET seq = 3 WHERE name = 'events'"))
    await store.close()
    restored = EventStore(engine)
    await _append(restored, 10, 3)  # positions 4, 5, 6
    with pytest.raises(ContinuityBroken):
        await StoreSubscription(restored, applier, source_name="documents").catch_up()
    assert await _applied(runner, engine) == [1, 2, 3, 4, 5], "the event at reused position 6 is not applied"
    await restored.close()


async def test_a_replaced_store_database_halts_with_epoch_changed(
    make_engine: MakeEngine, create_pg_database: CreateDatabase
) -> None:
    consumer_engine = await make_engine()
    runner, applier = await _consumer(consumer_engine)
    first = create_engine(await create_pg_database("first"))
    second = create_engine(await create_pg_database("second"))
    try:
        for engine in (first, second):
            await upgrade(engine)
        await _append(EventStore(first), 1, 3)
        await StoreSubscription(EventStore(first), applier, source_name="documents").catch_up()
        # The source database is replaced by a new one whose positions start again at 1.
        await _append(EventStore(second), 10, 5, commune="c9")
        with pytest.raises(EpochChanged) as halted:
            await StoreSubscription(EventStore(second), applier, source_name="documents").catch_up()
        assert halted.value.reason == "epoch_changed"
        assert await _applied(runner, consumer_engine) == [1, 2, 3]
    finally:
        await first.dispose()
        await second.dispose()


async def test_a_commune_whose_first_event_does_not_link_to_genesis_halts(make_engine: MakeEngine) -> None:
    engine = await make_engine()
    store = EventStore(engine)
    await _append(store, 1, 3)
    async with engine.begin() as conn:  # the commune's first event is lost
        await conn.execute(events.delete().where(events.c.position == 1))
    runner, applier = await _consumer(engine)
    with pytest.raises(ContinuityBroken):
        await StoreSubscription(store, applier, source_name="documents").catch_up()
    assert await _applied(runner, engine) == []
    await store.close()


async def test_a_consumer_upgraded_with_a_checkpoint_accepts_the_first_link_of_each_commune(
    make_engine: MakeEngine,
) -> None:
    engine = await make_engine()
    store = EventStore(engine)
    await _append(store, 1, 2)
    await _append(store, 3, 2, commune="c2")
    runner, applier = await _consumer(engine)
    subscription = StoreSubscription(store, applier, source_name="documents", batch_size=1)
    assert await subscription.run_once() == 1
    # As after the upgrade: a checkpoint written before chain heads were kept, and no heads.
    async with engine.begin() as conn:
        await conn.execute(subscription_checkpoints.update().values(chain_checked=False))
        await conn.execute(sa.text("DELETE FROM subscription_chain_heads"))
    await subscription.catch_up()
    assert await _applied(runner, engine) == [1, 2, 3, 4]
    await store.close()


async def test_after_a_rebuild_switch_the_live_subscription_follows_the_rebuilds_chain_heads(
    make_engine: MakeEngine,
) -> None:
    engine = await make_engine()
    store = EventStore(engine)
    await _append(store, 1, 2)
    runner, applier = await _consumer(engine)
    live = StoreSubscription(store, applier, source_name="documents")
    await live.catch_up()

    async def replay(handler: object, name: str) -> None:
        rebuild = BatchApplier(engine, name, handler)  # type: ignore[arg-type]
        await StoreSubscription(store, rebuild, source_name="documents").catch_up()

    await _append(store, 3, 1)  # applied by the rebuild only, before the switch
    await runner.rebuild("notes", replay)
    await _append(store, 4, 1)
    await live.catch_up()  # event 4 follows event 3, which the live subscription never applied itself
    assert await _applied(runner, engine) == [1, 2, 3, 4]
    await store.close()
