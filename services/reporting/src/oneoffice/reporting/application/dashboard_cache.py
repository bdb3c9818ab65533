"""Dashboard answers kept while the read model stands still (#13): a province of thousands of communes
is counted once per state of the projection, not once per reader.

Every request first reads the projection's version (its generation and the positions it reflects: two
indexed lookups). An answer is reused only for the same version, unit, period and ``as_of`` (for
"now": the same day), so it is exactly the answer a fresh read would give, and it states the
positions it reflects and when they were read. The unit's existence, ``as_of`` and the caller's scope
are checked on every request against the units of that version. Readers asking for an answer being
computed wait for that computation (one per key), made without the caller's scope.

An answer "as of now" depends on the moment only through the figure conflicts open then: it is kept
only when every conflict it counts was raised (and adopted) before it was computed, so that any later
moment of the same day sees the same conflicts open.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections import OrderedDict
from datetime import date, datetime
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


class CachedDashboards:
    def __init__(self, reader: VersionedReader, *, size: int = 64) -> None:
        self._reader = reader
        self._size = size
        self._version: ProjectionVersion | None = None
        self._answers: OrderedDict[_Key, tuple[Dashboard, UnitTree, date | None]] = OrderedDict()
        self._pending: dict[tuple[ProjectionVersion, _Key], _Computation] = {}

    async def get(self, query: DashboardQuery, now: datetime) -> Dashboard:
        parse_period(query.period, now.date())  # a bad period is refused before anything is read
        version = await self._reader.version()
        if version != self._version:
            self._version = version
            self._answers.clear()
        key: _Key = (query.unit_code, query.period, query.as_of, None if query.as_of else now.date())
        as_of = query.as_of or now
        answer = self._answers.get(key)
        if answer is not None:
            self._answers.move_to_end(key)
            board, tree, first_day = answer
            check_unit(tree, first_day, query, as_of, now.date())
            return dataclasses.replace(board, as_of=as_of, positions=AsOf(board.positions.positions, now))
        board, facts = await self._computed(version, key, query, now)
        first_day = facts.tree.first_day()
        check_unit(facts.tree, first_day, query, as_of, now.date())
        if self._exact(version, facts) and (query.as_of is not None or _settled(facts, now)):
            if version == self._version:
                self._answers[key] = (board, facts.tree, first_day)
                while len(self._answers) > self._size:
                    self._answers.popitem(last=False)
            return dataclasses.replace(board, as_of=as_of, positions=AsOf(board.positions.positions, now))
        return board  # as computed (for whoever asked first), stating its own "as of"

    async def _computed(
        self, version: ProjectionVersion, key: _Key, query: DashboardQuery, now: datetime
    ) -> tuple[Dashboard, DashboardFacts]:
        """One computation per version and key, whoever waits for it (a cancelled reader cancels
        only its own wait)."""
        pending = self._pending.get((version, key))
        if pending is None:
            unscoped = dataclasses.replace(query, scope=None)
            pending = asyncio.ensure_future(read_dashboard(self._reader, unscoped, now))
            self._pending[(version, key)] = pending
            pending.add_done_callback(lambda _: self._pending.pop((version, key), None))
        return await asyncio.shield(pending)

    @staticmethod
    def _exact(version: ProjectionVersion, facts: DashboardFacts) -> bool:
        """The facts are those of ``version`` (the projection did not move before they were read)."""
        return facts.as_of is not None and frozenset(facts.as_of.positions) == version.positions


def _settled(facts: DashboardFacts, now: datetime) -> bool:
    """Every conflict counted was raised (and adopted) by ``now``: later moments see the same ones open."""
    return all(c.raised_at <= now and (c.adopted_at is None or c.adopted_at <= now) for c in facts.conflicts)
