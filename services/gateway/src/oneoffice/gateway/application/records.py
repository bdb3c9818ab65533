"""Record files (hồ sơ) as the routes and pages need them: the port (gRPC adapter, fakes in tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, Protocol

from .ports import RequestContext

DocumentKind = Literal["incoming", "outgoing"]


@dataclass(frozen=True, slots=True)
class LinkedDocument:
    document_kind: str
    document_id: str


@dataclass(frozen=True, slots=True)
class RecordFile:
    file_id: str
    commune_id: str
    body_code: str
    year: int
    file_code: str
    title: str
    retention: str
    keeper: str
    status: str
    documents: tuple[LinkedDocument, ...] = ()
    closed_on: date | None = None
    handover_due_on: date | None = None
    expires_on: date | None = None
    handover_notice_on: date | None = None
    handover_id: str | None = None
    handed_over_on: date | None = None
    receiver: str | None = None
    disposal_decision_number: str | None = None
    disposal_council: str | None = None
    disposed_on: date | None = None


@dataclass(frozen=True, slots=True)
class NewRecordFile:
    body_code: str
    year: int
    file_code: str
    title: str
    retention: str
    keeper: str


@dataclass(frozen=True, slots=True)
class Handover:
    handover_id: str
    files: tuple[RecordFile, ...]


@dataclass(frozen=True, slots=True)
class Disposal:
    decision_number: str
    council: str
    decided_on: date


@dataclass(frozen=True, slots=True)
class RetentionPeriod:
    code: str
    name_vi: str
    name_en: str
    years: int | None
    permanent: bool


@dataclass(frozen=True, slots=True)
class RetentionGroup:
    name_vi: str
    name_en: str
    retention: str


@dataclass(frozen=True, slots=True)
class Retention:
    periods: tuple[RetentionPeriod, ...]
    groups: tuple[RetentionGroup, ...]


class RecordsPort(Protocol):
    """Every call raises ``NotFound`` (no commune on the day, no file, no document), ``InvalidRequest``
    (the rules refused), ``Forbidden`` or ``Unavailable``."""

    async def create(self, commune_id: str, new: NewRecordFile, context: RequestContext) -> RecordFile: ...

    async def list(
        self, commune_id: str, body_code: str | None, year: int | None, context: RequestContext
    ) -> tuple[RecordFile, ...]: ...

    async def get(self, commune_id: str, file_id: str, context: RequestContext) -> RecordFile: ...

    async def close(
        self, commune_id: str, file_id: str, closed_on: date, context: RequestContext
    ) -> RecordFile: ...

    async def link(
        self, commune_id: str, file_id: str, kind: DocumentKind, document_id: str, context: RequestContext
    ) -> RecordFile: ...

    async def hand_over(
        self,
        commune_id: str,
        file_ids: tuple[str, ...],
        handed_over_on: date,
        receiver: str,
        context: RequestContext,
    ) -> Handover: ...

    async def dispose(
        self, commune_id: str, file_id: str, disposal: Disposal, context: RequestContext
    ) -> RecordFile: ...

    async def retention(self, context: RequestContext) -> Retention: ...
