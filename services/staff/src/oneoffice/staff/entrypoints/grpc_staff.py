"""The accounts part of ``oneoffice.staff.v1.StaffService``: wire messages in, use cases, wire out.

Who acts is the caller identity the gateway signs into the call's metadata
(:mod:`oneoffice.eventcore.grpc_caller`), recorded as the events' actor; the flow comes from
``x-correlation-id``. Authenticate and GetAccount serve any authenticated caller (the gateway logs
users in with them, as itself); creating, disabling and changing access need ``accounts:manage``;
changing a password, that permission or being the account. No password or hash is ever logged or
answered.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from oneoffice.contracts.access import Decision, Identity, Permission
from oneoffice.contracts.grpc.staff.v1 import staff_pb2 as pb
from oneoffice.contracts.grpc.staff.v1 import staff_pb2_grpc as pb_grpc
from oneoffice.eventcore.grpc_caller import abort_forbidden, caller, require

from ..application.accounts import AccountService, AccountView, Caller
from .grpc_errors import abort_with

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["StaffService"].full_name
CORRELATION_HEADER = "x-correlation-id"


def _caller(context: Any, identity: Identity) -> Caller:
    headers = {key: str(value) for key, value in context.invocation_metadata() or ()}
    return Caller(actor=identity.username, correlation_id=headers.get(CORRELATION_HEADER, ""))


async def _managing(context: Any) -> Caller:
    """The caller when it may manage accounts; else the call ends PERMISSION_DENIED."""
    return _caller(context, await require(context, Permission.ACCOUNTS_MANAGE))


async def _account_or_managing(context: Any, username: str) -> Caller:
    """The caller when it is the account ``username`` or may manage accounts."""
    identity = caller()
    if identity.username != username:
        decision = identity.decide(Permission.ACCOUNTS_MANAGE)
        if decision is not Decision.ALLOWED:
            await abort_forbidden(context, identity, decision, None)
    return _caller(context, identity)


def _account(view: AccountView) -> pb.Account:
    return pb.Account(
        username=view.username,
        display_name=view.display_name,
        roles=list(view.roles),
        scope=list(view.scope),
        disabled=view.disabled,
    )


async def _answer(call: Awaitable[AccountView], context: Any) -> pb.Account:
    try:
        return _account(await call)
    except Exception as exc:
        await abort_with(context, exc)


class StaffServicer(pb_grpc.StaffServiceServicer):
    def __init__(self, accounts: AccountService) -> None:
        self._accounts = accounts

    async def CreateAccount(self, request: pb.CreateAccountRequest, context: Any) -> pb.Account:
        call = self._accounts.create(
            await _managing(context),
            username=request.username,
            display_name=request.display_name,
            roles=list(request.roles),
            scope=list(request.scope),
            password=request.password,
        )
        return await _answer(call, context)

    async def Authenticate(self, request: pb.AuthenticateRequest, context: Any) -> pb.Account:
        return await _answer(self._accounts.authenticate(request.username, request.password), context)

    async def GetAccount(self, request: pb.GetAccountRequest, context: Any) -> pb.Account:
        return await _answer(self._accounts.get(request.username), context)

    async def DisableAccount(self, request: pb.DisableAccountRequest, context: Any) -> pb.Account:
        return await _answer(self._accounts.disable(await _managing(context), request.username), context)

    async def ChangePassword(self, request: pb.ChangePasswordRequest, context: Any) -> pb.Account:
        changing = await _account_or_managing(context, request.username)
        call = self._accounts.change_password(changing, request.username, request.new_password)
        return await _answer(call, context)

    async def ChangeAccess(self, request: pb.ChangeAccessRequest, context: Any) -> pb.Account:
        call = self._accounts.change_access(
            await _managing(context), request.username, list(request.roles), list(request.scope)
        )
        return await _answer(call, context)
