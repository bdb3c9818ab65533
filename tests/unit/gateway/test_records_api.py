"""The record-files API and page over a fake records port: the clerk and the team lead keep the file
list, every commune role reads it; closing twice and disposing of a permanent file are refused as
the documents service refuses them; the page lists, creates, closes, links, hands over, disposes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import httpx
import pytest

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .conftest import NOW, csrf_of, signed_in_client
from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff
from .records_fakes import FakeRecords

Open = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
BASE = "/api/v1/communes/16876/record-files"
PAGE = "/communes/16876/ho-so"
NEW = {
    "body_code": "UBND",
    "year": 2026,
    "file_code": "01.TCCB",
    "title": "Hồ sơ tổ chức cán bộ năm 2026",
    "retention": "20y",
    "keeper": "demo-16876-vptk",
}


@pytest.fixture
def records() -> FakeRecords:
    return FakeRecords()


@pytest.fixture
def open_client(records: FakeRecords) -> Open:
    staff = FakeStaff()
    staff.add("vanthu-16876", roles=("clerk",), scope=("16876",))
    staff.add("totruong-16876", roles=("team_lead",), scope=("16876",))
    staff.add("canbo-16876", roles=("handler",), scope=("16876",))
    staff.add("kiemtoan", roles=("auditor",), scope=())
    staff.add("vanthu-16882", roles=("clerk",), scope=("16882",))
    # An account still scoped to a commune merged away (the fake's COMMUNES do not hold it).
    staff.add("vanthu-16879", roles=("clerk",), scope=("16879",))

    @asynccontextmanager
    async def opened(as_user: str | None = "vanthu-16876") -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(
            Settings(),
            health_port=FakeServiceHealth(),
            documents=FakeDocuments(),
            reporting=FakeReporting(),
            staff=staff,
            records=records,
            clock=FixedClock(NOW),
        )
        async with signed_in_client(app, staff, as_user) as c:
            yield c

    return opened


async def created(client: httpx.AsyncClient, **changes: Any) -> dict[str, Any]:
    response = await client.post(BASE, json={**NEW, **changes})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_the_clerk_enters_a_file_and_the_list_is_read_by_body_and_year(open_client: Open) -> None:
    async with open_client() as client:
        made = await client.post(BASE, json=NEW)
        await created(client, body_code="DANG_UY", file_code="01.DU")
        listed = await client.get(BASE, params={"body": "UBND", "year": 2026})
        one = await client.get(f"{BASE}/{made.json()['file_id']}")

    assert made.status_code == 201
    assert made.headers["Location"] == f"{BASE}/file-1"
    assert made.json()["status"] == "open" and made.json()["retention"] == "20y"
    assert [f["file_code"] for f in listed.json()["files"]] == ["01.TCCB"]
    assert one.status_code == 200 and one.json()["title"] == NEW["title"]


@pytest.mark.parametrize("user", ["canbo-16876", "kiemtoan"])
async def test_a_handler_and_the_auditor_read_the_list_but_cannot_keep_it(
    open_client: Open, user: str
) -> None:
    async with open_client() as clerk:
        made = await created(clerk)
    async with open_client(user) as client:
        listed = await client.get(BASE)
        refused = await client.post(f"{BASE}/{made['file_id']}/close", json={"closed_on": "2026-03-09"})

    assert listed.status_code == 200 and len(listed.json()["files"]) == 1
    assert refused.status_code == 403


async def test_a_clerk_of_another_commune_reaches_nothing_here(open_client: Open) -> None:
    async with open_client("vanthu-16882") as client:
        assert (await client.get(BASE)).status_code == 403
        assert (await client.post(BASE, json=NEW)).status_code == 403


async def test_closing_twice_is_a_422_problem(open_client: Open) -> None:
    async with open_client("totruong-16876") as client:
        made = await created(client)
        first = await client.post(f"{BASE}/{made['file_id']}/close", json={"closed_on": "2026-03-09"})
        second = await client.post(f"{BASE}/{made['file_id']}/close", json={"closed_on": "2026-03-10"})

    assert first.status_code == 200 and first.json()["closed_on"] == "2026-03-09"
    assert second.status_code == 422
    assert second.headers["content-type"].startswith("application/problem+json")


async def test_a_document_is_linked_and_files_are_handed_over_with_their_list(open_client: Open) -> None:
    async with open_client() as client:
        a = await created(client)
        b = await created(client, file_code="02.VP")
        linked = await client.post(f"{BASE}/{a['file_id']}/documents", json={"document_id": "doc-1"})
        handed = await client.post(
            f"{BASE}/handovers",
            json={
                "file_ids": [a["file_id"], b["file_id"]],
                "handed_over_on": "2026-03-10",
                "receiver": "Lưu trữ",
            },
        )

    assert linked.status_code == 200
    assert linked.json()["documents"] == [{"document_kind": "incoming", "document_id": "doc-1"}]
    assert handed.status_code == 201 and handed.json()["handover_id"] == "handover-1"
    assert [f["status"] for f in handed.json()["files"]] == ["handed_over", "handed_over"]


async def test_disposing_of_a_permanent_file_is_refused_and_an_expired_one_is_marked(
    open_client: Open,
) -> None:
    decision = {"decision_number": "15/QĐ-UBND", "council": "Hội đồng", "decided_on": "2026-03-01"}
    async with open_client() as client:
        kept = await created(client, retention="permanent")
        short = await created(client, file_code="02.X", retention="5y")
        refused = await client.post(f"{BASE}/{kept['file_id']}/disposal", json=decision)
        disposed = await client.post(f"{BASE}/{short['file_id']}/disposal", json=decision)

    assert refused.status_code == 422
    assert disposed.status_code == 200
    assert (
        disposed.json()["status"] == "disposed"
        and disposed.json()["disposal_decision_number"] == "15/QĐ-UBND"
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"retention": "3y"}, "retention"), ({"year": 2**31}, "year"), ({"file_code": ""}, "file_code")],
)
async def test_a_malformed_file_is_422_before_the_service(
    open_client: Open, records: FakeRecords, changes: dict[str, Any], field: str
) -> None:
    async with open_client() as client:
        response = await client.post(BASE, json={**NEW, **changes})

    assert response.status_code == 422
    assert field in response.text
    assert records.calls == []


async def test_an_unknown_file_and_a_commune_that_does_not_exist_are_404(open_client: Open) -> None:
    async with open_client() as client:
        unknown = await client.get(f"{BASE}/file-404")
    async with open_client("kiemtoan") as client:
        gone = await client.get("/api/v1/communes/16879/record-files")
    async with open_client("vanthu-16879") as client:
        created_there = await client.post("/api/v1/communes/16879/record-files", json=NEW)

    assert unknown.status_code == 404
    assert gone.status_code == 404
    assert created_there.status_code == 404


async def test_the_page_lists_the_files_and_its_forms_create_close_and_link(open_client: Open) -> None:
    async with open_client() as client:
        csrf = csrf_of(client)
        create = await client.post(
            PAGE, data={**{k: str(v) for k, v in NEW.items()}, "body": "UBND", "csrf_token": csrf}
        )
        close = await client.post(
            f"{PAGE}/file-1/dong",
            data={"closed_on": "2026-03-09", "body": "UBND", "year": "2026", "csrf_token": csrf},
        )
        again = await client.post(
            f"{PAGE}/file-1/dong",
            data={"closed_on": "2026-03-09", "body": "UBND", "year": "2026", "csrf_token": csrf},
        )
        page = await client.get(PAGE, params={"body": "UBND", "year": 2026})

    assert create.status_code == 303 and create.headers["location"].startswith(PAGE)
    assert close.status_code == 303
    assert again.status_code == 422 and "đã kết thúc" in again.text
    assert page.status_code == 200
    assert 'data-file-code="01.TCCB"' in page.text and 'data-status="closed"' in page.text
    assert "handover-form" in page.text and "<script" not in page.text


async def test_a_page_form_without_its_csrf_token_does_nothing(
    open_client: Open, records: FakeRecords
) -> None:
    async with open_client() as client:
        response = await client.post(PAGE, data={k: str(v) for k, v in NEW.items()} | {"body": "UBND"})

    assert response.status_code == 403
    assert records.files == {}


async def test_a_handler_sees_the_page_without_its_forms(open_client: Open) -> None:
    async with open_client("canbo-16876") as client:
        page = await client.get(PAGE)

    assert page.status_code == 200
    assert "create-form" not in page.text


@pytest.mark.parametrize("params", [{"year": "1900"}, {"year": str(2**31)}, {"body": "ubnd"}])
async def test_a_malformed_list_query_is_422_before_the_service(
    open_client: Open, records: FakeRecords, params: dict[str, str]
) -> None:
    async with open_client() as client:
        response = await client.get(BASE, params=params)

    assert response.status_code == 422
    assert records.calls == []


async def test_a_malformed_file_id_is_422_before_the_service(open_client: Open) -> None:
    async with open_client() as client:
        response = await client.get(f"{BASE}/bad%20id")

    assert response.status_code == 422


async def test_changes_to_an_unknown_file_are_404(open_client: Open) -> None:
    decision = {"decision_number": "1", "council": "HĐ", "decided_on": "2026-03-01"}
    async with open_client() as client:
        answers = [
            await client.post(f"{BASE}/file-404/close", json={"closed_on": "2026-03-09"}),
            await client.post(f"{BASE}/file-404/documents", json={"document_id": "doc-1"}),
            await client.post(f"{BASE}/file-404/disposal", json=decision),
            await client.post(
                f"{BASE}/handovers",
                json={"file_ids": ["file-404"], "handed_over_on": "2026-03-10", "receiver": "Lưu trữ"},
            ),
        ]

    assert [a.status_code for a in answers] == [404, 404, 404, 404]


async def test_a_malformed_link_is_422_before_the_service(open_client: Open) -> None:
    async with open_client() as client:
        made = await created(client)
        response = await client.post(
            f"{BASE}/{made['file_id']}/documents", json={"document_kind": "draft", "document_id": "doc-1"}
        )

    assert response.status_code == 422


async def test_an_empty_hand_over_list_is_422_before_the_service(open_client: Open) -> None:
    async with open_client() as client:
        response = await client.post(
            f"{BASE}/handovers", json={"file_ids": [], "handed_over_on": "2026-03-10", "receiver": "Lưu trữ"}
        )

    assert response.status_code == 422
