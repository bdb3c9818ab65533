"""``POST /api/v1/auth/token`` (OAuth2 password flow) and ``GET /api/v1/auth/me``."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from ..application.errors import InvalidRequest
from .access import PUBLIC, SignedIn
from .account_models import AccountOut
from .authentication import CurrentAccount, NotAuthenticated, StaffDep, TokensDep
from .deps import RequestContextDep
from .problems import PROBLEM_MEDIA_TYPE, Problem

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])


class TokenResponse(BaseModel):
    access_token: str
    token_type: str = Field(default="bearer", examples=["bearer"])
    expires_in: int = Field(description="Seconds the token stays valid.")


_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
# Both routes ask the staff service (to check the password, to find the token's account).
_UNAUTHORIZED: dict[int | str, dict[str, Any]] = {
    401: {"description": "Not authenticated / Chưa xác thực", **_PROBLEM},
    503: {"description": "The staff service is not answering", **_PROBLEM},
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


@router.post(
    "/token",
    response_model=TokenResponse,
    responses=_UNAUTHORIZED,
    openapi_extra=_FORM_BODY,
    dependencies=[PUBLIC],
)
async def issue_token(
    request: Request, staff: StaffDep, tokens: TokensDep, context: RequestContextDep
) -> TokenResponse:
    """OAuth2 password flow: form fields ``username`` and ``password`` give a bearer token."""
    # The standard library parses the form, so the gateway needs no multipart package.
    form = dict(parse_qsl((await request.body()).decode("utf-8", errors="replace"), keep_blank_values=True))
    username, password = form.get("username", "").strip(), form.get("password", "")
    try:
        account = await staff.authenticate(username, password, context) if username and password else None
    except InvalidRequest:
        # A username or password no account can have (a control character, …): the same answer as a
        # wrong password, which neither documents another status nor describes what was typed.
        account = None
    if account is None:
        raise NotAuthenticated("credentials")
    issued = tokens.issue(account)
    return TokenResponse(access_token=issued.access_token, expires_in=issued.expires_in)


@router.get("/me", response_model=AccountOut, responses=_UNAUTHORIZED)
async def me(account: CurrentAccount, _context: SignedIn) -> AccountOut:
    """The account the bearer token belongs to."""
    return AccountOut.of(account)
