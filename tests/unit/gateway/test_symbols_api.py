"""Reading a document symbol through the gateway: the JSON API and the tool page, over a fake port.

Any signed-in account may ask (no commune is involved); the answer's field names are the public
contract of ``POST /api/v1/document-symbols/parse``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import replace
from datetime import date

import httpx
import pytest

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.application.errors import Unavailable
from oneoffice.gateway.application.ports import IncomingDocumentDraft, RequestContext
from oneoffice.gateway.application.symbols import DocumentSymbol
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .conftest import CLERK, NOW, signed_in_client
from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff
from .symbols_fakes import FakeSymbols

Open = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
PARSE = "/api/v1/document-symbols/parse"
PAGE = "/ky-hieu-van-ban"


@pytest.fixture
def symbols() -> FakeSymbols:
    return FakeSymbols()


@pytest.fixture
def documents() -> FakeDocuments:
    return FakeDocuments()


@pytest.fixture
def open_client(symbols: FakeSymbols, documents: FakeDocuments) -> Open:
    staff = FakeStaff()
    staff.add(CLERK, scope=("16876",))
    staff.add("kiemtoan", roles=("auditor",), scope=())

    @asynccontextmanager
    async def opened(as_user: str | None = CLERK) -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(
            Settings(),
            health_port=FakeServiceHealth(),
            documents=documents,
            reporting=FakeReporting(),
            staff=staff,
            symbols=symbols,
            clock=FixedClock(NOW),
        )
        async with signed_in_client(app, staff, as_user) as c:
            yield c

    return opened


async def test_a_party_symbol_is_answered_with_exactly_the_contract_fields(
    open_client: Open, symbols: FakeSymbols
) -> None:
    async with open_client() as client:
        response = await client.post(PARSE, json={"text": "Số 127-QĐ/TW"})

    assert response.status_code == 200
    assert response.json() == {
        "recognised": True,
        "family": "party",
        "number": 127,
        "year": None,
        "type": "QĐ",
        "issuer": "TW",
        "unit": None,
        "warnings": [],
    }
    [(text, context)] = symbols.calls
    assert (text, context.actor) == ("Số 127-QĐ/TW", CLERK)


async def test_an_unknown_shape_is_answered_200_with_its_warning(open_client: Open) -> None:
    async with open_client(as_user="kiemtoan") as client:  # any signed-in account, no commune needed
        response = await client.post(PARSE, json={"text": "giấy mời họp"})

    assert response.status_code == 200
    body = response.json()
    assert (body["recognised"], body["number"], body["family"]) == (False, None, None)
    assert [w["code"] for w in body["warnings"]] == ["unknown_shape"]
    assert body["warnings"][0]["message_vi"] and body["warnings"][0]["message_en"]


async def test_reading_a_symbol_needs_a_signed_in_user(open_client: Open, symbols: FakeSymbols) -> None:
    async with open_client(as_user=None) as client:
        response = await client.post(PARSE, json={"text": "Số 127-QĐ/TW"})

    assert response.status_code == 401
    assert symbols.calls == []


@pytest.mark.parametrize("body", [{"text": "5/QĐ-" + "A" * 300}, {}, {"text": "05/QĐ-UBND", "extra": 1}])
async def test_a_body_the_api_does_not_take_is_a_422_problem(
    open_client: Open, symbols: FakeSymbols, body: dict[str, object]
) -> None:
    async with open_client() as client:
        response = await client.post(PARSE, json=body)

    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert symbols.calls == []


async def test_the_documents_service_not_answering_is_a_503_problem(
    open_client: Open, symbols: FakeSymbols
) -> None:
    symbols.fail_with.append(Unavailable("documents", "Dịch vụ văn bản không phản hồi.", "down"))

    async with open_client() as client:
        response = await client.post(PARSE, json={"text": "Số 127-QĐ/TW"})

    assert response.status_code == 503


async def test_an_incoming_document_is_read_back_with_the_parts_of_its_symbol(
    open_client: Open, documents: FakeDocuments
) -> None:
    draft = IncomingDocumentDraft(
        "UBND", "UBND tỉnh Nghệ An", "Số: 12/UBND-VP", "2026-03-02", "CV", "Về việc", "NORMAL", "2026-03-05"
    )
    registered = await documents.register_incoming("16876", draft, "k-1", RequestContext(CLERK, "c-1"))
    stored = documents.documents[registered.document_id]
    documents.documents[registered.document_id] = replace(
        stored, symbol=DocumentSymbol(True, "state", 12, None, None, "UBND", "VP")
    )

    async with open_client() as client:
        response = await client.get(f"/api/v1/communes/16876/incoming-documents/{registered.document_id}")

    assert response.status_code == 200
    assert response.json()["symbol"] == {
        "recognised": True,
        "family": "state",
        "number": 12,
        "year": None,
        "type": None,
        "issuer": "UBND",
        "unit": "VP",
    }
    assert response.json()["document_date"] == date(2026, 3, 2).isoformat()


async def test_the_tool_page_shows_the_parts_of_what_was_typed(open_client: Open) -> None:
    async with open_client() as client:
        response = await client.get(PAGE, params={"text": "Số: 12/UBND-VP"})

    assert response.status_code == 200
    page = response.text
    assert 'data-recognised="true"' in page
    assert '<tr data-part="unit"><th>Đơn vị soạn thảo</th><td>VP</td></tr>' in page
    assert '<tr data-part="family"><th>Hệ thống văn bản</th><td>Nhà nước</td></tr>' in page
    assert 'href="/static/symbols.css"' in page and "<script" not in page and "style=" not in page


async def test_the_tool_page_keeps_an_unknown_shape_and_shows_the_warning_in_english_on_request(
    open_client: Open,
) -> None:
    async with open_client() as client:
        response = await client.get(PAGE, params={"text": "giấy mời họp", "lang": "en"})

    assert response.status_code == 200
    assert 'data-recognised="false"' in response.text
    assert "Unknown shape; kept as written." in response.text
    assert "Not recognised: kept as written." in response.text


async def test_the_tool_page_without_text_shows_only_the_form(
    open_client: Open, symbols: FakeSymbols
) -> None:
    async with open_client() as client:
        response = await client.get(PAGE)

    assert response.status_code == 200
    assert 'id="symbol-form"' in response.text and "symbol-result" not in response.text
    assert symbols.calls == []


async def test_the_tool_page_sends_a_visitor_who_is_not_signed_in_to_the_login_form(
    open_client: Open,
) -> None:
    async with open_client(as_user=None) as client:
        response = await client.get(PAGE, params={"text": "Số 127-QĐ/TW"})

    assert response.status_code == 303
    assert response.headers["location"].startswith("/dang-nhap?next=")


@pytest.mark.parametrize(
    ("lang", "href", "label"),
    [
        ("vi", "/ky-hieu-van-ban", "Xem số, ký hiệu được đọc thế nào"),
        ("en", "/ky-hieu-van-ban?lang=en", "See how the number and symbol are read"),
    ],
)
async def test_the_registration_form_links_to_the_symbol_tool(
    open_client: Open, lang: str, href: str, label: str
) -> None:
    async with open_client() as client:
        response = await client.get("/communes/16876/van-ban-den", params={"lang": lang})

    assert response.status_code == 200
    assert f'href="{href}" id="symbol-tool-link"' in response.text
    assert label in response.text
