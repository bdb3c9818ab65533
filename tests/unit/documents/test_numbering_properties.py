"""Property: whatever the interleaving, each register hands out 1..n (Điều 22 NĐ 30/2020).

Registrations for several registers (bodies × years) run concurrently through the real use case on
the in-memory event store, from several writers that each keep their own cache and locks (as
separate processes do), so they meet each other's appends as conflicts and retry.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter, defaultdict
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from oneoffice.documents.application.register_incoming import RegisterIncomingDocumentHandler
from oneoffice.documents.bootstrap import event_registry
from oneoffice.documents.domain.values import RegisterId
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.memory_store import InMemoryEventStore
from tests.known_units import KnownUnits

from .builders import CATALOGUE, COMMUNE, NOW, register_command

BODIES = ("UBND", "HDND", "DANG_UY")
YEARS = (2024, 2025, 2026)
WRITERS = 3

registrations = st.lists(
    st.tuples(st.sampled_from(BODIES), st.sampled_from(YEARS), st.integers(0, WRITERS - 1)),
    min_size=1,
    max_size=30,
)


class YieldingStore(InMemoryEventStore):
    """The in-memory store, letting other tasks run between a writer's load and its append."""

    async def read_stream(self, stream_id: str, after_version: int = 0) -> list[Envelope]:
        await asyncio.sleep(0)
        return await super().read_stream(stream_id, after_version)

    async def append(self, *args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(0)
        return await super().append(*args, **kwargs)


@given(plan=registrations)
@settings(max_examples=40, deadline=None, database=None)
async def test_any_interleaving_of_registrations_numbers_each_register_from_1_without_gaps(
    plan: list[tuple[str, int, int]],
) -> None:
    store = YieldingStore()
    ids = itertools.count(1)
    writers = [
        RegisterIncomingDocumentHandler(
            store,
            FixedClock(NOW),
            CATALOGUE,
            event_registry(),
            units=KnownUnits.test_communes(),
            new_document_id=lambda: f"doc-{next(ids)}",
            max_attempts=len(plan) + 1,  # each round of conflicts lets one writer through
            retry_delay=0,
        )
        for _ in range(WRITERS)
    ]

    results = await asyncio.gather(
        *(
            writers[writer](
                register_command(
                    idempotency_key=f"k{n}",
                    body_code=body,
                    number_symbol=f"{n}/TB-{body}",
                    document_date=f"{year}-02-01",
                    received_date=f"{year}-02-02",
                )
            )
            for n, (body, year, writer) in enumerate(plan)
        )
    )

    handed_out: dict[tuple[str, int], list[int]] = defaultdict(list)
    for (body, year, _), result in zip(plan, results, strict=True):
        assert result.year == year
        handed_out[(body, year)].append(result.incoming_number)
    for register, count in Counter((body, year) for body, year, _ in plan).items():
        assert sorted(handed_out[register]) == list(range(1, count + 1))
        stream = await store.read_stream(RegisterId(COMMUNE, *register).stream_id)
        assert [e.payload["incoming_number"] for e in stream] == list(range(1, count + 1))
    assert len({r.document_id for r in results}) == len(plan)
