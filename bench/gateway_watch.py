"""What the gateway bench watches besides the answers: the register read model and the processes.

- :class:`RegisterWatch` polls the reporting service's database directly (not through the gateway,
  so that watching adds no load to what is measured) and notes when each document's row first
  appears; a row is seen at most one poll interval after it was written.
- :class:`ProcessWatch` reads each process's peak resident set (``VmHWM``) and CPU time from
  ``/proc``, resetting the peak before each run, and how busy the whole machine was.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass

import asyncpg

from bench.gateway_stats import contiguous_top

_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class RegisterWatch:
    def __init__(self, conn: asyncpg.Connection, table: str, commune_id: str, body_code: str) -> None:
        self._conn = conn
        self._query = (
            f'SELECT document_id, incoming_number FROM "{table}" '
            "WHERE commune_id = $1 AND body_code = $2 AND incoming_number > $3"
        )
        self._args = (commune_id, body_code)
        self.seen_at: dict[str, float] = {}
        self._numbers: set[int] = set()
        self._low = 0

    @classmethod
    async def open(cls, dsn: str, commune_id: str, body_code: str, timeout: float = 60) -> RegisterWatch:
        """Connect and wait for the projection's table (the reporting service creates it)."""
        conn = await asyncpg.connect(dsn)
        deadline = time.monotonic() + timeout
        while True:
            table = await conn.fetchval(
                "SELECT tablename FROM pg_tables WHERE tablename LIKE 'reporting_incoming_register%' "
                "ORDER BY tablename DESC LIMIT 1"
            )
            if table:
                return cls(conn, table, commune_id, body_code)
            if time.monotonic() > deadline:
                await conn.close()
                raise RuntimeError("the reporting service never created its incoming register table")
            await asyncio.sleep(0.2)

    async def poll(self) -> None:
        rows = await self._conn.fetch(self._query, *self._args, self._low)
        now = time.time()
        for row in rows:
            if row["document_id"] not in self.seen_at:
                self.seen_at[row["document_id"]] = now
                self._numbers.add(row["incoming_number"])
        self._low = contiguous_top(self._numbers, self._low)

    async def follow(self, interval: float, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await self.poll()
            try:
                await asyncio.wait_for(stop.wait(), interval)
            except TimeoutError:
                pass

    async def wait_for(self, document_ids: set[str], interval: float, timeout: float) -> None:
        """Keep polling until every one of ``document_ids`` is seen, or ``timeout`` passes."""
        deadline = time.monotonic() + timeout
        while not document_ids <= self.seen_at.keys() and time.monotonic() < deadline:
            await self.poll()
            await asyncio.sleep(interval)

    async def close(self) -> None:
        await self._conn.close()


@dataclass(frozen=True)
class Usage:
    peak_rss_mb: dict[str, float]
    cpu_seconds: dict[str, float]
    machine_busy: float  # share of all cores busy, whoever used them


class ProcessWatch:
    def __init__(self, pids: Mapping[str, int]) -> None:
        self._pids = dict(pids)
        self._cpu0: dict[str, float] = {}
        self._machine0 = (0, 0)

    def start(self) -> None:
        for name, pid in self._pids.items():
            _reset_peak(pid)
            self._cpu0[name] = _cpu_seconds(pid)
        self._machine0 = _machine_ticks()

    def stop(self) -> Usage:
        busy0, total0 = self._machine0
        busy1, total1 = _machine_ticks()
        return Usage(
            peak_rss_mb={name: _peak_rss_mb(pid) for name, pid in self._pids.items()},
            cpu_seconds={name: _cpu_seconds(pid) - self._cpu0[name] for name, pid in self._pids.items()},
            machine_busy=(busy1 - busy0) / max(1, total1 - total0),
        )


def _reset_peak(pid: int) -> None:
    # Writing 5 to clear_refs resets the peak RSS to the current RSS (Linux >= 4.0).
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as refs:
            refs.write("5")
    except OSError:
        pass


def _peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        # Fields after the command name (which may hold spaces): utime and stime are 14th and 15th.
        fields = stat.read().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS


def _machine_ticks() -> tuple[int, int]:
    with open("/proc/stat") as stat:
        values = [int(v) for v in stat.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)
