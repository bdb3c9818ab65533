"""``POST /api/v1/auth/token`` (OAuth2 password flow) and ``GET /api/v1/auth/me``.

:func:`current_account` is the dependency routes will use to require a token (the next step of
issue #9); it refuses, with 401 problem+json and ``WWW-Authenticate: Bearer``, a missing token, an
expired or not-yet-valid one, a wrong signature, any algorithm but HS256, and the token of an
account disabled (or gone) since it was issued.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import parse_qsl

import structlog
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel, Field

from ..application.ports import Account, StaffPort
from ..application.tokens import InvalidToken, Tokens
from .deps import RequestContextDep
from .language import api_language
from .problems import Problem, problem_response

log = structlog.get_logger("oneoffice.gateway.auth")

TOKEN_URL = "/api/v1/auth/token"
UNAUTHORIZED_TYPE = "urn:oneoffice:problem:unauthorized"
BEARER = {"WWW-Authenticate": "Bearer"}

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])
oauth2_scheme = OAuth2PasswordBearer(tokenUrl=TOKEN_URL, auto_error=False)

_MESSAGES = {
    "token": {
        "vi": ("Chưa xác thực", "Thiếu mã truy cập, hoặc mã đã hết hạn hay không hợp lệ. Hãy đăng nhập lại."),
        "en": ("Not authenticated", "The access token is missing, expired or invalid. Log in again."),
    },
    "credentials": {
        "vi": ("Đăng nhập không thành công", "Sai tên đăng nhập hoặc mật khẩu."),
        "en": ("Login failed", "Wrong username or password."),
    },
}


class NotAuthenticated(Exception):
    """Answered as 401 problem+json with ``WWW-Authenticate: Bearer``."""

    def __init__(self, kind: str = "token") -> None:
        super().__init__(kind)
        self.kind = kind


async def not_authenticated_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NotAuthenticated)
    language = api_language(request)
    title, detail = _MESSAGES[exc.kind][language]
    return problem_response(
        request,
        401,
        title=title,
        detail=detail,
        language=language,
        problem_type=UNAUTHORIZED_TYPE,
        headers=BEARER,
    )


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = Field(default="bearer", examples=["bearer"])
    expires_in: int = Field(description="Seconds the token stays valid.")


class AccountResponse(BaseModel):
    username: str
    display_name: str
    roles: list[str]
    scope: list[str] = Field(description="Administrative unit codes the account reaches.")


def get_staff(request: Request) -> StaffPort:
    staff: StaffPort = request.app.state.staff
    return staff


def get_tokens(request: Request) -> Tokens:
    tokens: Tokens = request.app.state.tokens
    return tokens


StaffDep = Annotated[StaffPort, Depends(get_staff)]
TokensDep = Annotated[Tokens, Depends(get_tokens)]


async def current_account(
    token: Annotated[str | None, Depends(oauth2_scheme)],
    tokens: TokensDep,
    staff: StaffDep,
    context: RequestContextDep,
) -> Account:
    """The account of the request's bearer token, still enabled; raises :class:`NotAuthenticated`."""
    if not token:
        raise NotAuthenticated()
    try:
        claims = tokens.read(token)
    except InvalidToken as refused:
        log.info("token refused", reason=refused.reason)
        raise NotAuthenticated() from None
    account = await staff.get_account(claims.username, context)
    if account is None or account.disabled:
        log.info("token refused", reason="account disabled or gone", username=claims.username)
        raise NotAuthenticated()
    return account


CurrentAccount = Annotated[Account, Depends(current_account)]

_UNAUTHORIZED: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "Not authenticated / Chưa xác thực"}
}
_FORM_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["username", "password"],
                    "properties": {
                        "grant_type": {"type": "string", "enum": ["password"]},
                        "username": {"type": "string"},
                        "password": {"type": "string", "format": "password"},
                    },
                }
            }
        },
    }
}


@router.post("/token", response_model=TokenResponse, responses=_UNAUTHORIZED, openapi_extra=_FORM_BODY)
async def issue_token(
    request: Request, staff: StaffDep, tokens: TokensDep, context: RequestContextDep
) -> TokenResponse:
    """OAuth2 password flow: form fields ``username`` and ``password`` give a bearer token."""
    # The standard library parses the form, so the gateway needs no multipart package.
    form = dict(parse_qsl((await request.body()).decode("utf-8", errors="replace"), keep_blank_values=True))
    username, password = form.get("username", "").strip(), form.get("password", "")
    account = await staff.authenticate(username, password, context) if username and password else None
    if account is None:
        raise NotAuthenticated("credentials")
    issued = tokens.issue(account)
    return TokenResponse(access_token=issued.access_token, expires_in=issued.expires_in)


@router.get("/me", response_model=AccountResponse, responses=_UNAUTHORIZED)
async def me(account: CurrentAccount) -> AccountResponse:
    """The account the bearer token belongs to."""
    return AccountResponse(
        username=account.username,
        display_name=account.display_name,
        roles=list(account.roles),
        scope=list(account.scope),
    )
