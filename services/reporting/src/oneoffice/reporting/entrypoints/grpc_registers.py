"""``oneoffice.reporting.v1.RegistersService``: a whole register as a table, for the exports (#13)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import grpc

from oneoffice.contracts.access import Permission
from oneoffice.contracts.grpc.reporting.v1 import registers_pb2, registers_pb2_grpc
from oneoffice.eventcore.grpc_caller import require
from oneoffice.eventcore.grpc_runtime import ServiceRegistration

from ..application.registers import GetRegister
from ..domain.registers import RegisterTable
from .grpc_errors import reporting_errors

GetRegisterHandler = Callable[[GetRegister], Awaitable[RegisterTable]]


class RegistersServicer(registers_pb2_grpc.RegistersServiceServicer):
    def __init__(self, get_register: GetRegisterHandler) -> None:
        self._get_register = get_register

    async def GetRegister(
        self, request: registers_pb2.GetRegisterRequest, context: grpc.aio.ServicerContext
    ) -> registers_pb2.RegisterTable:
        # The outgoing register is read with outgoing:read, the others with incoming:read.
        permission = Permission.OUTGOING_READ if request.kind == "outgoing" else Permission.INCOMING_READ
        await require(context, permission, request.commune_id)
        query = GetRegister(request.commune_id, request.kind, request.body_code, request.year)
        async with reporting_errors(context):
            table = await self._get_register(query)
        return registers_pb2.RegisterTable(
            kind=table.kind,
            commune_id=table.commune_id,
            body_code=table.body_code,
            year=table.year,
            title_vi=table.title_vi,
            title_en=table.title_en,
            columns=[
                registers_pb2.RegisterColumn(key=c.key, title_vi=c.title_vi, title_en=c.title_en)
                for c in table.columns
            ],
            lines=[registers_pb2.RegisterLine(cells=list(row)) for row in table.rows],
        )


def registration(servicer: RegistersServicer) -> ServiceRegistration:
    def add_to_server(server: grpc.aio.Server) -> None:
        registers_pb2_grpc.add_RegistersServiceServicer_to_server(servicer, server)  # type: ignore[no-untyped-call]

    return ServiceRegistration("oneoffice.reporting.v1.RegistersService", add_to_server)
