"""The boards over fakes (#12): a commune's work-board for its readers, with its "as of"; the caller's
day found through the account's person; the two pages render them."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import date
from decimal import Decimal

import httpx
import pytest

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.application.people import PersonDraft
from oneoffice.gateway.application.ports import RequestContext
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .boards_fakes import FakeBoards
from .conftest import NOW, signed_in_client
from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff
from .people_fakes import FakePeople

Open = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
BOARD = "/api/v1/communes/16876/work-board"


@pytest.fixture
def boards() -> FakeBoards:
    return FakeBoards()


@pytest.fixture
async def people() -> FakePeople:
    people = FakePeople()
    draft = PersonDraft(
        "Lô Thị An", "Văn phòng Đảng ủy", "công chức", ("UBND",), Decimal("1.0"), date(2026, 1, 1),
        username="lanhdao-16876", person_id="p-an",
    )  # fmt: skip
    await people.join("16876", draft, RequestContext("test", "c-1"))
    return people


@pytest.fixture
def open_client(boards: FakeBoards, people: FakePeople) -> Open:
    staff = FakeStaff()
    staff.add("lanhdao-16876", roles=("leader",), scope=("16876",))
    staff.add("canbo-16882", roles=("handler",), scope=("16882",))
    staff.add("huyen-tuongduong", roles=("district_viewer",), scope=("16876", "16882"))
    staff.add("kiemtoan", roles=("auditor",), scope=())
    staff.add("quantri", roles=("admin",), scope=())

    @asynccontextmanager
    async def opened(as_user: str | None = "lanhdao-16876") -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(
            Settings(),
            health_port=FakeServiceHealth(),
            documents=FakeDocuments(),
            reporting=FakeReporting(),
            staff=staff,
            people=people,
            boards=boards,
            clock=FixedClock(NOW),
        )
        async with signed_in_client(app, staff, as_user) as c:
            yield c

    return opened


async def test_the_work_board_answers_counts_per_handler_and_body_with_its_as_of(open_client: Open) -> None:
    async with open_client() as client:
        answer = await client.get(BOARD)

    assert answer.status_code == 200
    body = answer.json()
    assert body["totals"] == {"open": 1, "due_soon": 0, "overdue": 1, "untracked": 1}
    assert [h["key"] for h in body["by_handler"]] == ["p-an"]
    assert [b["key"] for b in body["by_body"]] == ["HDND", "UBND"]
    assert body["tasks"][0]["state"] == "overdue" and body["tasks"][0]["coordinators"] == ["p-binh"]
    assert body["untracked"][0]["document_id"] == "d-2"
    assert body["as_of"]["positions"] == [
        {"source": "oneoffice.documents", "partition": 0, "next_offset": 42}
    ]
    assert body["as_of"]["read_at"].startswith("2026-03-10T02:00:00")


@pytest.mark.parametrize("user", ["lanhdao-16876", "huyen-tuongduong", "kiemtoan"])
async def test_the_communes_roles_the_district_viewer_and_the_auditor_read_the_board(
    open_client: Open, user: str
) -> None:
    async with open_client(user) as client:
        assert (await client.get(BOARD)).status_code == 200


@pytest.mark.parametrize("user", ["canbo-16882", "quantri"])
async def test_another_communes_handler_and_the_administrator_may_not_read_the_board(
    open_client: Open, boards: FakeBoards, user: str
) -> None:
    async with open_client(user) as client:
        refused = await client.get(BOARD)

    assert refused.status_code == 403 and boards.calls == []


async def test_the_board_needs_a_signed_in_caller_and_a_well_formed_commune(open_client: Open) -> None:
    async with open_client(None) as client:
        assert (await client.get(BOARD)).status_code == 401
    async with open_client() as client:
        assert (await client.get("/api/v1/communes/16 876/work-board")).status_code == 422


async def test_a_reporting_outage_is_a_503(open_client: Open, boards: FakeBoards) -> None:
    boards.down = True
    async with open_client() as client:
        assert (await client.get(BOARD)).status_code == 503


async def test_my_day_is_the_day_of_the_person_whose_account_is_signed_in(
    open_client: Open, boards: FakeBoards
) -> None:
    async with open_client() as client:
        answer = await client.get("/api/v1/me/today")

    assert answer.status_code == 200
    body = answer.json()
    assert body["person_id"] == "p-an" and ("my_day", "p-an", "lanhdao-16876") in boards.calls
    assert [t["task_id"] for t in body["overdue"]] == ["t-1"]
    assert [d["document_id"] for d in body["waiting_for_direction"]] == ["d-3"]
    assert body["as_of"]["positions"][0]["next_offset"] == 42


async def test_an_account_of_no_staff_member_has_no_day(open_client: Open, boards: FakeBoards) -> None:
    async with open_client("quantri") as client:
        answer = await client.get("/api/v1/me/today")
    async with open_client(None) as client:
        anonymous = await client.get("/api/v1/me/today")

    assert answer.status_code == 404 and "quantri" in answer.json()["detail"]
    assert anonymous.status_code == 401 and boards.calls == []


async def test_the_board_page_shows_counts_tasks_untracked_documents_and_the_as_of(open_client: Open) -> None:
    async with open_client() as client:
        page = await client.get("/communes/16876/bang-cong-viec")
        english = await client.get("/communes/16876/bang-cong-viec", params={"lang": "en"})

    assert page.status_code == 200
    html = page.text
    assert "Bảng công việc" in html and 'id="signed-in-user"' in html and "<script" not in html
    assert 'data-task="t-1" data-state="overdue"' in html and "Lô Thị An" in html
    assert 'data-document="d-2"' in html and "/communes/16876/van-ban-den/d-2" in html
    assert 'id="as-of"' in html and "oneoffice.documents[0]@42" in html and "09:00:00 10/03/2026" in html
    assert "Work-board" in english.text


async def test_the_board_page_refuses_another_commune_and_says_when_reporting_is_down(
    open_client: Open, boards: FakeBoards
) -> None:
    async with open_client("canbo-16882") as client:
        refused = await client.get("/communes/16876/bang-cong-viec")
    boards.down = True
    async with open_client() as client:
        down = await client.get("/communes/16876/bang-cong-viec")

    assert refused.status_code == 403
    assert down.status_code == 200 and "Dịch vụ báo cáo không trả lời." in down.text


async def test_the_today_page_shows_my_tasks_and_the_documents_waiting_for_my_direction(
    open_client: Open,
) -> None:
    async with open_client() as client:
        page = await client.get("/hom-nay")
    async with open_client("quantri") as client:
        nobody = await client.get("/hom-nay")

    assert page.status_code == 200
    assert "Việc của tôi hôm nay" in page.text and 'data-task="t-1"' in page.text
    assert "chủ trì" in page.text and 'data-document="d-3"' in page.text and "<script" not in page.text
    assert nobody.status_code == 200 and "chưa gắn với cán bộ nào" in nobody.text
