"""What the account routes answer besides success, each as documented in OpenAPI: 404 for an
unknown account, 409 for a change of a disabled one, 422 for input no account can have (refused
before the staff service is asked), and a plain 401 for a login no account can match."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from typing import Any

import httpx
import pytest

from oneoffice.gateway.application.errors import Conflict, FieldViolation, InvalidRequest
from oneoffice.gateway.application.ports import Account, RequestContext

from .conftest import CLERK, ClientFor
from .fakes import FakeStaff

ADMIN = "quantri"
# (method, path) of each change of an existing account, with a body it accepts.
CHANGES: list[tuple[str, str, dict[str, Any] | None]] = [
    ("PUT", "/api/v1/accounts/{username}/access", {"roles": ["leader"], "scope": ["16876"]}),
    ("POST", "/api/v1/accounts/{username}/disable", None),
    ("PUT", "/api/v1/accounts/{username}/password", {"new_password": "mat-khau-moi"}),
]


class StaffService(FakeStaff):
    """The fake with two rules of the real staff service: a disabled account's access and password
    no longer change (FAILED_PRECONDITION, a 409), and text holding a control character is refused
    (INVALID_ARGUMENT, a 422) — also when it is a password given to log in."""

    async def authenticate(self, username: str, password: str, context: RequestContext) -> Account | None:
        if "\x14" in username + password:
            raise InvalidRequest(
                "staff",
                "Trường «password» chứa ký tự không được phép.",
                "Field 'password' holds a character that is not allowed.",
                [FieldViolation("password", "forbidden_character", "…", "…")],
            )
        return await super().authenticate(username, password, context)

    async def change_access(
        self, username: str, roles: Sequence[str], scope: Sequence[str], context: RequestContext
    ) -> Account:
        self._refuse_if_disabled(username)
        return await super().change_access(username, roles, scope, context)

    async def change_password(self, username: str, new_password: str, context: RequestContext) -> Account:
        self._refuse_if_disabled(username)
        return await super().change_password(username, new_password, context)

    def _refuse_if_disabled(self, username: str) -> None:
        found = self.accounts.get(username)
        if found is not None and found[0].disabled:
            raise Conflict(
                "staff", f"Tài khoản '{username}' đã bị khóa.", f"Account '{username}' is disabled."
            )


@pytest.fixture
def staff() -> FakeStaff:
    service = StaffService()
    service.add(CLERK, scope=("16876",))
    service.add(ADMIN, roles=("admin",), scope=())
    return service


@pytest.fixture
async def admin(client_for: ClientFor) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(as_user=ADMIN) as client:
        yield client


def _documents(schema: dict[str, Any], method: str, path: str, status: int) -> bool:
    return str(status) in schema["paths"][path][method.lower()]["responses"]


async def test_an_admin_reads_an_account_and_resets_its_password(
    admin: httpx.AsyncClient, staff: FakeStaff
) -> None:
    read = await admin.get(f"/api/v1/accounts/{CLERK}")
    reset = await admin.put(f"/api/v1/accounts/{CLERK}/password", json={"new_password": "mat-khau-moi"})

    assert read.status_code == 200 and read.json()["roles"] == ["clerk"]
    assert reset.status_code == 200 and "mat-khau-moi" not in reset.text
    assert staff.accounts[CLERK][1] == "mat-khau-moi"


@pytest.mark.parametrize(("method", "path", "body"), CHANGES, ids=[c[1].rsplit("/", 1)[1] for c in CHANGES])
async def test_each_change_of_an_unknown_account_is_a_documented_404_problem(
    admin: httpx.AsyncClient, method: str, path: str, body: dict[str, Any] | None
) -> None:
    response = await admin.request(method, path.format(username="khong-co"), json=body)
    schema = (await admin.get("/openapi.json")).json()

    assert response.status_code == 404, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert _documents(schema, method, path, 404)


@pytest.mark.parametrize(("method", "path", "body"), [CHANGES[0], CHANGES[2]], ids=["access", "password"])
async def test_changing_a_disabled_account_is_a_documented_409_problem(
    admin: httpx.AsyncClient, method: str, path: str, body: dict[str, Any] | None
) -> None:
    await admin.post(f"/api/v1/accounts/{CLERK}/disable")

    response = await admin.request(method, path.format(username=CLERK), json=body)
    schema = (await admin.get("/openapi.json")).json()

    assert response.status_code == 409, response.text
    assert response.json()["detail"] == f"Tài khoản '{CLERK}' đã bị khóa."
    assert _documents(schema, method, path, 409)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [("GET", "/api/v1/accounts/{username}", None), *CHANGES],
    ids=["get", "access", "disable", "password"],
)
async def test_a_username_no_account_can_have_is_a_422_problem_before_the_staff_service_is_asked(
    admin: httpx.AsyncClient, staff: FakeStaff, method: str, path: str, body: dict[str, Any] | None
) -> None:
    response = await admin.request(method, path.format(username="Không Có"), json=body)

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["loc"] == ["path", "username"]
    assert staff.commands == []


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/v1/accounts", {"username": "moi", "display_name": "Mới", "roles": ["clerk"]}),
        ("PUT", f"/api/v1/accounts/{CLERK}/access", {"roles": "clerk"}),
        ("PUT", f"/api/v1/accounts/{CLERK}/password", {"password": "x"}),
    ],
    ids=["create", "access", "password"],
)
async def test_an_account_body_breaking_its_schema_is_a_422_problem(
    admin: httpx.AsyncClient, staff: FakeStaff, method: str, path: str, body: dict[str, Any]
) -> None:
    response = await admin.request(method, path, json=body)

    assert response.status_code == 422, response.text
    assert response.json()["type"] == "urn:oneoffice:problem:validation"
    assert staff.commands == []


@pytest.mark.parametrize("text", ["\ud800", "\x00", "\u202e"], ids=["lone-surrogate", "nul", "bidi"])
async def test_an_account_holding_a_forbidden_character_is_refused_before_the_staff_service(
    admin: httpx.AsyncClient, staff: FakeStaff, text: str
) -> None:
    # A lone surrogate came through JSON's \ud800 escape and ended in a 500: no UTF-8 encoder takes it.
    body = {"username": "moi", "display_name": "Mới", "roles": [f"clerk{text}"], "password": "x"}

    # json.dumps writes a lone surrogate as its \ud800 escape, as a client's encoder would.
    sent = json.dumps(body)
    response = await admin.post(
        "/api/v1/accounts", content=sent, headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["loc"] == ["body", "roles"]
    assert staff.commands == []


async def test_a_login_holding_a_character_no_password_can_have_is_a_plain_401(client_for: ClientFor) -> None:
    async with client_for(as_user=None) as client:
        response = await client.post("/api/v1/auth/token", data={"username": CLERK, "password": "de\x14mo"})

    assert response.status_code == 401, response.text
    assert response.json()["detail"] == "Sai tên đăng nhập hoặc mật khẩu."
    assert "\\u0014" not in response.text and "vị trí" not in response.text


async def test_a_body_that_is_not_utf8_is_a_422_problem_like_malformed_json(
    admin: httpx.AsyncClient, staff: FakeStaff
) -> None:
    headers = {"Content-Type": "application/json"}
    not_utf8 = await admin.post("/api/v1/accounts", content=b'{"username": "\xff\xfe"}', headers=headers)
    malformed = await admin.post("/api/v1/accounts", content=b'{"username": ', headers=headers)

    assert not_utf8.status_code == malformed.status_code == 422, not_utf8.text
    assert not_utf8.json()["errors"] == [
        {
            "loc": ["body"],
            "msg": "Nội dung gửi lên không phải JSON: không phải văn bản UTF-8.",
            "type": "json_invalid",
        }
    ]
    assert staff.commands == []
