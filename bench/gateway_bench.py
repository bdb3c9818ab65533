"""Gateway benchmark: authenticated registrations at fixed arrival rates, in the distributed mode.

Run with ``make bench-gateway`` (it starts PostgreSQL and Kafka); ``ARGS="--rates 20 --seconds 2"``
for a quick check. One run:

1. starts documents, staff, reporting (one process each, fresh databases, a fresh topic prefix) and
   the gateway, as the e2e tests do (``tests/e2e/distributed.py``);
2. opens a clerk account of commune 16876 (staff gRPC ``CreateAccount``) and gets a token from
   ``POST /api/v1/auth/token``;
3. at each rate, a second process (``bench/gateway_load.py``) sends ``POST
   /api/v1/communes/16876/incoming-documents`` with the bearer token and a fresh Idempotency-Key
   each, open loop, for ``--seconds``; meanwhile the reporting database is polled for each
   document's row in the incoming register, and each process's peak RSS and CPU time are read;
4. then the same rates against a bare ``GET /healthz``: the ceiling of the HTTP stack here;
5. prints the figures and PASS/NO against the targets of issue #9; ``--profile`` samples the gateway
   and the documents service with py-spy during the top rate.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from bench import gateway_profile, gateway_report
from bench.gateway_load import COMMUNE
from bench.gateway_stats import RunSummary, Sent, register_delays, summarize
from bench.gateway_watch import ProcessWatch, RegisterWatch, Usage
from tests.e2e.distributed import SERVICES, bearer_token, create_account, start_distributed
from tests.e2e.processes import Processes

CLERK = "vanthu-bench"


@dataclass
class RateResult:
    route: str
    summary: RunSummary
    usage: Usage
    client_cpu: float  # CPU seconds of the load process
    client_rss_mb: float
    register: list[float] | None = None  # seconds from command to its row, per registered document
    missing: int = 0


async def main() -> int:
    args = parse_args()
    dsn = os.environ.get("ONEOFFICE_TEST_PG_DSN")
    bootstrap = os.environ.get("ONEOFFICE_TEST_KAFKA_BOOTSTRAP")
    if not dsn or not bootstrap:
        print("ONEOFFICE_TEST_PG_DSN / ONEOFFICE_TEST_KAFKA_BOOTSTRAP not set (make bench-gateway sets them)")
        return 2
    run = uuid.uuid4().hex[:8]
    names = {name: f"oneoffice_bench_{run}_{name}" for name in SERVICES}
    admin = await asyncpg.connect(dsn)
    processes = Processes()
    base = dsn.rsplit("/", 1)[0]
    try:
        for name in names.values():
            await admin.execute(f'CREATE DATABASE "{name}"')
        databases = {
            s: f"{base}/{n}".replace("postgresql://", "postgresql+asyncpg://", 1) for s, n in names.items()
        }
        # A cluster started for the tests runs without fsync: say so next to the figures.
        settings = ("fsync", "synchronous_commit")
        args.postgres = ", ".join([f"{name}={await admin.fetchval(f'SHOW {name}')}" for name in settings])
        deployment = await start_distributed(processes, databases, bootstrap, f"bench.{run}.")
        password = secrets.token_urlsafe(16)
        await create_account(deployment, CLERK, password, roles=["clerk"], scope=[COMMUNE])
        token = await bearer_token(deployment.base_url, CLERK, password)
        pids = {name: process.pid for name, process, _ in processes.started}
        watch = await RegisterWatch.open(f"{base}/{names['reporting']}", COMMUNE, "UBND")
        try:
            bench = Bench(args, deployment.base_url, token, pids, watch)
            await bench.load("register", 20, min(args.seconds, 3))  # warm up: connections, channels
            top = max(args.rates)
            commands = [await bench.measure("register", rate, profile=rate == top) for rate in args.rates]
            health = [await bench.measure("healthz", rate) for rate in args.rates]
        finally:
            await watch.close()
        print(gateway_report.report(args, commands, health, bench.profiles))
        return 0
    except BaseException:
        print(processes.logs(), file=sys.stderr)
        raise
    finally:
        codes = processes.stop_all()
        for _, _, log in processes.started:
            log.unlink(missing_ok=True)
        for name in names.values():
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
        if any(code not in (0, -15) for code in codes.values()):
            print(f"unclean exit of a service: {codes}", file=sys.stderr)


class Bench:
    def __init__(
        self, args: argparse.Namespace, url: str, token: str, pids: dict[str, int], watch: RegisterWatch
    ) -> None:
        self._args, self._url, self._token, self._pids, self._watch = args, url, token, pids, watch
        self.profiles: dict[str, gateway_profile.Profile] = {}

    async def measure(self, route: str, rate: float, *, profile: bool = False) -> RateResult:
        processes = ProcessWatch(self._pids)
        stop = asyncio.Event()
        following = asyncio.create_task(self._watch.follow(self._args.poll_interval, stop))
        sampling = None
        if profile and self._args.profile:
            wanted = {name: self._pids[name] for name in ("gateway", "documents")}
            sampling = asyncio.create_task(self._profile_later(wanted))
        try:
            processes.start()
            sent, client = await self.load(route, rate, self._args.seconds)
            usage = processes.stop()
            if sampling is not None:
                self.profiles = await sampling
            stop.set()
            await following  # one connection: the follower stops before the catch-up polls
            registered = {s.document_id for s in sent if s.document_id}
            await self._watch.wait_for(registered, self._args.poll_interval, self._args.drain_timeout)
        finally:
            stop.set()
            if sampling is not None:
                sampling.cancel()
            await asyncio.gather(following, return_exceptions=True)
        result = RateResult(route, summarize(rate, sent), usage, client["cpu_seconds"], client["peak_rss_mb"])
        if route == "register":
            result.register, result.missing = register_delays(sent, self._watch.seen_at)
        print(gateway_report.progress(result), flush=True)
        return result

    async def _profile_later(self, pids: dict[str, int]) -> dict[str, gateway_profile.Profile]:
        # Skip the first seconds: connections are opened and queues fill up then.
        lead = min(2.0, self._args.seconds / 4)
        await asyncio.sleep(lead)
        return await gateway_profile.record(pids, self._args.seconds - 2 * lead)

    async def load(self, route: str, rate: float, seconds: float) -> tuple[list[Sent], dict[str, float]]:
        """Run the load process once; its records and its own CPU time and peak RSS."""
        with tempfile.TemporaryDirectory(prefix="oneoffice-bench-") as folder:
            out = Path(folder) / "sent.json"
            command = [
                "-m", "bench.gateway_load", "--url", self._url, "--route", route,
                "--rate", str(rate), "--seconds", str(seconds), "--token", self._token,
                "--connections", str(self._args.connections), "--out", str(out),
            ]  # fmt: skip
            child = await asyncio.create_subprocess_exec(sys.executable, *command)
            if await child.wait() != 0:
                raise RuntimeError(f"the load process failed ({child.returncode})")
            report = json.loads(out.read_text())
        sent = [Sent(*record) for record in report["sent"]]
        return sent, {"cpu_seconds": report["cpu_seconds"], "peak_rss_mb": report["peak_rss_mb"]}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rates",
        type=lambda text: [float(r) for r in text.split(",")],
        default=[250.0, 500.0, 1000.0],
        help="arrival rates, requests per second, comma-separated (default 250,500,1000)",
    )
    parser.add_argument("-s", "--seconds", type=float, default=60.0, help="seconds per rate (default 60)")
    parser.add_argument("--connections", type=int, default=256, help="client connection pool size")
    parser.add_argument("--poll-interval", type=float, default=0.02, help="register poll interval, s")
    parser.add_argument(
        "--drain-timeout", type=float, default=120.0, help="how long to wait for the register to catch up, s"
    )
    parser.add_argument(
        "--profile", action="store_true", help="sample the gateway and documents with py-spy at the top rate"
    )
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
