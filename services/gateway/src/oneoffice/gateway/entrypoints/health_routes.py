"""Probes for orchestrators: liveness of the gateway, readiness of everything behind it."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel, Field

from ..application.readiness import ServiceStatus, check_readiness
from .access import PUBLIC
from .deps import ServiceHealthDep
from .language import api_language
from .messages import text
from .problems import PROBLEM_MEDIA_TYPE, Problem, problem_response

router = APIRouter(tags=["health"], dependencies=[PUBLIC])


class Liveness(BaseModel):
    status: Literal["ok"] = "ok"


class ReadinessReport(BaseModel):
    status: Literal["ready"] = "ready"
    services: dict[str, ServiceStatus]
    parts: dict[str, dict[str, ServiceStatus]] = Field(
        default_factory=dict,
        description="Per service, what it reports under names of its own: each Kafka connection "
        "(`relay:<topic>`, a subscription's name) and each subscription halted for an operator.",
    )
    degraded: list[str] = Field(
        default_factory=list,
        description="`service/part` of every part not SERVING: the service answers from its own "
        "database, but what that part feeds is behind until it recovers.",
    )


@router.get("/healthz")
async def healthz() -> Liveness:
    """Liveness: the gateway process answers (the services are not asked)."""
    return Liveness()


@router.get(
    "/readyz",
    response_model=ReadinessReport,
    responses={
        503: {
            "description": "Not ready: a problem naming the services that do not answer",
            "content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}},
        }
    },
)
async def readyz(request: Request, health: ServiceHealthDep) -> ReadinessReport | JSONResponse:
    """Readiness: every service answers SERVING on gRPC health, else 503 naming those that do not."""
    readiness = await check_readiness(health)
    if readiness.ready:
        return ReadinessReport(
            services=dict(readiness.statuses),
            parts={name: dict(parts) for name, parts in readiness.parts.items()},
            degraded=readiness.degraded,
        )
    language = api_language(request)
    return problem_response(
        request,
        503,
        problem_type="urn:oneoffice:problem:services-unavailable",
        title=text(language, "problem.not_ready.title"),
        detail=text(language, "problem.not_ready.detail", services=", ".join(readiness.unavailable)),
        language=language,
        services=dict(readiness.statuses),
        unavailable=readiness.unavailable,
        parts={name: dict(parts) for name, parts in readiness.parts.items()},
        degraded=readiness.degraded,
    )


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    """Prometheus metrics: HTTP requests per route template, process and runtime, the gateway's own."""
    # At /metrics itself: a scraper that does not follow redirects must not get a 307 to /metrics/.
    registry = request.app.state.telemetry.registry
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
