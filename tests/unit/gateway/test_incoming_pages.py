"""The incoming-documents web page: form, notices after registering, errors next to fields, register."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import httpx

from oneoffice.gateway.application.errors import FieldViolation, InvalidRequest, Unavailable
from oneoffice.gateway.application.ports import RegisterRow

from .conftest import with_csrf
from .fakes import FakeDocuments, FakeReporting

PAGE = "/communes/16876/van-ban-den"
FORM = {
    "body_code": "UBND",
    "issuer": "UBND tỉnh Nghệ An",
    "number_symbol": "125/QĐ-UBND",
    "document_date": "2026-03-02",
    "document_type": "QD",
    "summary": "Về việc kiện toàn tổ chức bộ máy văn phòng xã",
    "urgency": "NORMAL",
    "received_date": "2026-03-05",
    "idempotency_key": "form-key-1",
}


def _hidden_key(page: str) -> str:
    match = re.search(r'name="idempotency_key" value="([^"]*)"', page)
    assert match, "the form carries an idempotency key"
    return match.group(1)


async def test_the_page_is_vietnamese_with_the_form_and_todays_date(client: httpx.AsyncClient) -> None:
    response = await client.get(PAGE)

    assert response.status_code == 200
    page = response.text
    assert '<html lang="vi">' in page
    for label in (
        "Đăng ký văn bản đến",
        "Tác giả (cơ quan ban hành)",
        "Số, ký hiệu",
        "Trích yếu nội dung",
        "Ngày đến",
    ):
        assert label in page
    assert '<option value="DANG_UY" >Đảng ủy</option>' in page
    assert '<option value="UBND" selected>Ủy ban nhân dân</option>' in page
    assert '<option value="QD" >Quyết định</option>' in page
    assert '<option value="HOA_TOC" >Hỏa tốc</option>' in page
    assert 'name="received_date" value="2026-03-10"' in page
    assert len(_hidden_key(page)) == 36


async def test_each_rendering_has_its_own_idempotency_key(client: httpx.AsyncClient) -> None:
    first, second = (await client.get(PAGE)).text, (await client.get(PAGE)).text

    assert _hidden_key(first) != _hidden_key(second)


async def test_the_page_is_english_with_lang_en(client: httpx.AsyncClient) -> None:
    page = (await client.get(PAGE, params={"lang": "en"})).text

    assert '<html lang="en">' in page
    assert "Register an incoming document" in page and "People&#39;s Committee" in page
    assert f'action="{PAGE}?lang=en"' in page


async def test_posting_the_form_registers_and_redirects_with_the_incoming_number(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    response = await client.post(PAGE, data=with_csrf(client, FORM))

    assert response.status_code == 303
    location = urlsplit(response.headers["location"])
    assert location.path == PAGE
    assert parse_qs(location.query) == {
        "body": ["UBND"],
        "year": ["2026"],
        "registered": ["doc-1"],
        "number": ["1"],
    }
    assert documents.calls[0].idempotency_key == "form-key-1"
    assert documents.calls[0].draft.summary == FORM["summary"]


async def test_after_the_redirect_the_page_shows_the_incoming_number(client: httpx.AsyncClient) -> None:
    redirect = await client.post(PAGE, data=with_csrf(client, FORM))

    page = (await client.get(redirect.headers["location"])).text

    assert 'id="notice-success"' in page and 'data-incoming-number="1"' in page
    assert "Đã đăng ký văn bản đến: số đến 1, sổ Ủy ban nhân dân năm 2026." in page
    assert "notice-warning" not in page


async def test_a_double_submit_of_one_form_registers_once(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    first = await client.post(PAGE, data=with_csrf(client, FORM))
    second = await client.post(PAGE, data=with_csrf(client, FORM))

    assert first.headers["location"] == second.headers["location"]
    assert len(documents.documents) == 1


async def test_a_duplicate_is_registered_with_a_warning_naming_the_first_number(
    client: httpx.AsyncClient,
) -> None:
    await client.post(PAGE, data=with_csrf(client, FORM))
    redirect = await client.post(PAGE, data=with_csrf(client, {**FORM, "idempotency_key": "form-key-2"}))

    assert "duplicate_of=doc-1" in redirect.headers["location"]
    page = (await client.get(redirect.headers["location"])).text
    assert "số đến 2" in page
    assert 'id="notice-warning"' in page
    assert "đã được đăng ký trước đó (số đến 1)" in page


async def test_refused_input_shows_vietnamese_messages_next_to_the_fields_keeping_the_input(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    documents.fail_with.append(
        InvalidRequest(
            "documents",
            "…",
            "…",
            [
                FieldViolation(
                    "issuer", "empty_issuer", "Chưa nhập tác giả (cơ quan ban hành văn bản).", "No issuer."
                ),
                FieldViolation(
                    "received_date",
                    "received_before_document_date",
                    "Ngày đến không được trước ngày tháng của văn bản.",
                    "Before.",
                ),
            ],
        )
    )

    response = await client.post(PAGE, data=with_csrf(client, {**FORM, "issuer": ""}))

    assert response.status_code == 422
    page = response.text
    assert (
        '<p class="field-error" id="error-issuer">Chưa nhập tác giả (cơ quan ban hành văn bản).</p>' in page
    )
    assert 'id="error-received_date">Ngày đến không được trước ngày tháng của văn bản.' in page
    assert 'id="issuer" name="issuer" value="" maxlength="200" aria-invalid="true"' in page
    assert "Chưa đăng ký được văn bản: hãy sửa các lỗi được đánh dấu." in page
    assert FORM["summary"] in page and _hidden_key(page) == "form-key-1"


async def test_refused_input_is_shown_in_english_on_the_english_page(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    documents.fail_with.append(
        InvalidRequest(
            "documents",
            "…",
            "…",
            [FieldViolation("summary", "empty_summary", "Chưa nhập trích yếu.", "No summary.")],
        )
    )

    page = (await client.post(PAGE, params={"lang": "en"}, data=with_csrf(client, FORM))).text

    assert 'id="error-summary">No summary.</p>' in page
    assert "The document was not registered" in page


async def test_a_service_not_answering_keeps_the_form_with_a_general_message(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    documents.fail_with.append(
        Unavailable("documents", "Dịch vụ văn bản không phản hồi; hãy thử lại sau.", "Down.")
    )

    response = await client.post(PAGE, data=with_csrf(client, FORM))

    assert response.status_code == 503
    assert "Dịch vụ văn bản không phản hồi; hãy thử lại sau." in response.text
    assert FORM["issuer"] in response.text


async def test_the_register_table_has_the_columns_of_the_paper_register(
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
            "Về việc kiện toàn",
            "HOA_TOC",
            None,
        )
    ]

    page = (await client.get(PAGE, params={"body": "UBND", "year": 2026})).text

    headers = re.findall(r"<th>([^<]+)</th>", page)
    assert headers == [
        "Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu", "Ngày tháng văn bản",
        "Tên loại và trích yếu nội dung", "Đơn vị hoặc người nhận", "Ngày chuyển", "Ký nhận", "Ghi chú",
    ]  # fmt: skip
    assert "<td>05/03/2026</td>" in page and "<strong>Quyết định</strong>: Về việc kiện toàn" in page
    assert "<td>Hỏa tốc</td>" in page
    assert (reporting.calls[0].body_code, reporting.calls[0].year) == ("UBND", 2026)


async def test_a_passed_on_line_shows_recipient_date_signature_and_a_late_flag(
    client: httpx.AsyncClient, reporting: FakeReporting
) -> None:
    reporting.rows = [
        RegisterRow(
            "doc-1", date(2026, 3, 5), 1, "UBND tỉnh Nghệ An", "125/QĐ-UBND", date(2026, 3, 2), "QD",
            "Về việc kiện toàn", "NORMAL", "VP", recipient_kind="body", passed_on=date(2026, 3, 9),
            passing_on_deadline=date(2026, 3, 6), passed_on_late=True, passed_on_by="vanthu-16876",
        )
    ]  # fmt: skip

    page = (await client.get(PAGE, params={"body": "UBND", "year": 2026})).text

    assert (
        '<td>VP</td><td class="late">09/03/2026</td><td>vanthu-16876</td>'
        "<td>Chuyển muộn (hạn chuyển 06/03/2026)</td>"
    ) in page


async def test_the_register_of_another_body_and_year_is_chosen_by_query(
    client: httpx.AsyncClient, reporting: FakeReporting
) -> None:
    page = (await client.get(PAGE, params={"body": "DANG_UY", "year": 2025})).text

    assert (reporting.calls[0].body_code, reporting.calls[0].year) == ("DANG_UY", 2025)
    assert "Đảng ủy — năm 2025" in page
    assert "Chưa có văn bản nào trong sổ này." in page


async def test_a_next_page_link_carries_the_token(
    client: httpx.AsyncClient, reporting: FakeReporting
) -> None:
    reporting.rows = [
        RegisterRow("d", date(2026, 3, 5), 1, "X", "1/TB", date(2026, 3, 2), "TB", "S", "NORMAL", None)
    ]
    reporting.next_page_token = "abc"

    page = (await client.get(PAGE)).text

    assert f'href="{PAGE}?body=UBND&amp;year=2026&amp;page_token=abc" id="register-next"' in page


async def test_the_form_still_works_when_the_register_cannot_be_loaded(
    client: httpx.AsyncClient, reporting: FakeReporting
) -> None:
    reporting.fail_with = Unavailable(
        "reporting", "Dịch vụ báo cáo không phản hồi; hãy thử lại sau.", "Down."
    )

    response = await client.get(PAGE)

    assert response.status_code == 200
    assert "Chưa tải được sổ đăng ký: Dịch vụ báo cáo không phản hồi; hãy thử lại sau." in response.text
    assert 'id="register-form"' in response.text


async def test_a_json_post_to_the_page_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post(PAGE, json=FORM)

    assert response.status_code == 415


async def test_the_home_page_links_a_signed_in_clerk_to_the_incoming_documents_of_their_commune(
    client: httpx.AsyncClient,
) -> None:
    page = (await client.get("/")).text

    assert (
        f'<a href="{PAGE}" id="incoming-link" data-commune="16876">Văn bản đến — đăng ký và sổ đăng ký</a>'
        in page
    )
