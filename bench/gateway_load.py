"""The load generator of ``make bench-gateway``: a process of its own, sending at a fixed arrival rate.

Open loop: each request is started when the clock says it is due, whether or not earlier ones have
been answered (a closed loop that waits would hide a slow server by sending less). A send that
starts more than ``LATE_START`` after its due time is counted as late: then the generator, not the
server, fell behind. Writes one JSON record per request to ``--out``.

The client is aiohttp with one pooled connector: httpx's pool was tried first, and when requests
queue behind a slow server it spends its CPU re-scanning the queue (quadratic, encode/httpx#3215),
so the load generator fell behind its own schedule exactly when the server was being measured.

    python -m bench.gateway_load --url http://127.0.0.1:8000 --rate 500 --seconds 60 \
        --route register --token … --out results.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import aiohttp

from bench.gateway_stats import Sent, arrival_offsets

COMMUNE = "16876"
REGISTER_PATH = f"/api/v1/communes/{COMMUNE}/incoming-documents"
HEALTH_PATH = "/healthz"


def document(run: str, n: int, today: date) -> dict[str, str]:
    """A valid incoming document, its number-symbol unique (so none is flagged a duplicate)."""
    return {
        "body_code": "UBND",
        "issuer": "UBND tỉnh Nghệ An",
        "number_symbol": f"{n}/{run}-VX",
        "document_date": today.isoformat(),
        "document_type": "CV",
        "summary": "Về việc triển khai mô hình Một văn phòng cấp xã",
        "urgency": "NORMAL",
        "received_date": today.isoformat(),
    }


Send = Callable[[aiohttp.ClientSession, int], Awaitable[tuple[str, str | None]]]


def sender(route: str) -> Send:
    """How to send request ``n``: answers its status and the registered document's id, if any."""
    if route == "healthz":

        async def health(session: aiohttp.ClientSession, n: int) -> tuple[str, str | None]:
            async with session.get(HEALTH_PATH) as answer:
                await answer.read()
                return str(answer.status), None

        return health
    run, today = uuid.uuid4().hex[:8].upper(), date.today()

    async def register(session: aiohttp.ClientSession, n: int) -> tuple[str, str | None]:
        headers = {"Idempotency-Key": f"bench-{run}-{n}"}
        async with session.post(REGISTER_PATH, json=document(run, n, today), headers=headers) as answer:
            body = await answer.read()
            if answer.status == 201:
                return "201", json.loads(body).get("document_id")
            return str(answer.status), None

    return register


async def run(args: argparse.Namespace) -> list[Sent]:
    send = sender(args.route)
    headers = {"Authorization": f"Bearer {args.token}"} if args.token else {}
    loop = asyncio.get_running_loop()
    to_wall = time.time() - loop.time()
    results: list[Sent] = []

    async def one(session: aiohttp.ClientSession, n: int, due: float) -> None:
        started = loop.time()
        document_id = None
        try:
            status, document_id = await send(session, n)
        except (aiohttp.ClientError, TimeoutError) as error:
            status = type(error).__name__
        results.append(Sent(due + to_wall, started + to_wall, loop.time() + to_wall, status, document_id))

    async with aiohttp.ClientSession(
        base_url=args.url,
        connector=aiohttp.TCPConnector(limit=args.connections),
        headers=headers,
        timeout=aiohttp.ClientTimeout(total=args.timeout),
    ) as session:
        tasks = []
        start = loop.time() + 0.05
        for n, offset in enumerate(arrival_offsets(args.rate, args.seconds)):
            due = start + offset
            if (wait := due - loop.time()) > 0:
                await asyncio.sleep(wait)
            tasks.append(asyncio.create_task(one(session, n, due)))
        await asyncio.gather(*tasks)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--route", choices=("register", "healthz"), required=True)
    parser.add_argument("--rate", type=float, required=True, help="requests per second")
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--token", default="")
    parser.add_argument("--connections", type=int, default=256, help="size of the connection pool")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    cpu0 = time.process_time()
    results = asyncio.run(run(args))
    report: dict[str, Any] = {
        "sent": [[s.scheduled, s.started, s.finished, s.status, s.document_id] for s in results],
        "cpu_seconds": time.process_time() - cpu0,
        # ru_maxrss is in KiB on Linux.
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    with open(args.out, "w") as out:
        json.dump(report, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
