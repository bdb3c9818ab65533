"""A small indicator catalogue for the figures' unit tests."""

from __future__ import annotations

from decimal import Decimal

from oneoffice.contracts.events.reporting import CatalogueIndicator, IndicatorCatalogueVersionPublished

INDICATORS = [
    CatalogueIndicator(
        code="DS_TONG",
        name="Dân số trung bình",
        unit="người",
        aggregation="sum",
        periodicity="year",
        minimum=Decimal(0),
        maximum=Decimal(500000),
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
    CatalogueIndicator(
        code="THU_NSNN", name="Thu ngân sách", unit="triệu đồng", aggregation="sum", periodicity="month"
    ),
]
CATALOGUE = IndicatorCatalogueVersionPublished(version=1, indicators=INDICATORS)
BODIES = frozenset({"UBND", "MTTQ", "DANG_UY", "HOI_ND"})
