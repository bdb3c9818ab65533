"""Continuity: a consumer notices a lost event and stops, instead of skipping it.

Checkpoints drop what was applied before by position, so on their own they cannot tell a hole (an
event that never arrived) or positions reused by a restored store from the normal case. Two checks
make loss detectable:

- **The chain.** Every envelope names the hash of its commune's previous event in the same store
  (``prev_hash``, see :mod:`.chain`). A consumer keeps, per (subscription, source, commune), the hash
  of the last event it applied, in its own database and in the transaction that applies the events
  and moves the checkpoint. An event whose ``prev_hash`` is not that hash follows a missing event:
  :class:`ContinuityBroken`. Events the applier drops as already applied are not checked again.
- **The epoch.** Each store gets a random epoch when its database is created; the relay sends it
  with every message and a store subscription reads it from the store. A checkpoint records it, and
  a partition whose epoch changes (the store was replaced) halts: :class:`EpochChanged`.

The hot path finds ``commune_id`` and ``prev_hash`` in the canonical envelope bytes with
``bytes.find`` (no JSON parse) and hashes each event once with ``hashlib``, as :mod:`.chain` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from hashlib import sha256
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from .envelope import GENESIS_HASH
from .errors import SubscriptionMustHalt
from .schema import store_epoch
from .schema import subscription_chain_heads as heads_table


class _BilingualHalt(SubscriptionMustHalt):
    def __init__(self, message_vi: str, message_en: str) -> None:
        self.message_vi = message_vi
        self.message_en = message_en
        super().__init__(f"{message_vi}\n{message_en}")


class ContinuityBroken(_BilingualHalt):
    """An event does not follow the last event applied of its commune: something in between is lost."""

    reason = "chain_break"


class EpochChanged(_BilingualHalt):
    """A partition now carries events of another store epoch: the store was replaced under us."""

    reason = "epoch_changed"


class RetentionLoss(_BilingualHalt):
    """Kafka deleted events of a partition (retention) before this subscription applied them."""

    reason = "retention"


# --- finding the link in the canonical envelope bytes -------------------------------------------
# Keys are sorted: actor, causation_id, commune_id, ..., payload, prev_hash, recorded_at,
# schema_version, stream_id, stream_version, trace_context. Inside a JSON string every quote is
# escaped, so the unescaped sequences below only ever spell keys. Only strings precede commune_id,
# so its first occurrence is the top-level one. The payload (which may nest any key) comes before
# the top-level prev_hash, and what follows it holds only strings, integers and the trace context
# (a flat object of strings), so prev_hash's last occurrence is the top-level one.
_COMMUNE = b'"commune_id":"'
_PREV = b',"prev_hash":"'
_COMMUNE_AT = len(_COMMUNE)
_PREV_AT = len(_PREV)
_QUOTE = 34  # b'"'[0]


def link(data: bytes) -> tuple[str, str] | None:
    """``(commune_id, prev_hash)`` of an envelope, or None when ``data`` is not one."""
    # Per event on the hot path: a few C-level searches and slices, no JSON parse.
    start = data.find(_COMMUNE)
    prev = data.rfind(_PREV)
    if 0 <= start < prev:
        start += _COMMUNE_AT
        stop = data.find(b'"', start)
        prev += _PREV_AT
        if len(data) > prev + 64 and data[prev + 64] == _QUOTE and data.find(b"\\", start, stop) < 0:
            return data[start:stop].decode(), data[prev : prev + 64].decode()
    return _parsed_link(data)


def _parsed_link(data: bytes) -> tuple[str, str] | None:
    """The slow way, for envelopes that are not in the canonical spelling."""
    try:
        envelope: Any = orjson.loads(data)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(envelope, dict):
        return None
    commune, prev_hash = envelope.get("commune_id"), envelope.get("prev_hash")
    if isinstance(commune, str) and isinstance(prev_hash, str):
        return commune, prev_hash
    return None


# --- checking a batch ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Segment:
    """The fresh events of one partition within a batch: ``datas[start:stop]`` of the batch."""

    source: str
    partition: int
    start: int
    stop: int
    # False for a checkpoint written before chain heads were kept (see Checkpoint.chain_checked).
    chain_checked: bool


async def check_and_advance(
    conn: AsyncConnection,
    subscription: str,
    segments: Sequence[Segment],
    positions: Sequence[int],
    datas: Sequence[bytes],
) -> None:
    """Check that each fresh event follows its commune's last applied event; record the new heads.

    Raises :class:`ContinuityBroken` (the caller's transaction then rolls back: nothing applied).
    """
    links: list[tuple[str, str] | None] = [link(data) for data in datas]
    wanted = {(seg.source, found[0]) for seg in segments for found in links[seg.start : seg.stop] if found}
    if not wanted:
        return
    heads = await _load_heads(conn, subscription, wanted)
    saved = dict(heads)
    for seg in segments:
        source = seg.source
        for index in range(seg.start, seg.stop):
            found = links[index]
            if found is None:
                continue  # not an envelope: the handler rejects it
            key = (source, found[0])
            head = heads.get(key)
            if head is None:
                # A commune's first event links to the genesis hash. A checkpoint written before
                # chain heads were kept (an upgrade) accepts the first link it sees and records it.
                head = GENESIS_HASH if seg.chain_checked else found[1]
            if found[1] != head:
                raise _broken(subscription, seg, found[0], positions[index], datas[index], head, found[1])
            heads[key] = sha256(datas[index]).hexdigest()
    await _save_heads(conn, subscription, {k: h for k, h in heads.items() if saved.get(k) != h})


async def record_head(conn: AsyncConnection, subscription: str, source: str, data: bytes) -> None:
    """An event is accounted for without being applied (a dead letter): it is its commune's head now."""
    found = link(data)
    if found is not None:
        await _save_heads(conn, subscription, {(source, found[0]): sha256(data).hexdigest()})


async def _load_heads(
    conn: AsyncConnection, subscription: str, keys: set[tuple[str, str]]
) -> dict[tuple[str, str], str]:
    query = sa.select(heads_table.c.source, heads_table.c.commune_id, heads_table.c.hash).where(
        heads_table.c.subscription == subscription,
        sa.tuple_(heads_table.c.source, heads_table.c.commune_id).in_(sorted(keys)),
    )
    return {(row[0], row[1]): row[2] for row in await conn.execute(query)}


async def _save_heads(conn: AsyncConnection, subscription: str, heads: dict[tuple[str, str], str]) -> None:
    if not heads:
        return
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = insert(heads_table)
    statement = statement.on_conflict_do_update(
        index_elements=[heads_table.c.subscription, heads_table.c.source, heads_table.c.commune_id],
        set_={"hash": statement.excluded.hash},
    )
    await conn.execute(
        statement,
        [
            {"subscription": subscription, "source": source, "commune_id": commune, "hash": hash_}
            for (source, commune), hash_ in heads.items()
        ],
    )


def _broken(
    subscription: str, seg: Segment, commune: str, position: int, data: bytes, head: str, prev_hash: str
) -> ContinuityBroken:
    event_id = _event_id(data)
    where = f"{seg.source}/{seg.partition} position {position} event {event_id} commune {commune}"
    links = f"prev_hash {prev_hash[:16]}…, last applied {head[:16]}…"
    return ContinuityBroken(
        f"Đăng ký {subscription} dừng lại: sự kiện ({where}) không nối tiếp sự kiện cuối cùng đã áp dụng "
        f"của xã ({links}); có sự kiện bị thiếu.",
        f"Subscription {subscription} halted: the event ({where}) does not follow the last applied "
        f"event of its commune ({links}); an event is missing.",
    )


def _event_id(data: bytes) -> str:
    try:
        value = orjson.loads(data).get("event_id")
    except (orjson.JSONDecodeError, AttributeError):
        return "?"
    return value if isinstance(value, str) else "?"


# --- the store epoch ----------------------------------------------------------------------------


async def read_store_epoch(engine: AsyncEngine) -> str | None:
    """The epoch of the store behind ``engine`` (None for a database migrated before it existed)."""
    async with engine.connect() as conn:
        value = await conn.scalar(sa.select(store_epoch.c.epoch).limit(1))
    return None if value is None else str(value)


def check_epoch(
    subscription: str, source: str, partition: int, stored: str | None, epochs: Sequence[str | None]
) -> str | None:
    """The epoch to record for a batch carrying ``epochs``; raises :class:`EpochChanged` on a change.

    None in ``epochs`` means the message does not say (published before epochs existed).
    """
    seen = set(epochs)
    seen.discard(None)
    if stored is not None:
        seen.add(stored)
    if len(seen) > 1:
        where = f"{source}/{partition}"
        names = ", ".join(sorted(e for e in seen if e is not None))
        raise EpochChanged(
            f"Đăng ký {subscription} dừng lại: kho sự kiện của {where} đã đổi kỷ nguyên ({names}); "
            "cơ sở dữ liệu nguồn đã bị thay thế. Hãy dựng lại từ đầu.",
            f"Subscription {subscription} halted: the event store behind {where} changed its epoch "
            f"({names}); the source database was replaced. Rebuild from scratch.",
        )
    return next(iter(seen), None)


def retention_loss(
    subscription: str, topic: str, partition: int, wanted: int, beginning: int
) -> RetentionLoss:
    where = f"{topic}/{partition}"
    return RetentionLoss(
        f"Đăng ký {subscription} dừng lại: Kafka đã xóa các sự kiện của {where} từ offset {wanted} "
        f"đến {beginning - 1} (retention) trước khi chúng được áp dụng.",
        f"Subscription {subscription} halted: Kafka deleted the events of {where} from offset {wanted} "
        f"to {beginning - 1} (retention) before they were applied.",
    )


async def move_heads(conn: AsyncConnection, source_subscription: str, target_subscription: str) -> None:
    """A rebuild's switch: the target subscription takes over the source subscription's chain heads."""
    await forget_heads(conn, target_subscription)
    await conn.execute(
        heads_table.update()
        .where(heads_table.c.subscription == source_subscription)
        .values(subscription=target_subscription)
    )


async def forget_heads(conn: AsyncConnection, subscription: str) -> None:
    """Drop a subscription's chain heads (it starts afresh from the beginning of its sources)."""
    await conn.execute(heads_table.delete().where(heads_table.c.subscription == subscription))
