"""Control characters and bidirectional overrides are refused at the gateway, before any service."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from .conftest import with_csrf
from .fakes import FakeDocuments, FakeReporting

URL = "/api/v1/communes/16876/incoming-documents"
PAGE = "/communes/16876/van-ban-den"
BODY: dict[str, Any] = {
    "body_code": "UBND",
    "issuer": "UBND tỉnh Nghệ An",
    "number_symbol": "125/QĐ-UBND",
    "document_date": "2026-03-02",
    "document_type": "QD",
    "summary": "Về việc kiện toàn tổ chức bộ máy văn phòng xã",
    "urgency": "NORMAL",
    "received_date": "2026-03-05",
}
FORM = {**BODY, "idempotency_key": "form-key-1"}
NUL, RLO = "\x00", "\u202e"


@pytest.mark.parametrize(
    ("bad", "kind_vi"),
    [(NUL, "ký tự điều khiển U+0000"), (RLO, "hướng chữ U+202E")],
    ids=["NUL", "RLO"],
)
async def test_the_api_refuses_a_forbidden_character_with_a_422_problem_naming_the_field(
    client: httpx.AsyncClient, documents: FakeDocuments, bad: str, kind_vi: str
) -> None:
    response = await client.post(URL, json={**BODY, "issuer": f"UBND{bad} tỉnh"})

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert (problem["type"], problem["title"]) == ("urn:oneoffice:problem:validation", "Dữ liệu không hợp lệ")
    [error] = problem["errors"]
    assert (error["loc"], error["type"]) == (["body", "issuer"], "forbidden_character")
    assert error["msg"].startswith("Trường «issuer» chứa ký tự không được phép")
    assert kind_vi in error["msg"] and "ở vị trí 5" in error["msg"]
    assert documents.calls == []


async def test_the_api_message_is_english_on_request(client: httpx.AsyncClient) -> None:
    response = await client.post(URL, json={**BODY, "summary": f"a{RLO}b"}, headers={"Accept-Language": "en"})

    [error] = response.json()["errors"]
    assert error["msg"] == (
        "Field 'summary' contains a character that is not allowed (a bidirectional control, U+202E, "
        "at position 2). Remove it and send again."
    )


async def test_the_api_names_every_field_holding_one(client: httpx.AsyncClient) -> None:
    response = await client.post(
        URL, json={**BODY, "issuer": NUL, "number_symbol": "1\x1f", "summary": "\x7f"}
    )

    assert [e["loc"] for e in response.json()["errors"]] == [
        ["body", "issuer"],
        ["body", "number_symbol"],
        ["body", "summary"],
    ]


async def test_the_api_accepts_tab_newline_and_crlf_in_a_summary(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    summary = "Về việc:\tdòng một\r\ndòng hai\ndòng ba"

    response = await client.post(URL, json={**BODY, "summary": summary})

    assert response.status_code == 201
    assert documents.calls[0].draft.summary == summary


async def test_a_query_parameter_with_a_nul_is_refused(
    client: httpx.AsyncClient, reporting: FakeReporting
) -> None:
    response = await client.get("/api/v1/communes/16876/incoming-register", params={"body": f"UBND{NUL}"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "body"]
    assert reporting.calls == []


async def test_a_document_id_with_a_bidi_override_is_refused(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    response = await client.get(f"{URL}/doc{RLO}1")

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["path", "document_id"]
    assert documents.gets == []


@pytest.mark.parametrize("bad", [NUL, RLO], ids=["NUL", "RLO"])
async def test_the_form_shows_the_refusal_beside_the_field_keeping_what_was_typed(
    client: httpx.AsyncClient, documents: FakeDocuments, bad: str
) -> None:
    response = await client.post(PAGE, data=with_csrf(client, {**FORM, "issuer": f"UBND{bad} tỉnh"}))

    assert response.status_code == 422
    page = response.text
    assert '<p class="field-error" id="error-issuer">Nội dung chứa ký tự không được phép' in page
    assert f'name="issuer" value="UBND{bad} tỉnh"' in page
    assert 'aria-invalid="true"' in page
    assert "Chưa đăng ký được văn bản: hãy sửa các lỗi được đánh dấu." in page
    assert FORM["summary"] in page and 'name="idempotency_key" value="form-key-1"' in page
    assert documents.calls == []


async def test_the_form_refusal_is_english_on_the_english_page(client: httpx.AsyncClient) -> None:
    page = (
        await client.post(PAGE, params={"lang": "en"}, data=with_csrf(client, {**FORM, "summary": f"x{NUL}"}))
    ).text

    assert 'id="error-summary">The text contains a character that is not allowed (a control character' in page


async def test_the_form_accepts_a_multi_line_summary_as_browsers_send_it(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    response = await client.post(PAGE, data=with_csrf(client, {**FORM, "summary": "dòng một\r\ndòng hai"}))

    assert response.status_code == 303
    assert documents.calls[0].draft.summary == "dòng một\r\ndòng hai"
