"""The hand-over notice: 30 days before a closed file is due at the archive, raised exactly once."""

from __future__ import annotations

import asyncio
from datetime import date

from oneoffice.contracts.events.documents import RecordFileHandoverDueSoon
from oneoffice.documents.application.records import SCHEDULER_ACTOR

from .records_world import CLERK, STREAM, Records, new_file


async def notices(it: Records) -> list[RecordFileHandoverDueSoon]:
    return [
        RecordFileHandoverDueSoon.model_validate(e.payload)
        for e in await it.store.read_stream(STREAM)
        if e.event_type == RecordFileHandoverDueSoon.event_type
    ]


async def closed_file(it: Records, retention: str = "20y", code: str = "01.TCCB") -> str:
    made = await it.files.create(new_file(retention=retention, file_code=code), CLERK)
    await it.files.close("16876", made.file_id, date(2026, 3, 10), CLERK)
    return made.file_id


async def test_the_notice_comes_30_days_before_the_hand_over_day_and_not_a_day_earlier() -> None:
    it = Records(today=date(2026, 3, 10))
    file_id = await closed_file(it)

    it.move_to(date(2027, 2, 7))
    assert await it.scheduler.tick() == []
    it.move_to(date(2027, 2, 8))
    [raised] = await it.scheduler.tick()

    [event] = await notices(it)
    assert (event.file_id, event.handover_due_on, event.raised_on) == (
        file_id,
        date(2027, 3, 10),
        date(2027, 2, 8),
    )
    assert raised.file_id == file_id
    [envelope] = [e for e in await it.store.read_stream(STREAM) if e.event_type == event.event_type]
    assert envelope.actor == SCHEDULER_ACTOR


async def test_the_notice_is_raised_once_across_ticks_and_a_restart() -> None:
    it = Records(today=date(2026, 3, 10))
    await closed_file(it)
    it.move_to(date(2027, 2, 20))
    await it.scheduler.tick()
    it.advance(1)
    assert await it.scheduler.tick() == []

    restarted = Records(today=date(2027, 2, 25), store=it.store)
    assert await restarted.scheduler.tick() == []
    restarted.move_to(date(2028, 1, 1))
    assert await restarted.scheduler.tick() == []
    assert len(await notices(it)) == 1


async def test_two_schedulers_ticking_together_raise_one_notice() -> None:
    it = Records(today=date(2026, 3, 10))
    await closed_file(it)
    other = Records(today=date(2027, 3, 1), store=it.store)
    it.move_to(date(2027, 3, 1))

    await asyncio.gather(it.scheduler.tick(), other.scheduler.tick())

    assert len(await notices(it)) == 1


async def test_no_notice_for_open_handed_over_or_short_kept_files() -> None:
    it = Records(today=date(2026, 3, 10))
    await it.files.create(new_file(file_code="09.OPEN"), CLERK)
    handed = await closed_file(it, code="02.HANDED")
    await it.files.hand_over("16876", [handed], date(2026, 3, 10), "Lưu trữ", CLERK)
    await closed_file(it, retention="until_expiry", code="03.EXP")

    it.move_to(date(2027, 3, 9))
    assert await it.scheduler.tick() == []
