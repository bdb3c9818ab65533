"""Logging in and out of the web pages: the login form, the session cookie, ``next``, CSRF."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest

from oneoffice.gateway.entrypoints.csrf import LOGIN_NONCE_COOKIE
from oneoffice.gateway.entrypoints.session_cookie import SESSION_COOKIE

from .conftest import CLERK, ClientFor, csrf_of
from .fakes import FakeStaff

PAGE = "/communes/16876/van-ban-den"


@pytest.fixture
async def anonymous(client_for: ClientFor) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(as_user=None) as opened:
        yield opened


def hidden(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, f"the form carries {name}"
    return match.group(1)


async def login_form(client: httpx.AsyncClient, **params: str) -> dict[str, str]:
    """The fields the login page's form posts, as a browser would (its nonce cookie now in the jar)."""
    page = (await client.get("/dang-nhap", params=params)).text
    return {"csrf_token": hidden(page, "csrf_token"), "next": hidden(page, "next")}


def set_cookies(response: httpx.Response) -> dict[str, str]:
    """Each Set-Cookie header by cookie name."""
    return {header.split("=", 1)[0]: header for header in response.headers.get_list("set-cookie")}


class RecordingAttempts:
    """A LoginAttempts that refuses while ``wait`` is set and records the failures it is told of."""

    def __init__(self, wait: int | None = None) -> None:
        self.wait = wait
        self.failures: list[tuple[str, str]] = []

    async def begin(self, username: str, client: str) -> int | None:
        return self.wait

    async def end(self, username: str, client: str, *, failed: bool) -> None:
        if failed:
            self.failures.append((username, client))


async def test_the_login_page_is_vietnamese_with_a_form_carrying_a_csrf_token_and_next(
    anonymous: httpx.AsyncClient,
) -> None:
    response = await anonymous.get("/dang-nhap", params={"next": PAGE})

    assert response.status_code == 200
    page = response.text
    assert '<html lang="vi">' in page
    assert "Tên đăng nhập" in page and "Mật khẩu" in page
    assert hidden(page, "next") == PAGE
    assert len(hidden(page, "csrf_token")) == 64
    nonce_cookie = set_cookies(response)[LOGIN_NONCE_COOKIE]
    assert "HttpOnly" in nonce_cookie and "SameSite=strict" in nonce_cookie and "Secure" in nonce_cookie


async def test_the_login_page_is_english_with_lang_en(anonymous: httpx.AsyncClient) -> None:
    page = (await anonymous.get("/dang-nhap", params={"lang": "en"})).text

    assert '<html lang="en">' in page
    assert "Username" in page and "Password" in page
    assert 'action="/dang-nhap?lang=en"' in page


async def test_logging_in_sets_a_secure_httponly_strict_session_cookie_and_goes_back_to_next(
    anonymous: httpx.AsyncClient,
) -> None:
    form = await login_form(anonymous, next=f"{PAGE}?body=HDND")

    response = await anonymous.post("/dang-nhap", data={**form, "username": CLERK, "password": "demo"})

    assert response.status_code == 303
    assert response.headers["location"] == f"{PAGE}?body=HDND"
    cookie = set_cookies(response)[SESSION_COOKIE]
    for flag in ("HttpOnly", "SameSite=strict", "Secure", "Path=/", "Max-Age=3600"):
        assert flag in cookie
    # The cookie opens the pages.
    assert (await anonymous.get(PAGE)).status_code == 200


async def test_the_session_cookie_is_not_secure_when_settings_say_so(
    client_for: ClientFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ONEOFFICE_GATEWAY_COOKIE_SECURE", "false")
    async with client_for(as_user=None) as client:
        form = await login_form(client)
        response = await client.post("/dang-nhap", data={**form, "username": CLERK, "password": "demo"})

    assert "Secure" not in set_cookies(response)[SESSION_COOKIE]


async def test_a_wrong_password_shows_the_form_again_with_the_username_and_no_cookie(
    anonymous: httpx.AsyncClient,
) -> None:
    form = await login_form(anonymous, next=PAGE)

    response = await anonymous.post("/dang-nhap", data={**form, "username": CLERK, "password": "wrong"})

    assert response.status_code == 401
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.text
    assert f'name="username" value="{CLERK}"' in response.text
    assert hidden(response.text, "next") == PAGE
    assert SESSION_COOKIE not in set_cookies(response)
    assert (await anonymous.get(PAGE)).status_code == 303


async def test_a_disabled_account_cannot_log_in(anonymous: httpx.AsyncClient, staff: FakeStaff) -> None:
    staff.disable(CLERK)
    form = await login_form(anonymous)

    response = await anonymous.post("/dang-nhap", data={**form, "username": CLERK, "password": "demo"})

    assert response.status_code == 401
    assert SESSION_COOKIE not in set_cookies(response)


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "evil.example",
    ],
)
async def test_next_pointing_off_the_site_goes_home_instead(
    anonymous: httpx.AsyncClient, target: str
) -> None:
    form = await login_form(anonymous)

    response = await anonymous.post(
        "/dang-nhap", data={**form, "next": target, "username": CLERK, "password": "demo"}
    )

    assert response.status_code == 303
    assert response.headers["location"] == "/"


@pytest.mark.parametrize("token", ["", "0" * 64, "giả-mạo"])
async def test_a_login_post_without_the_forms_csrf_token_is_refused(
    anonymous: httpx.AsyncClient, token: str
) -> None:
    await login_form(anonymous)

    response = await anonymous.post(
        "/dang-nhap", data={"csrf_token": token, "username": CLERK, "password": "demo"}
    )

    assert response.status_code == 403
    assert "Biểu mẫu không hợp lệ hoặc đã hết hạn" in response.text
    assert SESSION_COOKIE not in set_cookies(response)


async def test_a_login_post_without_the_nonce_cookie_is_refused(anonymous: httpx.AsyncClient) -> None:
    form = await login_form(anonymous)
    anonymous.cookies.clear()

    response = await anonymous.post("/dang-nhap", data={**form, "username": CLERK, "password": "demo"})

    assert response.status_code == 403
    assert SESSION_COOKIE not in set_cookies(response)


async def test_the_login_form_asks_the_attempt_limit_first_and_reports_each_failure(
    client_for: ClientFor,
) -> None:
    attempts = RecordingAttempts()
    async with client_for(as_user=None, login_attempts=attempts) as client:
        form = await login_form(client)
        await client.post("/dang-nhap", data={**form, "username": CLERK, "password": "wrong"})
        attempts.wait = 30
        refused = await client.post("/dang-nhap", data={**form, "username": CLERK, "password": "demo"})

    assert attempts.failures == [(CLERK, "127.0.0.1")]
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "30"
    assert "hãy thử lại sau 30 giây" in refused.text
    assert SESSION_COOKIE not in set_cookies(refused)


async def test_guesses_through_the_form_and_through_the_token_route_share_one_limit(
    anonymous: httpx.AsyncClient,
) -> None:
    form = await login_form(anonymous)
    for _ in range(3):
        await anonymous.post("/dang-nhap", data={**form, "username": CLERK, "password": "wrong"})
    for _ in range(2):
        await anonymous.post("/api/v1/auth/token", data={"username": CLERK, "password": "wrong"})

    by_form = await anonymous.post("/dang-nhap", data={**form, "username": CLERK, "password": "demo"})
    by_api = await anonymous.post("/api/v1/auth/token", data={"username": CLERK, "password": "demo"})

    # Five failures per username a minute (the default), however they came: the right password waits.
    assert (by_form.status_code, by_api.status_code) == (429, 429)
    assert int(by_form.headers["retry-after"]) > 0 and int(by_api.headers["retry-after"]) > 0
    assert SESSION_COOKIE not in set_cookies(by_form)


async def test_logging_out_clears_the_session_cookie_and_shows_the_login_form(
    anonymous: httpx.AsyncClient,
) -> None:
    form = await login_form(anonymous)
    await anonymous.post("/dang-nhap", data={**form, "username": CLERK, "password": "demo"})
    assert (await anonymous.get(PAGE)).status_code == 200

    response = await anonymous.post("/dang-xuat", data={"csrf_token": csrf_of(anonymous)})

    assert response.status_code == 303
    assert response.headers["location"] == "/dang-nhap"
    cookie = set_cookies(response)[SESSION_COOKIE]
    assert 'oneoffice_session=""' in cookie and "Max-Age=0" in cookie
    assert (await anonymous.get(PAGE)).status_code == 303


async def test_a_logout_post_without_the_csrf_token_is_refused_and_keeps_the_session(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post("/dang-xuat", data={"csrf_token": "forged"})

    assert response.status_code == 403
    assert SESSION_COOKIE not in set_cookies(response)
    assert (await client.get(PAGE)).status_code == 200
