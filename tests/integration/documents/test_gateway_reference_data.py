"""The gateway labels its forms with the documents service's own reference data, over real gRPC."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from markupsafe import escape

from oneoffice.documents.adapters.reference_data import load_catalogue
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings as GatewaySettings
from oneoffice.gateway.entrypoints.session_cookie import SESSION_COOKIE
from tests.integration.signed_in import running_staff, sign_in

from .conftest import RunningDocuments

pytestmark = pytest.mark.integration


@pytest.fixture
async def staff_target(tmp_path: Path) -> AsyncIterator[str]:
    async with running_staff(tmp_path) as target:
        yield target


@asynccontextmanager
async def open_gateway(documents_target: str, staff_target: str) -> AsyncIterator[httpx.AsyncClient]:
    """The gateway in front of the real services, signed in as the clerk of 16876: the token as the
    bearer header for the API and as the session cookie for the pages."""
    settings = GatewaySettings(
        documents_target=documents_target,
        reporting_target="127.0.0.1:1",
        staff_target=staff_target,
        grpc_timeout=2,
    )
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
            authorization = await sign_in(client, "vanthu-16876")
            client.headers.update(authorization)
            client.cookies.set(SESSION_COOKIE, authorization["Authorization"].removeprefix("Bearer "))
            yield client
    finally:
        await app.state.grpc_channels.aclose()


async def test_the_api_serves_every_row_of_the_documents_tables(
    documents: RunningDocuments, staff_target: str
) -> None:
    async with open_gateway(documents.server.target, staff_target) as gateway:
        response = await gateway.get("/api/v1/reference-data")

    assert response.status_code == 200, response.text
    tables = load_catalogue()
    assert response.json() == {
        "bodies": [
            {"code": b.code, "name_vi": b.name_vi, "name_en": b.name_en} for b in tables.bodies.values()
        ],
        "document_types": [
            {"code": t.code, "name_vi": t.name_vi, "name_en": t.name_en}
            for t in tables.document_types.values()
        ],
    }


@pytest.mark.parametrize("language", ["vi", "en"])
async def test_the_page_offers_every_body_and_document_type_by_name(
    documents: RunningDocuments, language: str, staff_target: str
) -> None:
    async with open_gateway(documents.server.target, staff_target) as gateway:
        page = (await gateway.get("/communes/16876/van-ban-den", params={"lang": language})).text

    tables = load_catalogue()
    for choice in (*tables.bodies.values(), *tables.document_types.values()):
        label = choice.name_en if language == "en" else choice.name_vi
        assert f'<option value="{choice.code}" ' in page
        assert f">{escape(label)}</option>" in page


async def test_with_the_documents_service_down_the_page_and_the_api_answer_503(staff_target: str) -> None:
    async with open_gateway("127.0.0.1:1", staff_target) as gateway:
        api = await gateway.get("/api/v1/reference-data")
        page = await gateway.get("/communes/16876/van-ban-den")

    assert (api.status_code, page.status_code) == (503, 503)
    assert api.headers["content-type"] == page.headers["content-type"] == "application/problem+json"
    assert api.json()["detail"] == "Dịch vụ văn bản không phản hồi; hãy thử lại sau."
