"""The account signed in on the pages: the session cookie checked like a bearer token."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from ..application.errors import ServiceError
from ..application.ports import Account, RequestContext
from .access import identity_of
from .authentication import NotAuthenticated, StaffDep, TokensDep, verified_account
from .csrf import CsrfTokens, same_token
from .deps import RequestContextDep
from .session_cookie import session_token


@dataclass(frozen=True, slots=True)
class SignedInPage:
    """Who is signed in on a page, the context their requests carry, and their forms' CSRF token."""

    account: Account
    context: RequestContext
    session_token: str
    csrf_token: str

    def display_name(self) -> str:
        return self.account.display_name or self.account.username

    def accepts_form(self, sent: str | None) -> bool:
        """Whether a posted form carries this session's CSRF token."""
        return same_token(self.csrf_token, sent)


def get_csrf(request: Request) -> CsrfTokens:
    csrf: CsrfTokens = request.app.state.csrf
    return csrf


CsrfDep = Annotated[CsrfTokens, Depends(get_csrf)]


async def signed_in_page(
    request: Request, tokens: TokensDep, staff: StaffDep, base: RequestContextDep, csrf: CsrfDep
) -> SignedInPage:
    """The session cookie's account, still enabled; raises :class:`NotAuthenticated`."""
    token = session_token(request)
    account = await verified_account(token, tokens, staff, base)
    assert token is not None  # verified_account refuses a missing one
    context = RequestContext(
        actor=account.username, correlation_id=base.correlation_id, identity=identity_of(account)
    )
    return SignedInPage(account, context, token, csrf.for_session(token))


async def optional_signed_in(
    request: Request, tokens: TokensDep, staff: StaffDep, base: RequestContextDep, csrf: CsrfDep
) -> SignedInPage | None:
    """For the public pages: who is signed in, if anyone (None also while the staff service is down,
    so the home page still tells which services run)."""
    try:
        return await signed_in_page(request, tokens, staff, base, csrf)
    except (NotAuthenticated, ServiceError):
        return None


OptionalSignedIn = Annotated[SignedInPage | None, Depends(optional_signed_in)]
