"""Events the reporting service publishes on ``oneoffice.reporting.events.v1``: one set of figures.

Glossary: *chỉ tiêu* = indicator; *kỳ báo cáo* = reporting period; *số liệu* = figure (a value a body
reports for an indicator and period). One stream per commune, indicator and period
(``figure-<commune>-<indicator>-<period>``), so reports of the same figure are ordered and a conflict
is decided once.

Periods are written ``YYYY`` (year), ``YYYY-Qn`` (quarter) or ``YYYY-MM`` (month), as the
indicator's periodicity requires.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar, Literal

from pydantic import BaseModel, Field

from oneoffice.eventcore.events import DomainEvent, Upcaster

Aggregation = Literal["sum", "average", "latest"]
"""How an indicator's values combine across communes or periods."""

Periodicity = Literal["month", "quarter", "year"]


class CatalogueIndicator(BaseModel):
    """One indicator of a published catalogue version."""

    code: str = Field(description="Stable code, e.g. 'DS_TONG' (dân số — population).")
    name: str = Field(description="Vietnamese name, e.g. 'Dân số trung bình'.")
    unit: str = Field(description="Unit of measure as shown, e.g. 'người', 'ha', '%'.")
    aggregation: Aggregation
    periodicity: Periodicity
    minimum: Decimal | None = Field(default=None, description="Smallest allowed value (inclusive), if any.")
    maximum: Decimal | None = Field(default=None, description="Largest allowed value (inclusive), if any.")


class IndicatorCatalogueVersionPublished(DomainEvent):
    """A version of the indicator catalogue (danh mục chỉ tiêu) was published; later reports use it."""

    event_type: ClassVar[str] = "reporting.IndicatorCatalogueVersionPublished"
    schema_version: ClassVar[int] = 1

    version: int = Field(description="1, 2, …: each publication adds one.")
    indicators: list[CatalogueIndicator]


class FigureReported(DomainEvent):
    """A body reported a value for an indicator and period of its commune."""

    event_type: ClassVar[str] = "reporting.FigureReported"
    schema_version: ClassVar[int] = 1

    commune_id: str
    indicator_code: str
    catalogue_version: int = Field(description="The catalogue version the value was checked against.")
    period: str = Field(description="'2026', '2026-Q1' or '2026-03', per the indicator's periodicity.")
    body_code: str = Field(description="The reporting body, e.g. UBND, DANG_UY, MTTQ.")
    value: Decimal
    note: str = ""


class FigureConflictRaised(DomainEvent):
    """Bodies reported different values for the same commune, indicator and period."""

    event_type: ClassVar[str] = "reporting.FigureConflictRaised"
    schema_version: ClassVar[int] = 1

    commune_id: str
    conflict_id: str = Field(description="Stable id of the conflict, used to adopt a value.")
    indicator_code: str
    period: str
    values: dict[str, Decimal] = Field(description="The latest value each body reported, by body code.")


class FigureAdopted(DomainEvent):
    """The office adopted one of the reported values; every report uses it from now on."""

    event_type: ClassVar[str] = "reporting.FigureAdopted"
    schema_version: ClassVar[int] = 1

    commune_id: str
    conflict_id: str
    indicator_code: str
    period: str
    value: Decimal
    body_code: str = Field(description="The body whose reported value was adopted.")
    reason: str


class FigureConflictSettled(DomainEvent):
    """The bodies in an open conflict came to agree (a body corrected its value) before any adoption."""

    event_type: ClassVar[str] = "reporting.FigureConflictSettled"
    schema_version: ClassVar[int] = 1

    commune_id: str
    conflict_id: str
    indicator_code: str
    period: str
    value: Decimal = Field(description="The value every body in contention now reports.")


EVENTS: tuple[type[DomainEvent], ...] = (
    IndicatorCatalogueVersionPublished,
    FigureReported,
    FigureConflictRaised,
    FigureAdopted,
    FigureConflictSettled,
)
UPCASTERS: tuple[tuple[str, int, Upcaster], ...] = ()
