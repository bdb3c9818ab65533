"""JSON API of accounts (tài khoản), for administrators: open, read, change access, reset a
password, disable. Every change is an event of the staff service, recorded with the admin's name.
``POST /api/v1/auth/password`` lets any signed-in user change their own password."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Response

from oneoffice.contracts.access import Permission

from ..application.errors import InvalidRequest, NotFound
from ..application.ports import AccountDraft, RequestContext
from .access import SignedIn, requires
from .account_models import (
    USERNAME_PATTERN,
    AccessIn,
    AccountIn,
    AccountOut,
    PasswordChangeIn,
    PasswordResetIn,
)
from .authentication import StaffDep
from .problems import PROBLEM_MEDIA_TYPE, Problem

router = APIRouter(prefix="/api/v1", tags=["accounts"])

ManagesAccounts = Annotated[RequestContext, Depends(requires(Permission.ACCOUNTS_MANAGE, on_commune=False))]
Username = Annotated[str, Path(pattern=USERNAME_PATTERN, examples=["vanthu-16876"])]

_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
_ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"description": "A rule of accounts broken (Vietnamese, English on request)", **_PROBLEM},
    503: {"description": "The staff service is not answering", **_PROBLEM},
}
_MISSING: dict[int | str, dict[str, Any]] = {404: {"description": "No such account", **_PROBLEM}}
# A change of an account: refused while it is disabled; or another change came first (retry).
_CHANGE: dict[int | str, dict[str, Any]] = {
    **_ERRORS,
    **_MISSING,
    409: {"description": "The account is disabled, or changed meanwhile (retry)", **_PROBLEM},
}


def _no_account(username: str) -> NotFound:
    return NotFound("staff", f"Không có tài khoản «{username}».", f"There is no account {username!r}.")


@router.post(
    "/accounts",
    status_code=201,
    response_model=AccountOut,
    responses={**_ERRORS, 409: {"description": "The username is taken (or being taken)", **_PROBLEM}},
)
async def create_account(
    body: AccountIn, response: Response, staff: StaffDep, context: ManagesAccounts
) -> AccountOut:
    """Open an account with its roles, its scope (unit codes) and a first password."""
    draft = AccountDraft(
        body.username, body.display_name, tuple(body.roles), tuple(body.scope), body.password
    )
    account = await staff.create_account(draft, context)
    response.headers["Location"] = f"/api/v1/accounts/{account.username}"
    return AccountOut.of(account)


@router.get("/accounts/{username}", response_model=AccountOut, responses={**_ERRORS, **_MISSING})
async def get_account(username: Username, staff: StaffDep, context: ManagesAccounts) -> AccountOut:
    """One account: its roles, scope and whether it is disabled."""
    account = await staff.get_account(username, context)
    if account is None:
        raise _no_account(username)
    return AccountOut.of(account)


@router.put("/accounts/{username}/access", response_model=AccountOut, responses=_CHANGE)
async def change_access(
    username: Username, body: AccessIn, staff: StaffDep, context: ManagesAccounts
) -> AccountOut:
    """Replace the account's roles and scope (each change recorded only when it changes something)."""
    return AccountOut.of(await staff.change_access(username, body.roles, body.scope, context))


@router.post("/accounts/{username}/disable", response_model=AccountOut, responses=_CHANGE)
async def disable_account(username: Username, staff: StaffDep, context: ManagesAccounts) -> AccountOut:
    """Disable the account: its tokens stop working at once; nothing is deleted."""
    return AccountOut.of(await staff.disable_account(username, context))


@router.put("/accounts/{username}/password", response_model=AccountOut, responses=_CHANGE)
async def reset_password(
    username: Username, body: PasswordResetIn, staff: StaffDep, context: ManagesAccounts
) -> AccountOut:
    """Set a new password for the account (an administrator's reset)."""
    return AccountOut.of(await staff.change_password(username, body.new_password, context))


@router.post(
    "/auth/password",
    response_model=AccountOut,
    responses={**_ERRORS, 409: {"description": "The account changed meanwhile (retry)", **_PROBLEM}},
)
async def change_own_password(body: PasswordChangeIn, staff: StaffDep, context: SignedIn) -> AccountOut:
    """Change your own password; the current one must be given."""
    if await staff.authenticate(context.actor, body.current_password, context) is None:
        raise InvalidRequest(
            "gateway",
            "Mật khẩu hiện tại không đúng.",
            "The current password is wrong.",
        )
    return AccountOut.of(await staff.change_password(context.actor, body.new_password, context))
