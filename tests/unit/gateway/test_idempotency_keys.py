"""``Idempotency-Key`` on POST: a retry replays the first answer, per user, without a second call."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from oneoffice.gateway.application.errors import Unavailable
from oneoffice.gateway.application.ports import IncomingDocumentDraft, Registration, RequestContext
from oneoffice.gateway.application.tokens import Tokens
from oneoffice.gateway.config import EMBEDDED_JWT_SECRET

from .fakes import FakeDocuments, FakeStaff

URL = "/api/v1/communes/16876/incoming-documents"
BODY: dict[str, Any] = {
    "body_code": "UBND",
    "issuer": "UBND tỉnh Nghệ An",
    "number_symbol": "125/QĐ-UBND",
    "document_date": "2026-03-02",
    "document_type": "QD",
    "summary": "Về việc kiện toàn tổ chức bộ máy văn phòng xã sau sắp xếp",
    "urgency": "KHAN",
    "received_date": "2026-03-05",
}


def token_of(staff: FakeStaff, username: str) -> str:
    account = staff.add(username)
    return Tokens(EMBEDDED_JWT_SECRET).issue(account).access_token


def signed(token: str, key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Idempotency-Key": key}


@pytest.fixture
def clerk(staff: FakeStaff) -> str:
    return token_of(staff, "vanthu-16876")


async def test_a_retry_replays_the_first_answer_without_calling_the_documents_service_again(
    client: httpx.AsyncClient, documents: FakeDocuments, clerk: str
) -> None:
    first = await client.post(URL, json=BODY, headers=signed(clerk, "k-1"))
    again = await client.post(URL, json=BODY, headers=signed(clerk, "k-1"))

    assert first.status_code == again.status_code == 201, again.text
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert again.headers["idempotency-key"] == "k-1"
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert [call.idempotency_key for call in documents.calls] == ["k-1"]


async def test_the_same_key_with_another_body_is_a_422_problem(
    client: httpx.AsyncClient, documents: FakeDocuments, clerk: str
) -> None:
    await client.post(URL, json=BODY, headers=signed(clerk, "k-2"))

    other = await client.post(URL, json={**BODY, "summary": "Khác"}, headers=signed(clerk, "k-2"))
    in_english = await client.post(
        f"{URL}?lang=en", json={**BODY, "summary": "Khác"}, headers=signed(clerk, "k-2")
    )

    assert other.status_code == 422
    assert other.headers["content-type"] == "application/problem+json"
    problem = other.json()
    assert problem["type"] == "urn:oneoffice:problem:idempotency-key-reused"
    assert problem["title"] == "Khóa chống trùng lặp đã được dùng"
    assert in_english.json()["title"] == "Idempotency key already used"
    assert len(documents.calls) == 1


async def test_the_same_key_on_another_path_is_another_request(
    client: httpx.AsyncClient, documents: FakeDocuments, clerk: str
) -> None:
    await client.post(URL, json=BODY, headers=signed(clerk, "k-3"))

    other = await client.post(URL.replace("16876", "16882"), json=BODY, headers=signed(clerk, "k-3"))

    assert other.status_code == 422
    assert len(documents.calls) == 1


class HeldDocuments(FakeDocuments):
    """Holds every registration until released, to overlap two requests."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = asyncio.Event()
        self.release = asyncio.Event()

    async def register_incoming(
        self, commune_id: str, draft: IncomingDocumentDraft, idempotency_key: str, context: RequestContext
    ) -> Registration:
        self.entered.set()
        await self.release.wait()
        return await super().register_incoming(commune_id, draft, idempotency_key, context)


@pytest.fixture
def documents() -> FakeDocuments:
    return HeldDocuments()


@pytest.fixture(autouse=True)
def released(documents: FakeDocuments) -> None:
    # Only the test of overlapping requests holds them.
    if isinstance(documents, HeldDocuments):
        documents.release.set()


async def test_the_same_key_while_the_first_request_runs_is_a_409_problem(
    client: httpx.AsyncClient, documents: HeldDocuments, clerk: str
) -> None:
    documents.release.clear()
    first = asyncio.create_task(client.post(URL, json=BODY, headers=signed(clerk, "k-4")))
    await asyncio.wait_for(documents.entered.wait(), 5)

    meanwhile = await asyncio.wait_for(client.post(URL, json=BODY, headers=signed(clerk, "k-4")), 5)
    documents.release.set()
    answered = await asyncio.wait_for(first, 5)
    later = await client.post(URL, json=BODY, headers=signed(clerk, "k-4"))

    assert meanwhile.status_code == 409
    assert meanwhile.headers["content-type"] == "application/problem+json"
    assert meanwhile.json()["type"] == "urn:oneoffice:problem:idempotency-key-in-use"
    assert answered.status_code == 201
    assert later.headers["idempotent-replayed"] == "true" and later.json() == answered.json()
    assert len(documents.calls) == 1


async def test_another_user_with_the_same_key_gets_an_answer_of_their_own(
    client: httpx.AsyncClient, documents: FakeDocuments, staff: FakeStaff, clerk: str
) -> None:
    other_clerk = token_of(staff, "canbo-16876")
    await client.post(URL, json=BODY, headers=signed(clerk, "shared"))

    theirs = await client.post(URL, json={**BODY, "summary": "Khác"}, headers=signed(other_clerk, "shared"))

    assert theirs.status_code == 201, theirs.text
    assert "idempotent-replayed" not in theirs.headers
    assert [call.draft.summary for call in documents.calls] == [BODY["summary"], "Khác"]


async def test_a_failure_the_client_may_retry_is_not_kept(
    client: httpx.AsyncClient, documents: FakeDocuments, clerk: str
) -> None:
    documents.fail_with.append(Unavailable("documents", "Không phản hồi.", "Not responding."))
    failed = await client.post(URL, json=BODY, headers=signed(clerk, "k-5"))
    retried = await client.post(URL, json=BODY, headers=signed(clerk, "k-5"))

    assert failed.status_code == 503
    assert retried.status_code == 201 and "idempotent-replayed" not in retried.headers
    assert len(documents.calls) == 2


async def test_a_final_client_error_is_replayed(
    client: httpx.AsyncClient, documents: FakeDocuments, clerk: str
) -> None:
    first = await client.post(URL, json={**BODY, "document_date": "x"}, headers=signed(clerk, "k-6"))
    again = await client.post(URL, json={**BODY, "document_date": "x"}, headers=signed(clerk, "k-6"))

    assert first.status_code == again.status_code == 422
    assert again.headers["idempotent-replayed"] == "true"
    assert again.headers["content-type"] == "application/problem+json"
    assert again.json() == first.json()


async def test_without_a_valid_token_nothing_is_stored(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    headers = {"Authorization": "Bearer not-a-token", "Idempotency-Key": "k-7"}

    await client.post(URL, json=BODY, headers=headers)
    again = await client.post(URL, json=BODY, headers=headers)

    assert "idempotent-replayed" not in again.headers


async def test_the_token_route_never_replays_a_token(client: httpx.AsyncClient, clerk: str) -> None:
    headers = signed(clerk, "k-8")
    form = {"username": "vanthu-16876", "password": "demo"}

    first = await client.post("/api/v1/auth/token", data=form, headers=headers)
    again = await client.post("/api/v1/auth/token", data=form, headers=headers)

    assert first.status_code == again.status_code == 200
    assert "idempotent-replayed" not in again.headers


async def test_every_post_documents_the_header_with_its_409_and_422(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()

    posts = {path: item["post"] for path, item in schema["paths"].items() if "post" in item}
    token = posts.pop("/api/v1/auth/token")
    assert posts, "no POST route besides the token route"
    for path, post in posts.items():
        keys = [p for p in post["parameters"] if p["name"] == "Idempotency-Key"]
        assert len(keys) == 1 and keys[0]["in"] == "header", path
        assert {"409", "413", "422"} <= post["responses"].keys(), path
    assert not any(p.get("name") == "Idempotency-Key" for p in token.get("parameters", []))
    assert "never stored" in token["description"]
    assert "429" in token["responses"]
