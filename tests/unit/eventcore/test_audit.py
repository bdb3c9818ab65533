"""The audit walk on an in-memory store: each kind of tampering is named, a clean store passes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneoffice.eventcore.audit import AuditReport, CopiedEvent, audit_store
from oneoffice.eventcore.audit_checkpoint import CommuneHead
from oneoffice.eventcore.chain import ChainRecord
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.memory_store import InMemoryEventStore

META = Metadata(actor="văn thư", correlation_id="corr")
COMMUNES = ("16876", "16882")


class NoteTaken(DomainEvent):
    event_type: ClassVar[str] = "test.NoteTaken"
    text: str
    n: int = 0


class TamperedStore:
    """A store's chains as rows someone could edit: read like the real store, changed by the test."""

    def __init__(self, records: list[ChainRecord]) -> None:
        self.records = records

    async def communes(self) -> list[str]:
        return sorted({r.commune_id for r in self.records})

    async def iter_chain(self, commune_id: str, page_size: int = 1000) -> AsyncIterator[ChainRecord]:
        for record in sorted(self.records, key=lambda r: r.position):
            if record.commune_id == commune_id:
                yield record


async def _records(per_commune: int = 6) -> list[ChainRecord]:
    store = InMemoryEventStore()
    for n in range(per_commune):
        for commune in COMMUNES:
            await store.append(
                f"doc-{commune}-{n}",
                commune,
                [NoteTaken(text="Đảng ủy", n=n)],
                expected_version=0,
                metadata=META,
            )
    return [record for commune in COMMUNES async for record in store.iter_chain(commune)]


def _copy(records: Sequence[ChainRecord]) -> dict[str, list[CopiedEvent]]:
    copy: dict[str, list[CopiedEvent]] = {}
    for r in sorted(records, key=lambda r: r.position):
        copy.setdefault(r.commune_id, []).append(CopiedEvent(r.position, r.event_id, r.hash))
    return copy


def _of(records: Sequence[ChainRecord], commune: str) -> list[ChainRecord]:
    return [r for r in records if r.commune_id == commune]


async def _audit(records: list[ChainRecord], **witnesses: object) -> AuditReport:
    return await audit_store("documents", TamperedStore(records), **witnesses)  # type: ignore[arg-type]


async def test_a_clean_store_passes_with_its_kafka_copy_and_checkpoint() -> None:
    records = await _records()
    clean = await _audit(records)
    report = await _audit(records, kafka_copy=_copy(records), heads=clean.heads)
    assert report.ok and report.communes == 2 and report.events == 12
    assert clean.heads["16876"] == CommuneHead(
        _of(records, "16876")[-1].position, _of(records, "16876")[-1].hash, 6
    )


async def test_a_row_edited_in_place_is_named() -> None:
    records = await _records()
    target = _of(records, "16876")[2]
    records[records.index(target)] = target._replace(data=target.data.replace(b'"n":2', b'"n":9'))
    [finding] = (await _audit(records)).findings
    assert (finding.commune_id, finding.position, finding.event_id) == (
        "16876",
        target.position,
        target.event_id,
    )
    assert "altered" in finding.reason


async def test_a_deleted_middle_event_names_its_successor() -> None:
    records = await _records()
    removed, successor = _of(records, "16882")[2:4]
    records.remove(removed)
    [finding] = (await _audit(records)).findings
    assert (finding.commune_id, finding.position) == ("16882", successor.position)
    assert "removed or reordered" in finding.reason


async def test_a_reordered_pair_is_named() -> None:
    records = await _records()
    first, second = _of(records, "16876")[1:3]
    records[records.index(first)] = second._replace(position=first.position)
    records[records.index(second)] = first._replace(position=second.position)
    [finding] = (await _audit(records)).findings
    assert (finding.position, finding.event_id) == (first.position, second.event_id)


async def test_a_deleted_tail_passes_the_chain_alone_but_not_the_kafka_copy() -> None:
    records = await _records()
    copy = _copy(records)
    tail = _of(records, "16876")[-2:]
    for record in tail:
        records.remove(record)
    alone = await _audit(records)
    assert alone.ok and alone.notes, "the chain alone cannot see a deleted tail, and says so"
    [finding] = (await _audit(records, kafka_copy=copy)).findings
    assert (finding.commune_id, finding.position, finding.event_id) == (
        "16876",
        tail[0].position,
        tail[0].event_id,
    )
    assert "deleted tail" in finding.reason


async def test_a_deleted_tail_is_named_by_the_signed_checkpoint() -> None:
    records = await _records()
    heads = (await _audit(records)).heads
    records.remove(_of(records, "16882")[-1])
    [finding] = (await _audit(records, heads=heads)).findings
    assert finding.commune_id == "16882" and "deleted tail" in finding.reason
    assert finding.position == heads["16882"].position


async def test_a_whole_commune_deleted_is_named_by_its_witnesses() -> None:
    records = await _records()
    copy = _copy(records)
    records = _of(records, "16876")
    [finding] = (await _audit(records, kafka_copy=copy)).findings
    assert finding.commune_id == "16882" and "deleted tail" in finding.reason


async def test_events_not_yet_relayed_are_not_a_finding() -> None:
    records = await _records()
    copy = _copy(records)
    copy["16882"] = copy["16882"][:3]
    assert (await _audit(records, kafka_copy=copy)).ok


async def test_a_kafka_copy_that_differs_is_named() -> None:
    records = await _records()
    copy = _copy(records)
    copy["16876"][1] = copy["16876"][1].__class__(copy["16876"][1].position, "forged", "0" * 64)
    [finding] = (await _audit(records, kafka_copy=copy)).findings
    assert finding.position == _of(records, "16876")[1].position and "Kafka copy" in finding.reason


def _tamper(records: list[ChainRecord], kind: str, index: int) -> list[ChainRecord]:
    tampered = list(records)
    target = tampered[index]
    if kind == "edit":
        tampered[index] = target._replace(data=target.data.replace(b'"n":', b'"n":1'))
    elif kind == "delete":
        del tampered[index]
    else:
        other = index + 1 if index + 1 < len(tampered) else index - 1
        low, high = sorted((index, other))
        tampered[low], tampered[high] = (
            tampered[high]._replace(position=tampered[low].position),
            tampered[low]._replace(position=tampered[high].position),
        )
    return tampered


@pytest.fixture(scope="module")
def chain() -> list[ChainRecord]:
    import asyncio

    return _of(asyncio.run(_records(8)), "16876")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["edit", "delete", "swap"]), index=st.integers(min_value=0, max_value=7))
async def test_any_single_edit_delete_or_swap_is_detected(
    chain: list[ChainRecord], kind: str, index: int
) -> None:
    witnesses = {"kafka_copy": _copy(chain), "heads": (await _audit(chain)).heads}
    report = await _audit(_tamper(chain, kind, index), **witnesses)
    assert not report.ok, f"{kind} at {index} went unnoticed"
    assert len(report.findings) == 1
