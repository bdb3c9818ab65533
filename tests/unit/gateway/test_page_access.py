"""Who may open the web pages: the session cookie, the role and the commune, and the forms' CSRF token."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from oneoffice.contracts.access import Permission
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings
from oneoffice.gateway.entrypoints.access import declared_rules
from oneoffice.gateway.entrypoints.session_cookie import SESSION_COOKIE

from .conftest import CLERK, ClientFor, csrf_of, with_csrf
from .fakes import FakeDocuments, FakeStaff

PAGE = "/communes/16876/van-ban-den"
PAGE_PATH = "/communes/{commune_id}/van-ban-den"
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


async def test_a_page_sends_a_visitor_who_is_not_signed_in_to_the_login_form_with_next(
    client_for: ClientFor, documents: FakeDocuments
) -> None:
    async with client_for(as_user=None) as client:
        response = await client.get(PAGE, params={"body": "HDND", "lang": "en"})

    assert response.status_code == 303
    location = urlsplit(response.headers["location"])
    assert location.path == "/dang-nhap"
    assert parse_qs(location.query) == {"next": [f"{PAGE}?body=HDND&lang=en"], "lang": ["en"]}
    assert documents.reference_data_calls == []  # no service is asked for a visitor


async def test_a_bearer_token_does_not_open_the_pages(client_for: ClientFor, staff: FakeStaff) -> None:
    async with client_for(as_user=None) as client:
        signed_in = await client.post("/api/v1/auth/token", data={"username": CLERK, "password": "demo"})
        token = signed_in.json()["access_token"]
        response = await client.get(PAGE, headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 303


async def test_the_api_does_not_accept_the_session_cookie(client_for: ClientFor) -> None:
    async with client_for(as_user=None) as client:
        signed_in = await client.post("/api/v1/auth/token", data={"username": CLERK, "password": "demo"})
        client.cookies.set(SESSION_COOKIE, signed_in.json()["access_token"])
        page = await client.get(PAGE)
        api = await client.get("/api/v1/auth/me")

    assert page.status_code == 200  # the same token opens the pages as a cookie
    assert api.status_code == 401


async def test_the_cookie_of_a_disabled_account_sends_back_to_the_login_form(
    client: httpx.AsyncClient, staff: FakeStaff
) -> None:
    staff.disable(CLERK)

    response = await client.get(PAGE)

    assert response.status_code == 303
    assert response.headers["location"].startswith("/dang-nhap?next=")
    assert 'oneoffice_session=""' in response.headers["set-cookie"]


async def test_an_expired_or_forged_cookie_sends_back_to_the_login_form(client_for: ClientFor) -> None:
    async with client_for(as_user=None) as client:
        client.cookies.set(SESSION_COOKIE, "not-a-token")
        response = await client.get(PAGE)

    assert response.status_code == 303


async def test_a_clerk_of_another_commune_sees_a_403_page_saying_why(
    client_for: ClientFor, staff: FakeStaff
) -> None:
    staff.add("vanthu-16882", scope=("16882",))
    async with client_for(as_user="vanthu-16882") as client:
        vietnamese = await client.get(PAGE)
        english = await client.get(PAGE, params={"lang": "en"})

    assert vietnamese.status_code == english.status_code == 403
    assert vietnamese.headers["content-type"].startswith("text/html")
    assert "Không có quyền truy cập" in vietnamese.text
    assert "Tài khoản của bạn không được truy cập đơn vị hành chính 16876." in vietnamese.text
    assert 'id="signed-in-user" data-username="vanthu-16882"' in vietnamese.text
    assert '<html lang="en">' in english.text
    assert "Your account does not reach administrative unit 16876." in english.text


async def test_a_clerk_of_another_commune_cannot_post_the_form(
    client_for: ClientFor, staff: FakeStaff, documents: FakeDocuments
) -> None:
    staff.add("vanthu-16882", scope=("16882",))
    async with client_for(as_user="vanthu-16882") as client:
        response = await client.post(PAGE, data=with_csrf(client, FORM))

    assert response.status_code == 403
    assert documents.calls == []


async def test_a_handler_reads_the_register_without_the_form_and_cannot_post_it(
    client_for: ClientFor, staff: FakeStaff, documents: FakeDocuments
) -> None:
    staff.add("canbo-16876", roles=("handler",), scope=("16876",))
    async with client_for(as_user="canbo-16876") as client:
        page = await client.get(PAGE)
        posted = await client.post(PAGE, data=with_csrf(client, FORM))

    assert page.status_code == 200
    assert 'id="register-form"' not in page.text and 'id="register-selector"' in page.text
    assert posted.status_code == 403
    assert "Vai trò của bạn không cho phép thao tác này." in posted.text
    assert documents.calls == []


@pytest.mark.parametrize("token", [None, "", "0" * 64, "giả-mạo"])
async def test_a_registration_without_the_sessions_csrf_token_is_refused_and_nothing_registered(
    client: httpx.AsyncClient, documents: FakeDocuments, token: str | None
) -> None:
    form = FORM if token is None else {**FORM, "csrf_token": token}

    response = await client.post(PAGE, data=form)

    assert response.status_code == 403
    assert "Biểu mẫu không hợp lệ hoặc đã hết hạn" in response.text
    assert documents.calls == []


async def test_the_csrf_token_of_another_session_is_refused(
    client_for: ClientFor, staff: FakeStaff, documents: FakeDocuments
) -> None:
    staff.add("totruong-16876", roles=("team_lead",), scope=("16876",))
    async with client_for(as_user="totruong-16876") as other:
        token_of_other = csrf_of(other)
    async with client_for() as client:
        response = await client.post(PAGE, data={**FORM, "csrf_token": token_of_other})

    assert response.status_code == 403
    assert documents.calls == []


async def test_the_form_registers_as_the_signed_in_user(
    client: httpx.AsyncClient, documents: FakeDocuments
) -> None:
    await client.post(PAGE, data=with_csrf(client, FORM))

    context = documents.calls[0].context
    assert context.actor == CLERK
    assert context.identity is not None and context.identity.scope == ("16876",)


async def test_every_page_shows_who_is_signed_in_and_a_logout_form_with_the_csrf_token(
    client: httpx.AsyncClient,
) -> None:
    for page in ((await client.get(PAGE)).text, (await client.get("/")).text):
        assert f'id="signed-in-user" data-username="{CLERK}"' in page
        assert f"<strong>User {CLERK}</strong>" in page
        assert 'action="/dang-xuat"' in page
        assert f'name="csrf_token" value="{csrf_of(client)}"' in page


async def test_the_home_page_offers_to_log_in_when_nobody_is(client_for: ClientFor) -> None:
    async with client_for(as_user=None) as client:
        page = (await client.get("/")).text

    assert '<a href="/dang-nhap" id="login-link">Đăng nhập</a>' in page
    assert "incoming-link" not in page and "dang-xuat" not in page


async def test_the_home_page_links_a_district_viewer_to_each_commune_of_their_scope(
    client_for: ClientFor, staff: FakeStaff
) -> None:
    staff.add("huyen-tuongduong", roles=("district_viewer",), scope=("16876", "16882", "16885"))
    async with client_for(as_user="huyen-tuongduong") as client:
        page = (await client.get("/", params={"lang": "en"})).text

    for code in ("16876", "16882", "16885"):
        assert f'href="/communes/{code}/van-ban-den?lang=en"' in page
        assert f"Incoming documents — commune (code {code})" in page


async def test_the_home_page_links_an_auditor_to_the_default_commune(
    client_for: ClientFor, staff: FakeStaff
) -> None:
    staff.add("kiemtoan", roles=("auditor",), scope=())
    async with client_for(as_user="kiemtoan") as client:
        page = (await client.get("/")).text

    assert f'<a href="{PAGE}" id="incoming-link" data-commune="16876">' in page


def test_every_page_declares_its_rule_as_the_api_routes_do() -> None:
    rules = declared_rules(create_app(Settings()))

    assert rules[(PAGE_PATH, "get")].permission == Permission.INCOMING_READ
    assert rules[(PAGE_PATH, "post")].permission == Permission.INCOMING_REGISTER
    assert rules[(PAGE_PATH, "post")].commune_param == "commune_id"
    assert rules[("/dang-nhap", "get")].public and rules[("/dang-nhap", "post")].public
    assert rules[("/dang-xuat", "post")].public and rules[("/", "get")].public
