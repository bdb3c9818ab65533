"""FastAPI dependencies: what ``create_app`` wired, handed to routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ..application.readiness import ServiceHealth


def get_service_health(request: Request) -> ServiceHealth:
    health: ServiceHealth = request.app.state.service_health
    return health


ServiceHealthDep = Annotated[ServiceHealth, Depends(get_service_health)]
