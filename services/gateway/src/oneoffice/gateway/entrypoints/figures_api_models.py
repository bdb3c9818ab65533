"""Request and response bodies of the figures API (indicator catalogue, figures, conflicts)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .text_fields import RequestBody

CODE_PATTERN = r"^[A-Z][A-Z0-9_]{0,63}$"
PERIOD_PATTERN = r"^[0-9]{4}(-Q[1-4]|-[0-9]{2})?$"
ConflictStatus = Literal["open", "adopted", "settled"]
Code = Annotated[str, Field(pattern=CODE_PATTERN)]


class _Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class IndicatorOut(_Out):
    code: str
    name: str
    unit: str
    aggregation: str = Field(description="sum, average or latest.")
    periodicity: str = Field(description="month (2026-03), quarter (2026-Q1) or year (2026).")
    minimum: str | None = Field(description="Smallest allowed value (inclusive); null: none.")
    maximum: str | None = Field(description="Largest allowed value (inclusive); null: none.")


class IndicatorCatalogueOut(_Out):
    version: int
    indicators: list[IndicatorOut]


class FigureIn(RequestBody):
    """A value a body reports for an indicator and period of the commune."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"indicator": "TL_HO_NGHEO", "period": "2026-Q1", "body": "UBND", "value": "12.4", "note": ""}
            ]
        },
    )

    indicator: Code = Field(description="Indicator code (GET /api/v1/indicators).")
    period: str = Field(
        pattern=PERIOD_PATTERN, description="'2026', '2026-Q1' or '2026-03', as the indicator's periodicity."
    )
    body: Code = Field(description="The reporting body: UBND, DANG_UY, MTTQ, HDND, …")
    value: str = Field(min_length=1, max_length=40, description="Decimal text, e.g. '12.4'.")
    note: str = Field(default="", max_length=2000)


class ReportedFigureOut(_Out):
    commune_id: str
    indicator: str
    period: str
    body: str
    value: str = Field(description="The value reported (normalised: 12.40 → 12.4).")
    status: str = Field(description="The figure after the report: agreed, conflict or adopted.")
    figure_value: str | None = Field(
        description="The figure's value now: adopted or agreed; "
        "null while bodies disagree and none was adopted."
    )
    conflict_id: str | None = Field(description="The conflict open after the report, if any.")
    catalogue_version: int


class FigureEntryOut(_Out):
    kind: str = Field(description="report or adoption.")
    body: str
    value: str
    text: str = Field(description="The report's note or the adoption's reason.")
    actor: str
    recorded_at: datetime
    conflict_id: str | None


class FigureOut(_Out):
    commune_id: str
    indicator: str
    period: str
    status: str = Field(description="agreed, conflict or adopted.")
    value: str | None = Field(description="The adopted or agreed value; null while bodies disagree.")
    open_conflict_id: str | None
    history: list[FigureEntryOut] = Field(description="Every report and adoption, in order.")


class FiguresOut(BaseModel):
    commune_id: str
    figures: list[FigureOut]


class FigureConflictOut(_Out):
    conflict_id: str
    commune_id: str
    indicator: str
    period: str
    status: str = Field(description="open, adopted or settled (the bodies came to agree).")
    values: dict[str, str] = Field(description="Each body's latest value, by body code.")
    raised_at: datetime
    adopted_body: str | None
    adopted_value: str | None
    reason: str | None


class FigureConflictsOut(BaseModel):
    commune_id: str
    conflicts: list[FigureConflictOut]


class AdoptIn(RequestBody):
    """The office adopts the value one body reported, with a reason."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"body": "UBND", "reason": "Số liệu rà soát chính thức"}]},
    )

    body: Code = Field(description="The body whose reported value is adopted.")
    reason: str = Field(min_length=1, max_length=2000)


class AdoptionOut(_Out):
    commune_id: str
    conflict_id: str
    indicator: str
    period: str
    body: str
    value: str
    reason: str
