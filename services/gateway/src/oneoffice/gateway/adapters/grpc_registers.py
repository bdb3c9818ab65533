"""The :class:`RegistersPort` over ``oneoffice.reporting.v1.RegistersService``."""

from __future__ import annotations

import grpc

from oneoffice.contracts.grpc.reporting.v1 import registers_pb2 as pb
from oneoffice.contracts.grpc.reporting.v1 import registers_pb2_grpc as pb_grpc

from ..application.ports import RequestContext
from ..application.registers import RegisterColumn, RegisterTable
from .grpc_channels import GrpcChannels
from .grpc_status import service_error

SERVICE = "reporting"


class GrpcRegisters:
    def __init__(self, channels: GrpcChannels, *, timeout: float = 30.0) -> None:
        self._channels = channels
        self._timeout = timeout

    async def get_register(
        self, commune_id: str, kind: str, body_code: str, year: int, context: RequestContext
    ) -> RegisterTable:
        stub = pb_grpc.RegistersServiceStub(self._channels.channel(SERVICE))  # type: ignore[no-untyped-call]
        request = pb.GetRegisterRequest(commune_id=commune_id, kind=kind, body_code=body_code, year=year)
        try:
            table = await stub.GetRegister(
                request, timeout=self._timeout, metadata=self._channels.metadata(context)
            )
        except grpc.aio.AioRpcError as exc:
            raise service_error(SERVICE, exc) from exc
        return RegisterTable(
            kind=table.kind,
            commune_id=table.commune_id,
            body_code=table.body_code,
            year=table.year,
            title_vi=table.title_vi,
            title_en=table.title_en,
            columns=tuple(RegisterColumn(c.key, c.title_vi, c.title_en) for c in table.columns),
            rows=tuple(tuple(line.cells) for line in table.lines),
        )
