"""How a unit's dashboard is paged: the orders of its commune rows and the size of a page.

Part of the contract of ``DashboardService.GetUnitDashboard`` (and of the gateway's
``GET /api/v1/units/{code}/dashboard``): the gateway checks a request with them before reporting
does, so both read them here.
"""

from __future__ import annotations

# The KPIs a page can be sorted by (numbers: a commune without one, e.g. no on-time rate, comes last).
KPI_SORTS = (
    "documents_in",
    "documents_out",
    "direction_median_days",
    "direction_p90_days",
    "completion_median_days",
    "completion_p90_days",
    "completed",
    "on_time",
    "on_time_rate",
    "overdue",
    "coverage_events",
    "figures_in_conflict",
)
SORT_FIELDS = ("commune_id", "name", *KPI_SORTS)
# Every accepted ``sort``: a field ascending, or descending with a leading '-'.
SORTS = tuple(text for name in SORT_FIELDS for text in (name, f"-{name}"))
DEFAULT_LIMIT = 100  # communes in a page when the request says none
MAX_LIMIT = 1000
MAX_OFFSET = 2**31 - 1
