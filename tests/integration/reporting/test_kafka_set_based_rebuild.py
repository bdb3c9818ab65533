"""A rebuild from Kafka into PostgreSQL, set-based (#13): the same projections, checkpoints and chain
heads as the event-by-event pass over the same topics; and anything the set-based checks do not
accept (an event published twice, a hole in a chain) makes it go event by event, where the applier
decides as it always did."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any

import pytest
import sqlalchemy as sa
from aiokafka import AIOKafkaProducer
from structlog.testing import capture_logs

from oneoffice.contracts.topics import topic_for
from oneoffice.eventcore.applier import Deliveries
from oneoffice.eventcore.continuity import ContinuityBroken
from oneoffice.eventcore.kafka.topics import ensure_topic
from oneoffice.eventcore.schema import dead_letters, subscription_chain_heads, subscription_checkpoints
from oneoffice.reporting import bootstrap as reporting_bootstrap
from oneoffice.reporting.adapters import kafka_replay
from oneoffice.reporting.adapters.bulk_load import StagingPlan
from oneoffice.reporting.bootstrap import bootstrap
from oneoffice.reporting.config import Settings
from tests.conftest import CreateDatabase, unique_name
from tests.unit.reporting.samples import registration

from .bulk_support import PARTITIONS, TOPICS, Publisher, Records, province_records
from .conftest import every_row

pytestmark = pytest.mark.integration

PROVINCE = province_records(3, 1200)


async def publish(bootstrap_servers: str, prefix: str, records: Records) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, acks="all", linger_ms=5)
    await producer.start()
    try:
        for service in TOPICS:
            topic = topic_for(service, prefix)
            await ensure_topic(bootstrap_servers, topic, partitions=PARTITIONS)
            for partition, part_records in sorted(records[service].items()):
                for r in part_records:
                    await producer.send(topic, r.value, key=r.key, headers=r.headers, partition=partition)
        await producer.flush()
    finally:
        await producer.stop()


async def rebuilt(
    create_pg_database: CreateDatabase,
    kafka_bootstrap: str,
    prefix: str,
    *,
    set_based: bool,
    label: str,
    staging_processes: int = 1,
) -> tuple[dict[str, list[str]], list[tuple[Any, ...]], int, list[str], list[int]]:
    """Every projection rebuilt into a fresh database: its rows, its live checkpoints and chain heads,
    how many records the event-by-event pass unpacked, the types of its dead letters, and how many
    events each share of a set-based load staged. With
    ``staging_processes`` above 1, the set-based load is cut in that many shares whatever its size."""
    settings = Settings(
        database_url=await create_pg_database(label),
        kafka_bootstrap=kafka_bootstrap,
        kafka_topic_prefix=prefix,
        kafka_group_id=f"{prefix}reporting",
        set_based_rebuild=set_based,
        set_based_staging_processes=staging_processes,
        set_based_split_from=1,
    )
    unpacked: Counter[str] = Counter()
    shares: list[int] = []  # the events each share of a set-based load staged
    unpack = kafka_replay.deliveries_from_records

    def counting(records: Sequence[Any]) -> Deliveries:
        unpacked.update(record.topic for record in records)
        return unpack(records)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kafka_replay, "deliveries_from_records", counting)
        # The helpers' shares cut from offset 0: each reads its part (with a head start, the rebuild's
        # process could read a test's few thousand events alone before its helper is up).
        patch.setattr(reporting_bootstrap, "StagingPlan", partial(StagingPlan, head_start=False))
        container = await bootstrap(settings, follow_events=False)
        try:
            with capture_logs() as logged:
                await container.rebuild_every_projection()
            shares.extend(entry["events"] for entry in logged if entry["event"] == "share staged")
            rows = await every_row(container)
            async with container.engine.connect() as conn:
                marks = [
                    *(
                        ("checkpoint", *row[1:])
                        for row in await conn.execute(
                            sa.select(
                                subscription_checkpoints.c.subscription,
                                subscription_checkpoints.c.source,
                                subscription_checkpoints.c.partition,
                                subscription_checkpoints.c.next_offset,
                                subscription_checkpoints.c.source_position,
                                subscription_checkpoints.c.epoch,
                                subscription_checkpoints.c.chain_checked,
                            )
                        )
                    ),
                    *(
                        ("head", *row[1:])
                        for row in await conn.execute(
                            sa.select(
                                subscription_chain_heads.c.subscription,
                                subscription_chain_heads.c.source,
                                subscription_chain_heads.c.commune_id,
                                subscription_chain_heads.c.hash,
                            )
                        )
                    ),
                ]
                dead = sorted((await conn.scalars(sa.select(dead_letters.c.event_type))).all())
        finally:
            await container.aclose()
    return rows, sorted(marks, key=repr), sum(unpacked.values()), dead, sorted(shares)


def total(records: Records) -> int:
    return sum(len(part) for service in records.values() for part in service.values())


@pytest.mark.parametrize("staging_processes", [1, 2])
async def test_a_set_based_rebuild_equals_the_event_by_event_one_with_its_checkpoints_and_chain_heads(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str, staging_processes: int
) -> None:
    prefix = f"{unique_name(run_id, f'set_based{staging_processes}')}."
    await publish(kafka_bootstrap, prefix, PROVINCE)
    one_by_one = await rebuilt(create_pg_database, kafka_bootstrap, prefix, set_based=False, label="by_event")
    set_based = await rebuilt(
        create_pg_database,
        kafka_bootstrap,
        prefix,
        set_based=True,
        label="set_based",
        staging_processes=staging_processes,
    )

    assert one_by_one[2] == total(PROVINCE)  # the pass unpacked every record once
    assert set_based[2] == 0  # none: every projection was filled set-based
    # Each staging process staged about its part of every partition.
    assert sum(set_based[4]) == total(PROVINCE) and len(set_based[4]) == staging_processes
    assert min(set_based[4]) > total(PROVINCE) // staging_processes - 10
    assert set_based[0] == one_by_one[0]
    assert sum(len(rows) for rows in set_based[0].values()) > 1000
    # The live subscriptions now stand where the applier would have left them, chain heads too.
    assert set_based[1] == one_by_one[1]
    assert sum(1 for mark in set_based[1] if mark[0] == "head") >= 3 * 3


@pytest.mark.parametrize("staging_processes", [1, 2])
async def test_an_event_published_twice_makes_the_rebuild_go_event_by_event(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str, staging_processes: int
) -> None:
    prefix = f"{unique_name(run_id, f'set_based_twice{staging_processes}')}."
    records = {service: {p: list(rs) for p, rs in parts.items()} for service, parts in PROVINCE.items()}
    part = records["documents"][0]
    # A relay that crashed republishes an event it had sent; with two staging processes, the first
    # copy is read by the first and the second by the other (the cut is at half the partition).
    part.insert(len(part) // 2 + 5, part[len(part) // 2 - 5])
    await publish(kafka_bootstrap, prefix, records)
    one_by_one = await rebuilt(create_pg_database, kafka_bootstrap, prefix, set_based=False, label="by_event")
    fallen_back = await rebuilt(
        create_pg_database,
        kafka_bootstrap,
        prefix,
        set_based=True,
        label="fallback",
        staging_processes=staging_processes,
    )

    assert fallen_back[2] == one_by_one[2] == total(records)  # read event by event
    assert fallen_back[0] == one_by_one[0]
    assert fallen_back[1] == one_by_one[1]


async def test_a_hole_in_a_chain_halts_the_rebuild_as_event_by_event(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str
) -> None:
    prefix = f"{unique_name(run_id, 'set_based_hole')}."
    records = {service: {p: list(rs) for p, rs in parts.items()} for service, parts in PROVINCE.items()}
    del records["documents"][0][30]  # an event lost on the way
    await publish(kafka_bootstrap, prefix, records)
    with pytest.raises(ContinuityBroken):
        await rebuilt(create_pg_database, kafka_bootstrap, prefix, set_based=True, label="hole")


async def test_a_fill_that_fails_leaves_its_projection_to_the_event_by_event_pass_with_its_dead_letter(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str
) -> None:
    prefix = f"{unique_name(run_id, 'set_based_clash')}."
    out = Publisher()
    at = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)
    for n, number in enumerate([1, 2, 2, 3]):  # the third takes a number already taken: a dead letter
        document = f"doc-clash-{n}"
        out.emit("c1", document, registration(number, commune_id="c1", document_id=document), at)
    await publish(kafka_bootstrap, prefix, out.records)
    one_by_one = await rebuilt(create_pg_database, kafka_bootstrap, prefix, set_based=False, label="by_event")
    set_based = await rebuilt(create_pg_database, kafka_bootstrap, prefix, set_based=True, label="clash")

    assert set_based[0] == one_by_one[0]
    assert set_based[1] == one_by_one[1]
    assert set_based[3] == one_by_one[3] == ["documents.IncomingDocumentRegistered"]  # dead letters
    assert set_based[2] == one_by_one[2] == 4  # the incoming register went event by event
