"""The national dashboard benchmark (#13): 3,321 communes, a year of facts, 20 concurrent readers.

Run with ``make bench-dashboard`` (it starts PostgreSQL). In a fresh database it writes the dashboard
projection's rows of a synthetic nation (``bench/dashboard_data.py``: 34 provinces, 3,321 communes, a
year of documents, tasks, coverage, staff, figure conflicts; pilots adopted in 2017, the rest on
1 July 2025, some not yet) by COPY, then starts the real reporting service (``python -m
oneoffice.reporting serve``, its own process, no Kafka: the projection stands still) and calls its
``DashboardService.GetUnitDashboard`` for the nation's year as an auditor (every commune in scope):

- the first answer (nothing kept yet: the facts counted by PostgreSQL), then the same after a
  ``--cold N`` more cold answers (each for another ``as_of``, so nothing kept serves it);
- the default page (what a person gets: the first ``--limit`` communes, 100 by default, in the order
  ``--sort``, with the totals of all): one reader alone for ``--alone`` seconds (the latency without
  queueing), then ``--readers`` concurrent readers for ``--seconds``: count, p50/p95/p99/max in ms,
  answers/s;
- the whole nation (every commune, in pages of the largest limit, 1,000, read one after the other: a
  "sweep"), the same way, so that the figures stay honest (``--whole-seconds 0``: not measured);
- the reporting process's resident memory (now and at its peak), and its CPU per answer.

The answers are taken as bytes (the readers do not parse them); one page and one sweep are parsed and
checked: the page's rows, 3,321 communes over the sweep, and the totals equal to the sum of its rows.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from urllib.parse import urlparse

import asyncpg
import grpc

from oneoffice.contracts.access import Identity
from oneoffice.contracts.dashboard_paging import MAX_LIMIT
from oneoffice.contracts.grpc.reporting.v1 import dashboard_pb2 as pb
from oneoffice.eventcore.caller_identity import IdentityCodec

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dashboard_data import Nation, write_nation

METHOD = "/oneoffice.reporting.v1.DashboardService/GetUnitDashboard"
TARGET_P99_MS = 50.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_mb(pid: int) -> tuple[float, float]:
    """(resident, peak resident) of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time a process used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percentile(sorted_values: list[float], q: float) -> float:
    """Nearest rank: the smallest value with at least ``q`` of the values at or below it."""
    if not sorted_values:
        return float("nan")
    rank = max(1, -(-len(sorted_values) * q // 1))
    return sorted_values[int(rank) - 1]


class Caller:
    def __init__(self, target: str, secret: str) -> None:
        self._channel = grpc.aio.insecure_channel(
            target, options=[("grpc.max_receive_message_length", 64 << 20)]
        )
        self._call = self._channel.unary_unary(
            METHOD, request_serializer=pb.GetUnitDashboardRequest.SerializeToString
        )
        self._codec = IdentityCodec(secret)
        self._signed: tuple[float, tuple[tuple[str, str], ...]] = (0.0, ())

    def _metadata(self) -> tuple[tuple[str, str], ...]:
        # Identities live a minute: signed again every 30 s (a gateway signs per request).
        if time.monotonic() - self._signed[0] > 30:
            pair = self._codec.metadata(Identity("kiemtoan", ("auditor",), ()))
            self._signed = (time.monotonic(), (pair,))
        return self._signed[1]

    async def dashboard(
        self, unit: str, period: str, as_of: str = "", *, limit: int = 0, offset: int = 0, sort: str = ""
    ) -> bytes:
        request = pb.GetUnitDashboardRequest(
            unit_code=unit, period=period, as_of=as_of, limit=limit, offset=offset, sort=sort
        )
        answer: bytes = await self._call(request, metadata=self._metadata(), timeout=900)
        return answer

    async def close(self) -> None:
        await self._channel.close()


async def _ready(caller: Caller, unit: str, period: str, process: subprocess.Popen[bytes]) -> float:
    """Waits for the service; returns the first answer's latency in ms (the cold one)."""
    deadline = time.monotonic() + 900
    while True:
        if process.poll() is not None:
            raise SystemExit(f"the reporting service exited ({process.returncode})")
        started = time.perf_counter()
        try:
            await caller.dashboard(unit, period)
            return (time.perf_counter() - started) * 1000
        except grpc.aio.AioRpcError as error:
            if error.code() != grpc.StatusCode.UNAVAILABLE or time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.2)


Read = Callable[[], Awaitable[object]]


def _page(caller: Caller, unit: str, period: str, limit: int, sort: str) -> Read:
    """The page a person gets: the first ``limit`` communes in the order ``sort``."""
    return lambda: caller.dashboard(unit, period, limit=limit, sort=sort)


def _sweep(caller: Caller, unit: str, period: str, communes: int, sort: str) -> Read:
    """Every commune: the pages of the largest limit, one after the other."""

    async def read() -> list[bytes]:
        return [
            await caller.dashboard(unit, period, limit=MAX_LIMIT, offset=offset, sort=sort)
            for offset in range(0, communes, MAX_LIMIT)
        ]

    return read


async def _load(read: Read, readers: int, seconds: float) -> tuple[list[float], float]:
    latencies: list[float] = []
    stop = time.perf_counter() + seconds

    async def reader() -> None:
        while time.perf_counter() < stop:
            started = time.perf_counter()
            await read()
            latencies.append((time.perf_counter() - started) * 1000)

    began = time.perf_counter()
    await asyncio.gather(*(reader() for _ in range(readers)))
    return latencies, time.perf_counter() - began


def _check(page: bytes, sweep: list[bytes], communes: int, limit: int) -> str:
    first = pb.UnitDashboard.FromString(page)
    assert first.commune_count == communes and len(first.communes) == min(limit, communes), first.limit
    boards = [pb.UnitDashboard.FromString(answer) for answer in sweep]
    board = boards[0]
    rows = [row for b in boards for row in b.communes]
    assert len({row.commune_id for row in rows}) == communes, (len(rows), communes)
    assert all(b.as_of_positions.positions == board.as_of_positions.positions for b in boards)
    for kpi in ("documents_in", "documents_out", "overdue", "completed"):
        total, summed = getattr(board.totals, kpi), sum(getattr(row.kpis, kpi) for row in rows)
        assert total == summed == getattr(first.totals, kpi), (kpi, total, summed)
    pilots = sum(w.communes for w in board.adoption_waves if w.pilot)
    adopted = sum(w.communes for w in board.adoption_waves)
    waves = f"{len(board.adoption_waves)} days and waves, {pilots} pilot communes of {adopted} adopted"
    return (
        f"{len(rows)} communes over {len(boards)} pages, {board.totals.documents_in} documents in (= the "
        f"rows' sum), {board.totals.documents_out} out, "
        f"direction median {board.totals.direction_median_days} d "
        f"p90 {board.totals.direction_p90_days} d, "
        f"completion median {board.totals.completion_median_days} d, "
        f"pilot {board.pilot.documents_in} / others {board.others.documents_in} in, "
        f"before {board.before_adoption.documents_in} / after {board.after_adoption.documents_in} in; "
        f"adoptions: {waves}; the default page {len(page) / 1024:.0f} kB ({len(first.communes)} rows), "
        f"the whole unit {sum(map(len, sweep)) / 1024:.0f} kB in {len(sweep)} pages"
    )


def _report(
    what: str, latencies: list[float], wall: float, readers: int, service_cpu: float, own_cpu: float
) -> float:
    """Prints a load's figures; returns its p99."""
    latencies.sort()
    p99 = _percentile(latencies, 0.99)
    print(
        f"{what}, {readers} readers, {wall:.1f} s: {len(latencies):,} answers, "
        f"{len(latencies) / wall:,.0f} answers/s; p50 {_percentile(latencies, 0.5):.1f} ms, "
        f"p95 {_percentile(latencies, 0.95):.1f} ms, p99 {p99:.1f} ms, max {latencies[-1]:.1f} ms; "
        f"CPU per answer: reporting service {service_cpu / len(latencies) * 1000:.2f} ms, "
        f"readers (this process) {own_cpu / len(latencies) * 1000:.2f} ms"
    )
    return p99


async def _measure(
    what: str, read: Read, readers: int, seconds: float, alone_seconds: float, pid: int
) -> float:
    """One reader alone, then ``readers`` together, on ``read``; returns the p99 of the latter."""
    if alone_seconds:
        alone, _ = await _load(read, 1, alone_seconds)
        alone.sort()
        print(
            f"{what}, one reader alone, {alone_seconds:.0f} s: {len(alone):,} answers; "
            f"p50 {_percentile(alone, 0.5):.1f} ms, p99 {_percentile(alone, 0.99):.1f} ms"
        )
    service_cpu, own_cpu = _cpu_seconds(pid), time.process_time()
    latencies, wall = await _load(read, readers, seconds)
    service_cpu, own_cpu = _cpu_seconds(pid) - service_cpu, time.process_time() - own_cpu
    return _report(what, latencies, wall, readers, service_cpu, own_cpu)


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--communes", type=int, default=3321)
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="facts per commune, × (1.0: a real commune's year)"
    )
    parser.add_argument("--readers", type=int, default=20)
    parser.add_argument("-s", "--seconds", type=float, default=20.0)
    parser.add_argument(
        "--alone", type=float, default=5.0, help="seconds of one reader alone first (0: none)"
    )
    parser.add_argument("--cold", type=int, default=2, help="cold answers measured (each another as_of day)")
    parser.add_argument("--limit", type=int, default=100, help="the communes of the default page")
    parser.add_argument(
        "--sort", default="-overdue", help="the order of the rows (e.g. commune_id, -overdue)"
    )
    parser.add_argument(
        "--whole-seconds", type=float, default=10.0, help="seconds of whole-unit sweeps (0: none)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database (its name is printed)")
    parser.add_argument("--reuse", metavar="DATABASE", help="a database a --keep run kept: no generation")
    args = parser.parse_args()

    dsn = os.environ.get("ONEOFFICE_TEST_PG_DSN")
    if not dsn:
        raise SystemExit(
            "ONEOFFICE_TEST_PG_DSN is not set (make bench-dashboard starts PostgreSQL and sets it)"
        )
    name = args.reuse or f"dashbench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(dsn)
    if not args.reuse:
        await admin.execute(f'CREATE DATABASE "{name}"')
    url = urlparse(dsn)._replace(path=f"/{name}")
    database_dsn = url.geturl()
    database_url = url._replace(scheme="postgresql+asyncpg").geturl()
    process: subprocess.Popen[bytes] | None = None
    try:
        nation = Nation(communes=args.communes, provinces=args.provinces, scale=args.scale)
        started = time.perf_counter()
        counts = {} if args.reuse else await write_nation(database_url, database_dsn, nation)
        elapsed = time.perf_counter() - started
        total = sum(counts.values())
        if not args.reuse:
            print(
                f"generated {total:,} rows in {elapsed:.1f} s ({total / elapsed:,.0f} rows/s): "
                + ", ".join(f"{table} {n:,}" for table, n in counts.items())
            )

        port, secret = _free_port(), secrets.token_hex(24)
        environment = {
            **os.environ,
            "ONEOFFICE_REPORTING_DATABASE_URL": database_url,
            "ONEOFFICE_REPORTING_GRPC_PORT": str(port),
            "ONEOFFICE_REPORTING_METRICS_PORT": "0",
            "ONEOFFICE_REPORTING_INTERNAL_SECRET": secret,
            "ONEOFFICE_REPORTING_LOG_LEVEL": "WARNING",
        }
        environment.pop("ONEOFFICE_REPORTING_KAFKA_BOOTSTRAP", None)
        process = subprocess.Popen(  # noqa: ASYNC220 (started once, before the measurement)
            [sys.executable, "-m", "oneoffice.reporting", "serve"], env=environment, stdout=subprocess.DEVNULL
        )
        caller = Caller(f"127.0.0.1:{port}", secret)
        unit, period = nation.root, nation.period
        first = await _ready(caller, unit, period, process)
        cold = [first]
        for day in range(args.cold):
            started = time.perf_counter()
            await caller.dashboard(unit, period, as_of=f"2026-0{1 + day % 9}-15T12:00:00+07:00")
            cold.append((time.perf_counter() - started) * 1000)
        page = _page(caller, unit, period, args.limit, args.sort)
        sweep = _sweep(caller, unit, period, nation.communes, args.sort)
        print("check: " + _check(await caller.dashboard(unit, period, limit=args.limit, sort=args.sort),
                                 await sweep(), nation.communes, args.limit))  # fmt: skip
        print(
            "cold answers (facts counted by PostgreSQL, nothing kept): "
            + ", ".join(f"{ms:,.0f} ms" for ms in cold)
        )
        rss_before, _ = _rss_mb(process.pid)
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores before the loads")
        what = f"GetUnitDashboard {unit} {period} ({nation.communes} communes)"
        p99 = await _measure(
            f"{what}, the default page ({args.limit} rows, sort {args.sort})",
            page, args.readers, args.seconds, args.alone, process.pid,
        )  # fmt: skip
        if args.whole_seconds:
            pages = -(-nation.communes // MAX_LIMIT)
            await _measure(
                f"{what}, the whole unit ({pages} pages of {MAX_LIMIT} rows one after the other, per answer)",
                sweep, args.readers, args.whole_seconds, args.alone, process.pid,
            )  # fmt: skip
        rss, peak = _rss_mb(process.pid)
        print(
            f"reporting process: RSS {rss_before:.0f} MB before the loads, {rss:.0f} MB after, "
            f"peak {peak:.0f} MB; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
        verdict = "met" if p99 < TARGET_P99_MS else "NOT met"
        print(f"target p99 < {TARGET_P99_MS:.0f} ms (the default page, {args.readers} readers): {verdict}")
        await caller.close()
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
        if args.keep or args.reuse:
            print(f"database kept: {name}")
        else:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
