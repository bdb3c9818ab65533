"""Load shedding: at most ``max_in_flight`` requests at a time; beyond it 503 at once, with Retry-After.

Without a bound, a gateway offered more than it can do starts every request and finishes none in
time: each waits behind all the others, memory grows, and clients time out. With one, the requests
accepted are served at the machine's pace and the others are refused in microseconds, so the client
may retry (``Retry-After: 1``) or go elsewhere.

A pure ASGI middleware (no queue, no task): a counter of the requests it let in, decremented however
they end (answered, failed, cancelled when the client goes away). The probes (``/healthz``,
``/readyz``) and ``/metrics`` are never shed: an orchestrator must see a busy gateway as alive.
"""

from __future__ import annotations

from collections.abc import Collection

from fastapi import FastAPI
from prometheus_client import CollectorRegistry, Counter, Gauge
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from .language import Language, api_language
from .problems import problem_response
from .security_headers import UNHANDLED_ERROR_HEADERS

KIND = "overloaded"
RETRY_AFTER_SECONDS = 1
EXEMPT_PATHS = ("/healthz", "/readyz", "/metrics")

_TEXTS: dict[Language, tuple[str, str]] = {
    "vi": (
        "Hệ thống đang quá tải",
        "Cổng dịch vụ đang xử lý quá nhiều yêu cầu cùng lúc; hãy thử lại sau {seconds} giây.",
    ),
    "en": (
        "Service overloaded",
        "The gateway is handling too many requests at once; try again in {seconds} seconds.",
    ),
}


def install_load_shedding(app: FastAPI, *, max_in_flight: int, registry: CollectorRegistry) -> None:
    """Shedding around the whole of ``app``, the tracing and the error middleware included.

    Outermost, so a refusal costs almost nothing: no span, no other middleware. Starlette puts
    ``add_middleware``'s inside its error middleware and the tracing instrumentation wraps that, so
    this wraps the stack Starlette builds (as the instrumentation does); call it after them.
    """
    metrics = SheddingMetrics(registry)
    build_inner = app.build_middleware_stack

    def build_middleware_stack() -> ASGIApp:
        return LoadSheddingMiddleware(build_inner(), max_in_flight=max_in_flight, metrics=metrics)

    app.build_middleware_stack = build_middleware_stack  # type: ignore[method-assign]


class SheddingMetrics:
    """The shedding's Prometheus metrics, in the gateway's registry."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.shed = Counter(
            "oneoffice_gateway_requests_shed_total",
            "Requests answered 503 at once because the gateway had max_in_flight requests in flight.",
            registry=registry,
        )
        self.in_flight = Gauge(
            "oneoffice_gateway_requests_in_flight",
            "Requests the gateway is serving now (probes and /metrics not counted).",
            registry=registry,
        )


class LoadSheddingMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        max_in_flight: int,
        metrics: SheddingMetrics,
        exempt_paths: Collection[str] = EXEMPT_PATHS,
    ) -> None:
        if max_in_flight < 1:
            raise ValueError("max_in_flight must be at least 1")
        self.app = app
        self.max_in_flight = max_in_flight
        self.metrics = metrics
        self.exempt_paths = tuple(exempt_paths)
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self._exempt(scope["path"]):
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.max_in_flight:
            self.metrics.shed.inc()
            await _overloaded(scope, receive, send)
            return
        # One event loop: the check above and this increment happen with no await between them.
        self.in_flight += 1
        self.metrics.in_flight.inc()
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
            self.metrics.in_flight.dec()

    def _exempt(self, path: str) -> bool:
        return any(path == exempt or path.startswith(exempt + "/") for exempt in self.exempt_paths)


async def _overloaded(scope: Scope, receive: Receive, send: Send) -> None:
    request = Request(scope)
    language = api_language(request)
    title, detail = _TEXTS[language]
    response = problem_response(
        request,
        503,
        title=title,
        detail=detail.format(seconds=RETRY_AFTER_SECONDS),
        language=language,
        problem_type=f"urn:oneoffice:problem:{KIND}",
        # Outside the security-headers middleware (shed before any other work): its headers here.
        headers={"Retry-After": str(RETRY_AFTER_SECONDS), **UNHANDLED_ERROR_HEADERS},
    )
    await response(scope, receive, send)
