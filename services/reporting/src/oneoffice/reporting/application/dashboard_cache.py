"""Dashboard answers kept while the read model stands still (#13): a province of thousands of communes
is counted once per state of the projection, not once per reader.

Every request first reads the projection's version (its generation and the positions it reflects: one
indexed lookup, shared by the requests arriving while it runs). An answer is reused only for the same
version, unit, period and ``as_of`` (for "now": the same day), so it is exactly the answer a fresh
read would give, and it states the positions it reflects and when they were read. The unit's
existence, ``as_of`` and the caller's scope are checked on every request against the units of that
version. Readers asking for an answer being computed wait for that computation (one per key), made
without the caller's scope.

While the projection moves (events arriving), a national answer would be counted again for almost
every reader: with ``max_staleness`` (``ONEOFFICE_REPORTING_DASHBOARD_MAX_STALENESS_SECONDS``), an
answer kept for the same question and counted at most that long ago is served as it was counted —
its own "as of" and positions, honestly older — while one recount runs in the background.

An answer "as of now" depends on the moment only through the figure conflicts open then: it is kept
only when every conflict it counts was raised (and adopted) before it was computed, so that any later
moment of the same day sees the same conflicts open.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from ..domain.dashboard import Dashboard, DashboardFacts, ProjectionVersion
from ..domain.unit_tree import UnitTree
from ..domain.work_board import AsOf
from .dashboard import DashboardQuery, DashboardReader, check_unit, parse_period, read_dashboard

# (unit, period, as_of asked — None: now —, the day of "now")
_Key = tuple[str, str, datetime | None, date | None]
_Computation = asyncio.Task[tuple[Dashboard, DashboardFacts]]


class VersionedReader(DashboardReader, Protocol):
    async def version(self) -> ProjectionVersion: ...


@dataclass(frozen=True, slots=True)
class _Kept:
    board: Dashboard
    tree: UnitTree
    first_day: date | None
    version: ProjectionVersion
    counted_at: datetime


class CachedDashboards:
    """``max_staleness``: while the projection moves, an answer kept for the same question and
    counted at most that long ago is served as it was (its own "as of" and positions) while one
    recount runs in the background; zero (the default): every reader gets the current version's."""

    def __init__(
        self, reader: VersionedReader, *, size: int = 64, max_staleness: timedelta = timedelta(0)
    ) -> None:
        self._reader = reader
        self._size = size
        self._max_staleness = max_staleness
        self._answers: OrderedDict[_Key, _Kept] = OrderedDict()
        self._pending: dict[tuple[ProjectionVersion, _Key], _Computation] = {}
        self._version_read: asyncio.Task[ProjectionVersion] | None = None

    async def _current_version(self) -> ProjectionVersion:
        """The projection's version; readers arriving while it is being read share that read (the
        answer they get states the positions it reflects)."""
        if self._version_read is None:
            self._version_read = asyncio.ensure_future(self._reader.version())
            self._version_read.add_done_callback(self._version_done)
        return await asyncio.shield(self._version_read)

    def _version_done(self, done: asyncio.Task[ProjectionVersion]) -> None:
        if self._version_read is done:
            self._version_read = None
        if not done.cancelled():
            done.exception()  # retrieved here too: every waiter may have been cancelled

    async def get(self, query: DashboardQuery, now: datetime) -> Dashboard:
        parse_period(query.period, now.date())  # a bad period is refused before anything is read
        version = await self._current_version()
        key: _Key = (query.unit_code, query.period, query.as_of, None if query.as_of else now.date())
        as_of = query.as_of or now
        kept = self._answers.get(key)
        if kept is not None and kept.version == version:
            self._answers.move_to_end(key)
            check_unit(kept.tree, kept.first_day, query, as_of, now.date())
            return dataclasses.replace(
                kept.board, as_of=as_of, positions=AsOf(kept.board.positions.positions, now)
            )
        if kept is not None and self._max_staleness and now - kept.counted_at <= self._max_staleness:
            self._count(version, key, query, now)  # in the background
            check_unit(kept.tree, kept.first_day, query, as_of, now.date())
            return kept.board  # as it was counted, stating its own "as of"
        board, facts = await asyncio.shield(self._count(version, key, query, now))
        first_day = facts.tree.first_day()
        check_unit(facts.tree, first_day, query, as_of, now.date())
        if self._keepable(version, key, facts, now):
            return dataclasses.replace(board, as_of=as_of, positions=AsOf(board.positions.positions, now))
        return board  # as counted (for whoever asked first), stating its own "as of"

    def _count(
        self, version: ProjectionVersion, key: _Key, query: DashboardQuery, now: datetime
    ) -> _Computation:
        """One count per version and key, whoever waits for it (a cancelled reader cancels only its
        own wait); the answer is kept when it is exactly that version's."""
        pending = self._pending.get((version, key))
        if pending is not None:
            return pending

        async def count() -> tuple[Dashboard, DashboardFacts]:
            board, facts = await read_dashboard(self._reader, dataclasses.replace(query, scope=None), now)
            if self._keepable(version, key, facts, now):
                self._answers[key] = _Kept(board, facts.tree, facts.tree.first_day(), version, now)
                self._answers.move_to_end(key)
                while len(self._answers) > self._size:
                    self._answers.popitem(last=False)
            return board, facts

        pending = asyncio.ensure_future(count())
        self._pending[(version, key)] = pending
        pending.add_done_callback(lambda done: self._settle(version, key, done))
        return pending

    def _settle(self, version: ProjectionVersion, key: _Key, done: _Computation) -> None:
        self._pending.pop((version, key), None)
        if not done.cancelled():
            done.exception()  # retrieved: a background count that failed is logged by nobody else

    @staticmethod
    def _keepable(version: ProjectionVersion, key: _Key, facts: DashboardFacts, now: datetime) -> bool:
        """The facts are those of ``version`` (the projection did not move before they were read) and,
        for an answer "as of now", every conflict they count was raised (and adopted) by ``now``."""
        exact = facts.as_of is not None and frozenset(facts.as_of.positions) == version.positions
        return exact and (key[2] is not None or _settled(facts, now))


def _settled(facts: DashboardFacts, now: datetime) -> bool:
    """Every conflict counted was raised (and adopted) by ``now``: later moments see the same ones open."""
    return all(c.raised_at <= now and (c.adopted_at is None or c.adopted_at <= now) for c in facts.conflicts)
