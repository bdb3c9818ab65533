"""The record files (hồ sơ) of one commune: the annual file lists of its bodies, as one aggregate.

Every file of a commune lives in one stream, ``record-files:<commune>``, so a hand-over of several
files is one event and a file code is unique per (body, year) by construction. Nothing is ever
removed: a disposed file stays, marked with its decision.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .record_errors import (
    DuplicateFileCode,
    EmptyHandover,
    InvalidClosingDate,
    InvalidRecordDate,
    PermanentFileNotDisposable,
    RecordFileClosedAlready,
    RecordFileDisposedAlready,
    RecordFileHandedOverAlready,
    RecordFileNotClosed,
    RecordFileNotExpired,
    RecordFileNotFound,
    RecordFileNotHandedOver,
)
from .retention import RetentionPeriod, handover_due_on, handover_notice_on


class RecordStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    HANDED_OVER = "handed_over"
    DISPOSED = "disposed"


@dataclass(frozen=True, slots=True)
class RecordFileOpened:
    file_id: str
    commune_id: str
    body_code: str
    year: int
    file_code: str
    title: str
    retention: str
    keeper: str
    opened_by: str


@dataclass(frozen=True, slots=True)
class RecordDocumentLinked:
    file_id: str
    commune_id: str
    document_kind: str
    document_id: str
    linked_by: str


@dataclass(frozen=True, slots=True)
class RecordFileClosed:
    file_id: str
    commune_id: str
    closed_on: date
    closed_by: str


@dataclass(frozen=True, slots=True)
class RecordFileHandoverDueSoon:
    file_id: str
    commune_id: str
    handover_due_on: date
    raised_on: date


@dataclass(frozen=True, slots=True)
class RecordFilesHandedOver:
    handover_id: str
    commune_id: str
    file_ids: tuple[str, ...]
    handed_over_on: date
    receiver: str
    recorded_by: str


@dataclass(frozen=True, slots=True)
class RecordFileDisposed:
    file_id: str
    commune_id: str
    decision_number: str
    council: str
    decided_on: date
    recorded_by: str


RecordEvent = (
    RecordFileOpened
    | RecordDocumentLinked
    | RecordFileClosed
    | RecordFileHandoverDueSoon
    | RecordFilesHandedOver
    | RecordFileDisposed
)


@dataclass(frozen=True, slots=True)
class Handover:
    handover_id: str
    handed_over_on: date
    receiver: str


@dataclass(frozen=True, slots=True)
class Disposal:
    decision_number: str
    council: str
    decided_on: date


@dataclass
class RecordFile:
    file_id: str
    body_code: str
    year: int
    file_code: str
    title: str
    retention: RetentionPeriod
    keeper: str
    opened_by: str
    documents: list[tuple[str, str]] = field(default_factory=list)
    closed_on: date | None = None
    notice_raised_on: date | None = None
    handover: Handover | None = None
    disposal: Disposal | None = None

    @property
    def status(self) -> RecordStatus:
        if self.disposal is not None:
            return RecordStatus.DISPOSED
        if self.handover is not None:
            return RecordStatus.HANDED_OVER
        if self.closed_on is not None:
            return RecordStatus.CLOSED
        return RecordStatus.OPEN

    @property
    def expires_on(self) -> date | None:
        return None if self.closed_on is None else self.retention.expires_on(self.closed_on)

    @property
    def handover_due_on(self) -> date | None:
        if self.closed_on is None or not self.retention.handed_over:
            return None
        return handover_due_on(self.closed_on)


RetentionLookup = dict[str, RetentionPeriod]


@dataclass
class CommuneRecords:
    commune_id: str
    retention: RetentionLookup
    version: int = 0
    files: dict[str, RecordFile] = field(default_factory=dict)

    @property
    def stream_id(self) -> str:
        return f"record-files:{self.commune_id}"

    def require(self, file_id: str) -> RecordFile:
        found = self.files.get(file_id)
        if found is None:
            raise RecordFileNotFound(file_id)
        return found

    def listed(self, body_code: str | None = None, year: int | None = None) -> list[RecordFile]:
        chosen = [
            f
            for f in self.files.values()
            if (body_code is None or f.body_code == body_code) and (year is None or f.year == year)
        ]
        return sorted(chosen, key=lambda f: (f.year, f.body_code, f.file_code))

    # -- decisions --------------------------------------------------------------------------------

    def open(
        self,
        *,
        file_id: str,
        body_code: str,
        year: int,
        file_code: str,
        title: str,
        retention: RetentionPeriod,
        keeper: str,
        actor: str,
    ) -> RecordFileOpened:
        for f in self.files.values():
            if f.body_code == body_code and f.year == year and f.file_code == file_code:
                raise DuplicateFileCode(file_code, body_code, year)
        return RecordFileOpened(
            file_id, self.commune_id, body_code, year, file_code, title, retention.code, keeper, actor
        )

    def link(self, file_id: str, kind: str, document_id: str, actor: str) -> RecordDocumentLinked | None:
        """The event linking the document; None when the file already holds it."""
        f = self._open_file(file_id)
        if (kind, document_id) in f.documents:
            return None
        return RecordDocumentLinked(file_id, self.commune_id, kind, document_id, actor)

    def close(self, file_id: str, closed_on: date, today: date, actor: str) -> RecordFileClosed:
        f = self._open_file(file_id)
        if closed_on < date(f.year, 1, 1) or closed_on > today:
            raise InvalidClosingDate(f.year)
        return RecordFileClosed(file_id, self.commune_id, closed_on, actor)

    def hand_over(
        self,
        *,
        handover_id: str,
        file_ids: list[str],
        handed_over_on: date,
        receiver: str,
        today: date,
        actor: str,
    ) -> RecordFilesHandedOver:
        if not file_ids or len(set(file_ids)) != len(file_ids):
            raise EmptyHandover()
        latest_close = date.min
        for file_id in file_ids:
            f = self.require(file_id)
            if f.disposal is not None:
                raise RecordFileDisposedAlready(f.file_code)
            if f.handover is not None:
                raise RecordFileHandedOverAlready(f.file_code)
            if f.closed_on is None:
                raise RecordFileNotClosed(f.file_code)
            if not f.retention.handed_over:
                raise RecordFileNotHandedOver(f.file_code)
            latest_close = max(latest_close, f.closed_on)
        if handed_over_on < latest_close or handed_over_on > today:
            raise InvalidRecordDate("handed_over_on", latest_close)
        return RecordFilesHandedOver(
            handover_id, self.commune_id, tuple(file_ids), handed_over_on, receiver, actor
        )

    def dispose(
        self,
        file_id: str,
        *,
        decision_number: str,
        council: str,
        decided_on: date,
        today: date,
        actor: str,
    ) -> RecordFileDisposed:
        f = self.require(file_id)
        if f.disposal is not None:
            raise RecordFileDisposedAlready(f.file_code)
        if f.retention.permanent:
            raise PermanentFileNotDisposable(f.file_code)
        if f.closed_on is None:
            raise RecordFileNotClosed(f.file_code)
        if decided_on > today or decided_on < f.closed_on:
            raise InvalidRecordDate("decided_on", f.closed_on)
        expires = f.expires_on
        if expires is not None and decided_on <= expires:
            raise RecordFileNotExpired(f.file_code, expires)
        return RecordFileDisposed(file_id, self.commune_id, decision_number, council, decided_on, actor)

    def due_notices(self, today: date) -> list[RecordFileHandoverDueSoon]:
        """The hand-over notices due today: once per closed file still to hand over."""
        due: list[RecordFileHandoverDueSoon] = []
        for f in self.files.values():
            if f.closed_on is None or f.handover is not None or f.disposal is not None:
                continue
            if f.notice_raised_on is not None or not f.retention.handed_over:
                continue
            if today >= handover_notice_on(f.closed_on):
                due.append(
                    RecordFileHandoverDueSoon(f.file_id, self.commune_id, handover_due_on(f.closed_on), today)
                )
        return due

    def _open_file(self, file_id: str) -> RecordFile:
        f = self.require(file_id)
        if f.disposal is not None:
            raise RecordFileDisposedAlready(f.file_code)
        if f.closed_on is not None:
            raise RecordFileClosedAlready(f.file_code, f.closed_on)
        return f

    # -- evolution --------------------------------------------------------------------------------

    def apply(self, event: RecordEvent) -> None:
        match event:
            case RecordFileOpened():
                self.files[event.file_id] = RecordFile(
                    file_id=event.file_id,
                    body_code=event.body_code,
                    year=event.year,
                    file_code=event.file_code,
                    title=event.title,
                    retention=self.retention.get(event.retention) or _unknown(event.retention),
                    keeper=event.keeper,
                    opened_by=event.opened_by,
                )
            case RecordDocumentLinked():
                self.files[event.file_id].documents.append((event.document_kind, event.document_id))
            case RecordFileClosed():
                self.files[event.file_id].closed_on = event.closed_on
            case RecordFileHandoverDueSoon():
                self.files[event.file_id].notice_raised_on = event.raised_on
            case RecordFilesHandedOver():
                for file_id in event.file_ids:
                    self.files[file_id].handover = Handover(
                        event.handover_id, event.handed_over_on, event.receiver
                    )
            case RecordFileDisposed():
                self.files[event.file_id].disposal = Disposal(
                    event.decision_number, event.council, event.decided_on
                )

    def apply_all(self, events: list[RecordEvent]) -> None:
        for event in events:
            self.apply(event)


def _unknown(code: str) -> RetentionPeriod:
    # A period removed from the configuration after files used it: kept, never disposable by date.
    return RetentionPeriod(code, code, code, None, permanent=True)
