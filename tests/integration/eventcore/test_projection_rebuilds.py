"""Rebuilds run in several processes at once (the server and the CLI), on the real databases.

A rebuild holds a lease in the database: a second one is refused instead of dropping the first
one's generation, a rebuild whose lease was taken over changes nothing, and the switch takes its
locks in the live applier's order, so the two never deadlock.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from oneoffice.eventcore.applier import BatchApplier
from oneoffice.eventcore.envelope import Envelope, Metadata, StoredEvent
from oneoffice.eventcore.handlers import EventHandler
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.eventcore.rebuild_lease import RebuildLeaseHeld, RebuildLeaseLost
from oneoffice.eventcore.schema import projection_rebuild_leases
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.store_subscription import StoreSubscription

from .conftest import MakeEngine, NoteTaken
from .projections import NotesProjection, rows

pytestmark = pytest.mark.integration

META = Metadata(actor="clerk", correlation_id="corr")


async def _log_of(source: EventStore, count: int) -> None:
    for n in range(count):
        await source.append(f"s{n}", "16876", [NoteTaken(text="a", n=n)], expected_version=0, metadata=META)


def _replay_from(source: EventStore, engine: AsyncEngine) -> object:
    async def replay(handler: EventHandler, name: str) -> None:
        await StoreSubscription(
            source, BatchApplier(engine, name, handler), source_name="documents"
        ).catch_up()

    return replay


async def _table_names(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as conn:
        return set(await conn.run_sync(lambda c: sa.inspect(c).get_table_names()))


async def _notes(runner: ProjectionRunner, engine: AsyncEngine) -> list[int]:
    async with engine.connect() as conn:
        return sorted(r["n"] for r in await rows(conn, (await runner.tables(conn))["notes"]))


class _PausingReplay:
    """A rebuild's replay that stops after its first pass until released (a long rebuild)."""

    def __init__(self, source: EventStore, engine: AsyncEngine) -> None:
        self._source = source
        self._engine = engine
        self.replayed = asyncio.Event()
        self.release = asyncio.Event()

    async def __call__(self, handler: EventHandler, name: str) -> None:
        applier = BatchApplier(self._engine, name, handler)
        await StoreSubscription(self._source, applier, source_name="documents").catch_up()
        self.replayed.set()
        await self.release.wait()


async def test_a_second_rebuild_is_refused_while_another_process_rebuilds(make_engine: MakeEngine) -> None:
    source = EventStore(await make_engine())
    server_engine, cli_engine = await make_engine(), await make_engine()  # two processes
    server = ProjectionRunner(server_engine, NotesProjection())
    await server.start()
    await _log_of(source, 5)
    await StoreSubscription(
        source, BatchApplier(server_engine, "notes", server), source_name="documents"
    ).catch_up()
    first = _PausingReplay(source, server_engine)
    running = asyncio.create_task(server.rebuild("notes", first))  # type: ignore[arg-type]
    await asyncio.wait_for(first.replayed.wait(), 30)

    cli = ProjectionRunner(cli_engine, NotesProjection())
    try:
        second: object = await cli.rebuild("notes", _replay_from(source, cli_engine))  # type: ignore[arg-type]
    except RebuildLeaseHeld as refused:
        second = refused
    first.release.set()
    try:
        first_outcome: object = await running
    except Exception as exc:
        first_outcome = exc

    assert isinstance(second, RebuildLeaseHeld), (
        f"the second rebuild was not refused: it returned {second!r} (dropping and refilling the first "
        f"one's generation), and the first rebuild ended with {first_outcome!r}"
    )
    assert "notes" in str(second) and second.owner
    assert first_outcome == 2
    assert await _notes(server, server_engine) == [0, 1, 2, 3, 4]
    assert await cli.active_generation() == 2
    assert "test_notes_g1" not in await _table_names(server_engine)
    async with server_engine.connect() as conn:  # released: the next rebuild may start
        assert (await conn.execute(sa.select(projection_rebuild_leases))).all() == []


async def test_a_rebuild_whose_lease_was_taken_over_switches_nothing_and_drops_nothing(
    make_engine: MakeEngine,
) -> None:
    source = EventStore(await make_engine())
    server_engine, cli_engine = await make_engine(), await make_engine()
    server = ProjectionRunner(server_engine, NotesProjection())
    await server.start()
    await _log_of(source, 4)
    await StoreSubscription(
        source, BatchApplier(server_engine, "notes", server), source_name="documents"
    ).catch_up()
    paused = _PausingReplay(source, server_engine)
    running = asyncio.create_task(server.rebuild("notes", paused))  # type: ignore[arg-type]
    await asyncio.wait_for(paused.replayed.wait(), 30)
    # The first rebuild's process stalls past its lease's expiry (a long GC pause, a frozen VM).
    async with server_engine.begin() as conn:
        await conn.execute(
            projection_rebuild_leases.update().values(expires_at=datetime(2000, 1, 1, tzinfo=UTC))
        )

    cli = ProjectionRunner(cli_engine, NotesProjection())
    assert await cli.rebuild("notes", _replay_from(source, cli_engine)) == 2  # type: ignore[arg-type]
    paused.release.set()
    with pytest.raises(RebuildLeaseLost):
        await running

    assert await server.active_generation() == 2
    assert await _notes(server, server_engine) == [0, 1, 2, 3]
    tables = await _table_names(server_engine)
    assert "test_notes_g2" in tables and "test_notes_g3" not in tables


class _GatedRunner:
    """The live subscription's handler, held (with its checkpoint rows locked) when asked to."""

    def __init__(self, runner: ProjectionRunner) -> None:
        self.runner = runner
        self.hold: asyncio.Event | None = None
        self.holding = asyncio.Event()

    async def _gate(self) -> None:
        if self.hold is not None:
            hold, self.hold = self.hold, None
            self.holding.set()
            await hold.wait()

    async def handle(self, conn: AsyncConnection, events: Sequence[Envelope]) -> None:
        await self._gate()
        await self.runner.handle(conn, events)

    async def handle_stored(self, conn: AsyncConnection, events: Sequence[StoredEvent]) -> None:
        await self._gate()
        await self.runner.handle_stored(conn, events)


async def _wait_for_a_lock_wait(engine: AsyncEngine) -> None:
    """Until some session of this database waits for a lock (the switch, on a row the applier holds)."""
    async with engine.connect() as conn:
        async with asyncio.timeout(30):
            while not await conn.scalar(  # polled: the state is in the database
                sa.text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            ):
                await conn.commit()
                await asyncio.sleep(0.05)


async def test_a_switch_racing_the_live_applier_takes_the_locks_in_its_order_and_never_deadlocks(
    pg_url: str,
) -> None:
    from oneoffice.eventcore.database import create_engine
    from oneoffice.eventcore.migrations import upgrade

    engines = [create_engine(pg_url) for _ in range(3)]
    try:
        source_engine, engine, watcher = engines
        await upgrade(source_engine)
        source = EventStore(source_engine)
        runner = ProjectionRunner(engine, NotesProjection())
        await runner.start()
        gated = _GatedRunner(runner)
        live = StoreSubscription(source, BatchApplier(engine, "notes", gated), source_name="documents")
        await _log_of(source, 3)
        await live.catch_up()
        live_applying: list[asyncio.Task[None]] = []
        rounds = 0

        async def replay(handler: EventHandler, name: str) -> None:
            nonlocal rounds
            rounds += 1
            await StoreSubscription(
                source, BatchApplier(engine, name, handler), source_name="documents"
            ).catch_up()
            if rounds == 1:
                # The live applier locks its checkpoint row, then is held before it reads the
                # active generation; the switch starts meanwhile and waits for that row.
                hold = gated.hold = asyncio.Event()
                await source.append(
                    "late", "16876", [NoteTaken(text="late", n=9)], expected_version=0, metadata=META
                )
                live_applying.append(asyncio.create_task(live.catch_up()))
                await asyncio.wait_for(gated.holding.wait(), 30)

                async def release_once_the_switch_waits() -> None:
                    await _wait_for_a_lock_wait(watcher)
                    hold.set()

                live_applying.append(asyncio.create_task(release_once_the_switch_waits()))

        rebuilt = (await asyncio.gather(runner.rebuild("notes", replay), return_exceptions=True))[0]
        outcomes = [rebuilt, *await asyncio.gather(*live_applying, return_exceptions=True)]
        errors = [o for o in outcomes if isinstance(o, BaseException)]
        assert not errors, f"the switch and the live applier failed: {errors!r}"
        assert rebuilt == 2
        assert rounds == 2  # the switch saw the live applier's event and replayed it first
        await live.catch_up()
        assert await _notes(runner, engine) == [0, 1, 2, 9]
    finally:
        for e in engines:
            await e.dispose()
