"""HTTP RED metrics of the gateway, per route template, on the gateway's own registry.

prometheus-fastapi-instrumentator counts every request by method, route template (``handler``,
e.g. ``/api/v1/communes/{commune_id}/incoming-register``; paths that match no route are grouped as
``none``, so a scan cannot blow up the series) and exact status (``http_requests_total``: rate,
and errors as its 5xx share), and times it (``http_request_duration_seconds``: duration). It is
installed outermost, so a request the load shedder refuses is counted too. The registry also holds
the process and runtime metrics (CPU, memory, file descriptors, GC); ``/metrics`` serves it all
(:mod:`.health_routes`).
"""

from __future__ import annotations

from fastapi import FastAPI
from prometheus_client import CollectorRegistry
from prometheus_fastapi_instrumentator import Instrumentator

# Not measured: the scrape itself.
EXCLUDED_HANDLERS = ["^/metrics$"]


def instrument_http(app: FastAPI, registry: CollectorRegistry) -> None:
    """Count and time every request of ``app`` into ``registry`` (call after the other middlewares)."""
    Instrumentator(
        should_group_status_codes=False,
        excluded_handlers=EXCLUDED_HANDLERS,
        registry=registry,
    ).instrument(app)
