"""Tokens of an OIDC issuer: verified with its published keys (JWKS over HTTP, cached, fetched again
for a key it does not know), its audience and issuer; the OneOffice account still decides access."""

from __future__ import annotations

import json
import threading
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import EMBEDDED_JWT_SECRET, Settings

from .conftest import NOW
from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff

ISSUER = "https://id.nghean.gov.vn/realms/oneoffice"
AUDIENCE = "oneoffice-gateway"


class Jwks:
    """An issuer's keys served over HTTP on loopback; counts the fetches."""

    def __init__(self) -> None:
        self.keys: dict[str, rsa.RSAPrivateKey] = {}
        self.published: list[str] = []
        self.fetches = 0
        self.down = False

    def new_key(self, kid: str, *, publish: bool = True) -> None:
        self.keys[kid] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if publish:
            self.published.append(kid)

    def document(self) -> bytes:
        keys = []
        for kid in self.published:
            jwk = json.loads(RSAAlgorithm.to_jwk(self.keys[kid].public_key()))
            keys.append({**jwk, "kid": kid, "use": "sig", "alg": "RS256"})
        return json.dumps({"keys": keys}).encode()

    def token(self, kid: str, **changes: Any) -> str:
        now = datetime.now(UTC)
        claims = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "sub": "f3a1c0de-0000-4000-8000-000000000001",
            "preferred_username": "vanthu-16876",
            "iat": now,
            "exp": now + timedelta(minutes=5),
            **changes,
        }
        claims = {k: v for k, v in claims.items() if v is not None}
        return jwt.encode(claims, self.keys[kid], algorithm="RS256", headers={"kid": kid})


@pytest.fixture
def jwks() -> Iterator[tuple[Jwks, str]]:
    served = Jwks()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            served.fetches += 1
            if served.down:
                self.send_response(503)
                self.end_headers()
                return
            body = served.document()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served, f"http://127.0.0.1:{server.server_address[1]}/certs"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
async def gateway(jwks: tuple[Jwks, str], staff: FakeStaff) -> AsyncIterator[httpx.AsyncClient]:
    _, url = jwks
    settings = Settings(
        oidc_issuer=ISSUER, oidc_jwks_url=url, oidc_audience=AUDIENCE, oidc_refetch_cooldown=0
    )
    app = create_app(
        settings,
        health_port=FakeServiceHealth(),
        documents=FakeDocuments(),
        reporting=FakeReporting(),
        staff=staff,
        clock=FixedClock(NOW),
    )
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client:
        yield client


async def me(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})


async def test_a_token_of_the_issuer_opens_the_oneoffice_account_it_names(
    gateway: httpx.AsyncClient, jwks: tuple[Jwks, str]
) -> None:
    served, _ = jwks
    served.new_key("k1")

    response = await me(gateway, served.token("k1"))

    assert response.status_code == 200, response.text
    assert (response.json()["username"], response.json()["roles"]) == ("vanthu-16876", ["clerk"])


async def test_keys_are_cached_between_requests(gateway: httpx.AsyncClient, jwks: tuple[Jwks, str]) -> None:
    served, _ = jwks
    served.new_key("k1")

    for _ in range(3):
        assert (await me(gateway, served.token("k1"))).status_code == 200

    assert served.fetches == 1


async def test_a_rotated_key_is_fetched_when_a_token_first_names_it(
    gateway: httpx.AsyncClient, jwks: tuple[Jwks, str]
) -> None:
    served, _ = jwks
    served.new_key("k1")
    assert (await me(gateway, served.token("k1"))).status_code == 200

    served.new_key("k2")  # the issuer rotates: a new key is published

    assert (await me(gateway, served.token("k2"))).status_code == 200
    assert served.fetches == 2


@pytest.mark.parametrize(
    "changes",
    [
        {"aud": "another-app"},
        {"exp": datetime.now(UTC) - timedelta(minutes=1)},
        {"preferred_username": None},
        {"aud": None},
    ],
    ids=["wrong audience", "expired", "no username", "no audience"],
)
async def test_tokens_the_issuer_did_not_make_for_us_are_refused(
    gateway: httpx.AsyncClient, jwks: tuple[Jwks, str], changes: dict[str, Any]
) -> None:
    served, _ = jwks
    served.new_key("k1")

    response = await me(gateway, served.token("k1", **changes))

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


async def test_a_key_the_issuer_never_published_is_refused(
    gateway: httpx.AsyncClient, jwks: tuple[Jwks, str]
) -> None:
    served, _ = jwks
    served.new_key("k1")
    served.new_key("forged", publish=False)

    assert (await me(gateway, served.token("forged"))).status_code == 401


async def test_the_issuer_name_cannot_smuggle_an_hs256_token_signed_with_a_guessable_key(
    gateway: httpx.AsyncClient, jwks: tuple[Jwks, str]
) -> None:
    served, _ = jwks
    served.new_key("k1")
    now = datetime.now(UTC)
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "preferred_username": "vanthu-16876"}
    forged = jwt.encode(
        {**claims, "iat": now, "exp": now + timedelta(minutes=5)},
        EMBEDDED_JWT_SECRET,
        algorithm="HS256",
        headers={"kid": "k1"},
    )

    assert (await me(gateway, forged)).status_code == 401


async def test_an_issuer_that_does_not_answer_is_a_503_not_a_401(
    gateway: httpx.AsyncClient, jwks: tuple[Jwks, str]
) -> None:
    served, _ = jwks
    served.new_key("k1")
    served.down = True

    response = await me(gateway, served.token("k1"))

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"


async def test_the_gateways_own_tokens_still_work_beside_the_issuers(
    gateway: httpx.AsyncClient,
) -> None:
    token = await gateway.post("/api/v1/auth/token", data={"username": "vanthu-16876", "password": "demo"})

    assert (await me(gateway, token.json()["access_token"])).status_code == 200


def test_the_issuer_settings_come_together_or_not_at_all() -> None:
    with pytest.raises(ValueError, match="OIDC_AUDIENCE"):
        Settings(oidc_issuer=ISSUER, oidc_jwks_url="http://127.0.0.1:1/certs")
