"""Readiness: is every service the gateway depends on answering? The port and the query."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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


class ServiceHealth(Protocol):
    async def check(self, name: str) -> ServiceStatus:
        """The status of the service called ``name`` (e.g. "documents"); never raises for outages."""
        ...


@dataclass(frozen=True, slots=True)
class Readiness:
    statuses: Mapping[str, ServiceStatus]

    @property
    def ready(self) -> bool:
        return not self.unavailable

    @property
    def unavailable(self) -> list[str]:
        return [name for name, status in self.statuses.items() if status is not ServiceStatus.SERVING]


async def check_readiness(health: ServiceHealth, names: Sequence[str] = BACKEND_SERVICES) -> Readiness:
    """Ask every service at once, so one slow service costs one deadline, not the sum."""
    statuses = await asyncio.gather(*(health.check(name) for name in names))
    return Readiness(dict(zip(names, statuses, strict=True)))
