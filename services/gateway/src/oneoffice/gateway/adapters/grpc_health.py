"""The :class:`ServiceHealth` port over the standard gRPC health service of each backend."""

from __future__ import annotations

from collections.abc import Mapping

import grpc

from oneoffice.eventcore.grpc_runtime import list_health, probe_health

from ..application.readiness import ServiceReport, ServiceStatus


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

    async def report(self, name: str) -> ServiceReport:
        """One ``List`` call: the service's own status and its parts. Only when it lists nothing (no
        answer) a ``Check`` tells an unreachable service from one that does not know the name."""
        target = self._targets.get(name)
        if target is None:
            return ServiceReport(ServiceStatus.SERVICE_UNKNOWN)
        # Each service reports its health under its proto package name, e.g. "oneoffice.staff.v1".
        own = f"oneoffice.{name}.v1"
        listed = await list_health(target, deadline=self._deadline, credentials=self._credentials)
        if not listed:
            status = await probe_health(target, own, deadline=self._deadline, credentials=self._credentials)
            return ServiceReport(ServiceStatus(status.value))
        # The whole server (""), the service itself and its gRPC services are not parts of it.
        parts = {
            part: ServiceStatus(status.value)
            for part, status in listed.items()
            if part and part != own and not part.startswith(f"{own}.")
        }
        own_status = listed.get(own)
        return ServiceReport(
            ServiceStatus(own_status.value) if own_status else ServiceStatus.SERVICE_UNKNOWN, parts
        )
