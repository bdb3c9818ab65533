"""A share of a set-based rebuild's load staged by a process of its own (#13): it stages its range of
every partition into its table and answers with what its stager saw; a process that fails is an
error naming its cause; a rebuild stopped meanwhile leaves no process behind."""

from __future__ import annotations

import asyncio
import os
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiokafka import AIOKafkaProducer, TopicPartition

from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.kafka.topics import ensure_topic
from oneoffice.reporting.adapters.bulk_load import Advanced, Share
from oneoffice.reporting.adapters.bulk_share import ShareFailed, ShareJob, ShareProcess
from oneoffice.reporting.adapters.bulk_staging import Stager
from tests.conftest import unique_name
from tests.relayed_records import PARTITIONS, records_of
from tests.unit.reporting.samples import registration

pytestmark = pytest.mark.integration

AT = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)


async def _published(bootstrap: str, topic: str) -> dict[TopicPartition, int]:
    """Forty registrations of four communes on ``topic``, as the relay publishes them; the end offsets."""
    events = [
        (f"c{n % 4}", f"doc-{n}", registration(n, commune_id=f"c{n % 4}", document_id=f"doc-{n}"), AT)
        for n in range(1, 41)
    ]
    parts = records_of(events)["documents"]
    await ensure_topic(bootstrap, topic, partitions=PARTITIONS)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        for partition, records in parts.items():
            for r in records:
                await producer.send(topic, r.value, key=r.key, headers=r.headers, partition=partition)
        await producer.flush()
    finally:
        await producer.stop()
    return {TopicPartition(topic, p): len(records) for p, records in parts.items() if records}


async def stage_in_process(job: ShareJob, advanced: Advanced) -> Stager:
    """A helper process's whole life, as the rebuild leads it: started, ready, handed ``job``, then
    closed (killed if it still runs, e.g. when the wait is cancelled)."""
    process = await ShareProcess.start()
    try:
        await process.ready()
        return await process.stage(job, advanced)
    finally:
        await process.close()


def _children() -> set[int]:
    """This process's live child processes."""
    found: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        found |= {int(pid) for pid in (task / "children").read_text().split()}
    return found


async def test_a_process_stages_its_share_and_answers_with_what_it_saw(
    pg_url: str, kafka_bootstrap: str, run_id: str
) -> None:
    topic = unique_name(run_id, "share_process")
    ends = await _published(kafka_bootstrap, topic)
    share = Share("bulk_events_share_s1", (topic,), {tp: (end // 2, end) for tp, end in ends.items()})
    advanced: Counter[TopicPartition] = Counter()

    stager = await stage_in_process(
        ShareJob(kafka_bootstrap, "test-share", pg_url, share, 30.0),
        lambda tp, count: advanced.update({tp: count}),
    )

    assert stager.starts == {(0, tp.partition): end // 2 for tp, end in ends.items()}
    assert stager.next_offsets == {(0, tp.partition): end for tp, end in ends.items()}
    assert advanced == {tp: end - end // 2 for tp, end in ends.items()}
    assert stager.links is not None and set(stager.links[0]) <= {b"c0", b"c1", b"c2", b"c3"}
    engine = create_engine(pg_url)
    try:
        async with engine.connect() as conn:
            staged = await conn.execute(sa.text('SELECT part, off FROM "bulk_events_share_s1"'))
            rows = sorted(tuple(row) for row in staged)
    finally:
        await engine.dispose()
    assert rows == sorted((tp.partition, off) for tp, end in ends.items() for off in range(end // 2, end))


async def test_a_process_that_fails_is_an_error_naming_its_cause(
    pg_url: str, kafka_bootstrap: str, run_id: str
) -> None:
    topic = unique_name(run_id, "share_fails")
    ends = await _published(kafka_bootstrap, topic)
    share = Share("bulk_events_fails_s1", (topic,), {tp: (0, end) for tp, end in ends.items()})
    nowhere = pg_url.rsplit("/", 1)[0] + "/no_such_database_for_a_share"

    with pytest.raises(ShareFailed, match="no_such_database_for_a_share") as failed:
        await stage_in_process(ShareJob(kafka_bootstrap, "test-share", nowhere, share, 30.0), lambda *_: None)
    assert "status 1" in str(failed.value)


async def test_a_stop_while_a_process_stages_leaves_no_process_behind(
    pg_url: str, kafka_bootstrap: str, run_id: str
) -> None:
    topic = unique_name(run_id, "share_stopped")
    ends = await _published(kafka_bootstrap, topic)
    # Offsets not written yet: the process waits for them (up to its idle timeout, a minute).
    share = Share("bulk_events_stopped_s1", (topic,), {tp: (end, end + 5) for tp, end in ends.items()})
    before = _children()
    staging = asyncio.create_task(
        stage_in_process(ShareJob(kafka_bootstrap, "test-share", pg_url, share, 60.0), lambda *_: None)
    )
    async with asyncio.timeout(30):
        while not _children() - before:  # noqa: ASYNC110 (polling /proc)
            await asyncio.sleep(0.05)
    await asyncio.sleep(2)  # well into its wait

    staging.cancel()
    with pytest.raises(asyncio.CancelledError):
        await staging
    assert _children() - before == set()
