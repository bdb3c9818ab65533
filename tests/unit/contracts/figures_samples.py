"""Samples of the figures events of the reporting service (merged into ``samples.SAMPLES``)."""

from __future__ import annotations

from decimal import Decimal

from oneoffice.contracts.events.reporting import (
    CatalogueIndicator,
    FigureAdopted,
    FigureConflictRaised,
    FigureConflictSettled,
    FigureReported,
    IndicatorCatalogueVersionPublished,
)
from oneoffice.eventcore.events import DomainEvent

FIGURES_SAMPLES: dict[type[DomainEvent], DomainEvent] = {
    IndicatorCatalogueVersionPublished: IndicatorCatalogueVersionPublished(
        version=1,
        indicators=[
            CatalogueIndicator(
                code="DS_TONG",
                name="Dân số trung bình",
                unit="người",
                aggregation="sum",
                periodicity="year",
                minimum=Decimal(0),
            ),
            CatalogueIndicator(
                code="TL_HO_NGHEO",
                name="Tỷ lệ hộ nghèo",
                unit="%",
                aggregation="average",
                periodicity="quarter",
                minimum=Decimal(0),
                maximum=Decimal(100),
            ),
        ],
    ),
    FigureReported: FigureReported(
        commune_id="16876",
        indicator_code="TL_HO_NGHEO",
        catalogue_version=1,
        period="2026-Q1",
        body_code="UBND",
        value=Decimal("12.4"),
        note="Theo kết quả rà soát quý I",
    ),
    FigureConflictRaised: FigureConflictRaised(
        commune_id="16876",
        conflict_id="fc-16876-TL_HO_NGHEO-2026-Q1-1",
        indicator_code="TL_HO_NGHEO",
        period="2026-Q1",
        values={"UBND": Decimal("12.4"), "MTTQ": Decimal("13.1")},
    ),
    FigureAdopted: FigureAdopted(
        commune_id="16876",
        conflict_id="fc-16876-TL_HO_NGHEO-2026-Q1-1",
        indicator_code="TL_HO_NGHEO",
        period="2026-Q1",
        value=Decimal("12.4"),
        body_code="UBND",
        reason="Số liệu rà soát chính thức của UBND xã",
    ),
    FigureConflictSettled: FigureConflictSettled(
        commune_id="16876",
        conflict_id="fc-16876-TL_HO_NGHEO-2026-Q1-1",
        indicator_code="TL_HO_NGHEO",
        period="2026-Q1",
        value=Decimal("12.4"),
    ),
}
