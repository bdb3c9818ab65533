"""Pages of a unit's dashboard (#13): the arguments checked, and the page cut from the whole dashboard.

The whole dashboard is what is kept (:class:`.dashboard_cache.CachedDashboards`): one count per state
of the projection, whatever page is read. Cutting a page of it costs a sort of its rows: the rows in
each order asked for are kept beside it (a tuple of references per order, a few kept), and its
adoption waves once per dashboard, so that a page of a kept dashboard is a slice.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import datetime

from ..domain.dashboard import CommuneRow, Dashboard
from ..domain.dashboard_page import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_OFFSET,
    SORT_FIELDS,
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


class DashboardPages:
    """Pages of the dashboards ``whole`` answers; the orders of the ``size`` last (dashboard, order)
    pairs asked for are kept (a dashboard is known by its rows' tuple: a kept answer hands back the
    same one)."""

    def __init__(self, whole: GetWhole, *, size: int = 16) -> None:
        self._whole = whole
        self._size = size
        self._orders: OrderedDict[tuple[int, RowOrder], tuple[Dashboard, tuple[CommuneRow, ...]]] = (
            OrderedDict()
        )
        self._waves: OrderedDict[int, tuple[Dashboard, tuple[AdoptionWave, ...]]] = OrderedDict()

    async def get(self, query: DashboardQuery, now: datetime) -> DashboardPage:
        board = await self._whole(query, now)
        return page_of(board, query.paging, self._ordered(board, query.paging.order), self._waves_of(board))

    def _ordered(self, board: Dashboard, order: RowOrder) -> tuple[CommuneRow, ...]:
        key = (id(board.communes), order)
        kept = self._orders.get(key)
        if kept is not None and kept[0].communes is board.communes:
            self._orders.move_to_end(key)
            return kept[1]
        ordered = sort_rows(board.communes, order)
        self._orders[key] = (board, ordered)
        while len(self._orders) > self._size:
            self._orders.popitem(last=False)
        return ordered

    def _waves_of(self, board: Dashboard) -> tuple[AdoptionWave, ...]:
        key = id(board.communes)
        kept = self._waves.get(key)
        if kept is not None and kept[0].communes is board.communes:
            self._waves.move_to_end(key)
            return kept[1]
        waves = adoption_waves(board)
        self._waves[key] = (board, waves)
        while len(self._waves) > self._size:
            self._waves.popitem(last=False)
        return waves
