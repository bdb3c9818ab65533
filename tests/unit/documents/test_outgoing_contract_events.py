"""Outgoing documents' domain events and the contract's are the same records, both ways."""

from __future__ import annotations

import pytest

from oneoffice.documents.application.outgoing_contract_events import PAIRS, from_contract, to_contract
from oneoffice.eventcore.events import DomainEvent

from ..contracts.samples import SAMPLES


@pytest.mark.parametrize("contract", [c for _, c in PAIRS], ids=lambda c: c.event_type)
def test_every_outgoing_contract_event_round_trips_through_the_domain(contract: type[DomainEvent]) -> None:
    sample = SAMPLES[contract]

    assert to_contract(from_contract(sample)) == sample
