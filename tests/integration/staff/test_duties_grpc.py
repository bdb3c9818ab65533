"""Duties over gRPC on a real PostgreSQL event store: catalogue, adoption, assignment, absences and
coverage; refusals record nothing; and the coverage scheduler emits each coverage event exactly once
with two replicas ticking on one store and a restart between ticks."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import grpc
import pytest

from oneoffice.contracts.grpc.staff.v1 import duties_pb2 as pb
from oneoffice.contracts.grpc.staff.v1 import duties_pb2_grpc as pb_grpc
from oneoffice.eventcore.clock import FixedClock
from oneoffice.staff.application.accounts import Caller
from oneoffice.staff.bootstrap import StaffContainer, bootstrap
from oneoffice.staff.config import Settings
from oneoffice.staff.domain.duty_events import AbsenceKind, Duty
from oneoffice.staff.domain.duty_roster import roster_stream
from oneoffice.staff.domain.reorganisations import EstablishUnit, UnitSpec
from oneoffice.staff.entrypoints.grpc_server import build_server
from tests.caller import ActingAs, admin, identity_metadata
from tests.unit.staff.duty_fakes import FakeDirectory

pytestmark = pytest.mark.integration

COMMUNE = "16876"


# Identities live a minute: signed at each call, never once at import.
def lead() -> tuple[tuple[str, str], ...]:
    return identity_metadata("totruong-16876", ["team_lead"], [COMMUNE])


def other_lead() -> tuple[tuple[str, str], ...]:
    return identity_metadata("totruong-16882", ["team_lead"], ["16882"])


DIRECTORY = FakeDirectory({COMMUNE: {"lan", "minh", "hoa"}, "16882": {"tuan"}}, {COMMUNE: "hoa"})
DUTIES = [
    pb.CatalogueDuty(
        code="INCOMING", name_vi="Tiếp nhận văn bản đến", name_en="Receive incoming", bodies=["UBND"]
    ),
    pb.CatalogueDuty(code="STATS", name_vi="Tổng hợp số liệu thống kê", name_en="Compile statistics"),
]


def start_clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 1, 7, 0, tzinfo=UTC))


async def open_staff(pg_url: str, clock: FixedClock) -> StaffContainer:
    settings = Settings(database_url=pg_url, grpc_host="127.0.0.1", grpc_port=0)
    return await bootstrap(settings, clock=clock, staff_directory=DIRECTORY, follow_events=False)


async def seed_units(container: StaffContainer) -> None:
    seeder = Caller(actor="quantri")
    day = date(2025, 7, 1)
    await container.units.reorganise(
        seeder, EstablishUnit("t:40", day, UnitSpec("Nghệ An", "province", None, "40"))
    )
    for code in (COMMUNE, "16882"):
        await container.units.reorganise(
            seeder, EstablishUnit(f"t:{code}", day, UnitSpec(code, "commune", "40", code))
        )


@dataclass
class Staff:
    container: StaffContainer
    stub: pb_grpc.DutyServiceStub
    clock: FixedClock


@pytest.fixture
async def staff(pg_url: str) -> AsyncIterator[Staff]:
    clock = start_clock()
    container = await open_staff(pg_url, clock)
    await seed_units(container)
    server = build_server(container)
    await server.start()
    try:
        acting = ActingAs("quantri", ["admin"])
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}", interceptors=[acting]) as channel:
            yield Staff(container, pb_grpc.DutyServiceStub(channel), clock)  # type: ignore[no-untyped-call]
    finally:
        await server.stop(None)
        await container.aclose()


async def refusal(call: object) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await call  # type: ignore[misc]
    return refused.value


async def prepare(staff: Staff) -> None:
    await staff.stub.PublishDutyCatalogue(
        pb.PublishDutyCatalogueRequest(duties=DUTIES, note="v1"), metadata=admin()
    )
    await staff.stub.AdoptDutyCatalogue(pb.AdoptDutyCatalogueRequest(commune_id=COMMUNE), metadata=lead())
    assign = pb.AssignDutyRequest(commune_id=COMMUNE, duty="INCOMING", primary="lan", backup="minh")
    await staff.stub.AssignDuty(assign, metadata=lead())


async def test_a_team_lead_assigns_records_an_absence_and_sees_the_backup_cover_that_day(
    staff: Staff,
) -> None:
    await prepare(staff)
    absence = pb.RecordAbsenceRequest(
        commune_id=COMMUNE, person="lan", kind="leave", start="2026-03-02", end="2026-03-03"
    )
    await staff.stub.RecordAbsence(absence, metadata=lead())

    roster = await staff.stub.GetDutyRoster(pb.GetDutyRosterRequest(commune_id=COMMUNE), metadata=lead())
    on_day = await staff.stub.GetCoverage(
        pb.GetCoverageRequest(commune_id=COMMUNE, on="2026-03-02"), metadata=lead()
    )

    assert roster.catalogue_version == 1 and [g.duty for g in roster.gaps] == ["STATS"]
    assert [(c.duty, c.covered_by, c.status) for c in on_day.covers] == [
        ("INCOMING", "minh", "backup"),
        ("STATS", "", "unassigned"),
    ]
    events = await staff.container.store.read_stream(roster_stream(COMMUNE))
    assert {e.actor for e in events} == {"totruong-16876"}


async def test_refused_commands_record_nothing_and_say_why_in_both_languages(staff: Staff) -> None:
    await prepare(staff)
    before = await staff.container.store.stream_version(roster_stream(COMMUNE))

    same = await refusal(
        staff.stub.AssignDuty(
            pb.AssignDutyRequest(commune_id=COMMUNE, duty="STATS", primary="lan", backup="lan"),
            metadata=lead(),
        )
    )
    stranger = await refusal(
        staff.stub.AssignDuty(
            pb.AssignDutyRequest(commune_id=COMMUNE, duty="STATS", primary="lan", backup="tuan"),
            metadata=lead(),
        )
    )
    backwards = await refusal(
        staff.stub.RecordAbsence(
            pb.RecordAbsenceRequest(
                commune_id=COMMUNE, person="lan", kind="sick", start="2026-03-05", end="2026-03-04"
            ),
            metadata=lead(),
        )
    )
    out_of_scope = await refusal(
        staff.stub.AssignDuty(
            pb.AssignDutyRequest(commune_id=COMMUNE, duty="STATS", primary="lan", backup="minh"),
            metadata=other_lead(),
        )
    )
    unknown = await refusal(
        staff.stub.AdoptDutyCatalogue(
            pb.AdoptDutyCatalogueRequest(commune_id="99999"),
            metadata=identity_metadata("x", ["team_lead"], ["99999"]),
        )
    )

    assert [e.code() for e in (same, stranger, backwards)] == [grpc.StatusCode.INVALID_ARGUMENT] * 3
    assert dict(same.trailing_metadata() or ())["error-code"] == "backup_is_primary"
    assert "tuan" in (stranger.details() or "")
    assert out_of_scope.code() is grpc.StatusCode.PERMISSION_DENIED
    assert unknown.code() is grpc.StatusCode.NOT_FOUND
    assert await staff.container.store.stream_version(roster_stream(COMMUNE)) == before


async def test_two_scheduler_replicas_and_a_restart_emit_each_coverage_event_exactly_once(
    pg_url: str,
) -> None:
    clock = start_clock()
    first, second = await open_staff(pg_url, clock), await open_staff(pg_url, clock)
    try:
        await seed_units(first)
        lead = Caller(actor="totruong-16876")
        await first.duties.publish_catalogue(
            lead, [Duty("INCOMING", "a", "a", "", ()), Duty("STATS", "b", "b", "", ())]
        )
        await first.duties.adopt(lead, COMMUNE, 1)
        await first.duties.assign(lead, COMMUNE, "INCOMING", "lan", "minh")
        await first.duties.assign(lead, COMMUNE, "STATS", "minh", "lan")
        await first.duties.record_absence(
            lead, COMMUNE, "lan", AbsenceKind.LEAVE, date(2026, 3, 2), date(2026, 3, 3)
        )
        await first.duties.record_absence(
            lead, COMMUNE, "minh", AbsenceKind.SICK, date(2026, 3, 3), date(2026, 3, 4)
        )

        for _ in range(2):  # the day comes: both replicas tick at once, twice
            clock.advance(timedelta(days=1))
            await asyncio.gather(*(c.coverage.tick() for c in (first, second, first, second)))
    finally:
        await first.aclose()
    restarted = await open_staff(pg_url, clock)  # first replica comes back; both tick on later days
    try:
        for _ in range(3):
            clock.advance(timedelta(days=1))
            await asyncio.gather(restarted.coverage.tick(), second.coverage.tick())
        events = await restarted.store.read_stream(roster_stream(COMMUNE))
    finally:
        await restarted.aclose()
        await second.aclose()

    coverage = Counter((e.event_type, e.payload["coverage_id"]) for e in events if "coverage_id" in e.payload)
    kinds = Counter(kind for kind, _ in coverage)
    assert set(coverage.values()) == {1}
    # STATS escalates from its start (Lan, its backup, is away too); INCOMING, covered by Minh from
    # 2 March, escalates on 3 March when Minh's own absence begins while Lan is still away.
    assert kinds == {"staff.CoverageStarted": 1, "staff.CoverageEscalated": 2, "staff.CoverageEnded": 2}
