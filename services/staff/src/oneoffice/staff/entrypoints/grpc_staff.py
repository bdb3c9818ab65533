"""The accounts part of ``oneoffice.staff.v1.StaffService``: wire messages in, use cases, wire out.

Who acts is read from the call's metadata (``x-actor``; the gateway sends the authenticated user),
the flow from ``x-correlation-id``. No password or hash is ever logged or answered.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from oneoffice.contracts.grpc.staff.v1 import staff_pb2 as pb
from oneoffice.contracts.grpc.staff.v1 import staff_pb2_grpc as pb_grpc

from ..application.accounts import AccountService, AccountView, Caller
from .grpc_errors import abort_with

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["StaffService"].full_name
ACTOR_HEADER = "x-actor"
CORRELATION_HEADER = "x-correlation-id"
# Recorded when a call names no actor (the embedded demo's seeding, the create-admin command).
SYSTEM_ACTOR = "system"


def _caller(context: Any) -> Caller:
    headers = {key: str(value) for key, value in context.invocation_metadata() or ()}
    return Caller(
        actor=headers.get(ACTOR_HEADER, "").strip() or SYSTEM_ACTOR,
        correlation_id=headers.get(CORRELATION_HEADER, ""),
    )


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
            _caller(context),
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
        return await _answer(self._accounts.disable(_caller(context), request.username), context)

    async def ChangePassword(self, request: pb.ChangePasswordRequest, context: Any) -> pb.Account:
        call = self._accounts.change_password(_caller(context), request.username, request.new_password)
        return await _answer(call, context)

    async def ChangeAccess(self, request: pb.ChangeAccessRequest, context: Any) -> pb.Account:
        call = self._accounts.change_access(
            _caller(context), request.username, list(request.roles), list(request.scope)
        )
        return await _answer(call, context)
