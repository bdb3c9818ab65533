"""The outgoing-documents web page over fake ports: draft, number, dispatch, recall from its forms,
the register's lines, CSRF, and who sees the forms."""

from __future__ import annotations

import httpx
import pytest

from oneoffice.gateway.config import Settings
from oneoffice.gateway.entrypoints.csrf import CsrfTokens
from oneoffice.gateway.entrypoints.session_cookie import SESSION_COOKIE

from .outgoing_fakes import FakeOutgoing, Open, opener, people_with_a_chairman

PAGE = "/communes/16876/van-ban-di"
FORM = {
    "body_code": "UBND",
    "document_type": "QD",
    "summary": "Về việc thành lập Tổ công tác chuyển đổi số",
    "signer_id": "p-chu-tich",
    "authority": "TM.",
    "place_name": "Tương Dương",
    "recipients": "Như Điều 3\nLưu: VT, VP",
    "urgency": "NORMAL",
    "confidentiality": "NONE",
}


@pytest.fixture
def outgoing() -> FakeOutgoing:
    return FakeOutgoing()


@pytest.fixture
def open_client(outgoing: FakeOutgoing) -> Open:
    return opener(outgoing, people_with_a_chairman())


def _csrf(client: httpx.AsyncClient) -> str:
    return CsrfTokens(Settings().jwt_secret.get_secret_value()).for_session(client.cookies[SESSION_COOKIE])


async def test_the_page_is_vietnamese_with_the_draft_form_and_the_staff_as_signers(open_client: Open) -> None:
    async with open_client() as client:
        response = await client.get(PAGE)
    assert response.status_code == 200
    page = response.text
    assert '<html lang="vi">' in page and "Soạn văn bản đi" in page and "Sổ đăng ký văn bản đi" in page
    assert 'value="p-chu-tich"' in page and "Lê Văn Hùng — Chủ tịch UBND" in page
    assert "<style" not in page and "<script" not in page


async def test_a_draft_then_its_number_show_in_the_register(
    open_client: Open, outgoing: FakeOutgoing
) -> None:
    async with open_client() as client:
        drafted = await client.post(PAGE, data={**FORM, "csrf_token": _csrf(client)})
        assert drafted.status_code == 303
        assert outgoing.drafts[0].recipients == ("Như Điều 3", "Lưu: VT, VP")
        assert outgoing.drafts[0].signer_name == "Lê Văn Hùng"
        numbered = await client.post(
            f"{PAGE}/out-1/cap-so", data={"csrf_token": _csrf(client), "body": "UBND"}
        )
        assert numbered.status_code == 303
        page = (await client.get(numbered.headers["location"])).text
    assert "Đã cấp số: Số: 01/QĐ-UBND" in page
    assert '<td class="symbol">01/QĐ-UBND</td>' in page


async def test_dispatch_and_recall_from_the_register_line(open_client: Open, outgoing: FakeOutgoing) -> None:
    async with open_client() as client:
        await client.post(PAGE, data={**FORM, "csrf_token": _csrf(client)})
        await client.post(f"{PAGE}/out-1/cap-so", data={"csrf_token": _csrf(client)})
        sent = await client.post(
            f"{PAGE}/out-1/chuyen", data={"csrf_token": _csrf(client), "channel": "HAND"}
        )
        recalled = await client.post(
            f"{PAGE}/out-1/thu-hoi", data={"csrf_token": _csrf(client), "reason": "Sai"}
        )
    assert (sent.status_code, recalled.status_code) == (303, 303)
    assert outgoing.documents["out-1"].state == "RECALLED"


async def test_a_signer_not_of_the_commune_is_shown_as_an_error_and_nothing_is_drafted(
    open_client: Open, outgoing: FakeOutgoing
) -> None:
    async with open_client() as client:
        response = await client.post(PAGE, data={**FORM, "signer_id": "p-other", "csrf_token": _csrf(client)})
    assert response.status_code == 422
    assert "không phải cán bộ, công chức của xã" in response.text
    assert outgoing.drafts == []


async def test_a_form_without_the_csrf_token_is_refused(open_client: Open, outgoing: FakeOutgoing) -> None:
    async with open_client() as client:
        response = await client.post(PAGE, data=FORM)
    assert response.status_code == 403
    assert outgoing.drafts == []


async def test_a_handler_sees_the_register_without_the_forms(open_client: Open) -> None:
    async with open_client("canbo-16876") as client:
        page = (await client.get(PAGE + "?lang=en")).text
        refused = await client.post(PAGE, data={**FORM, "csrf_token": _csrf(client)})
    assert "Outgoing register" in page and "draft-form" not in page
    assert refused.status_code == 403


async def test_the_home_page_links_to_the_communes_outgoing_documents(open_client: Open) -> None:
    async with open_client() as client:
        home = (await client.get("/")).text
    assert 'href="/communes/16876/van-ban-di" id="outgoing-link"' in home


async def test_each_line_links_its_formal_layout_which_the_page_session_downloads(
    open_client: Open, outgoing: FakeOutgoing
) -> None:
    async with open_client() as client:
        await client.post(PAGE, data={**FORM, "csrf_token": _csrf(client)})
        page = (await client.get(PAGE)).text
        docx = await client.get(f"{PAGE}/out-1/ban-in", params={"format": "docx"})
        html = await client.get(f"{PAGE}/out-1/ban-in", params={"format": "html"})
        missing = await client.get(f"{PAGE}/nope/ban-in")
    assert f'href="{PAGE}/out-1/ban-in?format=docx"' in page
    assert f'href="{PAGE}/out-1/ban-in?format=html"' in page
    assert docx.status_code == 200 and docx.headers["content-disposition"].startswith("attachment;")
    assert html.status_code == 200 and html.headers["content-security-policy"] == "default-src 'none'"
    assert missing.status_code == 404
    assert outgoing.rendered == [("out-1", "docx"), ("out-1", "html")]
