"""Trace context stored in event metadata joins the consumer's span to the producer's trace."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from opentelemetry import trace
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from oneoffice.eventcore.telemetry import (
    extract_trace_context,
    inject_trace_context,
    otlp_traces_url,
    setup_tracing,
    start_consumer_span,
    use_trace_context,
)


def test_consumer_span_is_child_of_the_producer_span_whose_context_the_event_carries(
    provider: TracerProvider, exporter: InMemorySpanExporter
) -> None:
    tracer = provider.get_tracer("test")
    with tracer.start_as_current_span("RegisterIncomingDocument") as command_span:
        metadata_trace_context = inject_trace_context()

    # Later, elsewhere: nothing is current any more, only the event's metadata links the two.
    assert not trace.get_current_span().get_span_context().is_valid
    with start_consumer_span(tracer, "IncomingDocumentRegistered handle", metadata_trace_context) as span:
        assert trace.get_current_span() is span

    producer = command_span.get_span_context()
    consumer = next(s for s in exporter.get_finished_spans() if s.name == "IncomingDocumentRegistered handle")
    assert consumer.context is not None and consumer.parent is not None
    assert consumer.context.trace_id == producer.trace_id
    assert consumer.parent.span_id == producer.span_id
    assert consumer.parent.is_remote
    assert consumer.kind is SpanKind.CONSUMER


def test_injected_context_is_w3c_traceparent_of_the_current_span(provider: TracerProvider) -> None:
    with provider.get_tracer("test").start_as_current_span("command") as span:
        carrier = inject_trace_context()

    ctx = span.get_span_context()
    # Flags: sampled (0x01), and since OpenTelemetry 1.45 also "random trace id" (0x02, W3C level 2).
    assert ctx.trace_flags.sampled
    assert carrier["traceparent"] == f"00-{ctx.trace_id:032x}-{ctx.span_id:016x}-{ctx.trace_flags:02x}"
    assert set(carrier) <= {"traceparent", "tracestate"}


def test_nothing_is_injected_without_a_current_span() -> None:
    assert inject_trace_context() == {}


def test_consumer_span_of_an_event_without_trace_context_starts_a_new_trace(
    provider: TracerProvider, exporter: InMemorySpanExporter
) -> None:
    tracer = provider.get_tracer("test")
    with tracer.start_as_current_span("catch-up loop") as loop_span:
        with start_consumer_span(tracer, "handle", {}):
            pass

    handled = next(s for s in exporter.get_finished_spans() if s.name == "handle")
    assert handled.parent is None
    assert handled.context is not None
    assert handled.context.trace_id != loop_span.get_span_context().trace_id


def test_extracted_context_holds_the_remote_producer_span(provider: TracerProvider) -> None:
    with provider.get_tracer("test").start_as_current_span("command") as span:
        carrier = inject_trace_context()

    remote = trace.get_current_span(extract_trace_context(carrier)).get_span_context()
    assert remote.is_remote
    assert (remote.trace_id, remote.span_id) == (
        span.get_span_context().trace_id,
        span.get_span_context().span_id,
    )


def test_use_trace_context_makes_the_stored_span_current_only_inside_the_block(
    provider: TracerProvider,
) -> None:
    with provider.get_tracer("test").start_as_current_span("command") as span:
        carrier = inject_trace_context()

    with use_trace_context(carrier):
        assert trace.get_current_span().get_span_context().span_id == span.get_span_context().span_id
        assert inject_trace_context() == carrier
    assert not trace.get_current_span().get_span_context().is_valid


def test_provider_names_the_service_with_the_oneoffice_prefix_and_is_not_made_global() -> None:
    provider = setup_tracing("staff")
    try:
        assert provider.resource.attributes["service.name"] == "oneoffice-staff"
        assert provider.resource.attributes["service.namespace"] == "oneoffice"
        assert trace.get_tracer_provider() is not provider
    finally:
        provider.shutdown()


def test_prefixed_service_name_is_not_prefixed_twice() -> None:
    provider = setup_tracing("oneoffice-gateway")
    try:
        assert provider.resource.attributes["service.name"] == "oneoffice-gateway"
    finally:
        provider.shutdown()


@pytest.mark.parametrize(
    ("endpoint", "url"),
    [
        ("http://collector:4318", "http://collector:4318/v1/traces"),
        ("http://collector:4318/", "http://collector:4318/v1/traces"),
        ("http://collector:4318/v1/traces", "http://collector:4318/v1/traces"),
    ],
)
def test_otlp_endpoint_is_a_collector_base_url(endpoint: str, url: str) -> None:
    assert otlp_traces_url(endpoint) == url


class _Collector(BaseHTTPRequestHandler):
    received: list[tuple[str, str, bytes]]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.path, self.headers["Content-Type"], body))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        return


@pytest.fixture
def collector() -> Iterator[tuple[str, list[tuple[str, str, bytes]]]]:
    received: list[tuple[str, str, bytes]] = []
    handler = type("Collector", (_Collector,), {"received": received})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_spans_are_exported_over_otlp_http_to_the_configured_collector(
    collector: tuple[str, list[tuple[str, str, bytes]]],
) -> None:
    endpoint, received = collector
    provider = setup_tracing("reporting", otlp_endpoint=endpoint)
    with provider.get_tracer("test").start_as_current_span("RecordStatistic"):
        pass
    assert provider.force_flush(timeout_millis=10_000)
    provider.shutdown()

    assert [(path, content_type) for path, content_type, _ in received] == [
        ("/v1/traces", "application/x-protobuf")
    ]
    request = ExportTraceServiceRequest.FromString(received[0][2])
    [resource_spans] = request.resource_spans
    attributes = {a.key: a.value.string_value for a in resource_spans.resource.attributes}
    assert attributes["service.name"] == "oneoffice-reporting"
    assert [s.name for ss in resource_spans.scope_spans for s in ss.spans] == ["RecordStatistic"]
