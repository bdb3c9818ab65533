"""The staff service's administrative-unit RPCs over gRPC, on a real PostgreSQL event store: the
Tương Dương history seeded through Reorganise, queried as of dates, refusals recording nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import grpc
import pytest

from oneoffice.contracts.grpc.staff.v1 import staff_pb2 as pb
from oneoffice.contracts.grpc.staff.v1 import staff_pb2_grpc as pb_grpc
from oneoffice.staff.adapters.unit_data import body_codes, tuong_duong_rows
from oneoffice.staff.application.unit_seed import DISTRICT_CODE, tuong_duong_history
from oneoffice.staff.bootstrap import StaffContainer, bootstrap
from oneoffice.staff.config import Settings
from oneoffice.staff.domain.reorganisations import (
    CeaseUnit,
    EstablishUnit,
    MergeUnits,
    Reorganisation,
    ReparentUnit,
    UnitSpec,
)
from oneoffice.staff.domain.unit_registry import REGISTRY_STREAM
from oneoffice.staff.entrypoints.grpc_server import build_server
from tests.caller import ActingAs, admin, clerk

pytestmark = pytest.mark.integration


def as_admin() -> tuple[tuple[str, str], ...]:
    """Signed when the call is made: a signed identity is valid for a minute only."""
    return admin(correlation_id="corr-units")


NINE = {"16876", "16882", "16885", "16903", "16906", "16909", "16912", "16933", "16936"}


@dataclass
class Staff:
    container: StaffContainer
    stub: pb_grpc.StaffServiceStub


@pytest.fixture
async def staff(pg_url: str) -> AsyncIterator[Staff]:
    container = await bootstrap(Settings(database_url=pg_url, grpc_host="127.0.0.1", grpc_port=0))
    server = build_server(container)
    await server.start()
    try:
        # Calls go as the administrator unless they name another caller.
        acting = ActingAs("quantri", ["admin"])
        async with grpc.aio.insecure_channel(f"127.0.0.1:{server.port}", interceptors=[acting]) as channel:
            yield Staff(container, pb_grpc.StaffServiceStub(channel))  # type: ignore[no-untyped-call]
    finally:
        await server.stop(None)
        await container.aclose()


def _spec(spec: UnitSpec) -> pb.NewUnitSpec:
    return pb.NewUnitSpec(
        code=spec.code or "",
        name=spec.name,
        kind=spec.kind,
        parent=spec.parent or "",
        bodies=list(spec.bodies),
    )


def request(command: Reorganisation) -> pb.ReorganiseRequest:
    """The wire form of a seed command (the seed's commands use no split or rename)."""
    common = {
        "reorganisation_id": command.reorganisation_id,
        "effective": command.effective.isoformat(),
        "note": command.note,
    }
    match command:
        case EstablishUnit():
            return pb.ReorganiseRequest(**common, establish=pb.Establish(unit=_spec(command.unit)))
        case MergeUnits():
            assert isinstance(command.into, UnitSpec)
            merge = pb.Merge(units=list(command.units), into_new=_spec(command.into))
            return pb.ReorganiseRequest(**common, merge=merge)
        case ReparentUnit():
            reparent = pb.Reparent(unit=command.unit, parent=command.parent or "")
            return pb.ReorganiseRequest(**common, reparent=reparent)
        case CeaseUnit():
            return pb.ReorganiseRequest(**common, cease=pb.Cease(unit=command.unit))
    raise AssertionError(command)


async def seed(staff: Staff) -> None:
    for command in tuong_duong_history(tuong_duong_rows(), body_codes()):
        await staff.stub.Reorganise(request(command), metadata=as_admin())


async def refusal(call: object) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await call  # type: ignore[misc]
    return refused.value


async def test_the_tuong_duong_history_through_grpc_answers_as_of_dates_and_lineage(staff: Staff) -> None:
    await seed(staff)

    in_2019 = await staff.stub.ListUnits(pb.ListUnitsRequest(parent=DISTRICT_CODE, as_of="2019-06-01"))
    in_2026 = await staff.stub.ListUnits(pb.ListUnitsRequest(parent="40", as_of="2026-01-01"))
    lineage = await staff.stub.GetLineage(pb.GetLineageRequest(code="16876"))

    assert "Hòa Bình" in {u.name for u in in_2019.units}
    assert {u.code for u in in_2026.units} == NINE
    assert {(s.predecessor.name, s.effective) for s in lineage.came_from} == {
        ("Thạch Giám", "2025-07-01"),
        ("Lưu Kiền", "2025-07-01"),
        ("Xá Lượng", "2025-07-01"),
        ("Hòa Bình", "2020-01-01"),
    }
    hoa_binh = await staff.stub.GetUnit(pb.GetUnitRequest(code="TD-HOA-BINH"))
    assert (hoa_binh.synthetic, hoa_binh.valid_to, hoa_binh.parent) == (True, "2019-12-31", DISTRICT_CODE)


async def test_reorganisations_are_recorded_once_by_their_actor_on_the_registry_stream(staff: Staff) -> None:
    await seed(staff)
    recorded = await staff.container.store.read_stream(REGISTRY_STREAM)

    again = await staff.stub.Reorganise(request(tuong_duong_history(tuong_duong_rows(), body_codes())[-1]))

    assert (again.kind, again.recorded_now, list(again.units)) == ("cease", False, [DISTRICT_CODE])
    assert len(await staff.container.store.read_stream(REGISTRY_STREAM)) == len(recorded)
    assert {(e.actor, e.correlation_id) for e in recorded} == {("quantri", "corr-units")}
    merged = next(e for e in recorded if e.payload["reorganisation_id"] == "seed:merge:16876")
    assert merged.event_type == "staff.UnitsMerged" and len(merged.payload["bodies_carried"]) == 3 * 8


async def test_a_merger_into_a_unit_that_does_not_exist_on_that_date_is_invalid_and_records_nothing(
    staff: Staff,
) -> None:
    await seed(staff)
    before = len(await staff.container.store.read_stream(REGISTRY_STREAM))
    merge = pb.Merge(units=["TD-LUU-KIEN"], into_existing="16876")

    error = await refusal(staff.stub.Reorganise(pb.ReorganiseRequest(effective="2024-01-01", merge=merge)))

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    trailers = dict(error.trailing_metadata() or ())
    assert trailers["error-code"] == "successor_not_on_date" and "16876" in trailers["message-en"]
    assert "16876" in (error.details() or "") and "01/01/2024" in (error.details() or "")
    assert len(await staff.container.store.read_stream(REGISTRY_STREAM)) == before


async def test_unknown_units_and_units_outside_their_dates_are_not_found(staff: Staff) -> None:
    await seed(staff)

    unknown = await refusal(staff.stub.GetUnit(pb.GetUnitRequest(code="99999")))
    gone = await refusal(staff.stub.GetUnit(pb.GetUnitRequest(code="TD-HOA-BINH", as_of="2024-01-01")))
    bad_day = await refusal(staff.stub.ListUnits(pb.ListUnitsRequest(parent="40", as_of="01/01/2024")))

    assert (unknown.code(), gone.code()) == (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.NOT_FOUND)
    assert dict(gone.trailing_metadata() or ())["error-code"] == "unit_not_found"
    assert bad_day.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_split_rename_and_reparent_travel_the_wire_and_answer_what_they_touched(staff: Staff) -> None:
    await seed(staff)
    halves = [
        pb.NewUnitSpec(code="X-1", name="Tam Quang Bắc", kind="commune", parent="40"),
        pb.NewUnitSpec(name="Tam Quang Nam", kind="commune", parent="40"),
    ]
    split = pb.ReorganiseRequest(effective="2026-01-01", split=pb.Split(unit="16933", into=halves))
    rename = pb.ReorganiseRequest(
        effective="2026-02-01", rename=pb.Rename(unit="X-1", name="Tam Quang", kind="ward")
    )

    answered = await staff.stub.Reorganise(split, metadata=as_admin())
    renamed = await staff.stub.Reorganise(rename, metadata=as_admin())
    lineage = await staff.stub.GetLineage(pb.GetLineageRequest(code="16933"))
    ward = await staff.stub.GetUnit(pb.GetUnitRequest(code="X-1", as_of="2026-02-01"))

    assert (answered.kind, list(answered.units)) == ("split", ["16933", "X-1", "NA-TAM-QUANG-NAM"])
    assert renamed.recorded_now and renamed.kind == "rename"
    assert {(s.successor.code, s.kind) for s in lineage.became} == {
        ("X-1", "split"),
        ("NA-TAM-QUANG-NAM", "split"),
    }
    assert (ward.name, ward.kind, len(ward.bodies)) == ("Tam Quang", "ward", 8)


async def test_only_an_administrator_reorganises_units_and_a_refusal_records_nothing(staff: Staff) -> None:
    before = await staff.container.store.last_position()
    command = tuong_duong_history(tuong_duong_rows(), body_codes())[0]

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await staff.stub.Reorganise(request(command), metadata=clerk("16876"))

    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert await staff.container.store.last_position() == before
