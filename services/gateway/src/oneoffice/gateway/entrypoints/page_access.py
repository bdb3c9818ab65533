"""Who may open each web page: the pages' counterpart of :func:`.access.requires`.

A page takes its :class:`~.page_session.SignedInPage` from :func:`page_requires`, which declares an
:class:`~.access.AccessRule` exactly as API routes do (so :func:`.access.enforce_declarations` sees
every page) and decides with the same :func:`.access.authorize`. Where the API answers 401/403
problem+json, a page sends the browser to the login form (:class:`SignInRequired`) or shows a 403
page saying why (:class:`PageForbidden`); see :mod:`.page_errors`.

The pages read the session cookie only and the API the bearer header only (:mod:`.authentication`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Path, Request

from oneoffice.contracts.access import Permission

from ..application.errors import Forbidden
from .access import COMMUNE_PARAM, AccessRule, authorize
from .authentication import NotAuthenticated, StaffDep, TokensDep
from .deps import RequestContextDep
from .incoming_api_models import COMMUNE_ID_PATTERN
from .page_session import CsrfDep, SignedInPage, signed_in_page


class SignInRequired(Exception):
    """No session, or an expired or refused one: the browser goes to the login form."""


class PageForbidden(Exception):
    """A 403 page: the account may not do this here, or a form's CSRF token is missing or wrong."""

    def __init__(self, message_vi: str, message_en: str, signed_in: SignedInPage | None) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en
        self.signed_in = signed_in

    def message(self, language: str) -> str:
        return self.message_en if language == "en" else self.message_vi


def csrf_refused(signed_in: SignedInPage | None) -> PageForbidden:
    return PageForbidden(
        "Biểu mẫu không hợp lệ hoặc đã hết hạn (thiếu mã chống giả mạo yêu cầu). "
        "Hãy tải lại trang rồi gửi lại; không có thao tác nào được thực hiện.",
        "The form is invalid or has expired (its anti-forgery token is missing or wrong). "
        "Reload the page and send it again; nothing was done.",
        signed_in,
    )


async def _checked(
    rule: AccessRule,
    commune_id: str | None,
    request: Request,
    tokens: TokensDep,
    staff: StaffDep,
    base: RequestContextDep,
    csrf: CsrfDep,
) -> SignedInPage:
    try:
        page = await signed_in_page(request, tokens, staff, base, csrf)
    except NotAuthenticated:
        raise SignInRequired() from None
    try:
        context = authorize(rule, page.account, commune_id, base)
    except Forbidden as refused:
        raise PageForbidden(refused.message_vi, refused.message_en, page) from None
    return SignedInPage(page.account, context, page.session_token, page.csrf_token)


def page_requires(
    permission: Permission | None, *, on_commune: bool = True
) -> Callable[..., Awaitable[SignedInPage]]:
    """A dependency giving the page's signed-in account and authorized context; ``permission=None``:
    any signed-in account. With ``on_commune`` the permission is checked on the path's ``commune_id``."""
    rule = AccessRule(
        permission=permission, commune_param=COMMUNE_PARAM if permission and on_commune else None
    )

    if rule.commune_param:

        async def authorized(
            request: Request,
            tokens: TokensDep,
            staff: StaffDep,
            base: RequestContextDep,
            csrf: CsrfDep,
            commune_id: Annotated[str, Path(pattern=COMMUNE_ID_PATTERN)],
        ) -> SignedInPage:
            return await _checked(rule, commune_id, request, tokens, staff, base, csrf)

    else:

        async def authorized(  # type: ignore[misc]
            request: Request, tokens: TokensDep, staff: StaffDep, base: RequestContextDep, csrf: CsrfDep
        ) -> SignedInPage:
            return await _checked(rule, None, request, tokens, staff, base, csrf)

    authorized.access_rule = rule  # type: ignore[attr-defined]
    return authorized


# The signed-in pages each route takes (one per rule, so each page's signature names its rule).
ReadsIncomingPage = Annotated[SignedInPage, Depends(page_requires(Permission.INCOMING_READ))]
RegistersIncomingPage = Annotated[SignedInPage, Depends(page_requires(Permission.INCOMING_REGISTER))]
