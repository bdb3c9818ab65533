"""Event store benchmark: OneOffice's store beside the eventsourcing library, on SQLite and PostgreSQL.

Run with ``make bench-store`` (it starts PostgreSQL). Prints, per backend, in one run (PostgreSQL: one
database; SQLite: one directory, a file per store): append throughput with single-event commits and
with batches of 10, and read-all throughput, for both stores, with the ratio ours / theirs and the
issue's target. The two stores' appends alternate in rounds (``--rounds``), so that the moments when
this machine's disk is slow fall on both alike (run one after the other, single runs varied from
0.61x to 1.11x for the same code). Then, for SQLite,
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar
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


class OurSide:
    """Our store, through :meth:`EventStore.append` and :meth:`EventStore.read_all`."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self.meta = Metadata(actor="bench", correlation_id="bench")

    async def singles(self, start: int, count: int) -> None:
        for i in range(start, start + count):
            await self.store.append(
                f"single-{i}", "16876", [_event(i)], expected_version=0, metadata=self.meta
            )

    async def batches(self, start: int, count: int) -> None:
        for i in range(start, start + count):
            await self.store.append(
                f"batch-{i}", "16876", [_event(n) for n in range(10)], expected_version=0, metadata=self.meta
            )

    async def read_all(self) -> int:
        after, count = 0, 0
        while page := await self.store.read_all(after=after, limit=READ_PAGE):
            count += len(page)
            after = page[-1][0]
        return count


class TheirSide:
    """The eventsourcing library at its recorder level, in a worker thread (its API blocks)."""

    topic = "bench:DocumentNoted"

    def __init__(self, recorder: SQLiteApplicationRecorder | PostgresApplicationRecorder) -> None:
        self.recorder = recorder

    def _stored(self, n: int, originator: uuid.UUID | None = None, version: int = 1) -> StoredEvent:
        state = canonical_json(_event(n).to_payload()).encode()
        return StoredEvent(originator or uuid.uuid4(), version, self.topic, state)

    def _singles(self, start: int, count: int) -> None:
        for i in range(start, start + count):
            self.recorder.insert_events([self._stored(i)])

    def _batches(self, start: int, count: int) -> None:
        for _ in range(count):
            originator = uuid.uuid4()
            self.recorder.insert_events([self._stored(v, originator, v + 1) for v in range(10)])

    def _read_all(self) -> int:
        after, count = 0, 0
        while page := self.recorder.select_notifications(after, READ_PAGE, inclusive_of_start=False):
            count += len(page)
            after = page[-1].id
        return count

    async def singles(self, start: int, count: int) -> None:
        await asyncio.to_thread(self._singles, start, count)

    async def batches(self, start: int, count: int) -> None:
        await asyncio.to_thread(self._batches, start, count)

    async def read_all(self) -> int:
        return await asyncio.to_thread(self._read_all)


Side = OurSide | TheirSide


async def measure(
    sides: Sequence[Side], singles: int, batches: int, reads: int, rounds: int
) -> list[dict[str, float]]:
    """Each side's rates, measured in alternating rounds so that a slow moment of the machine (this
    disk's fsync time varies run to run) falls on both sides alike: each round appends
    ``1/rounds`` of the events on one side, then on the other, the first side taking turns. The
    append rates are the events over the summed time of a side's rounds; read-all is the best of
    ``reads`` passes over what was appended."""
    seconds = [{"append x1": 0.0, "append x10": 0.0} for _ in sides]
    for metric, total, run in (("append x1", singles, "singles"), ("append x10", batches, "batches")):
        done = 0
        for r in range(rounds):
            count = total * (r + 1) // rounds - done
            order = list(enumerate(sides)) if r % 2 == 0 else list(enumerate(sides))[::-1]
            for k, side in order:
                start = time.perf_counter()
                await getattr(side, run)(done, count)
                seconds[k][metric] += time.perf_counter() - start
            done += count
    rates = [
        {"append x1": singles / s["append x1"], "append x10": batches * 10 / s["append x10"], "read-all": 0.0}
        for s in seconds
    ]
    for _ in range(reads):
        for k, side in enumerate(sides):
            start = time.perf_counter()
            count = await side.read_all()
            rates[k]["read-all"] = max(rates[k]["read-all"], count / (time.perf_counter() - start))
    return rates


async def _ours(url: str) -> OurSide:
    engine = create_engine(url)
    await upgrade(engine)
    side = OurSide(EventStore(engine))
    for i in range(50):  # warm up pools and statement caches
        await side.store.append(f"warm-{i}", "16876", [_event(i)], expected_version=0, metadata=side.meta)
    return side


async def _close(side: OurSide) -> None:
    await side.store.close()
    await side.store.engine.dispose()


def _theirs(recorder: SQLiteApplicationRecorder | PostgresApplicationRecorder) -> TheirSide:
    recorder.create_table()
    side = TheirSide(recorder)
    side._singles(-50, 50)  # warm up, as ours
    return side


async def _compare(
    backend: str,
    ours: OurSide,
    datastore: Any,
    recorder: Callable[[Any], SQLiteApplicationRecorder | PostgresApplicationRecorder],
    singles: int,
    batches: int,
    reads: int,
    rounds: int,
) -> list[Result]:
    """Both sides measured together; then both closed."""
    try:
        theirs = _theirs(recorder(datastore))
        our_rates, their_rates = await measure([ours, theirs], singles, batches, reads, rounds)
    finally:
        await _close(ours)
        datastore.close()
    return [Result(backend, m, our_rates[m], their_rates[m]) for m in TARGETS]


async def run_sqlite(singles: int, batches: int, reads: int, rounds: int) -> list[Result]:
    """Each store in its own file of one directory (one file would share one write-ahead log: each
    side's checkpoints would copy, and wait for, the other's pages)."""
    with tempfile.TemporaryDirectory() as tmp:
        ours = await _ours(f"sqlite+aiosqlite:///{Path(tmp) / 'ours.db'}")
        datastore = SQLiteDatastore(str(Path(tmp) / "theirs.db"))
        return await _compare(
            "SQLite", ours, datastore, SQLiteApplicationRecorder, singles, batches, reads, rounds
        )


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
            ours = await _ours(f"sqlite+aiosqlite:///{Path(tmp) / 'normal.db'}")
            try:
                (rates,) = await measure([ours], singles, batches, 0, 1)
            finally:
                await _close(ours)
            return rates
    finally:
        sqlite_backend._connect = original


async def run_postgres(admin_dsn: str, singles: int, batches: int, reads: int, rounds: int) -> list[Result]:
    """Both stores in one fresh database (their tables differ)."""
    name = f"oneoffice_bench_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(admin_dsn)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        parts = urlparse(admin_dsn)
        host, port = parts.hostname or "127.0.0.1", parts.port or 5432
        ours = await _ours(f"postgresql+asyncpg://{parts.username}:{parts.password}@{host}:{port}/{name}")
        datastore = PostgresDatastore(name, host, port, parts.username or "", parts.password or "")
        return await _compare(
            "PostgreSQL", ours, datastore, PostgresApplicationRecorder, singles, batches, reads, rounds
        )
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


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
    parser.add_argument(
        "--rounds", type=int, default=6, help="alternating rounds the appends of each side are split into"
    )
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    results: list[Result] = []
    normal: dict[str, float] = {}
    if args.backend in ("sqlite", "both"):
        results += await run_sqlite(args.singles, args.batches, args.reads, args.rounds)
        normal = await cost_of_full_sync(args.singles, args.batches)
    if args.backend in ("postgres", "both"):
        dsn = os.environ.get("ONEOFFICE_TEST_PG_DSN")
        if not dsn:
            print(
                "ONEOFFICE_TEST_PG_DSN is not set (make bench-store starts PostgreSQL and sets it)",
                file=sys.stderr,
            )
            return 2
        results += await run_postgres(dsn, args.singles, args.batches, args.reads, args.rounds)
    print(
        f"events: {args.singles} single appends, {args.batches}x10 batch appends, each side's in "
        f"{args.rounds} rounds alternating with the other's; read-all page {READ_PAGE}"
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
