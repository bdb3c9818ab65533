"""The rebuilds of every projection read Kafka in one pass; each still rebuilds and switches on its own."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from oneoffice.eventcore.projection import Replay
from oneoffice.eventcore.rebuild_lease import RebuildLeaseHeld
from oneoffice.reporting.adapters.kafka_replay import KafkaTopicReplay, PassReader
from oneoffice.reporting.adapters.one_pass_replay import OnePassReplay
from oneoffice.reporting.application.errors import RebuildAlreadyRunning
from oneoffice.reporting.application.rebuild import rebuild_projection

from .fakes import FakeRunner

DOCUMENTS, STAFF, FIGURES = "oneoffice.documents.events.v1", "oneoffice.staff.events.v1", "reporting.events"
# The four projections of the command line and the topics each reads.
PROJECTIONS = {
    "reporting.incoming_register.v2": (DOCUMENTS,),
    "reporting.work_board": (DOCUMENTS,),
    "reporting.document_registers": (DOCUMENTS,),
    "reporting.dashboard.v2": (DOCUMENTS, STAFF, FIGURES),
}


class CountingPasses:
    """Stands for Kafka: records each pass (its readers) and reads each topic of a pass once."""

    def __init__(self, *, failing: str | None = None) -> None:
        self.passes: list[list[str]] = []
        self.topic_reads: list[str] = []
        self._failing = failing

    async def __call__(self, replay: KafkaTopicReplay, readers: Sequence[PassReader]) -> None:
        self.passes.append(sorted(reader.subscription for reader in readers))
        self.topic_reads += dict.fromkeys(topic for reader in readers for topic in reader.topics)
        for reader in readers:
            if reader.subscription.startswith(str(self._failing)):
                reader.failure = RuntimeError("the applier failed")


class Runner(FakeRunner):
    def __init__(self, name: str, log: list[str], **options: object) -> None:
        super().__init__(log, **options)  # type: ignore[arg-type]
        self.name = name


class UnconnectedReplay(KafkaTopicReplay):
    """A Kafka replay never connected: its log is complete, and its pass is counted, not read."""

    async def ensure_complete(self) -> None:
        return None


def kafka_replay(topics: Sequence[str]) -> KafkaTopicReplay:
    return UnconnectedReplay("127.0.0.1:1", topics, create_async_engine("sqlite+aiosqlite://"))


async def rebuild_every_projection(
    passes: CountingPasses, runners: dict[str, Runner]
) -> list[int | BaseException]:
    """As the container does: a seat per projection, the rebuilds together, each seat left at its end."""
    shared = OnePassReplay(passes)
    seats = {name: shared.share(kafka_replay(PROJECTIONS[name])) for name in runners}

    async def rebuild(name: str, seat: Replay) -> int:
        try:
            return await rebuild_projection(runners[name], name, seat)
        finally:
            shared.leave(seat)

    try:
        async with asyncio.timeout(5):  # a pass that waits for a seat forever fails here
            return await asyncio.gather(
                *(rebuild(name, seat) for name, seat in seats.items()), return_exceptions=True
            )
    finally:
        await shared.aclose()


async def test_four_rebuilds_read_the_documents_topic_in_one_pass() -> None:
    log: list[str] = []
    runners = {name: Runner(name, log) for name in PROJECTIONS}
    passes = CountingPasses()

    generations = await rebuild_every_projection(passes, runners)

    assert generations == [2, 2, 2, 2]
    assert passes.passes == [sorted(f"{name}#g2" for name in PROJECTIONS)]
    assert passes.topic_reads == [DOCUMENTS, STAFF, FIGURES]  # each topic once
    assert log == ["switch"] * 4  # each rebuild still switches on its own


async def test_a_rebuild_refused_before_it_replays_does_not_hold_up_the_others() -> None:
    log: list[str] = []
    held = RebuildLeaseHeld("reporting.work_board", "host:42:ab", datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    runners = {name: Runner(name, log) for name in PROJECTIONS}
    runners["reporting.work_board"] = Runner("reporting.work_board", log, refuse_with=held)
    passes = CountingPasses()

    generations = await rebuild_every_projection(passes, runners)

    assert [type(g) if isinstance(g, BaseException) else g for g in generations] == [
        2,
        RebuildAlreadyRunning,
        2,
        2,
    ]
    assert passes.passes == [sorted(f"{n}#g2" for n in PROJECTIONS if n != "reporting.work_board")]


async def test_a_rebuild_whose_reader_failed_in_the_pass_fails_alone() -> None:
    log: list[str] = []
    runners = {name: Runner(name, log) for name in PROJECTIONS}
    passes = CountingPasses(failing="reporting.document_registers")

    generations = await rebuild_every_projection(passes, runners)

    assert generations[:2] == [2, 2] and generations[3] == 2
    assert isinstance(generations[2], RuntimeError) and "applier failed" in str(generations[2])
    assert len(passes.passes) == 1 and log == ["switch"] * 3


async def test_a_replay_that_is_not_kafka_is_not_made_to_wait_for_a_pass() -> None:
    shared = OnePassReplay(CountingPasses())

    async def from_a_store(handler: object, subscription: str) -> None:
        return None

    assert shared.share(from_a_store) is from_a_store


async def test_no_pass_when_every_rebuild_left_before_replaying() -> None:
    passes = CountingPasses()
    shared = OnePassReplay(passes)
    seat = shared.share(kafka_replay([DOCUMENTS]))

    shared.leave(seat)
    await shared.aclose()

    assert passes.passes == []


async def test_a_seat_taken_after_the_pass_started_is_refused() -> None:
    log: list[str] = []
    shared = OnePassReplay(CountingPasses())
    seat = shared.share(kafka_replay([DOCUMENTS]))
    await rebuild_projection(Runner("reporting.work_board", log), "reporting.work_board", seat)

    with pytest.raises(RuntimeError, match="no more seats"):
        shared.share(kafka_replay([DOCUMENTS]))
    await shared.aclose()
    assert log == ["switch"]
