"""Pages of a unit's dashboard (#13): the arguments checked, and the page cut from the whole dashboard.

The whole dashboard is what is kept (:class:`.dashboard_cache.CachedDashboards`): one count per state
of the projection, whatever page is read. Cutting a page of it costs a sort of its rows: the rows in
each order asked for are kept beside it (a tuple of references per order, a few kept), and its
adoption waves once per dashboard, so that a page of a kept dashboard is a slice.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from datetime import datetime
from typing import Any, Generic, TypeVar

from oneoffice.contracts.dashboard_paging import DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, SORT_FIELDS

from ..domain.dashboard import CommuneRow, Dashboard
from ..domain.dashboard_page import (
    AdoptionWave,
    DashboardPage,
    Paging,
    RowOrder,
    adoption_waves,
    page_of,
    sort_rows,
)
from .dashboard import DashboardQuery
from .errors import InvalidQuery

GetWhole = Callable[[DashboardQuery, datetime], Awaitable[Dashboard]]


def parse_paging(sort: str, limit: int, offset: int) -> Paging:
    """``limit`` 0: the default; an unknown ``sort``, a limit or offset out of range: refused."""
    order = RowOrder.parse(sort)
    if order is None:
        names = ", ".join(SORT_FIELDS)
        raise InvalidQuery(
            "sort",
            f"Không sắp xếp được theo '{sort}': dùng một trong {names} (thêm '-' phía trước để giảm dần).",
            f"Cannot sort by '{sort}': use one of {names} (with a leading '-' for descending).",
        )
    if not 0 <= limit <= MAX_LIMIT:
        raise InvalidQuery(
            "limit",
            f"Số xã mỗi trang phải từ 1 đến {MAX_LIMIT} (được {limit}).",
            f"The communes per page must be 1 to {MAX_LIMIT} (got {limit}).",
        )
    if not 0 <= offset <= MAX_OFFSET:
        raise InvalidQuery(
            "offset",
            f"Vị trí bắt đầu phải từ 0 trở lên (được {offset}).",
            f"The offset must be 0 or more (got {offset}).",
        )
    return Paging(order, offset, limit or DEFAULT_LIMIT)


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class KeptPerDashboard(Generic[K, V]):
    """What was made of the ``boards`` last dashboards, ``per_board`` things each (pages, orders…), the
    least recently used forgotten first: memory stays bounded whatever readers ask. A dashboard is known
    by its rows' tuple (a kept answer comes back around the same one, with its own "as of")."""

    def __init__(self, *, boards: int = 4, per_board: int = 32) -> None:
        self._boards = boards
        self._per_board = per_board
        self._kept: OrderedDict[int, tuple[Dashboard, OrderedDict[K, V]]] = OrderedDict()

    def get(self, board: Dashboard, key: K, make: Callable[[], V]) -> V:
        kept = self._kept.get(id(board.communes))
        if kept is None or kept[0].communes is not board.communes:
            kept = (board, OrderedDict())
            self._kept[id(board.communes)] = kept
            while len(self._kept) > self._boards:
                self._kept.popitem(last=False)
        self._kept.move_to_end(id(board.communes))
        made = kept[1]
        if key in made:
            made.move_to_end(key)
            return made[key]
        value = made[key] = make()
        while len(made) > self._per_board:
            made.popitem(last=False)
        return value


class DashboardPages:
    """Pages of the dashboards ``whole`` answers; each dashboard's rows in the orders asked for, and its
    adoption waves, kept for the last few dashboards (:class:`KeptPerDashboard`)."""

    def __init__(self, whole: GetWhole) -> None:
        self._whole = whole
        self._orders: KeptPerDashboard[RowOrder | None, Any] = KeptPerDashboard(per_board=8)

    async def get(self, query: DashboardQuery, now: datetime) -> DashboardPage:
        board = await self._whole(query, now)
        return page_of(board, query.paging, self._ordered(board, query.paging.order), self._waves_of(board))

    def _ordered(self, board: Dashboard, order: RowOrder) -> tuple[CommuneRow, ...]:
        ordered: tuple[CommuneRow, ...] = self._orders.get(
            board, order, lambda: sort_rows(board.communes, order)
        )
        return ordered

    def _waves_of(self, board: Dashboard) -> tuple[AdoptionWave, ...]:
        waves: tuple[AdoptionWave, ...] = self._orders.get(board, None, lambda: adoption_waves(board))
        return waves
