"""The directory of the staff events: the registers name people by name, and a figure is reported by
a body of its own commune."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.events import build_registry
from oneoffice.contracts.events.staff import (
    AccountCreated,
    CarriedBody,
    NewUnit,
    PersonJoinedStaff,
    UnitEstablished,
    UnitsMerged,
)
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.memory_store import InMemoryEventStore
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.reporting.adapters.directory_projection import DirectoryProjection
from oneoffice.reporting.adapters.directory_reader import SqlDirectory
from oneoffice.reporting.application.figures import Caller, FigureService, ReportDraft
from oneoffice.reporting.domain.figure_errors import InvalidFigure

from .figure_samples import BODIES, INDICATORS
from .test_figure_service import NoReader

CLOCK = FixedClock(datetime(2026, 5, 20, 3, tzinfo=UTC))
ADMIN = Metadata(actor="quantri", correlation_id="c-1")


def _unit(code: str, bodies: Sequence[str]) -> NewUnit:
    return NewUnit(code=code, name=code, kind="commune", parent="D", synthetic=False, bodies=list(bodies))


async def _directory(engine: AsyncEngine, events: Sequence[DomainEvent]) -> SqlDirectory:
    store = InMemoryEventStore(CLOCK)
    for event in events:
        await store.append(f"s-{uuid.uuid4()}", "16876", [event], expected_version=0, metadata=ADMIN)
    runner = ProjectionRunner(engine, DirectoryProjection())
    await runner.start()
    async with engine.begin() as conn:
        await runner.handle_stored(conn, await store.read_all())
    async with engine.begin() as conn:  # applied twice: nothing changes
        await runner.handle_stored(conn, await store.read_all())
    return SqlDirectory(engine, runner)


def _joined(person_id: str, name: str, username: str | None) -> PersonJoinedStaff:
    return PersonJoinedStaff(
        person_id=person_id, name=name, title="Văn phòng", category="công chức", bodies=["UBND"],
        allowance=Decimal("1.0"), commune_id="16876", effective=date(2025, 7, 1), username=username,
    )  # fmt: skip


def _established(unit: NewUnit) -> UnitEstablished:
    return UnitEstablished(reorganisation_id=f"r-{unit.code}", effective=date(2025, 7, 1), unit=unit, note="")


async def test_people_are_named_by_person_id_and_by_username_the_staff_record_first(
    engine: AsyncEngine,
) -> None:
    account = AccountCreated(
        username="quantri",
        display_name="Quản trị viên",
        roles=["admin"],
        scope=[],
        password_hash="$argon2id$x",
    )
    clerk = AccountCreated(
        username="vanthu-16876", display_name="Văn thư", roles=["clerk"], scope=[], password_hash="$argon2id$"
    )
    directory = await _directory(
        engine, [clerk, _joined("p-1", "Lô Thị Hoa", "vanthu-16876"), account, clerk]
    )

    assert await directory.names(["p-1", "vanthu-16876", "quantri", "p-unknown"]) == {
        "p-1": "Lô Thị Hoa",
        "vanthu-16876": "Lô Thị Hoa",
        "quantri": "Quản trị viên",
    }
    assert await directory.names([]) == {}


async def test_a_communes_bodies_are_those_it_was_established_with_and_those_a_merger_carried(
    engine: AsyncEngine,
) -> None:
    merged = UnitsMerged(
        reorganisation_id="r-merge", effective=date(2025, 7, 1), merged=["A", "B"], successor="16882",
        new_successor=_unit("16882", ["UBND", "HDND"]),
        bodies_carried=[CarriedBody(from_unit="A", body="MTTQ")],
        children_moved=[], note="",
    )  # fmt: skip
    directory = await _directory(engine, [_established(_unit("16876", ["UBND", "DANG_UY"])), merged])

    assert await directory.bodies("16876") == {"UBND", "DANG_UY"}
    assert await directory.bodies("16882") == {"UBND", "HDND", "MTTQ"}
    assert await directory.bodies("99999") == frozenset()


async def test_a_figure_from_a_body_the_commune_does_not_have_is_refused_and_nothing_appended(
    engine: AsyncEngine,
) -> None:
    directory = await _directory(engine, [_established(_unit("16876", ["UBND", "DANG_UY"]))])
    store = InMemoryEventStore(CLOCK)
    service = FigureService(
        store, build_registry(), CLOCK, BODIES, NoReader(), commune_bodies=directory.bodies
    )
    clerk = Caller("vanthu-16876")
    await service.publish_catalogue(clerk, INDICATORS)
    before = await store.last_position()
    assert "MTTQ" in BODIES, "a body known to reporting, but not one of this commune's"

    with pytest.raises(InvalidFigure) as refused:
        await service.report(clerk, "16876", ReportDraft("TL_HO_NGHEO", "2026-Q1", "MTTQ", "12.4"))

    [violation] = refused.value.violations
    assert (violation.code, violation.field) == ("unknown_body", "body")
    assert "DANG_UY, UBND" in violation.message_vi
    assert await store.last_position() == before
    # A body of the commune reports; a commune the staff events never named: against the known bodies.
    await service.report(clerk, "16876", ReportDraft("TL_HO_NGHEO", "2026-Q1", "DANG_UY", "12.4"))
    await service.report(clerk, "16882", ReportDraft("TL_HO_NGHEO", "2026-Q1", "MTTQ", "12.4"))
