"""``oneoffice-documents audit verify`` on the real PostgreSQL and Kafka: rows tampered with by SQL
(edited, deleted in the middle, deleted at the tail, two positions swapped) and a blob corrupted on
disk are named as the first broken link, with exit 1; a clean store exits 0."""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner, Result

from oneoffice.contracts.topics import topic_for
from oneoffice.documents.entrypoints.cli import app
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.kafka.producer import AiokafkaEventProducer
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.relay import OutboxRelay
from oneoffice.eventcore.schema import events
from oneoffice.eventcore.store import EventStore
from tests.conftest import CreateDatabase

pytestmark = pytest.mark.integration

META = Metadata(actor="vanthu-16876", correlation_id="corr")
KEY = "audit-test-key"


class NoteTaken(DomainEvent):
    event_type: ClassVar[str] = "test.NoteTaken"
    text: str
    n: int = 0


@dataclass
class Audited:
    store: EventStore
    env: dict[str, str]
    blobs: Path

    async def positions(self, commune: str) -> list[tuple[int, str]]:
        query = sa.select(events.c.position, events.c.event_id).where(events.c.commune_id == commune)
        async with self.store.engine.connect() as conn:
            return [(r[0], r[1]) for r in await conn.execute(query.order_by(events.c.position))]

    async def sql(self, *statements: sa.Executable) -> None:
        async with self.store.engine.begin() as conn:
            for statement in statements:
                await conn.execute(statement)

    async def audit(self, *args: str) -> Result:
        # The command runs its own event loop: in a thread, beside the test's.
        return await asyncio.to_thread(CliRunner().invoke, app, ["audit", *args], env=self.env)


@pytest.fixture
async def audited(
    create_pg_database: CreateDatabase, kafka_bootstrap: str, run_id: str, tmp_path: Path
) -> AsyncIterator[Audited]:
    url = await create_pg_database("audit")
    engine = create_engine(url)
    await upgrade(engine)
    store = EventStore(engine)
    for n in range(6):
        for commune in ("16876", "16882"):
            await store.append(
                f"doc-{commune}-{n}",
                commune,
                [NoteTaken(text="Đảng ủy", n=n)],
                expected_version=0,
                metadata=META,
            )
    prefix = f"run{run_id}.{uuid.uuid4().hex[:6]}."
    producer = AiokafkaEventProducer(kafka_bootstrap)
    try:
        await OutboxRelay(store, producer, topic_for("documents", prefix)).catch_up()
    finally:
        await producer.stop()
    blobs = tmp_path / "blobs"
    content = b"%PDF-1.4 quyet dinh"
    sha = hashlib.sha256(content).hexdigest()
    (blobs / sha[:2] / sha[2:4]).mkdir(parents=True)
    (blobs / sha[:2] / sha[2:4] / sha).write_bytes(content)
    env = {
        "ONEOFFICE_DOCUMENTS_DATABASE_URL": url,
        "ONEOFFICE_DOCUMENTS_KAFKA_BOOTSTRAP": kafka_bootstrap,
        "ONEOFFICE_DOCUMENTS_KAFKA_TOPIC_PREFIX": prefix,
        "ONEOFFICE_DOCUMENTS_BLOB_DIR": str(blobs),
        "ONEOFFICE_DOCUMENTS_AUDIT_CHECKPOINT_KEY": KEY,
        "ONEOFFICE_DOCUMENTS_AUDIT_CHECKPOINT_FILE": str(tmp_path / "checkpoint.json"),
    }
    yield Audited(store, env, blobs)
    await store.close()
    await engine.dispose()


def _broken(result: Result) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith("BROKEN")]


async def test_a_clean_store_and_its_kafka_copy_verify_with_exit_0(audited: Audited) -> None:
    result = await audited.audit("verify")
    assert result.exit_code == 0, result.output
    assert "2 communes, 12 events verified: intact" in result.stdout


async def test_a_payload_edited_by_sql_is_named_with_exit_1(audited: Audited) -> None:
    position, event_id = (await audited.positions("16876"))[2]
    edited = sa.func.convert_to(
        sa.func.replace(sa.func.convert_from(events.c.data, "UTF8"), '"n":2', '"n":7'), "UTF8"
    )
    await audited.sql(sa.update(events).where(events.c.position == position).values(data=edited))
    result = await audited.audit("verify")
    assert result.exit_code == 1
    [line] = _broken(result)
    assert f"commune=16876 position={position} event={event_id}" in line and "altered" in line


async def test_a_deleted_middle_row_names_its_successor(audited: Audited) -> None:
    rows = await audited.positions("16882")
    await audited.sql(sa.delete(events).where(events.c.position == rows[2][0]))
    result = await audited.audit("verify")
    assert result.exit_code == 1
    [line] = _broken(result)
    assert f"commune=16882 position={rows[3][0]} event={rows[3][1]}" in line


async def test_a_deleted_tail_is_named_by_the_kafka_copy_and_by_the_signed_checkpoint(
    audited: Audited,
) -> None:
    signed = await audited.audit("checkpoint")
    assert signed.exit_code == 0, signed.output
    rows = await audited.positions("16876")
    await audited.sql(sa.delete(events).where(events.c.position.in_([p for p, _ in rows[-2:]])))

    by_kafka = await audited.audit("verify", "--no-checkpoint")
    assert by_kafka.exit_code == 1
    [line] = _broken(by_kafka)
    assert f"commune=16876 position={rows[-2][0]} event={rows[-2][1]}" in line and "deleted tail" in line

    by_checkpoint = await audited.audit("verify", "--no-kafka")
    assert by_checkpoint.exit_code == 1
    [line] = _broken(by_checkpoint)
    assert f"commune=16876 position={rows[-1][0]}" in line and "signed checkpoint" in line


async def test_two_swapped_positions_are_named(audited: Audited) -> None:
    rows = await audited.positions("16876")
    (first, _), (second, second_id) = rows[1], rows[2]
    position = events.c.position
    await audited.sql(
        sa.update(events).where(position == first).values(position=-1),
        sa.update(events).where(position == second).values(position=first),
        sa.update(events).where(position == -1).values(position=second),
    )
    result = await audited.audit("verify")
    assert result.exit_code == 1
    [line] = _broken(result)
    assert f"commune=16876 position={first} event={second_id}" in line


async def test_a_blob_corrupted_on_disk_is_named(audited: Audited) -> None:
    [blob] = [p for p in audited.blobs.rglob("*") if p.is_file()]
    blob.write_bytes(b"%PDF-1.4 quyet dinh (sua)")
    result = await audited.audit("verify")
    assert result.exit_code == 1
    [line] = _broken(result)
    assert blob.name in line and "SHA-256" in line
