"""Event store benchmark: OneOffice's store beside the eventsourcing library, on SQLite and PostgreSQL.

Run with ``make bench-store`` (it starts PostgreSQL). Prints, per backend, in one run on the same
database: append throughput with single-event commits and with batches of 10, and read-all
throughput, for both stores, with the ratio ours / theirs and the issue's target. Then, for SQLite,
our appends once more at ``synchronous=NORMAL``: what the ``FULL`` the store commits with costs
(#8: an append acknowledged to a clerk survives a power cut), beside the same appends at ``FULL``.

The eventsourcing side is measured at its recorder level (``insert_events`` / ``select_notifications``
with ``StoredEvent`` objects), its fastest path; ours goes through ``EventStore.append`` (envelope,
hash chain, optimistic concurrency check) and ``EventStore.read_all`` (decoded envelopes).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlparse

import asyncpg
from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore

from oneoffice.eventcore import sqlite_backend
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Metadata, canonical_json
from oneoffice.eventcore.events import DomainEvent
from oneoffice.eventcore.gc_tuning import tune_garbage_collector
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.store import EventStore

TARGETS = {"append x1": 1.0, "append x10": 1.0, "read-all": 2.0}
READ_PAGE = 500


class DocumentNoted(DomainEvent):
    event_type: ClassVar[str] = "bench.DocumentNoted"
    issuer: str
    number_symbol: str
    summary: str
    n: int


def _event(n: int) -> DocumentNoted:
    return DocumentNoted(
        issuer="UBND huyện Tương Dương",
        number_symbol=f"{n:02d}/UBND-VP",
        summary="Về việc triển khai mô hình Một văn phòng",
        n=n,
    )


@dataclass
class Result:
    backend: str
    metric: str
    ours: float
    theirs: float


async def bench_ours(url: str, singles: int, batches: int, reads: int) -> dict[str, float]:
    engine = create_engine(url)
    await upgrade(engine)
    store = EventStore(engine)
    meta = Metadata(actor="bench", correlation_id="bench")
    for i in range(50):  # warm up pools and statement caches
        await store.append(f"warm-{i}", "16876", [_event(i)], expected_version=0, metadata=meta)
    rates: dict[str, float] = {}
    start = time.perf_counter()
    for i in range(singles):
        await store.append(f"single-{i}", "16876", [_event(i)], expected_version=0, metadata=meta)
    rates["append x1"] = singles / (time.perf_counter() - start)
    start = time.perf_counter()
    for i in range(batches):
        await store.append(
            f"batch-{i}", "16876", [_event(n) for n in range(10)], expected_version=0, metadata=meta
        )
    rates["append x10"] = batches * 10 / (time.perf_counter() - start)
    best = 0.0
    for _ in range(reads):
        after, count = 0, 0
        start = time.perf_counter()
        while page := await store.read_all(after=after, limit=READ_PAGE):
            count += len(page)
            after = page[-1][0]
        best = max(best, count / (time.perf_counter() - start))
    rates["read-all"] = best
    await store.close()
    await engine.dispose()
    return rates


def bench_theirs(
    recorder: SQLiteApplicationRecorder | PostgresApplicationRecorder, singles: int, batches: int, reads: int
) -> dict[str, float]:
    recorder.create_table()
    topic = "bench:DocumentNoted"

    def stored(n: int, version: int = 1) -> StoredEvent:
        return StoredEvent(uuid.uuid4(), version, topic, canonical_json(_event(n).to_payload()).encode())

    for i in range(50):
        recorder.insert_events([stored(i)])
    rates: dict[str, float] = {}
    start = time.perf_counter()
    for i in range(singles):
        recorder.insert_events([stored(i)])
    rates["append x1"] = singles / (time.perf_counter() - start)
    start = time.perf_counter()
    for _ in range(batches):
        originator = uuid.uuid4()
        recorder.insert_events(
            [
                StoredEvent(originator, v + 1, topic, canonical_json(_event(v).to_payload()).encode())
                for v in range(10)
            ]
        )
    rates["append x10"] = batches * 10 / (time.perf_counter() - start)
    best = 0.0
    for _ in range(reads):
        after, count = 0, 0
        start = time.perf_counter()
        while page := recorder.select_notifications(after, READ_PAGE, inclusive_of_start=False):
            count += len(page)
            after = page[-1].id
        best = max(best, count / (time.perf_counter() - start))
    rates["read-all"] = best
    return rates


async def run_sqlite(singles: int, batches: int, reads: int) -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        ours = await bench_ours(f"sqlite+aiosqlite:///{path}", singles, batches, reads)
        datastore = SQLiteDatastore(str(path))
        theirs = await asyncio.to_thread(
            bench_theirs, SQLiteApplicationRecorder(datastore), singles, batches, reads
        )
        datastore.close()
    return [Result("SQLite", m, ours[m], theirs[m]) for m in TARGETS]


async def cost_of_full_sync(singles: int, batches: int) -> dict[str, float]:
    """Our SQLite appends once more with ``synchronous=NORMAL`` (each commit no longer waits for the
    disk): the cost of the durability the store ships with (FULL), as #8 asks to show. For this
    figure only: the store itself has no such setting."""
    original = sqlite_backend._connect

    def connect_normal(path: str, busy_timeout_ms: int) -> sqlite3.Connection:
        conn = original(path, busy_timeout_ms)
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    sqlite_backend._connect = connect_normal
    try:
        with tempfile.TemporaryDirectory() as tmp:
            return await bench_ours(f"sqlite+aiosqlite:///{Path(tmp) / 'normal.db'}", singles, batches, 0)
    finally:
        sqlite_backend._connect = original


async def run_postgres(admin_dsn: str, singles: int, batches: int, reads: int) -> list[Result]:
    name = f"oneoffice_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(admin_dsn)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        parts = urlparse(admin_dsn)
        host, port = parts.hostname or "127.0.0.1", parts.port or 5432
        url = f"postgresql+asyncpg://{parts.username}:{parts.password}@{host}:{port}/{name}"
        ours = await bench_ours(url, singles, batches, reads)
        datastore = PostgresDatastore(name, host, port, parts.username or "", parts.password or "")
        theirs = await asyncio.to_thread(
            bench_theirs, PostgresApplicationRecorder(datastore), singles, batches, reads
        )
        datastore.close()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
    return [Result("PostgreSQL", m, ours[m], theirs[m]) for m in TARGETS]


def report(results: list[Result], out: Callable[[str], object] = print) -> bool:
    header = ("backend", "metric", "ours ev/s", "eventsourcing ev/s", "ratio", "target")
    out("{:<11} {:<11} {:>11} {:>19} {:>7} {:>7}  ok".format(*header))
    all_ok = True
    for r in results:
        ratio = r.ours / r.theirs
        ok = ratio >= TARGETS[r.metric]
        all_ok &= ok
        out(
            f"{r.backend:<11} {r.metric:<11} {r.ours:>11,.0f} {r.theirs:>19,.0f} {ratio:>6.2f}x "
            f"{TARGETS[r.metric]:>6.1f}x  {'yes' if ok else 'NO'}"
        )
    return all_ok


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--singles", type=int, default=3000, help="single-event appends")
    parser.add_argument("--batches", type=int, default=1000, help="appends of 10 events")
    parser.add_argument("--reads", type=int, default=3, help="read-all passes (best is kept)")
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    results: list[Result] = []
    normal: dict[str, float] = {}
    if args.backend in ("sqlite", "both"):
        results += await run_sqlite(args.singles, args.batches, args.reads)
        normal = await cost_of_full_sync(args.singles, args.batches)
    if args.backend in ("postgres", "both"):
        dsn = os.environ.get("ONEOFFICE_TEST_PG_DSN")
        if not dsn:
            print(
                "ONEOFFICE_TEST_PG_DSN is not set (make bench-store starts PostgreSQL and sets it)",
                file=sys.stderr,
            )
            return 2
        results += await run_postgres(dsn, args.singles, args.batches, args.reads)
    print(
        f"events: {args.singles} single appends, {args.batches}x10 batch appends; read-all page {READ_PAGE}"
    )
    report(results)
    full = {r.metric: r.ours for r in results if r.backend == "SQLite"}
    for metric in ("append x1", "append x10") if normal else ():
        print(
            f"SQLite, ours at synchronous=NORMAL (the cost of FULL; not how the store runs): {metric} "
            f"{normal[metric]:,.0f} ev/s; at FULL {full[metric]:,.0f} ev/s, "
            f"{full[metric] / normal[metric]:.2f}x"
        )
    return 0


if __name__ == "__main__":
    tune_garbage_collector()  # as every service process does, for both stores alike
    sys.exit(asyncio.run(main()))
