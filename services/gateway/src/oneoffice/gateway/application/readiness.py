"""Readiness: is every service the gateway depends on answering? The port and the query."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

# The services behind the gateway, in the order pages list them.
BACKEND_SERVICES: tuple[str, ...] = ("documents", "staff", "reporting")


class ServiceStatus(StrEnum):
    SERVING = "SERVING"
    NOT_SERVING = "NOT_SERVING"
    UNKNOWN = "UNKNOWN"
    SERVICE_UNKNOWN = "SERVICE_UNKNOWN"
    UNREACHABLE = "UNREACHABLE"


@dataclass(frozen=True, slots=True)
class ServiceReport:
    """A service's status, and what it reports under names of its own — each Kafka connection it
    waits for, each subscription halted for an operator — with theirs (empty when it cannot tell)."""

    status: ServiceStatus
    parts: Mapping[str, ServiceStatus] = field(default_factory=dict)


class ServiceHealth(Protocol):
    async def report(self, name: str) -> ServiceReport:
        """The health of the service called ``name`` (e.g. "documents"); never raises for outages."""
        ...


@dataclass(frozen=True, slots=True)
class Readiness:
    """Ready when every service answers SERVING. A service serves what its own database holds while
    a part of it waits (Kafka away, a subscription halted): it stays ready, and the part is named in
    ``degraded`` so an operator sees it."""

    statuses: Mapping[str, ServiceStatus]
    parts: Mapping[str, Mapping[str, ServiceStatus]] = field(default_factory=dict)

    @property
    def degraded(self) -> list[str]:
        return [
            f"{service}/{part}"
            for service, statuses in self.parts.items()
            for part, status in statuses.items()
            if status is not ServiceStatus.SERVING
        ]

    @property
    def ready(self) -> bool:
        return not self.unavailable

    @property
    def unavailable(self) -> list[str]:
        return [name for name, status in self.statuses.items() if status is not ServiceStatus.SERVING]


async def check_readiness(health: ServiceHealth, names: Sequence[str] = BACKEND_SERVICES) -> Readiness:
    """Ask every service at once, so one slow service costs one deadline, not the sum."""
    reports = await asyncio.gather(*(health.report(name) for name in names))
    return Readiness(
        {name: report.status for name, report in zip(names, reports, strict=True)},
        {name: dict(sorted(report.parts.items())) for name, report in zip(names, reports, strict=True)},
    )
