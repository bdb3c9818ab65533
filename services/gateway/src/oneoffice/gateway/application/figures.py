"""What the gateway needs of the reporting service's figures: the indicator catalogue, reports,
figures, conflicts and adoptions (the port; its gRPC adapter is :mod:`..adapters.grpc_figures`).
Values are decimal text, exactly as recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from .ports import RequestContext


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    name: str
    unit: str
    aggregation: str
    periodicity: str
    minimum: str | None
    maximum: str | None


@dataclass(frozen=True, slots=True)
class IndicatorCatalogue:
    version: int
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True, slots=True)
class FigureDraft:
    indicator: str
    period: str
    body: str
    value: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class ReportedFigure:
    commune_id: str
    indicator: str
    period: str
    body: str
    value: str
    status: str
    figure_value: str | None
    conflict_id: str | None
    catalogue_version: int


@dataclass(frozen=True, slots=True)
class FigureEntry:
    kind: str
    body: str
    value: str
    text: str
    actor: str
    recorded_at: datetime
    conflict_id: str | None


@dataclass(frozen=True, slots=True)
class Figure:
    commune_id: str
    indicator: str
    period: str
    status: str
    value: str | None
    open_conflict_id: str | None
    history: tuple[FigureEntry, ...]


@dataclass(frozen=True, slots=True)
class FigureConflict:
    conflict_id: str
    commune_id: str
    indicator: str
    period: str
    status: str
    values: dict[str, str]
    raised_at: datetime
    adopted_body: str | None
    adopted_value: str | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class Adoption:
    commune_id: str
    conflict_id: str
    indicator: str
    period: str
    body: str
    value: str
    reason: str


class FiguresPort(Protocol):
    async def catalogue(self, context: RequestContext) -> IndicatorCatalogue: ...

    async def report(
        self, commune_id: str, draft: FigureDraft, context: RequestContext
    ) -> ReportedFigure: ...

    async def figures(
        self, commune_id: str, indicator: str | None, period: str | None, context: RequestContext
    ) -> list[Figure]: ...

    async def conflicts(
        self, commune_id: str, status: str | None, context: RequestContext
    ) -> list[FigureConflict]: ...

    async def adopt(
        self, commune_id: str, conflict_id: str, body: str, reason: str, context: RequestContext
    ) -> Adoption: ...
