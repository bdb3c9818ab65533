"""The audit history API and page over a fake history port: the auditor reads any commune's
document history, cut at ``as_of``; a clerk may not; an unknown document is 404, a moment before the
first event or not a moment at all is 422; the page reads and shows its moment in office time; the
document pages link to the history for the auditor."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, date, datetime

import httpx
import pytest

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.application.ports import IncomingDocument
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .attachments_fakes import FakeAttachments
from .conftest import NOW, signed_in_client
from .fakes import REGISTERED_AT, FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff
from .history_fakes import FakeHistory

Open = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
API = "/api/v1/communes/16876/documents/doc-1/history"
PAGE = "/communes/16876/van-ban/doc-1/lich-su"


@pytest.fixture
def history() -> FakeHistory:
    return FakeHistory()


def _documents() -> FakeDocuments:
    documents = FakeDocuments()
    documents.documents["doc-1"] = IncomingDocument(
        document_id="doc-1",
        commune_id="16876",
        body_code="UBND",
        incoming_number=1,
        year=2026,
        issuer="UBND tỉnh Nghệ An",
        number_symbol="125/QĐ-UBND",
        document_date=date(2026, 3, 2),
        document_type="QD",
        summary="Về việc kiện toàn tổ chức bộ máy văn phòng xã",
        urgency="NORMAL",
        received_date=date(2026, 3, 5),
        registered_at=REGISTERED_AT,
        registered_by="vanthu-16876",
        duplicate_of=None,
    )
    return documents


@pytest.fixture
def open_client(history: FakeHistory) -> Open:
    staff = FakeStaff()
    staff.add("vanthu-16876", roles=("clerk",), scope=("16876",))
    staff.add("kiemtoan", roles=("auditor",), scope=())

    @asynccontextmanager
    async def opened(as_user: str | None = "kiemtoan") -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(
            Settings(),
            health_port=FakeServiceHealth(),
            documents=_documents(),
            reporting=FakeReporting(),
            staff=staff,
            history=history,
            attachments=FakeAttachments(),
            clock=FixedClock(NOW),
        )
        async with signed_in_client(app, staff, as_user) as c:
            yield c

    return opened


async def test_the_auditor_reads_who_did_what_and_the_state_at_a_past_moment(
    open_client: Open, history: FakeHistory
) -> None:
    async with open_client() as client:
        now = await client.get(API)
        earlier = await client.get(API, params={"as_of": "2026-11-25T08:45:00+07:00"})
    assert now.status_code == 200, now.text
    assert [(e["actor"], e["event_type"]) for e in now.json()["entries"]] == [
        ("vanthu-16876", "documents.IncomingDocumentRegistered"),
        ("vanthu-16876", "documents.DocumentPassedOn"),
    ]
    assert now.json()["state"] == {"incoming_number": 1, "recipient": "lanhdao"}
    assert earlier.status_code == 200
    assert len(earlier.json()["entries"]) == 1 and "recipient" not in earlier.json()["state"]
    assert history.calls[-1][2] is not None and history.calls[-1][2].utcoffset() is not None


async def test_a_clerk_may_not_read_the_history(open_client: Open, history: FakeHistory) -> None:
    async with open_client("vanthu-16876") as client:
        response = await client.get(API)
    assert response.status_code == 403
    assert history.calls == []


async def test_an_unknown_document_is_404(open_client: Open) -> None:
    async with open_client() as client:
        response = await client.get("/api/v1/communes/16876/documents/nope/history")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_as_of_before_the_first_event_is_a_422_problem(open_client: Open) -> None:
    async with open_client() as client:
        response = await client.get(API, params={"as_of": "2020-01-01T00:00:00Z"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_a_malformed_as_of_is_422_before_the_service(open_client: Open, history: FakeHistory) -> None:
    async with open_client() as client:
        response = await client.get(API, params={"as_of": "hôm qua"})
        page = await client.get(PAGE, params={"as_of": "hôm qua"})
    assert response.status_code == 422 and page.status_code == 422
    assert "Thời điểm không hợp lệ" in page.text and 'value="hôm qua"' in page.text
    assert history.calls == []


async def test_the_history_page_lists_who_did_what(open_client: Open) -> None:
    async with open_client() as client:
        page = await client.get(PAGE)
        english = await client.get(PAGE, params={"lang": "en"})
    assert page.status_code == 200
    assert "Lịch sử văn bản" in page.text and "Chuyển văn bản: recipient=lanhdao" in page.text
    assert 'data-actor="vanthu-16876"' in page.text
    assert "Passed on: recipient=lanhdao" in english.text


async def test_the_history_page_reads_a_time_without_offset_as_office_time_and_shows_office_time(
    open_client: Open, history: FakeHistory
) -> None:
    async with open_client() as client:
        typed = await client.get(PAGE, params={"as_of": "2026-11-25T08:45"})
        in_utc = await client.get(PAGE, params={"as_of": "2026-11-25T02:00:00+00:00"})
        api = await client.get(API, params={"as_of": "2026-11-25T08:45"})  # the API's contract: UTC
    assert typed.status_code == in_utc.status_code == api.status_code == 200, typed.text
    assert [call[2] for call in history.calls] == [
        datetime(2026, 11, 25, 1, 45, tzinfo=UTC),
        datetime(2026, 11, 25, 2, 0, tzinfo=UTC),
        datetime(2026, 11, 25, 8, 45, tzinfo=UTC),
    ]
    assert 'id="as-of-input" value="2026-11-25T08:45:00"' in typed.text
    assert ">25/11/2026 08:45:00</time>" in typed.text and "giờ Việt Nam" in typed.text
    assert ">25/11/2026 08:30:00</time>" in typed.text  # registered at 01:30 UTC
    assert "Chuyển văn bản" not in typed.text  # passed on at 02:00 UTC = 09:00 office time
    assert 'id="as-of-input" value="2026-11-25T09:00:00"' in in_utc.text
    assert ">25/11/2026 09:00:00</time>" in in_utc.text and "Chuyển văn bản" in in_utc.text


async def test_the_incoming_document_page_links_to_the_history_for_the_auditor(open_client: Open) -> None:
    async with open_client() as auditor:
        shown = await auditor.get("/communes/16876/van-ban-den/doc-1")
    async with open_client("vanthu-16876") as clerk:
        hidden = await clerk.get("/communes/16876/van-ban-den/doc-1")
    assert shown.status_code == 200 and hidden.status_code == 200
    assert f'href="{PAGE}" id="history-link"' in shown.text
    assert "history-link" not in hidden.text
