"""Helpers the unit tests of the administrative units share: the registry service over the
in-memory event store, and the Tương Dương history from the packaged tables."""

from __future__ import annotations

from datetime import UTC, datetime

from oneoffice.contracts.events import build_registry
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.memory_store import InMemoryEventStore
from oneoffice.staff.adapters.unit_data import body_codes, tuong_duong_rows
from oneoffice.staff.application.accounts import Caller
from oneoffice.staff.application.unit_seed import tuong_duong_history
from oneoffice.staff.application.units import UnitRegistryService
from oneoffice.staff.domain.reorganisations import Reorganisation

NOW = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
ADMIN = Caller(actor="quantri", correlation_id="c-units")


def service(store: InMemoryEventStore | None = None) -> UnitRegistryService:
    store = store or InMemoryEventStore(FixedClock(NOW))
    return UnitRegistryService(store, build_registry(), FixedClock(NOW), body_codes())


def history() -> list[Reorganisation]:
    return tuong_duong_history(tuong_duong_rows(), body_codes())


async def seeded(units: UnitRegistryService) -> UnitRegistryService:
    for command in history():
        await units.reorganise(ADMIN, command)
    return units
