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

What is trusted, and what each event costs. A message the relay published carries the event's own
hash in a header (:data:`~.relay.HASH_HEADER`): the store's own ``hash`` column, the SHA-256 of the
envelope bytes that :mod:`.chain` computed on append; its record key is the commune id. For such a
message the consumer takes both as given. The event's own claim, ``prev_hash``, comes in a header
too (:data:`~.relay.PREV_HASH_HEADER`, copied by the relay from the stored envelope); for a message
published before that header existed it is found in the envelope bytes (one ``bytes.rfind`` and a
slice). A message without the hash header (a store subscription, a message published before the
header existed) is read the slow way: ``commune_id`` and ``prev_hash`` are found in the canonical
bytes with ``bytes.find`` (no JSON parse) and the event is hashed once with ``hashlib``. Either way
every hole is detected: a missing event's hash is the next event's ``prev_hash``, and no other hash
in the batch equals it. When a link does not match, the envelope is read the slow way before the
subscription halts, so the verdict never rests on a header or on the fast spelling. The check trusts
the transport as the applier does (it is not tamper evidence: a header or a payload edited on the
way is not detected here); tamper evidence stays :meth:`.EventStore.verify`, which recomputes every
hash from the stored bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from hashlib import sha256
from itertools import count
from typing import Any, cast

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


_GENESIS = GENESIS_HASH.encode()
# Per segment: the commune, the claimed prev_hash and the own hash of each event (bytes; None
# commune: not an envelope).
_Links = tuple[list[bytes | None], list[bytes], list[bytes]]


def _links(
    seg: Segment,
    datas: Sequence[bytes],
    hashes: Sequence[bytes | None],
    communes: Sequence[bytes | None],
    prevs: Sequence[bytes | None],
) -> _Links:
    start, stop = seg.start, seg.stop
    own = hashes[start:stop] if hashes else ()
    keys = communes[start:stop] if communes else ()
    claims = prevs[start:stop] if prevs else ()
    if own and keys and None not in own and None not in keys:
        # Published by the relay: its own hash and commune came with it, and its prev_hash too (or
        # else it is read from the envelope).
        if claims and None not in claims:
            return list(keys), cast("list[bytes]", list(claims)), cast("list[bytes]", list(own))
        prevs_read = [data[(at := data.rfind(_PREV) + _PREV_AT) : at + 64] for data in datas[start:stop]]
        return list(keys), prevs_read, cast("list[bytes]", list(own))
    found_communes: list[bytes | None] = []
    found_prevs: list[bytes] = []
    found_owns: list[bytes] = []
    for index in range(start, stop):
        data = datas[index]
        given = own[index - start] if own else None
        key = keys[index - start] if keys else None
        if given is not None and key is not None:
            claim = claims[index - start] if claims else None
            if claim is None:
                at = data.rfind(_PREV) + _PREV_AT
                claim = data[at : at + 64]
            found_communes.append(key)
            found_prevs.append(claim)
            found_owns.append(given)
            continue
        found = link(data)
        if found is None:  # not an envelope: the handler rejects it
            found_communes.append(None)
            found_prevs.append(b"")
            found_owns.append(b"")
            continue
        found_communes.append(found[0].encode())
        found_prevs.append(found[1].encode())
        found_owns.append(sha256(data).hexdigest().encode())
    return found_communes, found_prevs, found_owns


async def check_and_advance(
    conn: AsyncConnection,
    subscription: str,
    segments: Sequence[Segment],
    positions: Sequence[int],
    datas: Sequence[bytes],
    hashes: Sequence[bytes | None] = (),
    communes: Sequence[bytes | None] = (),
    prevs: Sequence[bytes | None] = (),
) -> None:
    """Check that each fresh event follows its commune's last applied event; record the new heads.

    ``hashes``, ``communes`` and ``prevs`` (parallel to ``datas``, or empty): each event's own hash,
    commune id and prev_hash as the relay sent them (None where a message did not say: read from the
    bytes then).
    Raises :class:`ContinuityBroken` (the caller's transaction then rolls back: nothing applied).
    """
    plans = [(seg, _links(seg, datas, hashes, communes, prevs)) for seg in segments]
    wanted = {
        (seg.source, commune.decode()) for seg, (found, _, _) in plans for commune in set(found) if commune
    }
    if not wanted:
        return
    loaded = await _load_heads(conn, subscription, wanted)
    # source -> commune -> hash, as bytes: the fast path neither decodes nor builds keys per event.
    by_source: dict[str, dict[bytes, bytes]] = {}
    for (source, name), hash_ in loaded.items():
        by_source.setdefault(source, {})[name.encode()] = hash_.encode()
    for seg, (seg_communes, seg_prevs, seg_owns) in plans:
        heads = by_source.setdefault(seg.source, {})
        get = heads.get
        # A commune's first event links to the genesis hash. A checkpoint written before chain heads
        # were kept (an upgrade) accepts the first link it sees (None) and records it.
        first = _GENESIS if seg.chain_checked else None
        for index, commune, prev, own in zip(count(seg.start), seg_communes, seg_prevs, seg_owns):
            if commune is None:
                continue  # not an envelope: the handler rejects it
            head = get(commune, first)
            if prev != head and head is not None:
                _check_slowly(subscription, seg, heads, first, positions[index], datas[index], own)
                continue
            heads[commune] = own
    changed = {
        (source, commune.decode()): hash_.decode()
        for source, heads in by_source.items()
        for commune, hash_ in heads.items()
        if loaded.get((source, commune.decode())) != hash_.decode()
    }
    await _save_heads(conn, subscription, changed)


def _check_slowly(
    subscription: str,
    seg: Segment,
    heads: dict[bytes, bytes],
    first: bytes | None,
    position: int,
    data: bytes,
    own: bytes,
) -> None:
    """A link that did not match on the fast path: read the envelope fully before halting."""
    found = link(data)
    if found is None:
        return  # not an envelope: the handler rejects it
    commune, prev_hash = found
    key = commune.encode()
    head = heads.get(key, first)
    if head is not None and prev_hash.encode() != head:
        raise _broken(subscription, seg, commune, position, data, head.decode(), prev_hash)
    heads[key] = own


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


async def save_heads(conn: AsyncConnection, subscription: str, heads: dict[tuple[str, str], str]) -> None:
    """Record ``(source, commune) -> hash`` as the subscription's chain heads (a set-based rebuild
    that checked the links itself)."""
    await _save_heads(conn, subscription, heads)


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
