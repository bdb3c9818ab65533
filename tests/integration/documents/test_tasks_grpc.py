"""Tracked work through the documents service's real gRPC TaskService on PostgreSQL, with the staff
of the commune followed from a real staff store (the embedded mode's source): pass on, direct,
refuse what breaks the rules (nothing appended), complete as the lead, read the task back."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import grpc
import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from oneoffice.contracts.events.staff import PersonJoinedStaff, PersonLeftStaff
from oneoffice.contracts.grpc.documents.v1 import documents_pb2 as documents_pb
from oneoffice.contracts.grpc.documents.v1 import documents_pb2_grpc as documents_grpc
from oneoffice.contracts.grpc.documents.v1 import tasks_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import tasks_pb2_grpc as pb_grpc
from oneoffice.documents.bootstrap import bootstrap
from oneoffice.documents.config import Settings
from oneoffice.documents.entrypoints.grpc_server import build_server
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.schema import events
from oneoffice.staff.bootstrap import StaffContainer
from oneoffice.staff.bootstrap import bootstrap as staff_bootstrap
from oneoffice.staff.config import Settings as StaffSettings
from tests.caller import clerk, identity_metadata
from tests.conftest import CreateDatabase
from tests.known_units import KnownUnits

from .conftest import COMMUNE, eventually, register_request

pytestmark = pytest.mark.integration


# Signed at call time: a signed identity expires after 60 seconds.
def leader() -> tuple[tuple[str, str], ...]:
    return identity_metadata("lanhdao-16876", ["leader"], [COMMUNE])


def handler() -> tuple[tuple[str, str], ...]:
    return identity_metadata("canbo-16876", ["handler"], [COMMUNE])


def coordinator() -> tuple[tuple[str, str], ...]:  # vanthu-16876
    return clerk(COMMUNE)


def person(person_id: str, username: str | None) -> PersonJoinedStaff:
    return PersonJoinedStaff(
        person_id=person_id,
        name=f"Người {person_id}",
        title="Văn phòng - thống kê",
        category="công chức",
        bodies=["UBND"],
        allowance="2.34",
        commune_id=COMMUNE,
        effective=date(2025, 7, 1),
        username=username,
    )


@pytest.fixture
async def staff(create_pg_database: CreateDatabase) -> AsyncIterator[StaffContainer]:
    container = await staff_bootstrap(StaffSettings(database_url=await create_pg_database("stafftasks")))
    try:
        await container.store.append(
            f"test-people-{uuid.uuid4().hex[:8]}",
            "",
            [
                person("p-lead", "canbo-16876"),
                person("p-co", "vanthu-16876"),
                person("p-gone", None),
                PersonLeftStaff(person_id="p-gone", commune_id=COMMUNE, effective=date(2026, 1, 1)),
            ],
            expected_version=0,
            metadata=Metadata(actor="test", correlation_id=str(uuid.uuid4())),
        )
        yield container
    finally:
        await container.aclose()


@pytest.fixture
async def channel(staff: StaffContainer, pg_url: str) -> AsyncIterator[grpc.aio.Channel]:
    container = await bootstrap(
        Settings(grpc_host="127.0.0.1", grpc_port=0, database_url=pg_url),
        units=KnownUnits.test_communes(),
        staff_store=staff.store,
    )
    server = build_server(container)
    await server.start()
    channel = grpc.aio.insecure_channel(server.target)
    try:
        yield channel
    finally:
        await channel.close()
        await server.stop(grace=None)
        await container.aclose()


async def refused(call: Any, status: grpc.StatusCode, code: str) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await call
    assert raised.value.code() == status
    trailers = dict(raised.value.trailing_metadata() or ())
    assert trailers["error-code"] == code
    assert raised.value.details() and trailers["message-en"]


async def test_a_document_is_passed_on_directed_refused_when_wrong_and_completed_by_its_lead(
    channel: grpc.aio.Channel, pg_url: str
) -> None:
    documents = documents_grpc.DocumentsServiceStub(channel)
    tasks = pb_grpc.TaskServiceStub(channel)
    registered = await documents.RegisterIncomingDocument(
        register_request("tasks-1"), metadata=clerk(COMMUNE)
    )
    document_id = registered.document_id
    await eventually(
        lambda: documents.GetIncomingDocument(
            documents_pb.GetIncomingDocumentRequest(commune_id=COMMUNE, document_id=document_id),
            metadata=clerk(COMMUNE),
        )
    )

    # An urgent (KHẨN) document received on 5 January, passed on today: late.
    passed = await tasks.PassOn(
        pb.PassOnRequest(
            commune_id=COMMUNE,
            document_id=document_id,
            recipient_kind="leader",
            recipient="p-lead",
            needs_action=True,
        ),
        metadata=clerk(COMMUNE),
    )
    assert passed.late and passed.passing_on_deadline == "2026-01-05"

    def direction(**changes: Any) -> pb.CreateTaskRequest:
        fields: dict[str, Any] = {
            "commune_id": COMMUNE,
            "document_id": document_id,
            "lead": "p-lead",
            "coordinators": ["p-co"],
            "deadline": "2027-01-29",
            "note": "Chủ trì, báo cáo trước hạn",
        }
        fields.update(changes)
        return pb.CreateTaskRequest(**fields)

    invalid = grpc.StatusCode.INVALID_ARGUMENT
    await refused(
        tasks.CreateTask(direction(deadline="2026-01-04"), metadata=leader()),
        invalid,
        "deadline_before_arrival",
    )
    await refused(
        tasks.CreateTask(direction(lead="p-gone"), metadata=leader()), invalid, "not_staff_of_commune"
    )
    await refused(
        tasks.CreateTask(direction(coordinators=["p-nobody"]), metadata=leader()),
        invalid,
        "not_staff_of_commune",
    )
    await refused(
        tasks.CreateTask(direction(coordinators=["p-lead"]), metadata=leader()),
        invalid,
        "lead_also_coordinator",
    )
    with pytest.raises(grpc.aio.AioRpcError) as not_a_leader:
        await tasks.CreateTask(direction(), metadata=handler())
    assert not_a_leader.value.code() == grpc.StatusCode.PERMISSION_DENIED

    task_id = (await tasks.CreateTask(direction(), metadata=leader())).task_id
    await refused(
        tasks.ExtendTask(
            pb.ExtendTaskRequest(commune_id=COMMUNE, task_id=task_id, deadline="2027-01-29", reason="r"),
            metadata=leader(),
        ),
        invalid,
        "deadline_not_later",
    )
    complete = pb.CompleteTaskRequest(commune_id=COMMUNE, task_id=task_id, result="Đã báo cáo")
    await refused(
        tasks.CompleteTask(complete, metadata=coordinator()),
        grpc.StatusCode.PERMISSION_DENIED,
        "not_the_lead",
    )
    done = await tasks.CompleteTask(complete, metadata=handler())
    assert done.status == "done" and done.completed_on
    await refused(
        tasks.CompleteTask(complete, metadata=handler()), grpc.StatusCode.FAILED_PRECONDITION, "task_not_open"
    )

    async def listed() -> None:
        found = await tasks.ListTasks(
            pb.ListTasksRequest(commune_id=COMMUNE, status="done"), metadata=handler()
        )
        assert [t.task_id for t in found.tasks] == [task_id]

    await eventually(listed)
    work = await tasks.GetDocumentWork(
        pb.GetDocumentWorkRequest(commune_id=COMMUNE, document_id=document_id), metadata=handler()
    )
    assert work.passing_on.recipient == "p-lead" and [t.task_id for t in work.tasks] == [task_id]
    details = await tasks.GetTask(pb.GetTaskRequest(commune_id=COMMUNE, task_id=task_id), metadata=handler())
    assert [h.event_type for h in details.history] == ["documents.TaskCreated", "documents.TaskCompleted"]
    assert [h.actor for h in details.history] == ["lanhdao-16876", "canbo-16876"]

    # Every refusal appended nothing: one task stream, with its two events.
    engine = create_async_engine(pg_url)
    try:
        async with engine.connect() as conn:
            streams = (
                await conn.execute(
                    sa.select(events.c.stream_id, sa.func.count())
                    .where(events.c.stream_id.like(f"task:{COMMUNE}:%"))
                    .group_by(events.c.stream_id)
                )
            ).all()
    finally:
        await engine.dispose()
    assert [(s, n) for s, n in streams] == [(f"task:{COMMUNE}:{task_id}", 2)]
