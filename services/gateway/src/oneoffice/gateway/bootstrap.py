"""The composition root of the gateway: builds the app; every adapter is a parameter with a default."""

from __future__ import annotations

from fastapi import FastAPI

from .adapters.grpc_health import GrpcServiceHealth
from .application.readiness import ServiceHealth
from .config import Settings
from .entrypoints import health_routes, page_routes
from .entrypoints.problems import install_problem_handlers


def create_app(settings: Settings, *, health_port: ServiceHealth | None = None) -> FastAPI:
    """The gateway app; connects to nothing until a request needs a service."""
    app = FastAPI(
        title="OneOffice gateway",
        version="0.1.0",
        description="HTTP JSON API and Vietnamese web UI of OneOffice (Một văn phòng).",
    )
    app.state.settings = settings
    app.state.service_health = health_port or GrpcServiceHealth(
        settings.service_targets(), deadline=settings.health_deadline
    )
    install_problem_handlers(app)
    app.include_router(health_routes.router)
    app.include_router(page_routes.router)
    return app
