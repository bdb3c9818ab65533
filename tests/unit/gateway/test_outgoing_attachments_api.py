"""Attachments of outgoing documents through the gateway's API, over hand-written fakes of the services."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator

import httpx
import pytest

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.application.errors import FieldViolation, UnsupportedContent
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .attachments_fakes import FakeAttachments
from .conftest import CLERK, NOW, signed_in_client
from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff
from .test_attachments_api import ATTACHMENT_CAP, BODY_CAP, NAME, pdf

API = "/api/v1/communes/16876/outgoing-documents/out-1/attachments"


@pytest.fixture
def attachments() -> FakeAttachments:
    return FakeAttachments()


@pytest.fixture
async def client(attachments: FakeAttachments, staff: FakeStaff) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        Settings(max_body_size=BODY_CAP, max_attachment_size=ATTACHMENT_CAP),
        health_port=FakeServiceHealth(),
        documents=FakeDocuments(),
        reporting=FakeReporting(),
        staff=staff,
        clock=FixedClock(NOW),
        attachments=attachments,
    )
    async with signed_in_client(app, staff, CLERK) as client:
        yield client


async def test_a_file_posted_to_an_outgoing_document_is_attached_and_answered_201(
    client: httpx.AsyncClient, attachments: FakeAttachments
) -> None:
    content = pdf(40_000)

    response = await client.post(API, files={"file": (NAME, content, "application/pdf")})

    assert response.status_code == 201, response.text
    answer = response.json()
    assert answer["sha256"] == hashlib.sha256(content).hexdigest()
    assert answer["download_url"] == response.headers["Location"] == API + "/att-1"
    assert attachments.attached["att-1"][1] == content
    assert attachments.contexts[0].actor == CLERK


async def test_the_outgoing_attachments_are_listed_and_downloaded_with_type_and_etag(
    client: httpx.AsyncClient,
) -> None:
    content = pdf(5000)
    await client.post(API, files={"file": (NAME, content, "application/pdf")})

    listed = await client.get(API)
    download = await client.get(API + "/att-1")

    assert listed.status_code == 200
    assert [a["download_url"] for a in listed.json()["attachments"]] == [API + "/att-1"]
    assert download.status_code == 200
    assert download.content == content
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["etag"] == f'"{hashlib.sha256(content).hexdigest()}"'


async def test_an_unknown_outgoing_document_or_attachment_is_404(client: httpx.AsyncClient) -> None:
    unknown = "/api/v1/communes/16876/outgoing-documents/out-404/attachments"

    assert (
        await client.post(unknown, files={"file": (NAME, pdf(100), "application/pdf")})
    ).status_code == 404
    assert (await client.get(unknown)).status_code == 404
    assert (await client.get(API + "/att-9")).status_code == 404


async def test_a_file_the_service_refuses_is_415_and_a_post_without_a_file_is_422(
    client: httpx.AsyncClient, attachments: FakeAttachments
) -> None:
    violation = FieldViolation("file", "attachment_refused", "Nội dung tệp không được phép.", "Not allowed.")
    attachments.fail_with.append(
        UnsupportedContent("documents", "Nội dung tệp không được phép.", "Not allowed.", [violation])
    )

    refused = await client.post(API, files={"file": ("thu.pdf", b"<html>", "application/pdf")})
    empty = await client.post(API, data={"note": "no file"})

    assert refused.status_code == 415
    assert empty.status_code == 422


async def test_a_file_over_the_attachment_limit_is_413(
    client: httpx.AsyncClient, attachments: FakeAttachments
) -> None:
    response = await client.post(
        API, files={"file": (NAME, pdf(ATTACHMENT_CAP + BODY_CAP + 1), "application/pdf")}
    )

    assert response.status_code == 413
    assert attachments.attached == {}


async def test_another_communes_outgoing_attachments_are_forbidden(client: httpx.AsyncClient) -> None:
    other = "/api/v1/communes/16882/outgoing-documents/out-1/attachments"

    assert (await client.get(other)).status_code == 403
    assert (await client.post(other, files={"file": (NAME, pdf(100), "application/pdf")})).status_code == 403


async def test_a_malformed_outgoing_document_id_is_422_before_any_service(
    client: httpx.AsyncClient, attachments: FakeAttachments
) -> None:
    base = f"/api/v1/communes/16876/outgoing-documents/{'d' * 65}/attachments"

    listed = await client.get(base)
    downloaded = await client.get(base + "/att-1")

    assert (listed.status_code, downloaded.status_code) == (422, 422)
    assert attachments.contexts == []
