"""Record files (hồ sơ) through the documents service's real gRPC, on a real PostgreSQL: the annual
file list, a registered document linked to two files, closing (twice refused), hand-over, disposal
refused for a permanent file, the hand-over notice raised once by two services ticking together, a
keeper who is not staff of the commune refused. The staff of the commune come from a real staff store
(the embedded mode's source)."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import grpc
import pytest
import sqlalchemy as sa

from oneoffice.contracts.events.staff import PersonJoinedStaff
from oneoffice.contracts.grpc.documents.v1 import documents_pb2 as documents_pb
from oneoffice.contracts.grpc.documents.v1 import records_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import records_pb2_grpc as pb_grpc
from oneoffice.documents.domain.values import office_day
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.schema import events
from oneoffice.staff.bootstrap import StaffContainer
from oneoffice.staff.bootstrap import bootstrap as staff_bootstrap
from oneoffice.staff.config import Settings as StaffSettings
from tests.caller import identity_metadata
from tests.conftest import CreateDatabase

from .conftest import COMMUNE, RunningDocuments, StartDocuments, eventually, register_request

pytestmark = pytest.mark.integration

STREAM = f"record-files:{COMMUNE}"
KEEPER = "demo-16876-vptk"


def today() -> date:
    """The office's day (Hà Nội), as the service counts it."""
    return office_day(datetime.now(UTC))


def new_file(**changes: Any) -> pb.CreateRecordFileRequest:
    fields: dict[str, Any] = {
        "commune_id": COMMUNE,
        "body_code": "UBND",
        "year": today().year,
        "file_code": "01.TCCB",
        "title": "Hồ sơ tổ chức cán bộ",
        "retention": "20y",
        "keeper": KEEPER,
        **changes,
    }
    return pb.CreateRecordFileRequest(**fields)


@pytest.fixture
async def staff(create_pg_database: CreateDatabase) -> AsyncIterator[StaffContainer]:
    """A staff store where the keeper works in the commune's office."""
    container = await staff_bootstrap(StaffSettings(database_url=await create_pg_database("staffrecords")))
    joined = PersonJoinedStaff(
        person_id=KEEPER,
        name="Lê Thị Thống Kê",
        title="Văn phòng - thống kê",
        category="công chức",
        bodies=["UBND"],
        allowance="2.34",
        commune_id=COMMUNE,
        effective=date(2025, 7, 1),
        username=None,
    )
    try:
        await container.store.append(
            f"test-people-{uuid.uuid4().hex[:8]}",
            "",
            [joined],
            expected_version=0,
            metadata=Metadata(actor="test", correlation_id=str(uuid.uuid4())),
        )
        yield container
    finally:
        await container.aclose()


async def with_staff(start_documents: StartDocuments, pg_url: str, staff: StaffContainer) -> RunningDocuments:
    """A documents service following the staff store, once it knows the keeper."""
    running = await start_documents(database_url=pg_url, staff_store=staff.store)
    work = running.container.work
    assert work is not None

    async def knows_keeper() -> None:
        assert await work.staff.directory.is_staff(COMMUNE, KEEPER, today())

    await eventually(knows_keeper)
    return running


@pytest.fixture
async def documents(start_documents: StartDocuments, pg_url: str, staff: StaffContainer) -> RunningDocuments:
    return await with_staff(start_documents, pg_url, staff)


async def stream_types(running: RunningDocuments) -> list[str]:
    async with running.container.engine.connect() as conn:
        rows = await conn.execute(
            sa.select(events.c.data).where(events.c.stream_id == STREAM).order_by(events.c.stream_version)
        )
        return [json.loads(row[0])["event_type"] for row in rows]


async def refusal(call: Any) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as caught:
        await call
    return caught.value


def error_code(error: grpc.aio.AioRpcError) -> str:
    return dict(error.trailing_metadata() or ())["error-code"]


async def test_a_registered_document_is_linked_to_two_files_of_the_list_and_a_file_closes_once(
    documents: RunningDocuments,
) -> None:
    stub = pb_grpc.RecordsServiceStub(documents.channel)
    registered = await documents.stub.RegisterIncomingDocument(register_request("for-records"))
    get = documents_pb.GetIncomingDocumentRequest(commune_id=COMMUNE, document_id=registered.document_id)
    await eventually(lambda: documents.stub.GetIncomingDocument(get))
    first = await stub.CreateRecordFile(new_file())
    second = await stub.CreateRecordFile(new_file(file_code="02.VP", retention="permanent"))
    await stub.CreateRecordFile(new_file(body_code="DANG_UY", file_code="01.DU"))

    for f in (first, second):
        await stub.LinkDocument(
            pb.LinkDocumentRequest(
                commune_id=COMMUNE,
                file_id=f.file_id,
                document_kind="incoming",
                document_id=registered.document_id,
            )
        )
    closed = await stub.CloseRecordFile(
        pb.CloseRecordFileRequest(commune_id=COMMUNE, file_id=first.file_id, closed_on=today().isoformat())
    )
    again = await refusal(
        stub.CloseRecordFile(
            pb.CloseRecordFileRequest(
                commune_id=COMMUNE, file_id=first.file_id, closed_on=today().isoformat()
            )
        )
    )
    listed = await stub.ListRecordFiles(
        pb.ListRecordFilesRequest(commune_id=COMMUNE, body_code="UBND", year=today().year)
    )

    assert closed.status == "closed" and closed.closed_on == today().isoformat()
    assert again.code() == grpc.StatusCode.INVALID_ARGUMENT and error_code(again) == "record_file_closed"
    assert [f.file_code for f in listed.files] == ["01.TCCB", "02.VP"]
    assert [[d.document_id for d in f.documents] for f in listed.files] == [[registered.document_id]] * 2
    assert (await stream_types(documents)).count("documents.RecordFileClosed") == 1


async def test_a_permanent_file_is_not_disposed_of_and_nothing_is_appended(
    documents: RunningDocuments,
) -> None:
    stub = pb_grpc.RecordsServiceStub(documents.channel)
    made = await stub.CreateRecordFile(new_file(retention="permanent"))
    await stub.CloseRecordFile(
        pb.CloseRecordFileRequest(commune_id=COMMUNE, file_id=made.file_id, closed_on=today().isoformat())
    )
    before = await stream_types(documents)

    error = await refusal(
        stub.DisposeRecordFile(
            pb.DisposeRecordFileRequest(
                commune_id=COMMUNE,
                file_id=made.file_id,
                decision_number="15/QĐ-UBND",
                council="Hội đồng xác định giá trị tài liệu",
                decided_on=today().isoformat(),
            )
        )
    )

    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert error_code(error) == "permanent_file_not_disposable"
    assert await stream_types(documents) == before


async def test_closed_files_are_handed_over_with_their_list(documents: RunningDocuments) -> None:
    stub = pb_grpc.RecordsServiceStub(documents.channel)
    ids = []
    for code in ("01.A", "02.B"):
        made = await stub.CreateRecordFile(new_file(file_code=code))
        await stub.CloseRecordFile(
            pb.CloseRecordFileRequest(commune_id=COMMUNE, file_id=made.file_id, closed_on=today().isoformat())
        )
        ids.append(made.file_id)

    handed = await stub.HandOver(
        pb.HandOverRequest(
            commune_id=COMMUNE,
            file_ids=ids,
            handed_over_on=today().isoformat(),
            receiver="Lưu trữ cơ quan",
        )
    )

    assert [f.status for f in handed.files] == ["handed_over", "handed_over"]
    assert {f.handover_id for f in handed.files} == {handed.handover_id}


async def test_a_handler_reads_the_file_list_but_cannot_keep_it(documents: RunningDocuments) -> None:
    stub = pb_grpc.RecordsServiceStub(documents.channel)
    await stub.CreateRecordFile(new_file())
    handler = identity_metadata("canbo-16876", ["handler"], [COMMUNE])

    listed = await stub.ListRecordFiles(pb.ListRecordFilesRequest(commune_id=COMMUNE), metadata=handler)
    error = await refusal(stub.CreateRecordFile(new_file(file_code="02.X"), metadata=handler))

    assert len(listed.files) == 1
    assert error.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_two_services_ticking_together_raise_the_hand_over_notice_once(
    start_documents: StartDocuments, pg_url: str, staff: StaffContainer
) -> None:
    one = await with_staff(start_documents, pg_url, staff)
    two = await start_documents(database_url=pg_url)
    stub = pb_grpc.RecordsServiceStub(one.channel)
    closed_on = today() - timedelta(days=340)
    made = await stub.CreateRecordFile(new_file(year=closed_on.year))
    await stub.CloseRecordFile(
        pb.CloseRecordFileRequest(commune_id=COMMUNE, file_id=made.file_id, closed_on=closed_on.isoformat())
    )

    await asyncio.gather(one.container.records_notices.tick(), two.container.records_notices.tick())
    await two.container.records_notices.tick()

    assert (await stream_types(one)).count("documents.RecordFileHandoverDueSoon") == 1
    seen = await stub.GetRecordFile(pb.GetRecordFileRequest(commune_id=COMMUNE, file_id=made.file_id))
    assert seen.handover_notice_on == today().isoformat()


async def test_a_keeper_who_is_not_staff_of_the_commune_is_refused_and_nothing_is_appended(
    documents: RunningDocuments,
) -> None:
    stub = pb_grpc.RecordsServiceStub(documents.channel)

    error = await refusal(stub.CreateRecordFile(new_file(keeper="p-stranger")))

    assert error.code() is grpc.StatusCode.INVALID_ARGUMENT
    assert error_code(error) == "not_staff_of_commune"
    assert "không phải cán bộ, công chức của xã 16876" in str(error.details())
    assert await stream_types(documents) == []
