"""Where each subscription stands, stored in the consumer's own database.

A subscription updates its checkpoint in the same transaction as the state it derives from the
events, so a crash can never leave one without the other: the effect of each event is applied
exactly once, even though delivery is at least once.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from .clock import Clock
from .schema import subscription_checkpoints as table


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """``next_offset``: the next Kafka offset (or store position + 1) to apply.

    ``source_position``: the highest position in the *producing* store applied so far on this
    partition; a relay that republished after a crash sends events at or below it again.
    ``epoch``: the producing store's epoch seen on this partition (None until one is seen).
    ``chain_checked``: False for a checkpoint written before chain heads were kept (an upgrade).
    """

    next_offset: int
    source_position: int
    epoch: str | None = None
    chain_checked: bool = True


_COLUMNS = (table.c.next_offset, table.c.source_position, table.c.epoch, table.c.chain_checked)


def _checkpoint(row: Sequence[Any]) -> Checkpoint:
    return Checkpoint(int(row[0]), int(row[1]), row[2], bool(row[3]))


async def load(
    conn: AsyncConnection, subscription: str, source: str, partition: int, *, for_update: bool = False
) -> Checkpoint | None:
    query = sa.select(*_COLUMNS).where(
        table.c.subscription == subscription, table.c.source == source, table.c.partition == partition
    )
    if for_update and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = (await conn.execute(query)).one_or_none()
    return None if row is None else _checkpoint(row)


async def load_many(
    conn: AsyncConnection,
    subscription: str,
    keys: Collection[tuple[str, int]],
    *,
    for_update: bool = False,
) -> dict[tuple[str, int], Checkpoint]:
    """Checkpoints of ``subscription`` on the (source, partition) ``keys``.

    ``for_update`` locks those rows only: members of a consumer group hold other partitions of the
    same topic, and must not wait for each other.
    """
    # Rows locked in key order, the order a projection switch locks them in too: no deadlock.
    query = (
        sa.select(table.c.source, table.c.partition, *_COLUMNS)
        .where(
            table.c.subscription == subscription,
            sa.tuple_(table.c.source, table.c.partition).in_(sorted(keys)),
        )
        .order_by(table.c.source, table.c.partition)
    )
    if for_update and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    return {(r[0], int(r[1])): _checkpoint(r[2:]) for r in await conn.execute(query)}


async def save_many(
    conn: AsyncConnection,
    subscription: str,
    updates: dict[tuple[str, int], Checkpoint],
    existing: Collection[tuple[str, int]],
    clock: Clock,
) -> None:
    """Write several checkpoints: one statement for the updated rows, one for the new ones."""
    now = clock.now()
    updated = [
        {
            "b_source": s,
            "b_partition": p,
            "next_offset": c.next_offset,
            "source_position": c.source_position,
            "epoch": c.epoch,
            "updated_at": now,
        }
        for (s, p), c in updates.items()
        if (s, p) in existing
    ]
    created = [
        {
            "subscription": subscription,
            "source": s,
            "partition": p,
            "next_offset": c.next_offset,
            "source_position": c.source_position,
            "epoch": c.epoch,
            "chain_checked": c.chain_checked,
            "updated_at": now,
        }
        for (s, p), c in updates.items()
        if (s, p) not in existing
    ]
    if updated:
        await conn.execute(
            table.update()
            .where(
                table.c.subscription == subscription,
                table.c.source == sa.bindparam("b_source"),
                table.c.partition == sa.bindparam("b_partition"),
            )
            .values(
                next_offset=sa.bindparam("next_offset"),
                source_position=sa.bindparam("source_position"),
                epoch=sa.bindparam("epoch"),
                updated_at=sa.bindparam("updated_at"),
            ),
            updated,
        )
    if created:
        await conn.execute(table.insert(), created)


async def load_all(conn: AsyncConnection, subscription: str, source: str) -> dict[int, Checkpoint]:
    query = sa.select(table.c.partition, *_COLUMNS).where(
        table.c.subscription == subscription, table.c.source == source
    )
    return {int(r[0]): _checkpoint(r[1:]) for r in await conn.execute(query)}


async def save(
    conn: AsyncConnection,
    subscription: str,
    source: str,
    partition: int,
    checkpoint: Checkpoint,
    clock: Clock,
    *,
    existed: bool,
) -> None:
    await save_many(
        conn,
        subscription,
        {(source, partition): checkpoint},
        {(source, partition)} if existed else set(),
        clock,
    )
