"""Tamper evidence: each event's hash covers its whole envelope, which names the previous hash.

Editing any stored field of an event (its envelope text or an indexed column), deleting one, or
reordering events breaks the chain at the first touched event; :func:`verify_chain` names that link.
Events of one commune form one chain, in position order.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterable
from dataclasses import dataclass
from typing import NamedTuple

from .envelope import GENESIS_HASH, chain_hash


class ChainRecord(NamedTuple):
    """What verification reads for one event: its indexed columns beside its envelope text."""

    position: int
    event_id: str
    event_type: str
    schema_version: int
    stream_id: str
    stream_version: int
    commune_id: str
    data: bytes
    hash: str


_INDEXED = ("event_id", "event_type", "schema_version", "stream_id", "stream_version", "commune_id")


@dataclass(frozen=True, slots=True)
class BrokenLink:
    position: int
    event_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    commune_id: str
    checked: int
    broken: BrokenLink | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def check_link(record: ChainRecord, expected_prev: str) -> str | None:
    """Why this record does not follow ``expected_prev``, or None when it does."""
    if chain_hash(record.data) != record.hash:
        return "content does not match its hash (the event was altered)"
    data = json.loads(record.data)
    if data.get("prev_hash") != expected_prev:
        return "prev_hash does not match the previous event (an event was removed or reordered)"
    for name in _INDEXED:
        if data.get(name) != getattr(record, name):
            return f"column {name} differs from the hashed envelope (the row was altered)"
    return None


async def verify_chain(commune_id: str, records: AsyncIterable[ChainRecord]) -> ChainReport:
    """Walk one commune's events in position order; stop at the first broken link."""
    expected_prev = GENESIS_HASH
    checked = 0
    async for record in records:
        reason = check_link(record, expected_prev)
        if reason is not None:
            return ChainReport(commune_id, checked, BrokenLink(record.position, record.event_id, reason))
        expected_prev = record.hash
        checked += 1
    return ChainReport(commune_id, checked, None)
