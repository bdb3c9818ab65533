"""Every route declares who may call it, and the gateway holds to it.

The walk is generated from the OpenAPI document, so a route added later is walked without editing
this file: with no token (401), with an account of another commune (403/404) and with an account
holding every role but the ones the route needs (403). The services' own checks are tested in
their integration tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from oneoffice.contracts.access import EVERY_COMMUNE, GRANTS, Permission, Role
from oneoffice.gateway.entrypoints.access import (
    ACCESS_EXTENSION,
    PUBLIC,
    UndeclaredAccess,
    enforce_declarations,
)

from .conftest import ClientFor
from .fakes import FakeDocuments, FakeStaff

HOME, OTHER = "16876", "16882"
# What anyone may call: the probes, the home page and the token route.
PUBLIC_OPERATIONS = {
    ("get", "/"),
    ("get", "/healthz"),
    ("get", "/readyz"),
    ("post", "/api/v1/auth/token"),
}


def operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield method, path, operation


def url_of(path: str, commune_id: str) -> str:
    return re.sub(r"\{[^}]+\}", lambda m: commune_id if m.group(0) == "{commune_id}" else "doc-1", path)


def example(schema: dict[str, Any], components: dict[str, Any]) -> Any:
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[1]]
    return (schema.get("examples") or ["x"])[0]


def valid_request(schema: dict[str, Any], operation: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    """The required query parameters and the JSON body the operation documents as examples, so a
    refusal is the access rule's and not the validation's."""
    components = schema.get("components", {}).get("schemas", {})
    query = {
        p["name"]: example(p["schema"], components)
        for p in operation.get("parameters", [])
        if p["in"] == "query" and p.get("required")
    }
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    body = example(content["schema"], components) if content else None
    return query, body


def roles_without(permission: str) -> tuple[str, ...]:
    return tuple(role for role in Role if Permission(permission) not in GRANTS[role])


async def send(
    client: httpx.AsyncClient,
    schema: dict[str, Any],
    method: str,
    path: str,
    token: str | None,
    commune_id: str = HOME,
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {"Authorization": ""}
    query, body = valid_request(schema, schema["paths"][path][method])
    return await client.request(
        method.upper(), url_of(path, commune_id), params=query, json=body, headers=headers
    )


@pytest.fixture
async def walk(client_for: ClientFor, staff: FakeStaff) -> Any:
    # Every role but those reaching every commune (the auditor, who reads all by design).
    commune_roles = tuple(role for role in Role if role not in EVERY_COMMUNE)
    staff.add("everything-16882", roles=commune_roles, scope=(OTHER,))

    async with client_for() as client:
        schema = (await client.get("/openapi.json")).json()
        tokens = {
            username: client._transport.app.state.tokens.issue(account).access_token  # type: ignore[attr-defined]
            for username, (account, _) in staff.accounts.items()
        }
        yield client, schema, tokens


async def test_every_operation_declares_its_access(walk: Any) -> None:
    _, schema, _ = walk
    undeclared = [(m, p) for m, p, op in operations(schema) if ACCESS_EXTENSION not in op]
    public = {(m, p) for m, p, op in operations(schema) if op.get(ACCESS_EXTENSION, {}).get("public")}

    assert undeclared == []
    assert public == PUBLIC_OPERATIONS


async def test_without_a_token_every_protected_operation_is_401(walk: Any, documents: FakeDocuments) -> None:
    client, schema, _ = walk
    walked = 0
    for method, path, operation in operations(schema):
        if operation[ACCESS_EXTENSION]["public"]:
            continue
        response = await send(client, schema, method, path, None)
        assert response.status_code == 401, (method, path, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        walked += 1

    assert walked >= 4
    assert documents.calls == [] and documents.gets == []


async def test_an_account_of_another_commune_reaches_nothing_of_this_one(
    walk: Any, documents: FakeDocuments
) -> None:
    client, schema, tokens = walk
    walked = 0
    for method, path, operation in operations(schema):
        access = operation[ACCESS_EXTENSION]
        if access["public"] or not access["commune_param"]:
            continue
        response = await send(client, schema, method, path, tokens["everything-16882"])
        assert response.status_code in (403, 404), (method, path, response.text)
        walked += 1

    assert walked >= 3
    assert documents.calls == [] and documents.gets == []


async def test_an_account_without_the_role_is_refused_every_operation(
    walk: Any, staff: FakeStaff, documents: FakeDocuments
) -> None:
    client, schema, _ = walk
    issuer = client._transport.app.state.tokens  # one gateway for the walk; a token per account
    walked = 0
    for method, path, operation in operations(schema):
        access = operation[ACCESS_EXTENSION]
        if access["public"] or not access["permission"]:
            continue
        username = f"no-{access['permission'].replace(':', '-')}"
        staff.add(username, roles=roles_without(access["permission"]), scope=(HOME,))
        token = issuer.issue(staff.accounts[username][0]).access_token
        response = await send(client, schema, method, path, token)
        assert response.status_code == 403, (method, path, response.text)
        assert response.json()["type"] == "urn:oneoffice:problem:forbidden"
        walked += 1

    assert walked >= 4
    assert documents.calls == [] and documents.gets == []


async def test_the_refusal_says_why_in_vietnamese(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/communes/16882/incoming-register?body=UBND")

    assert response.status_code == 403
    assert response.headers["content-language"] == "vi"
    assert "16882" in response.json()["detail"]


def test_an_app_with_an_undeclared_route_does_not_start() -> None:
    app = FastAPI()

    @app.get("/forgotten")
    async def forgotten() -> dict[str, str]:
        return {}

    with pytest.raises(UndeclaredAccess, match="/forgotten"):
        enforce_declarations(app)


def test_a_declared_route_passes() -> None:
    app = FastAPI()

    @app.get("/open", dependencies=[PUBLIC])
    async def open_route() -> dict[str, str]:
        return {}

    enforce_declarations(app)
    assert app.openapi()["paths"]["/open"]["get"][ACCESS_EXTENSION] == {"public": True}
