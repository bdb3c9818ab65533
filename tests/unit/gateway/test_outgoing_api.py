"""The outgoing-documents JSON API over fake outgoing and people ports: the signer checked with the
staff service, the number's answer, the register's columns, who may issue."""

from __future__ import annotations

from typing import Any

import pytest

from .outgoing_fakes import FakeOutgoing, Open, opener, people_with_a_chairman

URL = "/api/v1/communes/16876/outgoing-documents"
DRAFT: dict[str, Any] = {
    "body_code": "UBND",
    "document_type": "QD",
    "summary": "Về việc thành lập Tổ công tác chuyển đổi số",
    "signer_id": "p-chu-tich",
    "authority": "TM.",
    "place_name": "Tương Dương",
    "recipients": ["Như Điều 3", "Lưu: VT, VP"],
}


@pytest.fixture
def outgoing() -> FakeOutgoing:
    return FakeOutgoing()


@pytest.fixture
def open_client(outgoing: FakeOutgoing) -> Open:
    return opener(outgoing, people_with_a_chairman())


async def test_a_draft_answers_201_with_the_signer_as_the_staff_service_knows_them(
    open_client: Open, outgoing: FakeOutgoing
) -> None:
    async with open_client() as client:
        response = await client.post(URL, json=DRAFT)
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["Location"] == f"{URL}/{body['document_id']}"
    assert (body["signer_name"], body["signer_title"], body["state"]) == (
        "Lê Văn Hùng",
        "Chủ tịch UBND",
        "DRAFT",
    )
    assert outgoing.actors == ["vanthu-16876"]


async def test_a_signer_who_is_not_staff_of_the_commune_is_refused_and_nothing_drafted(
    open_client: Open, outgoing: FakeOutgoing
) -> None:
    async with open_client() as client:
        response = await client.post(URL, json={**DRAFT, "signer_id": "p-other"})
    assert response.status_code == 422
    problem = response.json()
    assert "không phải cán bộ" in problem["detail"]
    assert [e["loc"][-1] for e in problem["errors"]] == ["signer_id"]
    assert outgoing.drafts == []


async def test_numbering_answers_number_symbol_and_formatted(open_client: Open) -> None:
    async with open_client() as client:
        document_id = (await client.post(URL, json=DRAFT)).json()["document_id"]
        response = await client.post(f"{URL}/{document_id}/number", json={})
    assert response.status_code == 200
    assert response.json() == {
        "document_id": document_id,
        "number": 1,
        "number_symbol": "01/QĐ-UBND",
        "formatted": "Số: 01/QĐ-UBND",
        "issued_on": "2026-03-10",
        "period": "2026",
        "imported": False,
    }


async def test_numbering_twice_is_a_422_naming_the_rule(open_client: Open) -> None:
    async with open_client() as client:
        document_id = (await client.post(URL, json=DRAFT)).json()["document_id"]
        await client.post(f"{URL}/{document_id}/number", json={})
        response = await client.post(f"{URL}/{document_id}/number", json={})
    assert response.status_code == 422
    assert response.json()["errors"][0]["type"] == "already_numbered"


async def test_an_import_number_beyond_int32_is_refused_at_the_route(open_client: Open) -> None:
    async with open_client() as client:
        document_id = (await client.post(URL, json=DRAFT)).json()["document_id"]
        response = await client.post(f"{URL}/{document_id}/number", json={"number": 2**31})
    assert response.status_code == 422


async def test_the_register_has_the_regulations_columns_in_number_order(open_client: Open) -> None:
    async with open_client() as client:
        ids = [(await client.post(URL, json=DRAFT)).json()["document_id"] for _ in range(3)]
        for document_id in ids[:2]:
            await client.post(f"{URL}/{document_id}/number", json={})
        await client.post(f"{URL}/{ids[0]}/dispatch", json={"channel": "ELECTRONIC"})
        await client.post(f"{URL}/{ids[1]}/recall", json={"reason": "Sai trích yếu"})
        response = await client.get("/api/v1/communes/16876/outgoing-register", params={"body": "UBND"})
    assert response.status_code == 200
    register = response.json()
    assert (register["body"], register["year"]) == ("UBND", 2026)
    first, second = register["rows"]
    assert (first["number_symbol"], first["issued_on"], first["signer"]) == (
        "01/QĐ-UBND",
        "2026-03-10",
        "Lê Văn Hùng",
    )
    assert first["type_and_summary"] == "Quyết định Về việc thành lập Tổ công tác chuyển đổi số"
    assert first["dispatched_on"] == "2026-03-10" and first["recipients"] == ["Như Điều 3", "Lưu: VT, VP"]
    assert second["note"] == "Đã thu hồi: Sai trích yếu"
    assert set(first) >= {"archive_copy", "copies", "receipt_signature", "note"}


async def test_getting_an_unknown_document_is_a_404(open_client: Open) -> None:
    async with open_client() as client:
        response = await client.get(f"{URL}/nope")
    assert response.status_code == 404


async def test_a_handler_reads_but_may_not_issue(open_client: Open, outgoing: FakeOutgoing) -> None:
    async with open_client("canbo-16876") as client:
        refused = await client.post(URL, json=DRAFT)
        register = await client.get("/api/v1/communes/16876/outgoing-register", params={"body": "UBND"})
    assert refused.status_code == 403 and register.status_code == 200
    assert outgoing.drafts == []


async def test_another_communes_documents_are_out_of_scope(open_client: Open) -> None:
    async with open_client() as client:
        response = await client.post("/api/v1/communes/16882/outgoing-documents", json=DRAFT)
    assert response.status_code == 403


async def test_an_unknown_document_cannot_be_numbered_dispatched_or_recalled(open_client: Open) -> None:
    async with open_client() as client:
        answers = [
            await client.post(f"{URL}/nope/number", json={}),
            await client.post(f"{URL}/nope/dispatch", json={}),
            await client.post(f"{URL}/nope/recall", json={"reason": "Sai"}),
        ]
    assert [a.status_code for a in answers] == [404, 404, 404]


async def test_a_register_that_kept_changing_is_a_409_problem(
    open_client: Open, outgoing: FakeOutgoing
) -> None:
    async with open_client() as client:
        document_id = (await client.post(URL, json=DRAFT)).json()["document_id"]
        outgoing.busy = True
        response = await client.post(f"{URL}/{document_id}/number", json={})
    assert response.status_code == 409


async def test_dispatching_a_draft_and_recalling_without_a_reason_are_422(open_client: Open) -> None:
    async with open_client() as client:
        document_id = (await client.post(URL, json=DRAFT)).json()["document_id"]
        dispatched = await client.post(f"{URL}/{document_id}/dispatch", json={"channel": "PAPER"})
        recalled = await client.post(f"{URL}/{document_id}/recall", json={"reason": ""})
    assert (dispatched.status_code, recalled.status_code) == (422, 422)
    assert dispatched.json()["errors"][0]["type"] == "not_numbered"


async def test_a_document_id_with_a_bidi_override_is_refused(open_client: Open) -> None:
    async with open_client() as client:
        response = await client.get(f"{URL}/out\u202e1")
    assert response.status_code == 422


async def test_the_register_needs_a_body(open_client: Open) -> None:
    async with open_client() as client:
        response = await client.get("/api/v1/communes/16876/outgoing-register")
    assert response.status_code == 422


async def test_a_document_is_read_back_with_every_field_of_its_layout(open_client: Open) -> None:
    async with open_client() as client:
        document_id = (await client.post(URL, json=DRAFT)).json()["document_id"]
        await client.post(f"{URL}/{document_id}/number", json={})
        response = await client.get(f"{URL}/{document_id}")
    assert response.status_code == 200
    found = response.json()
    for field in (
        "body_name", "parent_body_name", "place_name", "issued_on", "document_type_name", "summary",
        "signer_name", "signer_title", "authority", "recipients", "number_symbol", "formatted",
        "confidentiality", "urgency", "family", "history", "state",
    ):  # fmt: skip
        assert field in found
    assert (found["formatted"], found["authority"], found["state"]) == ("Số: 01/QĐ-UBND", "TM.", "NUMBERED")


async def test_a_document_is_rendered_as_docx_by_default_and_as_html_with_its_own_policy(
    open_client: Open, outgoing: FakeOutgoing
) -> None:
    async with open_client() as client:
        drafted = (await client.post(URL, json=DRAFT)).json()
        docx = await client.get(f"{URL}/{drafted['document_id']}/render")
        html = await client.get(f"{URL}/{drafted['document_id']}/render", params={"format": "html"})
    assert docx.status_code == 200
    assert docx.content == DRAFT["summary"].encode()
    assert docx.headers["content-disposition"] == f'attachment; filename="{drafted["document_id"]}.docx"'
    assert html.status_code == 200
    assert html.headers["content-disposition"].startswith("inline;")
    assert html.headers["content-security-policy"] == "default-src 'none'"
    assert outgoing.rendered == [(drafted["document_id"], "docx"), (drafted["document_id"], "html")]


async def test_rendering_an_unknown_format_is_a_422_and_an_unknown_document_a_404(
    open_client: Open, outgoing: FakeOutgoing
) -> None:
    async with open_client() as client:
        drafted = (await client.post(URL, json=DRAFT)).json()
        pdf = await client.get(f"{URL}/{drafted['document_id']}/render", params={"format": "pdf"})
        unknown = await client.get(f"{URL}/nope/render")
    assert pdf.status_code == 422
    assert unknown.status_code == 404
    assert outgoing.rendered == []
