"""Read-your-writes on the figures: once a report or an adoption has answered, the figures and
conflicts read from the read model show it, with no wait and no refresh (the embedded service on
SQLite, its read model following its own store)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from oneoffice.reporting.application.figures import Caller, ReportDraft
from oneoffice.reporting.bootstrap import ReportingContainer, bootstrap
from oneoffice.reporting.config import Settings

CLERK = Caller("vanthu-16876")


@pytest.fixture
async def reporting(tmp_path: Path) -> AsyncIterator[ReportingContainer]:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'reporting.db'}", kafka_bootstrap=None)
    container = await bootstrap(settings)
    yield container
    await container.aclose()


async def test_what_a_report_or_an_adoption_did_is_read_back_at_once(reporting: ReportingContainer) -> None:
    assert reporting.figures is not None
    figures = reporting.figures.service
    draft = ReportDraft("TL_HO_NGHEO", "2025-Q1", "UBND", "12.4")

    await figures.report(CLERK, "16876", draft)
    [agreed] = await figures.figures("16876", "TL_HO_NGHEO", "2025-Q1")
    outcome = await figures.report(CLERK, "16876", ReportDraft("TL_HO_NGHEO", "2025-Q1", "MTTQ", "13.1"))
    [raised] = await figures.conflicts("16876", "open")
    assert outcome.figure.open_conflict is not None
    await figures.adopt(CLERK, "16876", outcome.figure.open_conflict, "MTTQ", "Theo rà soát")
    [adopted] = await figures.figures("16876", "TL_HO_NGHEO", "2025-Q1")

    assert (agreed.status, str(agreed.value)) == ("agreed", "12.4")
    assert raised.conflict_id == outcome.figure.open_conflict
    assert (adopted.status, str(adopted.value), len(adopted.history)) == ("adopted", "13.1", 3)
