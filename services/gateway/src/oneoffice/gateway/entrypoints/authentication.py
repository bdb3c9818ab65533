"""Who is calling: the bearer token read into the account it belongs to, still enabled.

:func:`current_account` refuses, with 401 problem+json and ``WWW-Authenticate: Bearer``, a missing
token, an expired or not-yet-valid one, a wrong signature, any algorithm but HS256, and the token of
an account disabled (or gone) since it was issued. The pages read the same token from their session
cookie and check it with the same :func:`verified_account`. What the account may do is
:mod:`.access`'s business.
"""

from __future__ import annotations

from typing import Annotated

import structlog
from fastapi import Depends, Request
from fastapi.responses import Response
from fastapi.security import OAuth2PasswordBearer

from ..application.errors import Unavailable
from ..application.ports import Account, RequestContext, StaffPort
from ..application.tokens import InvalidToken, IssuerUnavailable, Tokens
from .deps import RequestContextDep
from .language import api_language
from .problems import problem_response

log = structlog.get_logger("oneoffice.gateway.auth")

TOKEN_URL = "/api/v1/auth/token"
UNAUTHORIZED_TYPE = "urn:oneoffice:problem:unauthorized"
BEARER = {"WWW-Authenticate": "Bearer"}

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


def get_staff(request: Request) -> StaffPort:
    staff: StaffPort = request.app.state.staff
    return staff


def get_tokens(request: Request) -> Tokens:
    tokens: Tokens = request.app.state.tokens
    return tokens


StaffDep = Annotated[StaffPort, Depends(get_staff)]
TokensDep = Annotated[Tokens, Depends(get_tokens)]


async def verified_account(
    token: str | None, tokens: Tokens, staff: StaffPort, context: RequestContext
) -> Account:
    """The one check of a token, wherever it came from (a bearer header on the API, the session
    cookie on the pages): token → claims → the staff service's account → refused when disabled or
    gone. Raises :class:`NotAuthenticated`."""
    if not token:
        raise NotAuthenticated()
    try:
        claims = await tokens.verify(token)
    except IssuerUnavailable as exc:
        log.warning("oidc issuer keys unavailable", error=str(exc))
        raise Unavailable(
            "oidc",
            "Không lấy được khóa của nhà cung cấp định danh; hãy thử lại sau.",
            "The identity provider's keys cannot be fetched; try again later.",
        ) from None
    except InvalidToken as refused:
        log.info("token refused", reason=refused.reason)
        raise NotAuthenticated() from None
    account = await staff.get_account(claims.username, context)
    if account is None or account.disabled:
        log.info("token refused", reason="account disabled or gone", username=claims.username)
        raise NotAuthenticated()
    return account


async def current_account(
    token: Annotated[str | None, Depends(oauth2_scheme)],
    tokens: TokensDep,
    staff: StaffDep,
    context: RequestContextDep,
) -> Account:
    """The account of the request's bearer token, still enabled; raises :class:`NotAuthenticated`.

    The API reads the bearer token only, never the session cookie of the pages: a browser attaches
    a cookie to a forged cross-site request, never an ``Authorization`` header, so the API needs no
    CSRF token (the pages check theirs, see :mod:`.csrf`).
    """
    return await verified_account(token, tokens, staff, context)


CurrentAccount = Annotated[Account, Depends(current_account)]
