"""Event runtime metrics: per-container registries, Prometheus text, and the /metrics endpoints."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from prometheus_client import CollectorRegistry, generate_latest

from oneoffice.eventcore.telemetry import (
    EventMetrics,
    FailureKind,
    metrics_asgi_app,
    new_registry,
    serve_metrics,
)


def _value(registry: CollectorRegistry, name: str, **labels: str) -> float | None:
    return registry.get_sample_value(name, labels)


def test_counters_increment_and_appear_in_the_exposition_text() -> None:
    registry = CollectorRegistry()
    metrics = EventMetrics(registry, "documents")

    metrics.event_appended("IncomingDocumentRegistered")
    metrics.event_appended("IncomingDocumentRegistered", 2)
    metrics.event_published("oneoffice.documents.v1")
    metrics.event_consumed("reporting-projection", 5)
    metrics.event_failed("reporting-projection", FailureKind.RETRY)
    metrics.event_failed("relay", FailureKind.PUBLISH_ERROR)

    lines = generate_latest(registry).decode().splitlines()
    assert (
        'oneoffice_events_appended_total{event_type="IncomingDocumentRegistered",service="documents"} 3.0'
        in (lines)
    )
    assert 'oneoffice_events_published_total{service="documents",topic="oneoffice.documents.v1"} 1.0' in lines
    assert (
        'oneoffice_events_consumed_total{service="documents",subscription="reporting-projection"} 5.0'
        in lines
    )
    failures = {"service": "documents", "subscription": "reporting-projection"}
    retry = (
        'oneoffice_event_failures_total{kind="retry",service="documents",subscription="reporting-projection"}'
    )
    assert f"{retry} 1.0" in lines
    assert _value(registry, "oneoffice_event_failures_total", kind="retry", **failures) == 1
    relay = {"service": "documents", "subscription": "relay"}
    assert _value(registry, "oneoffice_event_failures_total", kind="publish_error", **relay) == 1


def test_dead_letter_counts_as_a_dead_letter_failure_and_as_a_dead_letter() -> None:
    metrics = EventMetrics(CollectorRegistry(), "reporting")

    metrics.dead_lettered("statistics")

    labels = {"service": "reporting", "subscription": "statistics"}
    assert _value(metrics.registry, "oneoffice_dead_letters_total", **labels) == 1
    assert _value(metrics.registry, "oneoffice_event_failures_total", kind="dead_letter", **labels) == 1


def test_lag_gauges_hold_the_last_value_per_partition() -> None:
    metrics = EventMetrics(CollectorRegistry(), "reporting")

    metrics.set_consumer_lag("staff-events", 0, 40)
    metrics.set_consumer_lag("staff-events", 0, 12)
    metrics.set_consumer_lag("staff-events", 1, 3)
    metrics.set_relay_lag(7)

    labels = {"service": "reporting", "subscription": "staff-events"}
    assert _value(metrics.registry, "oneoffice_consumer_lag", partition="0", **labels) == 12
    assert _value(metrics.registry, "oneoffice_consumer_lag", partition="1", **labels) == 3
    assert _value(metrics.registry, "oneoffice_relay_lag_events", service="reporting") == 7


def test_two_services_on_separate_registries_do_not_clash() -> None:
    documents = EventMetrics(None, "documents")
    staff = EventMetrics(None, "staff")

    documents.event_appended("IncomingDocumentRegistered")

    assert documents.registry is not staff.registry
    assert "IncomingDocumentRegistered" in generate_latest(documents.registry).decode()
    assert "IncomingDocumentRegistered" not in generate_latest(staff.registry).decode()


def test_second_event_metrics_on_the_same_registry_is_refused() -> None:
    registry = CollectorRegistry()
    EventMetrics(registry, "documents")

    with pytest.raises(ValueError, match="Duplicated timeseries"):
        EventMetrics(registry, "documents")


def test_new_registry_carries_process_metrics_only_when_asked() -> None:
    text = generate_latest(new_registry()).decode()

    for name in ("process_cpu_seconds_total", "python_info", "python_gc_objects_collected_total"):
        assert name in text
    assert generate_latest(new_registry(process_metrics=False)) == b""


async def test_metrics_server_serves_the_registry_on_the_bound_port() -> None:
    metrics = EventMetrics(None, "staff")
    metrics.event_appended("StaffMemberAppointed")
    server = serve_metrics(metrics.registry, "127.0.0.1", 0)
    try:
        assert server.port > 0
        async with httpx.AsyncClient() as client:
            response = await client.get(server.url)
    finally:
        server.close()

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert (
        'oneoffice_events_appended_total{event_type="StaffMemberAppointed",service="staff"} 1.0'
        in response.text
    )


async def test_asgi_app_mounted_in_fastapi_serves_the_registry() -> None:
    metrics = EventMetrics(None, "gateway")
    metrics.event_consumed("idempotency-cleanup")
    app = FastAPI()
    app.mount("/metrics", metrics_asgi_app(metrics.registry))

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gateway") as client:
        response = await client.get("/metrics", follow_redirects=True)

    assert response.status_code == 200
    assert 'oneoffice_events_consumed_total{service="gateway",subscription="idempotency-cleanup"} 1.0' in (
        response.text
    )
