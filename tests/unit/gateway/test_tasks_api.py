"""Tracked work through the gateway's API and pages, over hand-written fakes of the services."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import date

import httpx
import pytest

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.application.errors import InvalidRequest
from oneoffice.gateway.application.ports import IncomingDocument
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .conftest import CLERK, NOW, csrf_of, signed_in_client
from .fakes import REGISTERED_AT, FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff
from .tasks_fakes import FakeTasks

BASE = "/api/v1/communes/16876"
DOCUMENT = BASE + "/incoming-documents/doc-1"
LEADER = "lanhdao-16876"
HANDLER = "canbo-16876"
DIRECTION = {
    "lead": "demo-16876-vptk",
    "coordinators": ["demo-16876-vpdu"],
    "deadline": "2026-03-20",
    "note": "Chủ trì",
}

Open = Callable[[str], AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def tasks() -> FakeTasks:
    return FakeTasks()


@pytest.fixture
def documents() -> FakeDocuments:
    documents = FakeDocuments()
    documents.documents["doc-1"] = IncomingDocument(
        document_id="doc-1",
        commune_id="16876",
        body_code="UBND",
        incoming_number=7,
        year=2026,
        issuer="UBND tỉnh Nghệ An",
        number_symbol="125/QĐ-UBND",
        document_date=date(2026, 3, 2),
        document_type="QD",
        summary="Về việc kiện toàn tổ chức bộ máy văn phòng xã",
        urgency="NORMAL",
        received_date=date(2026, 3, 5),
        registered_at=REGISTERED_AT,
        registered_by=CLERK,
        duplicate_of=None,
    )
    return documents


@pytest.fixture
def as_user(tasks: FakeTasks, documents: FakeDocuments, staff: FakeStaff) -> Open:
    staff.add(LEADER, roles=("leader",))
    staff.add(HANDLER, roles=("handler",))
    staff.add("xem-16876", roles=("district_viewer",))

    @asynccontextmanager
    async def opened(username: str) -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(
            Settings(),
            health_port=FakeServiceHealth(),
            documents=documents,
            reporting=FakeReporting(),
            staff=staff,
            clock=FixedClock(NOW),
            tasks=tasks,
        )
        async with signed_in_client(app, staff, username) as client:
            yield client

    return opened


async def test_a_clerk_passes_a_document_on_and_its_work_shows_the_recipient_and_the_day(
    as_user: Open, tasks: FakeTasks
) -> None:
    async with as_user(CLERK) as clerk:
        answer = await clerk.post(
            DOCUMENT + "/pass-on",
            json={"recipient_kind": "leader", "recipient": "demo-16876-pbt", "needs_action": True},
        )
        assert answer.status_code == 201, answer.text
        assert answer.json()["recipient"] == "demo-16876-pbt" and answer.json()["late"] is True
        work = await clerk.get(DOCUMENT + "/work")
    assert work.status_code == 200
    assert work.json()["passing_on"]["passed_on"] == "2026-03-10"
    assert tasks.calls[0] == ("pass_on", CLERK)


async def test_passing_on_an_unknown_document_is_404(as_user: Open) -> None:
    async with as_user(CLERK) as clerk:
        answer = await clerk.post(
            BASE + "/incoming-documents/nope/pass-on", json={"recipient_kind": "body", "recipient": "UBND"}
        )
        work = await clerk.get(BASE + "/incoming-documents/nope/work")
    assert answer.status_code == 404 and work.status_code == 404


async def test_passing_on_to_an_unknown_kind_of_recipient_is_422_before_any_service(
    as_user: Open, tasks: FakeTasks
) -> None:
    async with as_user(CLERK) as clerk:
        answer = await clerk.post(
            DOCUMENT + "/pass-on", json={"recipient_kind": "everyone", "recipient": "x"}
        )
    assert answer.status_code == 422
    assert tasks.calls == []


async def test_a_leader_directs_a_document_and_the_handler_completes_the_task(as_user: Open) -> None:
    async with as_user(LEADER) as leader:
        directed = await leader.post(DOCUMENT + "/direction", json=DIRECTION)
        assert directed.status_code == 201, directed.text
        task_id = directed.json()["task_id"]
    async with as_user(HANDLER) as handler:
        listed = await handler.get(BASE + "/tasks", params={"status": "open", "handler": "demo-16876-vptk"})
        assert [t["task_id"] for t in listed.json()["tasks"]] == [task_id]
        progress = await handler.post(
            BASE + f"/tasks/{task_id}/progress", json={"note": "Đang soạn", "percentage": 50}
        )
        assert progress.status_code == 200 and progress.json()["percentage"] == 50
        done = await handler.post(BASE + f"/tasks/{task_id}/complete", json={"result": "Đã báo cáo"})
        assert done.status_code == 200 and done.json()["status"] == "done"
        details = await handler.get(BASE + f"/tasks/{task_id}")
    assert details.status_code == 200
    assert [h["event_type"] for h in details.json()["history"]] == [
        "documents.TaskCreated",
        "documents.TaskProgressNoted",
        "documents.TaskCompleted",
    ]


async def test_a_leader_creates_a_task_with_no_document_extends_reassigns_and_reopens_it(
    as_user: Open,
) -> None:
    async with as_user(LEADER) as leader:
        created = await leader.post(BASE + "/tasks", json={**DIRECTION, "title": "Chuẩn bị hội nghị"})
        assert created.status_code == 201, created.text
        task_id = created.json()["task_id"]
        extended = await leader.post(
            BASE + f"/tasks/{task_id}/extend", json={"deadline": "2026-03-27", "reason": "Chờ số liệu"}
        )
        assert extended.status_code == 200 and extended.json()["deadline_number"] == 2
        moved = await leader.post(
            BASE + f"/tasks/{task_id}/reassign", json={"lead": "demo-16876-vpdu", "reason": "Nghỉ phép"}
        )
        assert moved.status_code == 200 and moved.json()["lead"] == "demo-16876-vpdu"
        reopened = await leader.post(BASE + f"/tasks/{task_id}/reopen", json={"reason": "Thiếu"})
    assert reopened.status_code == 409  # not done yet


async def test_extending_with_a_deadline_not_after_the_current_one_is_422(as_user: Open) -> None:
    async with as_user(LEADER) as leader:
        task_id = (await leader.post(DOCUMENT + "/direction", json=DIRECTION)).json()["task_id"]
        answer = await leader.post(
            BASE + f"/tasks/{task_id}/extend", json={"deadline": "2026-03-20", "reason": "r"}
        )
    assert answer.status_code == 422
    assert answer.json()["detail"]


async def test_a_handler_completing_a_task_they_do_not_lead_is_403_and_changing_a_done_task_409(
    as_user: Open, tasks: FakeTasks
) -> None:
    async with as_user(LEADER) as leader:
        task_id = (await leader.post(DOCUMENT + "/direction", json=DIRECTION)).json()["task_id"]
    async with as_user(CLERK) as clerk:
        refused = await clerk.post(BASE + f"/tasks/{task_id}/complete", json={"result": "x"})
    assert refused.status_code == 403
    async with as_user(HANDLER) as handler:
        assert (
            await handler.post(BASE + f"/tasks/{task_id}/complete", json={"result": "x"})
        ).status_code == 200
        again = await handler.post(BASE + f"/tasks/{task_id}/complete", json={"result": "x"})
        progress = await handler.post(BASE + f"/tasks/{task_id}/progress", json={"note": "n"})
    assert again.status_code == 409 and progress.status_code == 409
    async with as_user(LEADER) as leader:
        moved = await leader.post(BASE + f"/tasks/{task_id}/reassign", json={"lead": "p", "reason": "r"})
        extended = await leader.post(
            BASE + f"/tasks/{task_id}/extend", json={"deadline": "2026-04-30", "reason": "r"}
        )
    assert moved.status_code == 409 and extended.status_code == 409


async def test_an_unknown_task_is_404(as_user: Open) -> None:
    async with as_user(LEADER) as leader:
        answers = [
            await leader.get(BASE + "/tasks/nope"),
            await leader.post(BASE + "/tasks/nope/progress", json={"note": "n"}),
            await leader.post(BASE + "/tasks/nope/complete", json={"result": "r"}),
            await leader.post(BASE + "/tasks/nope/reassign", json={"lead": "p", "reason": "r"}),
            await leader.post(BASE + "/tasks/nope/extend", json={"deadline": "2026-04-01", "reason": "r"}),
            await leader.post(BASE + "/tasks/nope/reopen", json={"reason": "r"}),
        ]
    assert [a.status_code for a in answers] == [404] * 6


async def test_a_refused_direction_is_422_with_the_services_message(as_user: Open, tasks: FakeTasks) -> None:
    tasks.fail_next = InvalidRequest(
        "documents", "Hạn xử lý trước ngày văn bản đến.", "Deadline before arrival."
    )
    async with as_user(LEADER) as leader:
        answer = await leader.post(DOCUMENT + "/direction", json=DIRECTION)
        created = await leader.post(
            BASE + "/tasks", json={**DIRECTION, "coordinators": ["demo-16876-vptk"], "title": "T"}
        )
    assert answer.status_code == 422 and "Hạn xử lý" in answer.text
    assert created.status_code == 422


async def test_malformed_queries_and_bodies_are_422_before_any_service(
    as_user: Open, tasks: FakeTasks
) -> None:
    async with as_user(LEADER) as leader:
        answers = [
            await leader.get(BASE + "/tasks", params={"status": "late"}),
            await leader.get(BASE + "/tasks/" + "x" * 65),
            await leader.post(DOCUMENT + "/direction", json={**DIRECTION, "deadline": "20/03/2026"}),
            await leader.post(BASE + "/tasks/t/progress", json={"note": "n", "percentage": 101}),
            await leader.post(BASE + "/tasks/t/complete", json={"result": ""}),
            await leader.post(BASE + "/tasks/t/reassign", json={"lead": "a b", "reason": "r"}),
            await leader.post(BASE + "/tasks/t/extend", json={"deadline": "x", "reason": "r"}),
            await leader.post(BASE + "/tasks/t/reopen", json={}),
            await leader.get(BASE + "/incoming-documents/" + "x" * 65 + "/work"),
        ]
    assert [a.status_code for a in answers] == [422] * 9
    assert tasks.calls == []


async def test_a_viewer_reads_tasks_but_may_not_direct_or_work(as_user: Open) -> None:
    async with as_user("xem-16876") as viewer:
        assert (await viewer.get(BASE + "/tasks")).status_code == 200
        assert (await viewer.post(DOCUMENT + "/direction", json=DIRECTION)).status_code == 403
        assert (await viewer.post(BASE + "/tasks/t/progress", json={"note": "n"})).status_code == 403


async def test_the_pages_show_the_forms_and_pass_on_direct_and_complete_through_them(
    as_user: Open, tasks: FakeTasks
) -> None:
    async with as_user(CLERK) as clerk:
        page = await clerk.get("/communes/16876/van-ban-den/doc-1")
        assert page.status_code == 200
        assert 'id="pass-on-form"' in page.text and 'id="direction-form"' not in page.text
        posted = await clerk.post(
            "/communes/16876/van-ban-den/doc-1/chuyen",
            data={
                "csrf_token": csrf_of(clerk),
                "recipient_kind": "leader",
                "recipient": "demo-16876-pbt",
                "needs_action": "on",
            },
        )
        assert posted.status_code == 303
        assert "demo-16876-pbt" in (await clerk.get("/communes/16876/van-ban-den/doc-1")).text
        forged = await clerk.post(
            "/communes/16876/van-ban-den/doc-1/chuyen", data={"recipient_kind": "leader", "recipient": "x"}
        )
        assert forged.status_code == 403
    async with as_user(LEADER) as leader:
        page = await leader.get("/communes/16876/van-ban-den/doc-1")
        assert 'id="direction-form"' in page.text
        directed = await leader.post(
            "/communes/16876/van-ban-den/doc-1/chi-dao",
            data={
                "csrf_token": csrf_of(leader),
                "lead": "demo-16876-vptk",
                "coordinators": "demo-16876-vpdu",
                "deadline": "2026-03-20",
                "note": "Chủ trì",
            },
        )
        assert directed.status_code == 303
        task_url = directed.headers["location"]
    async with as_user(HANDLER) as handler:
        listed = await handler.get("/communes/16876/cong-viec")
        assert listed.status_code == 200 and task_url in listed.text
        page = await handler.get(task_url)
        assert 'id="complete-form"' in page.text and "<script" not in page.text and "style=" not in page.text
        done = await handler.post(
            task_url + "/hoan-thanh", data={"csrf_token": csrf_of(handler), "result": "Xong"}
        )
        assert done.status_code == 303
        assert 'data-status="done"' in (await handler.get(task_url)).text


async def test_a_refused_form_shows_the_page_again_with_the_message(as_user: Open, tasks: FakeTasks) -> None:
    async with as_user(LEADER) as leader:
        tasks.fail_next = InvalidRequest(
            "documents", "Người chủ trì là người phối hợp.", "Lead is coordinator."
        )
        answer = await leader.post(
            "/communes/16876/van-ban-den/doc-1/chi-dao",
            data={"csrf_token": csrf_of(leader), "lead": "p", "coordinators": "p", "deadline": "2026-03-20"},
        )
    assert answer.status_code == 422
    assert 'id="work-errors"' in answer.text and "Người chủ trì là người phối hợp." in answer.text
