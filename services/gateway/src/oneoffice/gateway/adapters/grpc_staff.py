"""The :class:`StaffPort` over ``oneoffice.staff.v1.StaffService`` (accounts)."""

from __future__ import annotations

from typing import Any

import grpc

from oneoffice.contracts.grpc.staff.v1 import staff_pb2 as pb
from oneoffice.contracts.grpc.staff.v1 import staff_pb2_grpc as pb_grpc

from ..application.ports import Account, RequestContext
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

    async def _call(
        self, method: str, request: Any, context: RequestContext, none_on: grpc.StatusCode
    ) -> Account | None:
        try:
            response = await getattr(self._stub(), method)(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            # UNAUTHENTICATED for the gateway itself (internal auth misconfigured) is no wrong password.
            if exc.code() == none_on and not refused_caller(exc):
                return None
            raise service_error(SERVICE, exc) from exc
        return _account(response)
