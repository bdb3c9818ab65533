"""Hand-written fakes behind the gateway's ports."""

from __future__ import annotations

from oneoffice.gateway.application.readiness import BACKEND_SERVICES, ServiceStatus


class FakeServiceHealth:
    """Every service SERVING unless told otherwise; remembers what it was asked."""

    def __init__(self, **statuses: ServiceStatus) -> None:
        self.statuses = {name: statuses.get(name, ServiceStatus.SERVING) for name in BACKEND_SERVICES}
        self.asked: list[str] = []

    async def check(self, name: str) -> ServiceStatus:
        self.asked.append(name)
        return self.statuses.get(name, ServiceStatus.SERVICE_UNKNOWN)
