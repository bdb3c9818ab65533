"""The incoming-documents JSON API over fake documents and reporting ports."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx

from oneoffice.contracts.access import Identity
from oneoffice.gateway.application.errors import (
    Conflict,
    FieldViolation,
    InvalidRequest,
    NotFound,
    NotImplementedByService,
    Unavailable,
)
from oneoffice.gateway.application.ports import RegisterRow

from .fakes import FakeDocuments, FakeReporting

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
EMPTY_ISSUER = FieldViolation(
    "issuer",
    "empty_issuer",
    "Chưa nhập tác giả (cơ quan ban hành văn bản).",
    "The issuer of the document is missing.",
)


def _invalid(*violations: FieldViolation) -> InvalidRequest:
    return InvalidRequest(
        "documents",
        " ".join(v.message_vi for v in violations),
        " ".join(v.message_en for v in violations),
        violations,
    )


async def test_registering_answers_201_with_the_incoming_number(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    response = await client.post(URL, json=BODY)

    assert response.status_code == 201
    assert response.json() == {
        "document_id": "doc-1",
        "incoming_number": 1,
        "year": 2026,
        "duplicate_of": None,
        "registered_at": "2026-03-10T02:00:00Z",
    }
    assert response.headers["location"] == f"{URL}/doc-1"
    [call] = documents.calls
    assert call.commune_id == "16876"
    assert (call.draft.issuer, call.draft.urgency, call.draft.document_date) == (
        "UBND tỉnh Nghệ An",
        "KHAN",
        "2026-03-02",
    )


async def test_the_idempotency_key_is_forwarded_and_a_retry_gets_the_same_answer(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    first = await client.post(URL, json=BODY, headers={"Idempotency-Key": "form-7"})
    again = await client.post(URL, json=BODY, headers={"Idempotency-Key": "form-7"})

    # The gateway replays the retry itself; the service has the key for its own deduplication.
    assert [c.idempotency_key for c in documents.calls] == ["form-7"]
    assert again.status_code == 201 and again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert first.headers["idempotency-key"] == "form-7"


async def test_without_a_key_the_gateway_makes_one_and_says_which(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    response = await client.post(URL, json=BODY)

    key = documents.calls[0].idempotency_key
    assert len(key) == 36
    assert response.headers["idempotency-key"] == key


async def test_a_duplicate_registration_is_still_201_and_names_the_first(client: httpx.AsyncClient) -> None:
    await client.post(URL, json=BODY)
    second = await client.post(URL, json=BODY)

    assert second.status_code == 201
    assert second.json()["duplicate_of"] == "doc-1"
    assert second.json()["incoming_number"] == 2


async def test_the_signed_in_user_and_correlation_id_travel_to_the_service_and_back(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    response = await client.post(URL, json=BODY, headers={"X-Correlation-Id": "req-42"})

    context = documents.calls[0].context
    assert (context.actor, context.correlation_id) == ("vanthu-16876", "req-42")
    assert context.identity == Identity("vanthu-16876", ("clerk",), ("16876",))
    assert response.headers["x-correlation-id"] == "req-42"


async def test_a_header_naming_another_user_changes_nothing(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    await client.post(URL, json=BODY, headers={"X-User": "chu-tich", "X-Actor": "chu-tich"})

    assert documents.calls[0].context.actor == "vanthu-16876"


async def test_a_correlation_id_is_made_up_when_the_given_one_is_not_valid(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    response = await client.post(URL, json=BODY, headers={"X-Correlation-Id": "not valid!"})

    context = documents.calls[0].context
    assert context.correlation_id != "not valid!" and len(context.correlation_id) == 32
    assert response.headers["x-correlation-id"] == context.correlation_id


async def test_refused_input_is_a_vietnamese_422_problem_naming_the_field(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    documents.fail_with.append(_invalid(EMPTY_ISSUER))

    response = await client.post(URL, json={**BODY, "issuer": ""})

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["content-language"] == "vi"
    assert response.json() == {
        "type": "urn:oneoffice:problem:invalid-request",
        "title": "Dữ liệu không hợp lệ",
        "status": 422,
        "detail": "Chưa nhập tác giả (cơ quan ban hành văn bản).",
        "instance": URL,
        "service": "documents",
        "errors": [
            {
                "loc": ["body", "issuer"],
                "msg": "Chưa nhập tác giả (cơ quan ban hành văn bản).",
                "type": "empty_issuer",
            }
        ],
    }


async def test_refused_input_is_in_english_with_accept_language_en(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    documents.fail_with.append(_invalid(EMPTY_ISSUER))

    response = await client.post(URL, json=BODY, headers={"Accept-Language": "en"})

    problem = response.json()
    assert (problem["title"], problem["detail"]) == ("Invalid data", "The issuer of the document is missing.")
    assert problem["errors"][0]["msg"] == "The issuer of the document is missing."
    assert response.headers["content-language"] == "en"


async def test_a_malformed_date_is_refused_before_any_service_is_called(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    response = await client.post(URL, json={**BODY, "document_date": "02/03/2026"})

    assert response.status_code == 422
    assert response.json()["title"] == "Dữ liệu không hợp lệ"
    assert response.json()["errors"][0]["loc"] == ["body", "document_date"]
    assert documents.calls == []


async def test_a_register_that_kept_changing_is_a_409_problem(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    documents.fail_with.append(
        Conflict("documents", "Sổ đăng ký đang được cập nhật đồng thời; hãy thử lại.", "busy")
    )

    response = await client.post(URL, json=BODY)

    assert response.status_code == 409
    assert response.json()["detail"] == "Sổ đăng ký đang được cập nhật đồng thời; hãy thử lại."


async def test_a_service_that_does_not_answer_is_a_503_problem(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    documents.fail_with.append(
        Unavailable("documents", "Dịch vụ văn bản không phản hồi; hãy thử lại sau.", "down")
    )

    response = await client.post(URL, json=BODY)

    assert response.status_code == 503
    assert response.json()["title"] == "Dịch vụ không khả dụng"
    assert response.headers["retry-after"] == "1"


async def test_a_registered_document_is_read_back_by_id(client: httpx.AsyncClient) -> None:
    created = (await client.post(URL, json=BODY)).json()

    response = await client.get(f"{URL}/{created['document_id']}")

    assert response.status_code == 200
    assert response.json()["incoming_number"] == 1
    assert response.json()["registered_by"] == "vanthu-16876"
    assert response.json()["document_date"] == "2026-03-02"


async def test_an_unknown_document_is_a_vietnamese_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get(f"{URL}/khong-co")

    assert response.status_code == 404
    assert response.json()["title"] == "Không tìm thấy"
    assert response.json()["detail"] == "Không tìm thấy văn bản đến «khong-co»."


async def test_a_bad_commune_id_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/communes/16876:x/incoming-documents", json=BODY)

    assert response.status_code == 422


async def test_the_register_is_listed_from_reporting(
    client: httpx.AsyncClient, reporting: FakeReporting
) -> None:
    reporting.rows = [
        RegisterRow(
            "doc-1",
            date(2026, 3, 5),
            1,
            "UBND tỉnh Nghệ An",
            "125/QĐ-UBND",
            date(2026, 3, 2),
            "QD",
            "Về việc",
            "KHAN",
            None,
        )
    ]
    reporting.next_page_token = "p2"

    response = await client.get(
        "/api/v1/communes/16876/incoming-register", params={"body": "UBND", "year": 2026, "page_size": 10}
    )

    assert response.status_code == 200
    assert response.json()["next_page_token"] == "p2"
    assert response.json()["rows"][0]["incoming_number"] == 1
    assert response.json()["rows"][0]["received_date"] == "2026-03-05"
    call = reporting.calls[0]
    assert (call.commune_id, call.body_code, call.year, call.page_size, call.page_token) == (
        "16876",
        "UBND",
        2026,
        10,
        "",
    )


async def test_the_register_year_defaults_to_this_year_in_vietnam(
    client: httpx.AsyncClient, reporting: FakeReporting
) -> None:
    await client.get("/api/v1/communes/16876/incoming-register", params={"body": "HDND"})

    assert reporting.calls[0].year == 2026
    assert reporting.calls[0].page_size == 50


async def test_reporting_not_answering_is_a_503_problem(
    client: httpx.AsyncClient, reporting: FakeReporting
) -> None:
    reporting.fail_with = Unavailable("reporting", "Dịch vụ báo cáo không phản hồi; hãy thử lại sau.", "down")

    response = await client.get("/api/v1/communes/16876/incoming-register", params={"body": "UBND"})

    assert response.status_code == 503
    assert response.json()["service"] == "reporting"


async def test_not_found_maps_to_404(client: httpx.AsyncClient, documents: FakeDocuments) -> None:
    documents.fail_with.append(NotFound("documents", "Không tìm thấy.", "Not found."))

    assert (await client.get(f"{URL}/x")).status_code == 404


async def test_the_api_is_described_in_openapi(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()

    post = schema["paths"]["/api/v1/communes/{commune_id}/incoming-documents"]["post"]
    assert post["summary"] == "Register Incoming Document"
    assert post["description"].startswith("Register a received document")
    assert "Idempotency-Key" in {p["name"] for p in post["parameters"]}
    assert "X-User" not in {p["name"] for p in post["parameters"]}
    assert post["x-oneoffice-access"] == {
        "public": False,
        "permission": "incoming:register",
        "commune_param": "commune_id",
    }
    assert {"401", "403"} <= set(post["responses"])
    assert "/communes/{commune_id}/van-ban-den" not in schema["paths"]


async def test_a_service_without_the_operation_yet_is_a_501_problem(
    client: httpx.AsyncClient, reporting: FakeReporting
) -> None:
    reporting.fail_with = NotImplementedByService(
        "reporting", "Dịch vụ báo cáo chưa hỗ trợ thao tác này.", "Not yet."
    )

    response = await client.get("/api/v1/communes/16876/incoming-register", params={"body": "UBND"})

    assert response.status_code == 501
    assert response.json()["title"] == "Chưa được hỗ trợ"
