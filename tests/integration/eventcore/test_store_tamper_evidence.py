"""Every stored event is chained to its commune's previous one (every store); editing the table is caught."""

from __future__ import annotations

import sqlalchemy as sa

from oneoffice.eventcore.envelope import Metadata, StoredEvent, chain_hash
from oneoffice.eventcore.schema import events
from oneoffice.eventcore.store import EventStore

from .conftest import AnyStore, NoteTaken

META = Metadata(actor="clerk", correlation_id="corr")


def _raw_data(page: list[StoredEvent]) -> bytes:
    [(_, data)] = page
    return data


async def _fill(store: AnyStore) -> None:
    for n in range(5):
        await store.append(f"doc-{n}", "16876", [NoteTaken(text="a", n=n)], expected_version=0, metadata=META)
        await store.append(
            f"other-{n}", "16882", [NoteTaken(text="b", n=n)], expected_version=0, metadata=META
        )


async def test_untouched_chain_verifies_per_commune(store: AnyStore) -> None:
    await _fill(store)
    for commune in await store.communes():
        report = await store.verify(commune)
        assert report.ok and report.checked == 5


async def test_edited_payload_is_named_as_the_first_broken_link(sql_store: EventStore) -> None:
    await _fill(sql_store)
    target = (await sql_store.read_stream("doc-2"))[0]
    edited = _raw_data(await sql_store.read_all(target.position - 1, 1)).replace(b'"n":2', b'"n":99')
    async with sql_store.engine.begin() as conn:
        await conn.execute(sa.update(events).where(events.c.position == target.position).values(data=edited))
    report = await sql_store.verify("16876")
    assert not report.ok
    assert report.broken is not None
    assert report.broken.position == target.position
    assert report.broken.event_id == target.event_id
    assert "altered" in report.broken.reason
    assert report.checked == 2
    assert (await sql_store.verify("16882")).ok, "another commune's chain is unaffected"


async def test_edited_indexed_column_is_caught(sql_store: EventStore) -> None:
    await _fill(sql_store)
    target = (await sql_store.read_stream("doc-0"))[0]
    async with sql_store.engine.begin() as conn:
        await conn.execute(
            sa.update(events).where(events.c.position == target.position).values(stream_id="doc-x")
        )
    report = await sql_store.verify("16876")
    assert report.broken is not None and report.broken.position == target.position
    assert "stream_id" in report.broken.reason


async def test_removed_event_breaks_the_link_of_its_successor(sql_store: EventStore) -> None:
    await _fill(sql_store)
    removed = (await sql_store.read_stream("doc-1"))[0]
    successor = (await sql_store.read_stream("doc-2"))[0]
    async with sql_store.engine.begin() as conn:
        await conn.execute(sa.delete(events).where(events.c.position == removed.position))
    report = await sql_store.verify("16876")
    assert report.broken is not None
    assert report.broken.position == successor.position
    assert "removed or reordered" in report.broken.reason


async def test_rehashed_edit_is_still_caught_by_the_next_link(sql_store: EventStore) -> None:
    """An editor who also recomputes the edited row's hash breaks the successor's prev_hash."""
    await _fill(sql_store)
    target = (await sql_store.read_stream("doc-3"))[0]
    successor = (await sql_store.read_stream("doc-4"))[0]
    forged = _raw_data(await sql_store.read_all(target.position - 1, 1)).replace(b'"n":3', b'"n":1000')
    async with sql_store.engine.begin() as conn:
        await conn.execute(
            sa.update(events)
            .where(events.c.position == target.position)
            .values(data=forged, hash=chain_hash(forged))
        )
    report = await sql_store.verify("16876")
    assert report.broken is not None
    assert report.broken.position == successor.position
