"""Audit of a store: every commune's hash chain, beside what reached Kafka and a signed checkpoint.

The chain alone (:mod:`.chain`) catches an event edited in place, one removed from the middle and a
reordered pair: each breaks the first link it touches. It cannot see the newest events of a commune
removed (a **deleted tail**): what is left is still a valid chain. Two witnesses outside the store
can: the Kafka copy (the relay published each event, in position order, keyed by commune), and a
signed checkpoint of each commune's head (:mod:`.audit_checkpoint`). Both are compared event by
event while the chain is walked; the first disagreement of a commune is its finding.

An event still waiting for the relay is not a finding: the copy may be shorter than the store.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .audit_checkpoint import CommuneHead
from .chain import ChainRecord, check_link
from .envelope import GENESIS_HASH


@dataclass(frozen=True, slots=True)
class CopiedEvent:
    """One event as a witness outside the store holds it (a Kafka message)."""

    position: int
    event_id: str
    hash: str


@dataclass(frozen=True, slots=True)
class AuditFinding:
    """The first broken link of one commune (or a damaged file): where it is and what is wrong."""

    store: str
    commune_id: str
    position: int | None
    event_id: str | None
    reason: str

    def describe(self) -> str:
        where = [f"store={self.store}", f"commune={self.commune_id}"]
        if self.position is not None:
            where.append(f"position={self.position}")
        if self.event_id is not None:
            where.append(f"event={self.event_id}")
        return f"{' '.join(where)}: {self.reason}"


@dataclass(slots=True)
class AuditReport:
    store: str
    communes: int = 0
    events: int = 0
    findings: list[AuditFinding] = field(default_factory=list)
    # What the walk could not vouch for (no Kafka copy, no checkpoint): said, never hidden.
    notes: list[str] = field(default_factory=list)
    # Each clean commune's head: what ``audit checkpoint`` signs.
    heads: dict[str, CommuneHead] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.findings


class ChainSource(Protocol):
    """What the audit reads of a store (:class:`.EventStore` and the in-memory store have it)."""

    async def communes(self) -> list[str]: ...

    def iter_chain(self, commune_id: str, page_size: int = 1000) -> AsyncIterator[ChainRecord]: ...


@dataclass(slots=True)
class _Walk:
    """One commune's walk: the chain, the Kafka copy and the checkpoint's head, compared as it goes."""

    store: str
    commune_id: str
    copy: Sequence[CopiedEvent] | None
    head: CommuneHead | None
    expected_prev: str = GENESIS_HASH
    checked: int = 0
    head_seen: bool = False
    last_position: int = 0

    def finding(self, position: int | None, event_id: str | None, reason: str) -> AuditFinding:
        return AuditFinding(self.store, self.commune_id, position, event_id, reason)

    def step(self, record: ChainRecord) -> AuditFinding | None:
        reason = check_link(record, self.expected_prev)
        if reason is not None:
            return self.finding(record.position, record.event_id, reason)
        if self.copy is not None and self.checked < len(self.copy):
            copied = self.copy[self.checked]
            if copied.event_id != record.event_id or copied.hash != record.hash:
                return self.finding(
                    record.position,
                    record.event_id,
                    f"differs from the Kafka copy, which holds event {copied.event_id} "
                    f"(position {copied.position}) here",
                )
        if self.head is not None and record.position == self.head.position:
            if record.hash != self.head.hash:
                return self.finding(
                    record.position, record.event_id, "differs from the head named by the signed checkpoint"
                )
            self.head_seen = True
        self.expected_prev = record.hash
        self.last_position = record.position
        self.checked += 1
        return None

    def end(self) -> AuditFinding | None:
        if self.copy is not None and len(self.copy) > self.checked:
            missing = self.copy[self.checked]
            return self.finding(
                missing.position,
                missing.event_id,
                f"deleted tail: Kafka holds {len(self.copy) - self.checked} more event(s) of this "
                f"commune after position {self.last_position} that the store no longer has",
            )
        if self.head is not None and not self.head_seen:
            return self.finding(
                self.head.position,
                None,
                f"deleted tail: the signed checkpoint names head position {self.head.position} "
                f"({self.head.count} events) but the store's chain ends at position {self.last_position} "
                f"({self.checked} events)",
            )
        return None


async def audit_store(
    store: str,
    source: ChainSource,
    *,
    kafka_copy: Mapping[str, Sequence[CopiedEvent]] | None = None,
    heads: Mapping[str, CommuneHead] | None = None,
    on_event: Callable[[int], None] | None = None,
) -> AuditReport:
    """Walk every commune's chain of ``source``; one finding per broken commune, the first link.

    ``kafka_copy``: each commune's events as they reached Kafka, duplicates dropped, in order.
    ``heads``: each commune's head from a checkpoint whose signature was checked.
    ``on_event`` is called with the count of events walked since its last call (progress).
    """
    report = AuditReport(store)
    communes = set(await source.communes())
    for witness in (kafka_copy or {}, heads or {}):
        communes |= set(witness)
    for commune in sorted(communes):
        walk = _Walk(
            store,
            commune,
            None if kafka_copy is None else kafka_copy.get(commune, ()),
            None if heads is None else heads.get(commune),
        )
        finding = None
        async for record in source.iter_chain(commune):
            finding = walk.step(record)
            if on_event is not None:
                on_event(1)
            if finding is not None:
                break
        report.communes += 1
        report.events += walk.checked
        if finding is None:
            finding = walk.end()
        if finding is not None:
            report.findings.append(finding)
        elif walk.checked:
            report.heads[commune] = CommuneHead(walk.last_position, walk.expected_prev, walk.checked)
    if kafka_copy is None and heads is None:
        report.notes.append(
            "no Kafka copy and no signed checkpoint: a deleted tail (the newest events of a commune) "
            "cannot be detected"
        )
    return report
