"""Tracing: one ``TracerProvider`` per service, and the W3C trace context that rides in event metadata.

A command handler calls :func:`inject_trace_context` and stores the result in the envelope's
``trace_context``; whoever handles the event later (a catch-up subscription, a projection, the outbox
relay) turns it back into a parent with :func:`start_consumer_span` or :func:`use_trace_context`, so
one trace runs from the HTTP request through the store and Kafka to every reaction.

Only ``traceparent``/``tracestate`` are carried, never W3C baggage: events are kept forever and
baggage is free-form data that must not leak into an immutable log.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from opentelemetry import context as otel_context
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import SERVICE_NAME, SERVICE_NAMESPACE, Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor, SpanExporter
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import Span, SpanKind, Tracer
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from opentelemetry.util.types import Attributes

SERVICE_NAME_PREFIX = "oneoffice-"
SERVICE_NAMESPACE_VALUE = "oneoffice"
OTLP_TRACES_PATH = "/v1/traces"

_PROPAGATOR = TraceContextTextMapPropagator()


def resource_service_name(service_name: str) -> str:
    """``documents`` → ``oneoffice-documents`` (a name that already has the prefix is kept)."""
    if service_name.startswith(SERVICE_NAME_PREFIX):
        return service_name
    return f"{SERVICE_NAME_PREFIX}{service_name}"


def otlp_traces_url(endpoint: str) -> str:
    """The OTLP/HTTP traces URL for a collector base URL, as ``OTEL_EXPORTER_OTLP_ENDPOINT`` means it."""
    base = endpoint.rstrip("/")
    return base if base.endswith(OTLP_TRACES_PATH) else f"{base}{OTLP_TRACES_PATH}"


def setup_tracing(
    service_name: str,
    *,
    exporter: SpanExporter | None = None,
    otlp_endpoint: str | None = None,
    set_global: bool = False,
) -> TracerProvider:
    """Build the service's provider; export to ``exporter`` and/or an OTLP/HTTP collector, or nowhere.

    The provider is returned, not installed globally unless ``set_global`` (the global one can be set
    only once per process, and tests and the embedded mode build several). Call ``shutdown()`` on it
    when the service stops so batched spans are flushed.
    """
    resource = Resource.create(
        {SERVICE_NAME: resource_service_name(service_name), SERVICE_NAMESPACE: SERVICE_NAMESPACE_VALUE}
    )
    provider = TracerProvider(resource=resource)
    if exporter is not None:
        provider.add_span_processor(_processor_for(exporter))
    if otlp_endpoint:
        provider.add_span_processor(BatchSpanProcessor(_otlp_exporter(otlp_endpoint)))
    if set_global:
        trace.set_tracer_provider(provider)
    return provider


def _processor_for(exporter: SpanExporter) -> SpanProcessor:
    # An in-memory exporter is for tests, which read spans right after the code under test returns.
    if isinstance(exporter, InMemorySpanExporter):
        return SimpleSpanProcessor(exporter)
    return BatchSpanProcessor(exporter)


def _otlp_exporter(endpoint: str) -> SpanExporter:
    # Imported here: the exporter pulls in protobuf and requests, which only a configured endpoint needs.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    return OTLPSpanExporter(endpoint=otlp_traces_url(endpoint))


def inject_trace_context(context: Context | None = None) -> dict[str, str]:
    """The W3C ``traceparent`` (and ``tracestate``) of the current span, or ``{}`` when there is none."""
    carrier: dict[str, str] = {}
    _PROPAGATOR.inject(carrier, context=context)
    return carrier


def extract_trace_context(carrier: Mapping[str, str]) -> Context:
    """A context whose current span is the remote one in ``carrier`` (empty context when none)."""
    return _PROPAGATOR.extract(carrier)


@contextmanager
def use_trace_context(carrier: Mapping[str, str]) -> Iterator[Context]:
    """Make the span in ``carrier`` current without starting a span (e.g. the relay before publishing)."""
    ctx = extract_trace_context(carrier)
    token = otel_context.attach(ctx)
    try:
        yield ctx
    finally:
        otel_context.detach(token)


@contextmanager
def start_consumer_span(
    tracer: Tracer,
    name: str,
    carrier: Mapping[str, str],
    *,
    attributes: Attributes = None,
) -> Iterator[Span]:
    """A current ``CONSUMER`` span whose parent is the producer span in ``carrier``.

    Without a trace context in ``carrier`` the span starts a new trace rather than joining whatever
    happens to be current: the message's origin is what the trace must show.
    """
    with tracer.start_as_current_span(
        name, context=extract_trace_context(carrier), kind=SpanKind.CONSUMER, attributes=attributes
    ) as span:
        yield span
