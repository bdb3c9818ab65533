"""Bind the OpenTelemetry instrumentations (FastAPI, gRPC aio, SQLAlchemy) to a service's provider.

Each instrumentation is imported inside its helper: a service only installs the frameworks it uses
(the gateway has no SQLAlchemy engine of its own, the services no FastAPI app).

Nothing here touches the global tracer provider or patches a library globally, so several services
(embedded mode) or tests can each instrument their own app, server and engine in one process.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any, cast

from opentelemetry import metrics
from opentelemetry.sdk.trace import TracerProvider

if TYPE_CHECKING:
    import grpc
    from fastapi import FastAPI
    from sqlalchemy.engine import Engine
    from sqlalchemy.ext.asyncio import AsyncEngine

_instrumented_engines: weakref.WeakSet[Engine] = weakref.WeakSet()


def instrument_fastapi(app: FastAPI, provider: TracerProvider, *, excluded_urls: str | None = None) -> None:
    """One server span per request on ``app`` (``excluded_urls``: comma-separated regexes, e.g. probes)."""
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    FastAPIInstrumentor.instrument_app(app, tracer_provider=provider, excluded_urls=excluded_urls)


def grpc_server_interceptor(provider: TracerProvider) -> grpc.aio.ServerInterceptor:
    """For ``grpc.aio.server(interceptors=[...])``: a server span per RPC, child of the caller's span."""
    from opentelemetry.instrumentation.grpc import aio_server_interceptor

    interceptor = aio_server_interceptor(tracer_provider=provider)  # type: ignore[no-untyped-call]
    return cast("grpc.aio.ServerInterceptor", interceptor)


def grpc_client_interceptors(provider: TracerProvider) -> list[grpc.aio.ClientInterceptor]:
    """For ``grpc.aio.insecure_channel(target, interceptors=...)``: client spans that propagate context."""
    from opentelemetry.instrumentation.grpc import aio_client_interceptors

    interceptors = aio_client_interceptors(tracer_provider=provider)  # type: ignore[no-untyped-call]
    return cast("list[grpc.aio.ClientInterceptor]", interceptors)


def instrument_sqlalchemy(engine: Engine | AsyncEngine, provider: TracerProvider) -> None:
    """A client span per statement executed on ``engine``; instrumenting the same engine twice is a no-op."""
    # EngineTracer rather than SQLAlchemyInstrumentor().instrument(engine=...): the instrumentor is a
    # process-wide singleton that works only once and also patches create_engine for every engine.
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
    from opentelemetry.instrumentation.sqlalchemy.version import __version__
    from opentelemetry.semconv.metrics import MetricInstruments
    from sqlalchemy.ext.asyncio import AsyncEngine

    sync_engine = engine.sync_engine if isinstance(engine, AsyncEngine) else engine
    if sync_engine in _instrumented_engines:
        return
    instrumentation = "opentelemetry.instrumentation.sqlalchemy"
    tracer = provider.get_tracer(instrumentation, __version__)
    connections_usage: Any = metrics.get_meter(instrumentation, __version__).create_up_down_counter(
        name=MetricInstruments.DB_CLIENT_CONNECTIONS_USAGE,
        unit="connections",
        description="The number of connections that are currently in state described by the state attribute.",
    )
    EngineTracer(tracer, sync_engine, connections_usage)  # type: ignore[no-untyped-call]
    _instrumented_engines.add(sync_engine)
