"""People, office teams and model adoption through the staff service's gRPC on a real PostgreSQL
event store, over the seeded Tương Dương history: a person of a merged-away unit is staff of the
successor from the merge date; refusals record nothing; the demo seed records once."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from datetime import date

import grpc
import pytest

from oneoffice.contracts.grpc.staff.v1 import staff_pb2 as pb
from oneoffice.contracts.grpc.staff.v1 import staff_pb2_grpc as pb_grpc
from oneoffice.embedded.demo_people import _pilot_codes, seed_demo_people
from oneoffice.staff.adapters.unit_data import body_codes, tuong_duong_rows
from oneoffice.staff.application.accounts import Caller
from oneoffice.staff.application.unit_seed import seed_tuong_duong
from oneoffice.staff.bootstrap import StaffContainer, bootstrap
from oneoffice.staff.config import Settings
from oneoffice.staff.domain.people import REGISTER_STREAM
from oneoffice.staff.entrypoints.grpc_server import build_server
from tests.caller import ActingAs

pytestmark = pytest.mark.integration

NINE = ("16876", "16882", "16885", "16903", "16906", "16909", "16912", "16933", "16936")
TEAM_SET_UP: dict[str, str] = {
    "commune_id": "16876",
    "kind": "set_up",
    "effective": "2025-07-10",
    "decision_number": "15/QĐ-UBND",
    "decision_date": "2025-07-05",
}
Stub = Callable[..., AbstractAsyncContextManager[pb_grpc.StaffServiceStub]]


@dataclass
class Staff:
    container: StaffContainer
    acting: Stub
    pilots: dict[str, str]


@pytest.fixture
async def staff(pg_url: str) -> AsyncIterator[Staff]:
    container = await bootstrap(Settings(database_url=pg_url, grpc_host="127.0.0.1", grpc_port=0))
    await seed_tuong_duong(container.units, Caller(actor="test"), tuong_duong_rows(), body_codes())
    pilots = _pilot_codes()
    server = build_server(container)
    await server.start()

    @asynccontextmanager
    async def acting(
        username: str = "quantri", roles: tuple[str, ...] = ("team_lead",), scope: tuple[str, ...] = ()
    ) -> AsyncIterator[pb_grpc.StaffServiceStub]:
        scope = scope or (*NINE, *pilots.values())
        interceptor = ActingAs(username, list(roles), list(scope))
        async with grpc.aio.insecure_channel(
            f"127.0.0.1:{server.port}", interceptors=[interceptor]
        ) as channel:
            yield pb_grpc.StaffServiceStub(channel)  # type: ignore[no-untyped-call]

    try:
        yield Staff(container, acting, pilots)
    finally:
        await server.stop(None)
        await container.aclose()


def clerk_of(commune: str, day: str, person_id: str = "") -> pb.JoinStaffRequest:
    return pb.JoinStaffRequest(
        commune_id=commune,
        person_id=person_id,
        name="Lô Thị Hoa",
        title="Văn phòng Đảng ủy",
        category="không chuyên trách",
        bodies=["DANG_UY", "MTTQ"],
        allowance="1.0",
        effective=day,
    )


async def register_version(staff: Staff) -> int:
    return len(await staff.container.store.read_stream(REGISTER_STREAM))


async def test_a_person_of_a_merged_away_unit_is_staff_of_the_successor_from_the_merge_date(
    staff: Staff,
) -> None:
    hoa_binh = staff.pilots["Hòa Bình"]  # → Thạch Giám (2020) → Tương Dương 16876 (2025)
    async with staff.acting() as stub:
        joined = await stub.JoinStaff(clerk_of(hoa_binh, "2017-06-01"))
        person_id = joined.person.person_id
        assert joined.recorded_now and person_id

        async def staff_ids(commune: str, day: str) -> list[str]:
            listed = await stub.ListStaff(pb.ListStaffRequest(commune_id=commune, as_of=day))
            return [p.person_id for p in listed.people]

        assert await staff_ids(hoa_binh, "2019-12-31") == [person_id]
        assert await staff_ids(hoa_binh, "2020-01-01") == []
        assert await staff_ids("16876", "2025-06-30") == []
        assert await staff_ids("16876", "2025-07-01") == [person_id]
        person = await stub.GetPerson(
            pb.GetPersonRequest(commune_id="16876", person_id=person_id, as_of="2026-01-01")
        )
        assert (person.title, list(person.bodies), person.allowance) == (
            "Văn phòng Đảng ủy",
            ["DANG_UY", "MTTQ"],
            "1.0",
        )
    assert await staff.container.directory.is_staff_of(person_id, "16876", date(2025, 7, 1))
    assert not await staff.container.directory.is_staff_of(person_id, "16876", date(2025, 6, 30))


async def test_bad_input_is_refused_in_both_languages_and_nothing_is_recorded(staff: Staff) -> None:
    async with staff.acting() as stub:
        for request in (
            clerk_of("16876", "2020-01-01"),  # the commune did not exist yet
            pb.JoinStaffRequest(**{**_fields(clerk_of("16876", "2025-07-01")), "title": "Thủ quỹ"}),
            pb.JoinStaffRequest(**{**_fields(clerk_of("16876", "2025-07-01")), "category": "biên chế"}),
            pb.JoinStaffRequest(**{**_fields(clerk_of("16876", "2025-07-01")), "bodies": ["CONG_DOAN"]}),
        ):
            with pytest.raises(grpc.aio.AioRpcError) as refused:
                await stub.JoinStaff(request)
            assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
            assert dict(refused.value.trailing_metadata() or ())["message-en"]
    assert await register_version(staff) == 0


def _fields(request: pb.JoinStaffRequest) -> dict[str, object]:
    return {f.name: v for f, v in request.ListFields()}


async def test_a_transfer_outside_the_callers_scope_is_refused_and_leaving_twice_too(staff: Staff) -> None:
    async with staff.acting("totruong-16876", scope=("16876",)) as lead:
        person_id = (await lead.JoinStaff(clerk_of("16876", "2025-07-01"))).person.person_id
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await lead.TransferPerson(
                pb.TransferPersonRequest(
                    commune_id="16876", person_id=person_id, to_commune="16882", effective="2026-01-01"
                )
            )
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
        left = await lead.LeaveStaff(
            pb.LeaveStaffRequest(commune_id="16876", person_id=person_id, effective="2026-01-01")
        )
        assert left.left_on == "2026-01-01"
        with pytest.raises(grpc.aio.AioRpcError) as twice:
            await lead.LeaveStaff(
                pb.LeaveStaffRequest(commune_id="16876", person_id=person_id, effective="2026-02-01")
            )
        assert twice.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    async with staff.acting("vanthu-16876", roles=("clerk",), scope=("16876",)) as clerk:
        with pytest.raises(grpc.aio.AioRpcError) as no_role:
            await clerk.JoinStaff(clerk_of("16876", "2025-07-01"))
        assert no_role.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert await register_version(staff) == 2


async def test_a_transfer_within_scope_moves_the_person_from_its_day(staff: Staff) -> None:
    async with staff.acting() as stub:
        person_id = (await stub.JoinStaff(clerk_of("16876", "2025-07-01"))).person.person_id
        moved = await stub.TransferPerson(
            pb.TransferPersonRequest(
                commune_id="16876", person_id=person_id, to_commune="16882", effective="2026-01-01"
            )
        )
        assert moved.commune_id == "16882"
        before = await stub.ListStaff(pb.ListStaffRequest(commune_id="16876", as_of="2025-12-31"))
        assert [p.person_id for p in before.people] == [person_id]


async def test_the_office_team_is_set_up_changed_and_its_lead_must_be_staff(staff: Staff) -> None:
    async with staff.acting() as stub:
        lead = (await stub.JoinStaff(clerk_of("16876", "2025-07-01"))).person.person_id
        other = (await stub.JoinStaff(clerk_of("16882", "2025-07-01"))).person.person_id
        with pytest.raises(grpc.aio.AioRpcError) as refused:
            await stub.ChangeOfficeTeam(pb.ChangeOfficeTeamRequest(**TEAM_SET_UP, lead=other))
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        team = await stub.ChangeOfficeTeam(pb.ChangeOfficeTeamRequest(**TEAM_SET_UP, lead=lead))
        assert (team.exists, team.lead, list(team.members)) == (True, lead, [lead])
        before = await stub.GetOfficeTeam(pb.GetOfficeTeamRequest(commune_id="16876", as_of="2025-07-09"))
        assert not before.exists
    assert await staff.container.directory.team_lead_of("16876", date(2025, 7, 10)) == lead


async def test_the_demo_seed_records_people_teams_and_pilot_adoptions_once(staff: Staff) -> None:
    assert await seed_demo_people(staff.container) > 0
    assert await seed_demo_people(staff.container) == 0
    async with staff.acting("kiemtoan", roles=("auditor",), scope=("-",)) as auditor:
        listed = await auditor.ListStaff(pb.ListStaffRequest(commune_id="16882", as_of="2025-07-01"))
        # Nhôn Mai's Party office clerk has served since the 2017 pilot in Mai Sơn (merged in 2025).
        assert "Vi Thị Lan" in [p.name for p in listed.people]
        team = await auditor.GetOfficeTeam(pb.GetOfficeTeamRequest(commune_id="16882", as_of="2025-07-01"))
        assert team.lead == "demo-16882-pbt"
        adoptions = await auditor.ListModelAdoptions(pb.ListModelAdoptionsRequest(as_of="2017-12-31"))
        assert sorted(a.commune_id for a in adoptions.adoptions) == sorted(staff.pilots.values())
