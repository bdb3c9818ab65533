"""FastStream's telemetry middleware, bound to the service's provider, carries the trace over Kafka."""

from __future__ import annotations

from faststream import AckPolicy
from faststream.kafka import KafkaBroker, TestKafkaBroker
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanContext, SpanKind

from oneoffice.eventcore.telemetry import inject_trace_context, telemetry_middleware, use_trace_context

TOPIC = "oneoffice.documents.v1"


def _broker(provider: TracerProvider, seen_in_handler: list[SpanContext]) -> KafkaBroker:
    broker = KafkaBroker(middlewares=[telemetry_middleware(provider)])

    @broker.subscriber(TOPIC, group_id="reporting", ack_policy=AckPolicy.ACK)
    async def on_document_registered(body: dict[str, str]) -> None:
        seen_in_handler.append(trace.get_current_span().get_span_context())

    return broker


def _span(exporter: InMemorySpanExporter, name: str) -> ReadableSpan:
    [span] = [s for s in exporter.get_finished_spans() if s.name == name]
    return span


async def test_subscriber_span_is_in_the_trace_of_the_span_active_at_publish(
    provider: TracerProvider, exporter: InMemorySpanExporter
) -> None:
    seen_in_handler: list[SpanContext] = []

    async with TestKafkaBroker(_broker(provider, seen_in_handler)) as broker:
        with provider.get_tracer("test").start_as_current_span("relay batch") as parent:
            await broker.publish({"symbol": "12/UBND"}, topic=TOPIC, key=b"16876")

    parent_ctx = parent.get_span_context()
    create = _span(exporter, f"{TOPIC} create")
    publish = _span(exporter, f"{TOPIC} publish")
    process = _span(exporter, f"{TOPIC} process")
    assert create.parent is not None and create.parent.span_id == parent_ctx.span_id
    assert publish.kind is SpanKind.PRODUCER and process.kind is SpanKind.CONSUMER
    assert process.context is not None and process.context.trace_id == parent_ctx.trace_id
    # The subscriber found its parent in the message headers, not in the publisher's task.
    assert process.parent is not None and process.parent.is_remote
    assert create.context is not None and process.parent.span_id == create.context.span_id
    assert [(ctx.trace_id, ctx.span_id) for ctx in seen_in_handler] == [
        (process.context.trace_id, process.context.span_id)
    ]


async def test_relay_publishing_under_the_events_stored_context_continues_the_commands_trace(
    provider: TracerProvider, exporter: InMemorySpanExporter
) -> None:
    with provider.get_tracer("test").start_as_current_span("RegisterIncomingDocument") as command:
        stored_trace_context = inject_trace_context()
    seen_in_handler: list[SpanContext] = []

    async with TestKafkaBroker(_broker(provider, seen_in_handler)) as broker:
        with use_trace_context(stored_trace_context):
            await broker.publish({"symbol": "12/UBND"}, topic=TOPIC, key=b"16876")

    process = _span(exporter, f"{TOPIC} process")
    assert process.context is not None
    assert process.context.trace_id == command.get_span_context().trace_id
    assert [ctx.trace_id for ctx in seen_in_handler] == [command.get_span_context().trace_id]
