"""Reference data comes from the documents service: asked on first need, kept, 503 while it is down."""

from __future__ import annotations

import asyncio

import httpx

from oneoffice.gateway.application.catalogue import CatalogueCache
from oneoffice.gateway.application.errors import Unavailable
from oneoffice.gateway.application.ports import RequestContext

from .conftest import ClientFor
from .fakes import FakeDocuments

URL = "/api/v1/reference-data"
PAGE = "/communes/16876/van-ban-den"
DOWN = Unavailable("documents", "Dịch vụ văn bản không phản hồi; hãy thử lại sau.", "down")


async def test_the_api_lists_the_bodies_and_document_types_the_documents_service_serves(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get(URL)

    assert response.status_code == 200
    data = response.json()
    assert data["bodies"][2] == {
        "code": "UBND",
        "name_vi": "Ủy ban nhân dân",
        "name_en": "People's Committee",
    }
    assert [b["code"] for b in data["bodies"]] == ["DANG_UY", "HDND", "UBND"]
    assert [t["code"] for t in data["document_types"]] == ["NQ", "QD", "TB", "CV"]
    assert data["document_types"][1] == {"code": "QD", "name_vi": "Quyết định", "name_en": "Decision"}


async def test_the_reference_data_is_asked_for_once_and_kept(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    assert documents.reference_data_calls == []  # nothing is asked before it is needed

    await client.get(URL)
    await client.get(PAGE)
    await client.get(URL)

    assert len(documents.reference_data_calls) == 1


async def test_concurrent_first_requests_share_one_call(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    responses = await asyncio.gather(*(client.get(URL) for _ in range(5)))

    assert {r.status_code for r in responses} == {200}
    assert len(documents.reference_data_calls) == 1


async def test_while_the_documents_service_is_down_the_api_answers_a_503_problem(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    documents.reference_data_fails_with.append(DOWN)

    response = await client.get(URL)

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["service"] == "documents"
    assert response.json()["detail"] == "Dịch vụ văn bản không phản hồi; hãy thử lại sau."


async def test_while_the_documents_service_is_down_the_page_answers_a_503_problem(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    documents.reference_data_fails_with.append(DOWN)

    response = await client.get(PAGE)

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_failed_load_is_not_kept_the_next_request_asks_again(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    documents.reference_data_fails_with.append(DOWN)

    first = await client.get(URL)
    second = await client.get(URL)

    assert (first.status_code, second.status_code) == (503, 200)
    assert len(documents.reference_data_calls) == 2


async def test_the_call_carries_the_requests_correlation_id(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    await client.get(URL, headers={"X-Correlation-Id": "req-9"})

    assert documents.reference_data_calls[0].correlation_id == "req-9"


async def test_the_page_labels_its_choices_with_the_services_names(
    client_for: ClientFor, documents: FakeDocuments
) -> None:
    async with client_for() as client:
        page = (await client.get(PAGE)).text

    assert '<option value="HDND" >Hội đồng nhân dân</option>' in page
    assert '<option value="CV" >Công văn</option>' in page


async def test_the_route_is_described_in_openapi(client: httpx.AsyncClient) -> None:
    operation = (await client.get("/openapi.json")).json()["paths"][URL]["get"]

    assert operation["description"].startswith("The bodies and document types")
    assert "503" in operation["responses"]


async def test_a_preloaded_catalogue_asks_nothing() -> None:
    documents = FakeDocuments()
    loaded = await CatalogueCache(documents).get(RequestContext("van-thu", "c"))

    cache = CatalogueCache(documents, preloaded=loaded)

    assert await cache.get(RequestContext("van-thu", "c2")) is loaded
    assert len(documents.reference_data_calls) == 1
