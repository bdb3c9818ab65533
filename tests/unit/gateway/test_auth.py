"""The token route (OAuth2 password flow) and the ``current_account`` dependency behind /auth/me:
every token that must not pass is refused with 401 problem+json and ``WWW-Authenticate: Bearer``."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest

from oneoffice.gateway.config import EMBEDDED_JWT_SECRET, Settings

from .conftest import ClientFor
from .fakes import FakeStaff

SECRET = EMBEDDED_JWT_SECRET


def claims(**changes: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    base = {
        "sub": "vanthu-16876",
        "roles": ["clerk"],
        "scope": ["16876"],
        "iat": now,
        "nbf": now,
        "exp": now + timedelta(hours=1),
    }
    return {key: value for key, value in {**base, **changes}.items() if value is not None}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def token_for(client: httpx.AsyncClient, username: str, password: str) -> httpx.Response:
    return await client.post("/api/v1/auth/token", data={"username": username, "password": password})


def assert_refused(response: httpx.Response) -> None:
    assert response.status_code == 401, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["status"] == 401


@pytest.fixture
async def client(client_for: ClientFor) -> AsyncIterator[httpx.AsyncClient]:
    """No token unless a test sends one."""
    async with client_for(as_user=None) as opened:
        yield opened


async def test_the_right_password_gets_a_bearer_token_with_the_accounts_claims(
    client: httpx.AsyncClient,
) -> None:
    response = await token_for(client, "vanthu-16876", "demo")

    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["token_type"], body["expires_in"]) == ("bearer", 3600)
    decoded = jwt.decode(body["access_token"], SECRET, algorithms=["HS256"])
    assert (decoded["sub"], decoded["roles"], decoded["scope"]) == ("vanthu-16876", ["clerk"], ["16876"])
    assert decoded["exp"] - decoded["iat"] == 3600 and decoded["nbf"] == decoded["iat"]


async def test_the_token_reads_back_the_current_account(client: httpx.AsyncClient) -> None:
    token = (await token_for(client, "vanthu-16876", "demo")).json()["access_token"]

    me = await client.get("/api/v1/auth/me", headers=bearer(token))

    assert me.status_code == 200, me.text
    assert me.json() == {
        "username": "vanthu-16876",
        "display_name": "User vanthu-16876",
        "roles": ["clerk"],
        "scope": ["16876"],
        "disabled": False,
    }


@pytest.mark.parametrize(("username", "password"), [("vanthu-16876", "wrong"), ("nobody", "demo"), ("", "")])
async def test_wrong_credentials_get_401_problem_json_in_vietnamese(
    client: httpx.AsyncClient, username: str, password: str
) -> None:
    response = await token_for(client, username, password)

    assert_refused(response)
    assert response.json()["detail"] == "Sai tên đăng nhập hoặc mật khẩu."


async def test_the_refusal_speaks_english_when_asked(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/auth/me", headers={"Accept-Language": "en"})

    assert_refused(response)
    assert response.json()["title"] == "Not authenticated"


async def test_a_missing_token_is_refused(client: httpx.AsyncClient) -> None:
    assert_refused(await client.get("/api/v1/auth/me"))


async def test_an_expired_token_is_refused(client: httpx.AsyncClient) -> None:
    past = datetime.now(UTC) - timedelta(hours=2)
    token = jwt.encode(claims(iat=past, nbf=past, exp=past + timedelta(hours=1)), SECRET, algorithm="HS256")
    assert_refused(await client.get("/api/v1/auth/me", headers=bearer(token)))


async def test_a_token_not_yet_valid_is_refused(client: httpx.AsyncClient) -> None:
    later = datetime.now(UTC) + timedelta(minutes=10)
    token = jwt.encode(claims(nbf=later), SECRET, algorithm="HS256")
    assert_refused(await client.get("/api/v1/auth/me", headers=bearer(token)))


async def test_a_token_signed_with_another_secret_is_refused(client: httpx.AsyncClient) -> None:
    token = jwt.encode(claims(), "another-secret-of-at-least-32-bytes!!", algorithm="HS256")
    assert_refused(await client.get("/api/v1/auth/me", headers=bearer(token)))


def _unsigned(payload: dict[str, Any]) -> str:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data, default=str).encode()).rstrip(b"=").decode()

    as_numbers = {k: int(v.timestamp()) if isinstance(v, datetime) else v for k, v in payload.items()}
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(as_numbers)}."


async def test_an_unsigned_alg_none_token_is_refused(client: httpx.AsyncClient) -> None:
    assert_refused(await client.get("/api/v1/auth/me", headers=bearer(_unsigned(claims()))))


# PyJWT warns that the secret is short for HS512: the point is only that HS512 is refused.
@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
async def test_a_token_of_another_algorithm_with_the_same_secret_is_refused(
    client: httpx.AsyncClient,
) -> None:
    token = jwt.encode(claims(), SECRET, algorithm="HS512")
    assert_refused(await client.get("/api/v1/auth/me", headers=bearer(token)))


async def test_a_token_without_an_expiry_is_refused(client: httpx.AsyncClient) -> None:
    token = jwt.encode(claims(exp=None), SECRET, algorithm="HS256")
    assert_refused(await client.get("/api/v1/auth/me", headers=bearer(token)))


async def test_the_token_of_an_account_disabled_since_is_refused(
    client: httpx.AsyncClient, staff: FakeStaff
) -> None:
    token = (await token_for(client, "vanthu-16876", "demo")).json()["access_token"]
    staff.disable("vanthu-16876")

    assert_refused(await client.get("/api/v1/auth/me", headers=bearer(token)))
    assert staff.looked_up == ["vanthu-16876"]


async def test_openapi_offers_the_password_flow_for_the_authorize_button(client: httpx.AsyncClient) -> None:
    schemes = (await client.get("/openapi.json")).json()["components"]["securitySchemes"]
    (scheme,) = schemes.values()
    assert scheme["flows"]["password"]["tokenUrl"] == "/api/v1/auth/token"


def test_the_distributed_mode_refuses_the_embedded_token_secret() -> None:
    from oneoffice.eventcore.settings import DefaultSecretRefused

    with pytest.raises(DefaultSecretRefused) as refused:
        Settings(documents_target="documents:50051")
    assert "ONEOFFICE_GATEWAY_JWT_SECRET" in refused.value.variables
    with pytest.raises(DefaultSecretRefused):
        Settings(deployment="distributed")
    Settings(documents_target="documents:50051", jwt_secret="a-secret-chosen-for-this-deployment-x")
    assert not Settings().is_distributed()
