"""Attachments through the gateway's API and pages, over hand-written fakes of the services."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from datetime import date

import httpx
import pytest

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.application.errors import (
    ContentTooLarge,
    FieldViolation,
    InvalidRequest,
    UnsupportedContent,
)
from oneoffice.gateway.application.ports import IncomingDocument
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .attachments_fakes import FakeAttachments
from .conftest import CLERK, NOW, csrf_of, signed_in_client
from .fakes import REGISTERED_AT, FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff

API = "/api/v1/communes/16876/incoming-documents/doc-1/attachments"
PAGE = "/communes/16876/van-ban-den/doc-1"
BODY_CAP = 4096
ATTACHMENT_CAP = 64 * 1024
NAME = "Quyết định 125 (bản quét).pdf"


def pdf(size: int) -> bytes:
    return (b"%PDF-1.7\n" + bytes(range(256)) * (size // 256 + 1))[:size]


@pytest.fixture
def attachments() -> FakeAttachments:
    return FakeAttachments()


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
async def client(
    attachments: FakeAttachments, documents: FakeDocuments, staff: FakeStaff
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        Settings(max_body_size=BODY_CAP, max_attachment_size=ATTACHMENT_CAP),
        health_port=FakeServiceHealth(),
        documents=documents,
        reporting=FakeReporting(),
        staff=staff,
        clock=FixedClock(NOW),
        attachments=attachments,
    )
    async with signed_in_client(app, staff, CLERK) as client:
        yield client


async def test_a_file_posted_as_multipart_is_attached_and_answered_201(
    client: httpx.AsyncClient, attachments: FakeAttachments
) -> None:
    content = pdf(40_000)  # ten times the usual body cap: this route takes files

    response = await client.post(API, files={"file": (NAME, content, "application/pdf")})

    assert response.status_code == 201, response.text
    answer = response.json()
    assert answer["file_name"] == NAME
    assert answer["sha256"] == hashlib.sha256(content).hexdigest()
    assert answer["size"] == 40_000
    assert answer["download_url"] == response.headers["Location"] == API + "/att-1"
    assert attachments.attached["att-1"][1] == content
    assert attachments.contexts[0].actor == CLERK
    assert max(attachments.chunk_sizes) <= 64 * 1024  # sent on in chunks, never as one message


async def test_a_file_over_the_attachment_limit_is_413_and_never_reaches_the_service(
    client: httpx.AsyncClient, attachments: FakeAttachments
) -> None:
    response = await client.post(
        API, files={"file": (NAME, pdf(ATTACHMENT_CAP + BODY_CAP + 1), "application/pdf")}
    )

    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "urn:oneoffice:problem:content-too-large"
    assert attachments.attached == {} and attachments.chunk_sizes == []


async def test_the_larger_cap_is_for_the_file_routes_only(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/communes/16876/incoming-documents",
        content=b"{" + b" " * (BODY_CAP + 10) + b"}",
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 413


@pytest.mark.parametrize(
    ("refusal", "status", "problem"),
    [
        (UnsupportedContent, 415, "urn:oneoffice:problem:unsupported-content"),
        (ContentTooLarge, 413, "urn:oneoffice:problem:content-too-large"),
        (InvalidRequest, 422, "urn:oneoffice:problem:invalid-request"),
    ],
)
async def test_a_file_the_service_refuses_is_a_problem_with_its_own_status(
    client: httpx.AsyncClient,
    attachments: FakeAttachments,
    refusal: type[InvalidRequest],
    status: int,
    problem: str,
) -> None:
    violation = FieldViolation("file", "attachment_refused", "Nội dung tệp không được phép.", "Not allowed.")
    attachments.fail_with.append(
        refusal("documents", "Nội dung tệp không được phép.", "Not allowed.", [violation])
    )

    response = await client.post(API, files={"file": ("thu.pdf", b"<html>", "application/pdf")})

    assert response.status_code == status
    assert response.json()["type"] == problem
    assert response.json()["detail"] == "Nội dung tệp không được phép."


async def test_a_post_without_a_file_is_422(client: httpx.AsyncClient, attachments: FakeAttachments) -> None:
    response = await client.post(API, data={"note": "no file"})

    assert response.status_code == 422
    assert attachments.contexts == []


async def test_attaching_to_an_unknown_document_is_404(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/communes/16876/incoming-documents/doc-404/attachments",
        files={"file": (NAME, pdf(100), "application/pdf")},
    )

    assert response.status_code == 404


async def test_the_attachments_are_listed_and_downloaded_with_name_type_and_etag(
    client: httpx.AsyncClient,
) -> None:
    content = pdf(5000)
    await client.post(API, files={"file": (NAME, content, "application/pdf")})

    listed = await client.get(API)
    download = await client.get(API + "/att-1")

    assert listed.status_code == 200
    assert [a["attachment_id"] for a in listed.json()["attachments"]] == ["att-1"]
    assert download.status_code == 200
    assert download.content == content
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["etag"] == f'"{hashlib.sha256(content).hexdigest()}"'
    assert download.headers["content-disposition"] == (
        'attachment; filename="Quyet dinh 125 (ban quet).pdf"; '
        "filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20125%20%28b%E1%BA%A3n%20qu%C3%A9t%29.pdf"
    )


async def test_an_unknown_attachment_is_404(client: httpx.AsyncClient) -> None:
    assert (await client.get(API + "/att-9")).status_code == 404
    assert (
        await client.get("/api/v1/communes/16876/incoming-documents/doc-404/attachments")
    ).status_code == 404


# The document's page.


async def test_the_documents_page_shows_its_details_attachments_and_the_form(
    client: httpx.AsyncClient,
) -> None:
    await client.post(API, files={"file": (NAME, pdf(3000), "application/pdf")})

    page = await client.get(PAGE)

    assert page.status_code == 200
    assert "Văn bản đến số 7" in page.text
    assert f'href="{PAGE}/dinh-kem/att-1"' in page.text
    assert NAME in page.text
    assert 'enctype="multipart/form-data"' in page.text
    assert f'value="{csrf_of(client)}"' in page.text


async def test_the_page_form_attaches_the_file_and_shows_the_document_again(
    client: httpx.AsyncClient, attachments: FakeAttachments
) -> None:
    content = pdf(30_000)

    response = await client.post(
        PAGE + "/dinh-kem",
        data={"csrf_token": csrf_of(client)},
        files={"file": (NAME, content, "application/pdf")},
    )

    assert response.status_code == 303
    assert response.headers["location"].startswith(PAGE + "?attached=")
    assert attachments.attached["att-1"][1] == content
    shown = await client.get(response.headers["location"])
    assert "Đã đính kèm tệp «Quyết định 125 (bản quét).pdf»." in shown.text
    download = await client.get(f"{PAGE}/dinh-kem/att-1")
    assert download.content == content


async def test_the_page_form_without_its_csrf_token_attaches_nothing(
    client: httpx.AsyncClient, attachments: FakeAttachments
) -> None:
    response = await client.post(
        PAGE + "/dinh-kem", data={"csrf_token": "forged"}, files={"file": (NAME, pdf(100), "application/pdf")}
    )

    assert response.status_code == 403
    assert attachments.contexts == []


async def test_a_refused_file_comes_back_to_the_page_with_the_reason(
    client: httpx.AsyncClient, attachments: FakeAttachments
) -> None:
    attachments.fail_with.append(
        UnsupportedContent("documents", "Nội dung tệp không thuộc loại được phép.", "No.")
    )

    response = await client.post(
        PAGE + "/dinh-kem",
        data={"csrf_token": csrf_of(client)},
        files={"file": ("a.pdf", b"<html>", "text/html")},
    )

    assert response.status_code == 415
    assert 'id="attach-errors"' in response.text
    assert "Nội dung tệp không thuộc loại được phép." in response.text


async def test_a_malformed_document_id_is_422_before_any_service(
    client: httpx.AsyncClient, attachments: FakeAttachments
) -> None:
    too_long = "d" * 65
    base = f"/api/v1/communes/16876/incoming-documents/{too_long}/attachments"

    listed = await client.get(base)
    downloaded = await client.get(base + "/att-1")

    assert (listed.status_code, downloaded.status_code) == (422, 422)
    assert attachments.contexts == []
