"""Reporting rebuild from Kafka over a synthetic province, beside the raw aiokafka consume rate.

    make bench-province [ARGS="--communes 130 --events-per-commune 20000"]

(or, with PostgreSQL and Kafka running: ``python -m bench.province.rebuild_bench``.) In one run:

1. publishes the province's year to fresh topics (:mod:`.generate`);
2. reads the three topics from their first to their last offset with a plain ``AIOKafkaConsumer``
   and ``getmany`` (nothing decoded): the ceiling;
3. runs ``python -m oneoffice.reporting rebuild`` — the real command, every projection — in a
   subprocess against a fresh PostgreSQL database (``--sqlite``: a SQLite file as well), and takes its
   peak resident memory: that of the command and the processes it starts (its staging helper)
   together, sampled from ``/proc`` every 0.2 s, or ``wait4``'s ``ru_maxrss`` if higher;
4. prints events, seconds, events/s, the raw rate, the ratio and the peak RSS, against the targets of
   #13 (≥ 40,000 events/s, < 500 MB).

The events/s of the rebuild count each event of the province once (2.6 million at full size). On
PostgreSQL the command's first round is set-based (``oneoffice.reporting.adapters.bulk_rebuild``):
the topics are read once and every event is COPYed into a staging table, then each projection fills
its fresh generation with a few statements over it (from 500,000 events on, a helper process shares
the reading: the command counts as both); its checkpoints move at the end, so the progress
lines show the MB staged meanwhile. (``ONEOFFICE_REPORTING_SET_BASED_REBUILD=false`` in the
environment: the one pass event by event, as SQLite always does; each projection applies the events
of the topics it reads, the progress lines count these messages.) The CPU seconds are the rebuild
process's own and its children's (``wait4``), less sensitive than the wall time to the machine's
load, and, when the server runs on this machine, PostgreSQL's (from ``/proc``: every use of the
server meanwhile counts); µs/event is both together.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlparse

import asyncpg
from aiokafka import AIOKafkaConsumer

from oneoffice.contracts.topics import topic_for
from oneoffice.eventcore.gc_tuning import tune_garbage_collector
from oneoffice.eventcore.kafka.topics import existing_partitions

from .generate import SERVICES, generate, report

TARGET_RATE = 40_000
TARGET_RSS_MB = 500
_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True, slots=True)
class Run:
    label: str
    events: int
    seconds: float
    peak_rss_mb: float
    ok: bool
    # The rebuild process's own CPU time (user + system), less sensitive to the machine's load.
    cpu_seconds: float = 0.0
    # PostgreSQL's CPU time meanwhile, when the server runs on this machine (None: not measured);
    # every other use of the server at the same time is counted too.
    pg_cpu_seconds: float | None = None

    @property
    def rate(self) -> float:
        return self.events / self.seconds


async def raw_consume(bootstrap: str, topics: list[str], max_records: int = 10_000) -> tuple[int, float]:
    """Every message of ``topics`` read once with a plain consumer; (messages, seconds)."""
    partitions = await existing_partitions(bootstrap, topics)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False, auto_offset_reset="earliest"
    )
    await consumer.start()
    try:
        consumer.assign(partitions)
        ends = await consumer.end_offsets(partitions)
        await consumer.seek_to_beginning(*partitions)
        pending = {tp for tp in partitions if ends[tp] > 0}
        count = 0
        started = time.perf_counter()
        while pending:
            batches = await consumer.getmany(*pending, timeout_ms=500, max_records=max_records)
            for tp, records in batches.items():
                count += len(records)
                if records[-1].offset + 1 >= ends[tp]:
                    pending.discard(tp)
        return count, time.perf_counter() - started
    finally:
        await consumer.stop()


async def rebuild(
    label: str, events: int, work: int, environment: dict[str, str], *, dsn: str | None, timeout: float
) -> Run:
    """``oneoffice-reporting rebuild`` in a subprocess: its wall time and peak RSS (from ``wait4``).

    With ``dsn`` (its PostgreSQL database), the messages the projections applied so far are read from
    their checkpoints every 15 s and printed; past ``timeout`` seconds the rebuild is stopped and the
    run reports the share of the ``work`` (messages to apply, over every projection) it got through.
    """
    started = time.perf_counter()
    pg_before = postgres_cpu_seconds()
    process = subprocess.Popen(  # noqa: ASYNC220 (starting it does not block; it is reaped in a thread)
        [sys.executable, "-m", "oneoffice.reporting", "rebuild"],
        env={**os.environ, **environment},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    reaped = asyncio.ensure_future(asyncio.to_thread(_reap, process))
    tree_peak = asyncio.ensure_future(_peak_tree_rss(process.pid, reaped))
    applied = 0
    while not reaped.done():
        await asyncio.wait([reaped], timeout=15)
        elapsed = time.perf_counter() - started
        if dsn is not None and not reaped.done():
            applied, staged_mb = await _applied(dsn)
            rate = applied / elapsed
            print(f"  {elapsed:6.0f} s: {applied:,} of {work:,} messages applied ({rate:,.0f}/s), "
                  f"{staged_mb:,.0f} MB staged, load {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
        if elapsed > timeout and not reaped.done():
            print(f"  stopped after {elapsed:.0f} s (--timeout)", flush=True)
            process.terminate()
            await reaped
            seconds = time.perf_counter() - started
            usage = reaped.result()[3]
            # The province's events at the pace of the messages applied.
            return Run(
                f"{label} (partial)",
                round(events * applied / work),
                seconds,
                max(usage.ru_maxrss / 1024, await tree_peak),
                False,
                usage.ru_utime + usage.ru_stime,
            )
    out, err, code, usage = reaped.result()
    seconds = time.perf_counter() - started
    print(out.decode().rstrip())
    if code != 0:
        print(err.decode()[-4000:], file=sys.stderr)
    pg_after = postgres_cpu_seconds()
    pg_cpu = None if pg_before is None or pg_after is None else pg_after - pg_before
    # ru_maxrss: KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    # The process's peak and its children's (staging processes) together, as sampled.
    peak = max(usage.ru_maxrss / 1024, await tree_peak)
    return Run(label, events, seconds, peak, code == 0, cpu, pg_cpu)


async def _peak_tree_rss(pid: int, until: asyncio.Future[Any]) -> float:
    """The highest resident memory (MB) of process ``pid`` and its descendants together, sampled every
    0.2 s until ``until`` is done (``wait4``'s peak is one process's: the largest, not their sum)."""
    peak = 0
    while not until.done():
        peak = max(peak, tree_rss_bytes(pid))
        await asyncio.wait([until], timeout=0.2)
    return peak / (1 << 20)


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of ``pid`` and every process under it, from ``/proc`` (0 once it is gone)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * _PAGE
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):  # ended meanwhile
            continue
    return total


async def _applied(dsn: str) -> tuple[int, float]:
    """Messages applied by every subscription of the rebuild's database (their checkpoints), and the
    MB of events staged by a set-based rebuild (whose checkpoints move at its end)."""
    try:
        conn = await asyncpg.connect(dsn)
    except Exception:
        return 0, 0.0
    try:
        staged = await conn.fetchval(
            "SELECT coalesce(sum(pg_total_relation_size(oid)), 0) FROM pg_class "
            "WHERE relname LIKE 'bulk_events_%' AND relkind = 'r'"
        )
        applied = await conn.fetchval("SELECT coalesce(sum(next_offset), 0) FROM subscription_checkpoints")
        return int(applied or 0), int(staged or 0) / 1e6
    except asyncpg.UndefinedTableError:
        return 0, 0.0
    finally:
        await conn.close()


def postgres_cpu_seconds() -> float | None:
    """CPU seconds of the PostgreSQL server on this machine so far: the postmaster's own and its reaped
    children's, plus every live backend's (from ``/proc``); None when no server runs here."""
    found: dict[int, tuple[int, int, int]] = {}  # pid -> (parent, own ticks, reaped children's ticks)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name_end = stat.rindex(")")
        if stat[stat.index("(") + 1 : name_end] != "postgres":
            continue
        # From the state field on: ppid is the 2nd, utime, stime, cutime, cstime the 12th to 15th.
        fields = stat[name_end + 2 :].split()
        own, reaped = int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])
        found[int(entry.name)] = (int(fields[1]), own, reaped)
    if not found:
        return None
    ticks = sum(own + (reaped if parent not in found else 0) for parent, own, reaped in found.values())
    return ticks / os.sysconf("SC_CLK_TCK")


def _reap(process: subprocess.Popen[bytes]) -> tuple[bytes, bytes, int, resource.struct_rusage]:
    """Read both pipes to their end (threads: a full pipe would block the child), then reap the child
    with ``wait4``, which gives that child's own resource usage."""
    chunks: dict[int, bytes] = {}

    def read(index: int, pipe: IO[bytes]) -> None:
        chunks[index] = pipe.read()

    pipes = (process.stdout, process.stderr)
    readers = [threading.Thread(target=read, args=(n, pipe)) for n, pipe in enumerate(pipes) if pipe]
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(process.pid, 0)
    for reader in readers:
        reader.join()
    process.returncode = code = os.waitstatus_to_exitcode(status)
    return chunks.get(0, b""), chunks.get(1, b""), code, usage


async def _sizes(bootstrap: str, topics: list[str]) -> list[int]:
    """Messages in each topic (end offsets; the topics start at offset 0)."""
    partitions = await existing_partitions(bootstrap, topics)
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False)
    await consumer.start()
    try:
        ends = await consumer.end_offsets(partitions)
    finally:
        await consumer.stop()
    return [sum(end for tp, end in ends.items() if tp.topic == topic) for topic in topics]


async def fresh_database(dsn: str, name: str) -> str:
    """Create database ``name`` on the server of ``dsn``; its SQLAlchemy asyncpg URL."""
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    url = urlparse(dsn)
    return f"postgresql+asyncpg://{url.username}:{url.password}@{url.hostname}:{url.port or 5432}/{name}"


async def drop_database(dsn: str, name: str) -> None:
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


def settings_environment(database_url: str, bootstrap: str, prefix: str) -> dict[str, str]:
    return {
        "ONEOFFICE_REPORTING_DATABASE_URL": database_url,
        "ONEOFFICE_REPORTING_KAFKA_BOOTSTRAP": bootstrap,
        "ONEOFFICE_REPORTING_KAFKA_TOPIC_PREFIX": prefix,
        "ONEOFFICE_REPORTING_INTERNAL_SECRET": uuid.uuid4().hex,
        "ONEOFFICE_REPORTING_LOG_LEVEL": "WARNING",
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--bootstrap", default=os.environ.get("ONEOFFICE_TEST_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
    )
    parser.add_argument("--pg-dsn", default=os.environ.get("ONEOFFICE_TEST_PG_DSN"))
    parser.add_argument("--communes", type=int, default=130)
    parser.add_argument("--events-per-commune", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--prefix", help="reuse the topics of an earlier run (skips the generation)")
    parser.add_argument("--sqlite", action="store_true", help="also rebuild into a SQLite file")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database")
    parser.add_argument("--timeout", type=float, default=3600, help="stop a rebuild after this many seconds")
    args = parser.parse_args()
    if not args.pg_dsn:
        parser.error("--pg-dsn (or ONEOFFICE_TEST_PG_DSN) is required")
    tune_garbage_collector()  # the raw ceiling on the same footing as the rebuild command (its default)
    asyncio.run(_main(args))


async def _main(args: argparse.Namespace) -> None:
    prefix = args.prefix
    if prefix is None:
        prefix = f"bench{uuid.uuid4().hex[:8]}."
        print(f"generating {args.communes} communes x {args.events_per_commune:,} events into {prefix}*")
        report(await generate(args.bootstrap, prefix, args.communes, args.events_per_commune, args.seed))
    topics = [topic_for(service, prefix) for service in SERVICES]
    raw_events, raw_seconds = await raw_consume(args.bootstrap, topics)
    raw_rate = raw_events / raw_seconds
    print(f"raw aiokafka consume: {raw_events:,} events in {raw_seconds:.1f} s ({raw_rate:,.0f} events/s)")
    documents = raw_events - sum(await _sizes(args.bootstrap, topics[1:]))
    work = raw_events + 3 * documents  # three projections apply the documents events, the dashboard all
    runs: list[Run] = []
    name = f"bench_province_{uuid.uuid4().hex[:8]}"
    url = await fresh_database(args.pg_dsn, name)
    dsn = args.pg_dsn.rsplit("/", 1)[0] + f"/{name}"
    print(f"rebuild into PostgreSQL (load average {os.getloadavg()[0]:.1f})", flush=True)
    try:
        environment = settings_environment(url, args.bootstrap, prefix)
        runs.append(await rebuild("PostgreSQL", raw_events, work, environment, dsn=dsn, timeout=args.timeout))
    finally:
        if not args.keep:
            await drop_database(args.pg_dsn, name)
    if args.sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            sqlite_url = f"sqlite+aiosqlite:///{Path(tmp) / 'reporting.db'}"
            environment = settings_environment(sqlite_url, args.bootstrap, prefix)
            runs.append(
                await rebuild("SQLite", raw_events, work, environment, dsn=None, timeout=args.timeout)
            )
    print()
    print(
        f"{'rebuild':<11} {'events':>10} {'seconds':>8} {'events/s':>9} "
        f"{'raw ev/s':>9} {'ratio':>6} {'peak RSS':>9} {'CPU s':>7} {'PG CPU s':>9} {'µs/event':>9}"
    )
    for run in runs:
        print(
            f"{run.label:<11} {run.events:>10,} {run.seconds:>8.1f} {run.rate:>9,.0f} {raw_rate:>9,.0f} "
            f"{run.rate / raw_rate:>6.1%} {run.peak_rss_mb:>6.0f} MB {run.cpu_seconds:>7.1f} "
            + (
                f"{run.pg_cpu_seconds:>9.1f} {(run.cpu_seconds + run.pg_cpu_seconds) / run.events * 1e6:>9.1f}"  # noqa: E501
                if run.pg_cpu_seconds is not None
                else f"{'n/a':>9} {run.cpu_seconds / run.events * 1e6:>9.1f}"
            )
            + ("" if run.ok else "  FAILED")
        )
    print(f"targets: rebuild ≥ {TARGET_RATE:,} events/s, peak RSS < {TARGET_RSS_MB} MB")
    print(
        f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} cores)"
    )
    if not all(run.ok for run in runs):
        sys.exit(1)


if __name__ == "__main__":
    main()
