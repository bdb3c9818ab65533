"""The demo's figures for commune 16876: the population of last year, agreed by two bodies, and the
poor-households rate of the last finished quarter, on which they disagree (one open conflict), so
the figures page is not empty. Applied at every start; a figure already reported is left as it is."""

from __future__ import annotations

from datetime import date

from oneoffice.reporting.application.figures import Caller, ReportDraft
from oneoffice.reporting.bootstrap import ReportingContainer

COMMUNE = "16876"
CLERK = Caller(actor=f"vanthu-{COMMUNE}")


def _last_quarter(today: date) -> str:
    quarter = (today.month - 1) // 3  # the current one, 0-based: the last finished one, 1-based
    return f"{today.year}-Q{quarter}" if quarter else f"{today.year - 1}-Q4"


async def seed_demo_figures(reporting: ReportingContainer) -> int:
    """Report the demo's figures not reported yet; returns how many reports were recorded."""
    assert reporting.figures is not None
    figures = reporting.figures.service
    today = figures.today()
    population = str(today.year - 1)
    quarter = _last_quarter(today)
    plan = [
        ReportDraft("DS_TONG", population, "UBND", "24310", "Theo niên giám thống kê"),
        ReportDraft("DS_TONG", population, "MTTQ", "24310"),
        ReportDraft("TL_HO_NGHEO", quarter, "UBND", "12.4", "Kết quả rà soát hộ nghèo"),
        ReportDraft("TL_HO_NGHEO", quarter, "MTTQ", "13.1", "Số liệu các ban công tác Mặt trận"),
    ]
    recorded = 0
    for draft in plan:
        figure = await figures.figure(COMMUNE, draft.indicator_code, draft.period)
        if draft.body_code in figure.latest:
            continue
        await figures.report(CLERK, COMMUNE, draft)
        recorded += 1
    return recorded
