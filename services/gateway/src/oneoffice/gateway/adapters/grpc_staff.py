"""The :class:`StaffPort` over ``oneoffice.staff.v1.StaffService`` (accounts)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import grpc

from oneoffice.contracts.grpc.staff.v1 import staff_pb2 as pb
from oneoffice.contracts.grpc.staff.v1 import staff_pb2_grpc as pb_grpc

from ..application.ports import Account, AccountDraft, RequestContext
from .grpc_channels import GrpcChannels
from .grpc_status import refused_caller, service_error

SERVICE = "staff"


def _account(message: Any) -> Account:
    return Account(
        username=message.username,
        display_name=message.display_name,
        roles=tuple(message.roles),
        scope=tuple(message.scope),
        disabled=message.disabled,
    )


class GrpcStaff:
    def __init__(self, channels: GrpcChannels, *, timeout: float = 10.0) -> None:
        self._channels = channels
        self._timeout = timeout

    def _stub(self) -> Any:
        return pb_grpc.StaffServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]

    async def authenticate(self, username: str, password: str, context: RequestContext) -> Account | None:
        request = pb.AuthenticateRequest(username=username, password=password)
        return await self._call("Authenticate", request, context, grpc.StatusCode.UNAUTHENTICATED)

    async def get_account(self, username: str, context: RequestContext) -> Account | None:
        request = pb.GetAccountRequest(username=username)
        return await self._call("GetAccount", request, context, grpc.StatusCode.NOT_FOUND)

    async def create_account(self, draft: AccountDraft, context: RequestContext) -> Account:
        request = pb.CreateAccountRequest(
            username=draft.username,
            display_name=draft.display_name,
            roles=list(draft.roles),
            scope=list(draft.scope),
            password=draft.password,
        )
        return await self._command("CreateAccount", request, context)

    async def change_access(
        self, username: str, roles: Sequence[str], scope: Sequence[str], context: RequestContext
    ) -> Account:
        request = pb.ChangeAccessRequest(username=username, roles=list(roles), scope=list(scope))
        return await self._command("ChangeAccess", request, context)

    async def disable_account(self, username: str, context: RequestContext) -> Account:
        return await self._command("DisableAccount", pb.DisableAccountRequest(username=username), context)

    async def change_password(self, username: str, new_password: str, context: RequestContext) -> Account:
        request = pb.ChangePasswordRequest(username=username, new_password=new_password)
        return await self._command("ChangePassword", request, context)

    async def _command(self, method: str, request: Any, context: RequestContext) -> Account:
        account = await self._call(method, request, context, None)
        assert account is not None
        return account

    async def _call(
        self, method: str, request: Any, context: RequestContext, none_on: grpc.StatusCode | None
    ) -> Account | None:
        try:
            response = await getattr(self._stub(), method)(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            # UNAUTHENTICATED for the gateway itself (internal auth misconfigured) is no wrong password.
            if none_on is not None and exc.code() == none_on and not refused_caller(exc):
                return None
            raise service_error(SERVICE, exc) from exc
        return _account(response)
