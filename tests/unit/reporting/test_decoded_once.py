"""In a rebuild's pass every projection gets the same decoded event of an envelope: validated once."""

from __future__ import annotations

import asyncio

from oneoffice.contracts.events import build_registry
from oneoffice.eventcore.events import DomainEvent, EventRegistry, Payload
from oneoffice.reporting.adapters.event_decoding import contract_registry, decoded_once, domain_event

from .samples import envelope, registration


class CountingRegistry(EventRegistry):
    """The contract registry, counting the payloads it decodes."""

    def __init__(self) -> None:
        contracts = build_registry()
        super().__init__(contracts.classes().values())
        self.decoded = 0

    def decode(self, event_type: str, schema_version: int, payload: Payload) -> DomainEvent:
        self.decoded += 1
        return super().decode(event_type, schema_version, payload)


async def test_within_a_pass_each_envelope_is_decoded_once_for_every_projection_and_task() -> None:
    registry = CountingRegistry()
    events = [envelope(registration(n), position=n) for n in range(1, 4)]

    async def projection() -> list[DomainEvent]:
        return [domain_event(registry, event) for event in events]

    with decoded_once():
        first, second = await asyncio.gather(projection(), projection())

    assert registry.decoded == 3
    assert first == second and all(a is b for a, b in zip(first, second, strict=True))


def test_outside_a_pass_every_call_decodes() -> None:
    registry = CountingRegistry()
    event = envelope(registration(1), position=1)

    assert domain_event(registry, event) == domain_event(registry, event)
    assert registry.decoded == 2


def test_the_projections_share_one_registry_of_the_contract_events() -> None:
    assert contract_registry() is contract_registry()
    assert contract_registry().classes() == build_registry().classes()
