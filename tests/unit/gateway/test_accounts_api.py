"""Administrators manage accounts through the API; every change names the admin who made it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from .conftest import ClientFor
from .fakes import FakeStaff

NEW = {
    "username": "lanhdao-16876",
    "display_name": "Trần Văn Nam",
    "roles": ["leader"],
    "scope": ["16876"],
    "password": "tam-thoi",
}


@pytest.fixture
async def admin(client_for: ClientFor, staff: FakeStaff) -> AsyncIterator[httpx.AsyncClient]:
    staff.add("quantri", roles=("admin",), scope=())
    async with client_for(as_user="quantri") as client:
        yield client


async def test_an_admin_opens_an_account_recorded_in_their_name(
    admin: httpx.AsyncClient, staff: FakeStaff
) -> None:
    response = await admin.post("/api/v1/accounts", json=NEW)

    assert response.status_code == 201, response.text
    assert response.headers["location"] == "/api/v1/accounts/lanhdao-16876"
    assert response.json() == {
        "username": "lanhdao-16876",
        "display_name": "Trần Văn Nam",
        "roles": ["leader"],
        "scope": ["16876"],
        "disabled": False,
    }
    assert "password" not in response.text and "tam-thoi" not in response.text
    assert staff.commands == [("create", "lanhdao-16876", "quantri")]


async def test_a_taken_username_is_a_409_problem(admin: httpx.AsyncClient) -> None:
    await admin.post("/api/v1/accounts", json=NEW)
    again = await admin.post("/api/v1/accounts", json=NEW)

    assert again.status_code == 409
    assert again.headers["content-type"] == "application/problem+json"


async def test_an_unknown_account_is_a_404_problem(admin: httpx.AsyncClient) -> None:
    response = await admin.get("/api/v1/accounts/khong-co")

    assert response.status_code == 404
    assert "khong-co" in response.json()["detail"]


async def test_a_disabled_account_is_refused_at_once(
    admin: httpx.AsyncClient, client_for: ClientFor, staff: FakeStaff
) -> None:
    async with client_for(as_user="vanthu-16876") as clerk:
        assert (await clerk.get("/api/v1/auth/me")).status_code == 200

        disabled = await admin.post("/api/v1/accounts/vanthu-16876/disable")

        assert disabled.status_code == 200 and disabled.json()["disabled"] is True
        assert (await clerk.get("/api/v1/auth/me")).status_code == 401


async def test_new_access_takes_effect_on_the_next_request(
    admin: httpx.AsyncClient, client_for: ClientFor
) -> None:
    async with client_for(as_user="vanthu-16876") as clerk:
        url = "/api/v1/communes/16882/incoming-register?body=UBND"
        assert (await clerk.get(url)).status_code == 403

        changed = await admin.put(
            "/api/v1/accounts/vanthu-16876/access", json={"roles": ["clerk"], "scope": ["16876", "16882"]}
        )

        assert changed.json()["scope"] == ["16876", "16882"]
        assert (await clerk.get(url)).status_code == 200


async def test_a_user_changes_their_own_password_given_the_current_one(
    client: httpx.AsyncClient, staff: FakeStaff
) -> None:
    wrong = await client.post(
        "/api/v1/auth/password", json={"current_password": "nope", "new_password": "moi-moi"}
    )
    right = await client.post(
        "/api/v1/auth/password", json={"current_password": "demo", "new_password": "moi-moi"}
    )

    assert wrong.status_code == 422
    assert wrong.json()["detail"] == "Mật khẩu hiện tại không đúng."
    assert right.status_code == 200
    assert staff.accounts["vanthu-16876"][1] == "moi-moi"
    assert staff.commands == [("password", "vanthu-16876", "vanthu-16876")]
