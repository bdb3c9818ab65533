"""A follower reading by global position never skips an event that commits late.

Positions are handed out under the store's write lock, so a later position can never become
visible before an earlier one. The first test shows the hazard is real without that lock; the others
show the store never exhibits it.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Sequence

import asyncpg

from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Envelope, Metadata, StoredEvent, decode
from oneoffice.eventcore.migrations import upgrade
from tests.conftest import CreateDatabase

from .conftest import MakeStore, NoteTaken

META = Metadata(actor="writer", correlation_id="corr")

_RAW_INSERT = """
INSERT INTO events (event_id, event_type, schema_version, stream_id, stream_version, commune_id,
                    recorded_at, data, hash)
VALUES ($1, 't', 1, $1, 1, 'c', now(), '{}', '')
RETURNING position
"""


async def test_position_follower_skips_a_late_commit_when_positions_are_not_serialised(
    create_pg_database: CreateDatabase,
) -> None:
    """Control: plain concurrent inserts into a BIGSERIAL table let a follower skip an event."""
    url = await create_pg_database("hazard")
    engine = create_engine(url)
    await upgrade(engine)
    await engine.dispose()
    dsn = url.replace("postgresql+asyncpg://", "postgresql://")
    early, late, follower = [await asyncpg.connect(dsn) for _ in range(3)]
    try:
        early_tx, late_tx = early.transaction(), late.transaction()
        await early_tx.start()
        early_position = await early.fetchval(_RAW_INSERT, "early")
        await late_tx.start()
        late_position = await late.fetchval(_RAW_INSERT, "late")
        await late_tx.commit()
        seen = [
            r[0] for r in await follower.fetch("SELECT position FROM events WHERE position > 0 ORDER BY 1")
        ]
        await early_tx.commit()
        seen += [
            r[0] for r in await follower.fetch("SELECT position FROM events WHERE position > $1", seen[-1])
        ]
        assert early_position < late_position
        assert seen == [late_position]  # the early event was skipped for good
    finally:
        for conn in (early, late, follower):
            await conn.close()


async def test_later_append_waits_until_the_earlier_one_commits(make_store: MakeStore) -> None:
    entered, release = asyncio.Event(), asyncio.Event()

    async def hold_before_commit(_: Sequence[StoredEvent]) -> None:
        entered.set()
        await release.wait()

    slow = await make_store(before_commit=hold_before_commit)
    fast = await make_store()
    follower = await make_store()

    slow_append = asyncio.create_task(
        slow.append("early", "c1", [NoteTaken(text="early")], expected_version=0, metadata=META)
    )
    await entered.wait()
    fast_append = asyncio.create_task(
        fast.append("late", "c1", [NoteTaken(text="late")], expected_version=0, metadata=META)
    )
    await asyncio.sleep(0.3)

    assert not fast_append.done(), "the second appender must wait for the store's write lock"
    assert await follower.read_all() == []
    release.set()
    await asyncio.gather(slow_append, fast_append)
    seen = [decode(e) for e in await follower.read_all()]
    assert [e.stream_id for e in seen] == ["early", "late"]
    assert seen[0].position < seen[1].position
    assert (await follower.verify("c1")).ok


async def test_follower_sees_every_event_once_in_order_under_concurrent_writers(
    make_store: MakeStore,
) -> None:
    writers, appends_per_writer = 8, 40
    stores = [await make_store() for _ in range(writers)]
    reader = await make_store()
    done = asyncio.Event()
    rng = random.Random(7)

    async def writer(index: int) -> list[str]:
        store = stores[index]
        ids: list[str] = []
        for n in range(appends_per_writer):
            batch = [NoteTaken(text=f"w{index}", n=n) for _ in range(rng.randint(1, 3))]
            written = await store.append(
                f"stream-{index}-{n % 4}", f"commune-{index % 3}", batch, expected_version=None, metadata=META
            )
            ids.extend(decode(e).event_id for e in written)
            if rng.random() < 0.3:
                await asyncio.sleep(0)
        return ids

    async def follower() -> list[Envelope]:
        seen: list[Envelope] = []
        after = 0
        while True:
            finished = done.is_set()
            page = await reader.read_all(after=after, limit=25)
            seen.extend(decode(e) for e in page)
            if page:
                after = page[-1][0]
            elif finished:
                return seen
            else:
                await asyncio.sleep(0.001)

    follow = asyncio.create_task(follower())
    written = await asyncio.gather(*(writer(i) for i in range(writers)))
    done.set()
    seen = await follow

    all_written = {event_id for ids in written for event_id in ids}
    seen_ids = [e.event_id for e in seen]
    assert len(seen_ids) == len(set(seen_ids)), "an event was delivered twice"
    assert set(seen_ids) == all_written, f"{len(all_written - set(seen_ids))} events were skipped"
    positions = [e.position for e in seen]
    assert positions == sorted(positions)
    final = await reader.read_all(after=0, limit=100_000)
    assert [decode(e).event_id for e in final] == seen_ids
    for commune in ("commune-0", "commune-1", "commune-2"):
        assert (await reader.verify(commune)).ok
