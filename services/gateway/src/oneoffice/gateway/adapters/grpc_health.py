"""The :class:`ServiceHealth` port over the standard gRPC health service of each backend."""

from __future__ import annotations

from collections.abc import Mapping

import grpc

from oneoffice.eventcore.grpc_runtime import list_health, probe_health

from ..application.readiness import ServiceStatus


class GrpcServiceHealth:
    def __init__(
        self,
        targets: Mapping[str, str],
        *,
        deadline: float = 2.0,
        credentials: grpc.ChannelCredentials | None = None,
    ) -> None:
        self._targets = dict(targets)
        self._deadline = deadline
        self._credentials = credentials

    async def check(self, name: str) -> ServiceStatus:
        target = self._targets.get(name)
        if target is None:
            return ServiceStatus.SERVICE_UNKNOWN
        # Each service reports its health under its proto package name, e.g. "oneoffice.staff.v1".
        status = await probe_health(
            target, f"oneoffice.{name}.v1", deadline=self._deadline, credentials=self._credentials
        )
        return ServiceStatus(status.value)

    async def parts(self, name: str) -> Mapping[str, ServiceStatus]:
        target = self._targets.get(name)
        if target is None:
            return {}
        listed = await list_health(target, deadline=self._deadline, credentials=self._credentials)
        # The whole server (""), the service itself and its gRPC services are not parts of it.
        own = f"oneoffice.{name}.v1"
        return {
            part: ServiceStatus(status.value)
            for part, status in listed.items()
            if part and part != own and not part.startswith(f"{own}.")
        }
