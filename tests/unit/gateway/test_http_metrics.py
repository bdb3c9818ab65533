"""The gateway's /metrics: HTTP requests per route template (RED) and the process's own metrics."""

from __future__ import annotations

import re

import httpx

REGISTER = "/api/v1/communes/16876/incoming-register"
TEMPLATE = "/api/v1/communes/{commune_id}/incoming-register"


def _sample(text: str, metric: str, **labels: str) -> float:
    """The value of the sample of ``metric`` that carries every one of ``labels``."""
    for line in text.splitlines():
        if line.startswith("#") or re.split(r"[{ ]", line, maxsplit=1)[0] != metric:
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.rsplit(" ", 1)[0]))
        if all(found.get(key) == value for key, value in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"no sample of {metric} with {labels} in:\n{text}")


async def test_metrics_are_served_at_metrics_itself_without_a_redirect(client: httpx.AsyncClient) -> None:
    response = await client.get("/metrics")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")


async def test_requests_are_counted_and_timed_by_route_template_method_and_status(
    client: httpx.AsyncClient,
) -> None:
    for _ in range(2):
        assert (await client.get(REGISTER, params={"body": "UBND"})).status_code == 200
    assert (
        await client.get("/api/v1/communes/99999/incoming-register", params={"body": "UBND"})
    ).status_code == 403

    text = (await client.get("/metrics")).text

    assert _sample(text, "http_requests_total", handler=TEMPLATE, method="GET", status="200") == 2
    assert _sample(text, "http_requests_total", handler=TEMPLATE, method="GET", status="403") == 1
    assert _sample(text, "http_request_duration_seconds_count", handler=TEMPLATE, method="GET") == 3
    assert (
        _sample(text, "http_request_duration_seconds_bucket", handler=TEMPLATE, method="GET", le="+Inf") == 3
    )
    assert "16876" not in text, "one series per route, not per commune"


async def test_the_gateway_reports_its_process_cpu_memory_file_descriptors_and_gc(
    client: httpx.AsyncClient,
) -> None:
    text = (await client.get("/metrics")).text

    assert _sample(text, "process_resident_memory_bytes") > 0
    assert _sample(text, "process_cpu_seconds_total") > 0
    assert _sample(text, "process_open_fds") > 0
    assert "python_gc_collections_total" in text
