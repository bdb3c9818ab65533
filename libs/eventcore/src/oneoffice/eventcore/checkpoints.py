"""Where each subscription stands, stored in the consumer's own database.

A subscription updates its checkpoint in the same transaction as the state it derives from the
events, so a crash can never leave one without the other: the effect of each event is applied
exactly once, even though delivery is at least once.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from .clock import Clock
from .schema import subscription_checkpoints as table


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """``next_offset``: the next Kafka offset (or store position + 1) to apply.

    ``source_position``: the highest position in the *producing* store applied so far on this
    partition; a relay that republished after a crash sends events at or below it again.
    """

    next_offset: int
    source_position: int


async def load(
    conn: AsyncConnection, subscription: str, source: str, partition: int, *, for_update: bool = False
) -> Checkpoint | None:
    query = sa.select(table.c.next_offset, table.c.source_position).where(
        table.c.subscription == subscription, table.c.source == source, table.c.partition == partition
    )
    if for_update and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    row = (await conn.execute(query)).one_or_none()
    return None if row is None else Checkpoint(int(row[0]), int(row[1]))


async def load_many(
    conn: AsyncConnection, subscription: str, sources: set[str], *, for_update: bool = False
) -> dict[tuple[str, int], Checkpoint]:
    """Checkpoints of ``subscription`` on ``sources``, keyed by (source, partition)."""
    query = sa.select(table.c.source, table.c.partition, table.c.next_offset, table.c.source_position).where(
        table.c.subscription == subscription, table.c.source.in_(sorted(sources))
    )
    if for_update and conn.dialect.name == "postgresql":
        query = query.with_for_update()
    return {(r[0], int(r[1])): Checkpoint(int(r[2]), int(r[3])) for r in await conn.execute(query)}


async def save_many(
    conn: AsyncConnection,
    subscription: str,
    updates: dict[tuple[str, int], Checkpoint],
    existing: set[tuple[str, int]],
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
                updated_at=sa.bindparam("updated_at"),
            ),
            updated,
        )
    if created:
        await conn.execute(table.insert(), created)


async def load_all(conn: AsyncConnection, subscription: str, source: str) -> dict[int, Checkpoint]:
    query = sa.select(table.c.partition, table.c.next_offset, table.c.source_position).where(
        table.c.subscription == subscription, table.c.source == source
    )
    return {int(r[0]): Checkpoint(int(r[1]), int(r[2])) for r in await conn.execute(query)}


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
    values = {
        "next_offset": checkpoint.next_offset,
        "source_position": checkpoint.source_position,
        "updated_at": clock.now(),
    }
    if existed:
        await conn.execute(
            table.update()
            .where(
                table.c.subscription == subscription, table.c.source == source, table.c.partition == partition
            )
            .values(**values)
        )
    else:
        await conn.execute(
            table.insert().values(subscription=subscription, source=source, partition=partition, **values)
        )
