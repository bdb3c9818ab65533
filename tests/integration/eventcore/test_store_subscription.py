"""Catch-up subscription on an event store (embedded mode): exactly-once effect, poison events."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from oneoffice.eventcore.applier import BatchApplier, DeadLetterBreakerOpen, Delivery
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.eventcore.schema import dead_letters
from oneoffice.eventcore.store import EventStore
from oneoffice.eventcore.store_subscription import StoreSubscription

from .conftest import MakeEngine, NoteTaken
from .projections import NotesProjection, rows

META = Metadata(actor="clerk", correlation_id="corr")


async def _setup(make_engine: MakeEngine) -> tuple[EventStore, ProjectionRunner, BatchApplier]:
    source = EventStore(await make_engine())
    target_engine = await make_engine()  # same database: the embedded mode keeps both in one process
    await upgrade(target_engine)
    runner = ProjectionRunner(target_engine, NotesProjection())
    await runner.start()
    return source, runner, BatchApplier(target_engine, "notes", runner, retry_delay=0)


async def test_catch_up_applies_every_event_once_and_records_its_position(make_engine: MakeEngine) -> None:
    source, runner, applier = await _setup(make_engine)
    for n in range(5):
        await source.append(f"s{n}", "16876", [NoteTaken(text="a", n=n)], expected_version=0, metadata=META)
    subscription = StoreSubscription(source, applier, source_name="documents", batch_size=2)
    await subscription.catch_up()
    assert await subscription.position() == await source.last_position()
    assert await subscription.lag() == 0

    again = StoreSubscription(source, applier, source_name="documents")
    await again.catch_up()  # a restarted follower starts from the stored checkpoint
    async with applier.engine.connect() as conn:
        notes = await rows(conn, (await runner.tables(conn))["notes"])
    assert sorted(r["n"] for r in notes) == [0, 1, 2, 3, 4]


async def test_redelivered_page_changes_nothing(make_engine: MakeEngine) -> None:
    source, runner, applier = await _setup(make_engine)
    for n in range(3):
        await source.append(f"s{n}", "c", [NoteTaken(text="a", n=n)], expected_version=0, metadata=META)
    await StoreSubscription(source, applier, source_name="documents").catch_up()

    page = await source.read_all(0, 100)
    outcome = await applier.apply("store:documents", 0, [Delivery(p, p, d) for p, d in page], expected=None)
    assert outcome.applied == 0 and outcome.skipped == 3
    async with applier.engine.connect() as conn:
        assert len(await rows(conn, (await runner.tables(conn))["notes"])) == 3


async def test_poison_event_is_dead_lettered_and_the_rest_still_applied(make_engine: MakeEngine) -> None:
    source, runner, applier = await _setup(make_engine)
    await source.append("s1", "c", [NoteTaken(text="a", n=1)], expected_version=0, metadata=META)
    await source.append("s2", "c", [NoteTaken(text="poison", n=2)], expected_version=0, metadata=META)
    await source.append("s3", "c", [NoteTaken(text="b", n=3)], expected_version=0, metadata=META)
    subscription = StoreSubscription(source, applier, source_name="documents")
    await subscription.catch_up()
    assert await subscription.lag() == 0
    async with applier.engine.connect() as conn:
        assert sorted(r["n"] for r in await rows(conn, (await runner.tables(conn))["notes"])) == [1, 3]
        dead = (await conn.execute(sa.select(dead_letters))).mappings().all()
    assert len(dead) == 1
    assert dead[0]["subscription"] == "notes" and "never be projected" in dead[0]["error"]
    assert b'"text":"poison"' in dead[0]["data"]


async def test_rebuild_gives_the_same_state_as_incremental_processing(make_engine: MakeEngine) -> None:
    source, runner, applier = await _setup(make_engine)
    for n in range(30):
        await source.append(
            f"s{n % 7}", f"c{n % 3}", [NoteTaken(text="x", n=n)], expected_version=None, metadata=META
        )
    live = StoreSubscription(source, applier, source_name="documents", batch_size=7)
    await live.catch_up()
    async with applier.engine.connect() as conn:
        before = await rows(conn, (await runner.tables(conn))["notes"])

    async def replay(handler: object, name: str) -> None:
        rebuild_applier = BatchApplier(applier.engine, name, handler)  # type: ignore[arg-type]
        await StoreSubscription(source, rebuild_applier, source_name="documents", batch_size=11).catch_up()

    # Events keep arriving while the old generation answers.
    await source.append("late", "c0", [NoteTaken(text="late", n=99)], expected_version=0, metadata=META)
    generation = await runner.rebuild("notes", replay)
    assert generation == 2
    await live.catch_up()  # the live follower notices its checkpoint moved and follows the new generation
    async with applier.engine.connect() as conn:
        after = await rows(conn, (await runner.tables(conn))["notes"])
        tables = await conn.run_sync(lambda c: sa.inspect(c).get_table_names())
    assert [r for r in after if r["n"] != 99] == before
    assert [r["n"] for r in after if r["n"] == 99] == [99]
    assert "test_notes_g2" in tables and "test_notes_g1" not in tables


async def test_rebuild_replays_again_when_the_live_subscription_got_ahead_of_it(
    make_engine: MakeEngine,
) -> None:
    source, runner, applier = await _setup(make_engine)
    await source.append("s0", "c", [NoteTaken(text="x", n=0)], expected_version=0, metadata=META)
    live = StoreSubscription(source, applier, source_name="documents")
    await live.catch_up()
    rounds = 0

    async def replay(handler: object, name: str) -> None:
        nonlocal rounds
        rounds += 1
        await StoreSubscription(
            source, BatchApplier(applier.engine, name, handler), source_name="documents"
        ).catch_up()  # type: ignore[arg-type]
        if rounds == 1:  # the live follower applies a new event after the replay's last read
            await source.append("s1", "c", [NoteTaken(text="y", n=1)], expected_version=0, metadata=META)
            await live.catch_up()

    await runner.rebuild("notes", replay)
    assert rounds == 2
    async with applier.engine.connect() as conn:
        assert sorted(r["n"] for r in await rows(conn, (await runner.tables(conn))["notes"])) == [0, 1]


class StumblingNotes(NotesProjection):
    """Fails on the note "stumble" with an error that proves nothing about the event, twice."""

    def __init__(self) -> None:
        self.failures = 0

    async def apply(self, conn, tables, event):  # type: ignore[no-untyped-def]
        if event.payload["text"] == "stumble" and self.failures < 2:
            self.failures += 1
            raise KeyError("a bug in the handler, not in the event")
        await super().apply(conn, tables, event)


async def _notes(applier: BatchApplier, runner: ProjectionRunner) -> list[int]:
    async with applier.engine.connect() as conn:
        return sorted(r["n"] for r in await rows(conn, (await runner.tables(conn))["notes"]))


async def _dead(applier: BatchApplier) -> list[dict[str, object]]:
    async with applier.engine.connect() as conn:
        return [dict(r) for r in (await conn.execute(sa.select(dead_letters))).mappings()]


async def _wait(check: Callable[[], Awaitable[bool]], timeout: float = 20.0) -> None:
    async with asyncio.timeout(timeout):
        while not await check():  # noqa: ASYNC110 - the state is in a database
            await asyncio.sleep(0.02)


async def test_handler_failure_is_retried_from_the_checkpoint_and_never_dead_lettered(
    make_engine: MakeEngine,
) -> None:
    source, _, applier = await _setup(make_engine)
    runner = ProjectionRunner(applier.engine, StumblingNotes())
    applier = BatchApplier(applier.engine, "notes", runner)
    for n, text in enumerate(["a", "stumble", "b"]):
        await source.append(f"s{n}", "c", [NoteTaken(text=text, n=n)], expected_version=0, metadata=META)
    retries: list[str] = []
    subscription = StoreSubscription(
        source, applier, source_name="documents", poll_interval=0.01, on_retry=retries.append
    )
    subscription.start()
    try:

        async def all_applied() -> bool:
            return await _notes(applier, runner) == [0, 1, 2]

        await _wait(all_applied)
    finally:
        await subscription.stop()
    assert await _dead(applier) == [], "a handler's bug is no proof that the event is bad"
    assert retries and set(retries) == {"handler"}


async def test_dead_letter_is_reported_only_once_its_row_is_committed(make_engine: MakeEngine) -> None:
    source, _, applier = await _setup(make_engine)
    seen: list[int] = []

    async def report(source_name: str, partition: int, delivery: Delivery, error: str) -> None:
        seen.append(len(await _dead(applier)))

    applier.add_dead_letter_hook(report)
    await source.append("s1", "c", [NoteTaken(text="poison", n=1)], expected_version=0, metadata=META)
    await StoreSubscription(source, applier, source_name="documents").catch_up()
    assert seen == [1], "the report (a DLQ publish) comes after the dead letter is recorded"


async def test_a_failed_dead_letter_report_keeps_the_row_and_moves_on(make_engine: MakeEngine) -> None:
    source, runner, applier = await _setup(make_engine)

    async def broken_report(source_name: str, partition: int, delivery: Delivery, error: str) -> None:
        raise ConnectionError("the dead-letter topic is away")

    applier.add_dead_letter_hook(broken_report)
    await source.append("s1", "c", [NoteTaken(text="poison", n=1)], expected_version=0, metadata=META)
    await source.append("s2", "c", [NoteTaken(text="b", n=2)], expected_version=0, metadata=META)
    await StoreSubscription(source, applier, source_name="documents").catch_up()
    assert len(await _dead(applier)) == 1
    assert await _notes(applier, runner) == [2]


async def test_breaker_halts_after_dead_letters_in_a_row_and_a_success_resets_it(
    make_engine: MakeEngine,
) -> None:
    source, runner, plain = await _setup(make_engine)
    applier = BatchApplier(plain.engine, "notes", runner, breaker_threshold=2)
    texts = ["poison", "poison", "ok", "poison", "poison", "poison", "ok"]
    for n, text in enumerate(texts):
        await source.append(f"s{n}", "c", [NoteTaken(text=text, n=n)], expected_version=0, metadata=META)
    halts: list[str] = []
    subscription = StoreSubscription(
        source, applier, source_name="documents", poll_interval=0.01, on_halt=halts.append
    )
    subscription.start()
    try:

        async def halted() -> bool:
            return bool(halts)

        await _wait(halted)
        await asyncio.sleep(0.1)  # a loop that went on would apply the last note now
    finally:
        await subscription.stop()
    assert halts == ["breaker"]
    assert isinstance(subscription.halted, DeadLetterBreakerOpen)
    assert len(await _dead(applier)) == 4, "halted before the fifth poison event, not drained"
    assert await _notes(applier, runner) == [2]
    assert await subscription.position() == 5  # the checkpoint stays before the event it halted on
