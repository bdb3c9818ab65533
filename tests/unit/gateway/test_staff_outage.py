"""While the staff service does not answer, nobody can be authenticated: every route that asks it
answers 503 problem+json (with ``Retry-After``) and documents that answer in OpenAPI.

The walk is generated from the OpenAPI document, like the access walk of ``test_route_access``.
"""

from __future__ import annotations

import httpx
import pytest

from oneoffice.gateway.application.errors import Unavailable
from oneoffice.gateway.application.ports import Account, RequestContext
from oneoffice.gateway.entrypoints.access import ACCESS_EXTENSION

from .conftest import CLERK, ClientFor
from .fakes import FakeStaff
from .test_route_access import operations, send


def _down() -> Unavailable:
    return Unavailable("staff", "Dịch vụ nhân sự không phản hồi.", "The staff service is not responding.")


class StaffDown(FakeStaff):
    """Knows the accounts (so tokens can be issued beforehand) but answers no call."""

    async def authenticate(self, username: str, password: str, context: RequestContext) -> Account | None:
        raise _down()

    async def get_account(self, username: str, context: RequestContext) -> Account | None:
        raise _down()


@pytest.fixture
def staff() -> FakeStaff:
    down = StaffDown()
    down.add(CLERK, scope=("16876",))
    return down


def _is_unavailable(response: httpx.Response) -> bool:
    return (
        response.status_code == 503
        and response.headers["content-type"] == "application/problem+json"
        and response.headers["retry-after"] == "1"
    )


async def test_logging_in_while_the_staff_service_is_down_is_a_503_problem(client_for: ClientFor) -> None:
    async with client_for(as_user=None) as client:
        response = await client.post("/api/v1/auth/token", data={"username": CLERK, "password": "demo"})
        documented = (await client.get("/openapi.json")).json()["paths"]["/api/v1/auth/token"]["post"]

    assert _is_unavailable(response), response.text
    assert "503" in documented["responses"]


async def test_every_protected_operation_answers_and_documents_503_while_the_staff_service_is_down(
    client: httpx.AsyncClient,
) -> None:
    schema = (await client.get("/openapi.json")).json()
    token = client.headers["Authorization"].removeprefix("Bearer ")
    walked: list[tuple[str, str]] = []
    for method, path, operation in operations(schema):
        if operation[ACCESS_EXTENSION]["public"]:
            continue
        response = await send(client, schema, method, path, token)
        assert _is_unavailable(response), (method, path, response.status_code, response.text)
        assert "503" in operation["responses"], (method, path)
        walked.append((method, path))

    assert len(walked) >= 10, walked
