"""Use cases of record files (hồ sơ): the annual file list, linking, closing, hand-over, disposal.

Each command loads the commune's records, lets the aggregate decide and appends what it decided with
the version it loaded (retried on a conflict). Every command checks the commune exists on the office
day. The hand-over notice is raised by :class:`HandoverNoticeScheduler`, ticked like the staff
coverage scheduler: exactly once per file across restarts and replicas (the notice is an event of
the same stream, appended with the version the decision was made on).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date

from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.retry import retry_on_conflict

from ..domain.attachments import DocumentKind
from ..domain.catalogue import ReferenceCatalogue
from ..domain.errors import MissingChoice, UnknownBody
from ..domain.record_errors import InvalidRecordField, InvalidRecordYear, RecordsBusy, UnknownRetention
from ..domain.record_files import CommuneRecords, RecordEvent, RecordFile, RecordFileHandoverDueSoon
from ..domain.values import office_day
from ..domain.work_errors import NotStaffOfCommune
from .add_attachment import DocumentLookup
from .record_streams import RecordStreams
from .unit_directory import UnitDirectory
from .unit_guard import require_unit
from .work_ports import CommuneStaff

SCHEDULER_ACTOR = "system:records-handover-notice"
# Field limits: (label vi, label en, max length).
_LIMITS: dict[str, tuple[str, str, int]] = {
    "file_code": ("Số và ký hiệu hồ sơ", "The file code", 32),
    "title": ("Tiêu đề hồ sơ", "The title", 500),
    "keeper": ("Người lập hồ sơ", "The keeper", 64),
    "document_id": ("Mã văn bản", "The document id", 64),
    "receiver": ("Người/đơn vị nhận", "The receiver", 200),
    "decision_number": ("Số quyết định", "The decision number", 64),
    "council": ("Hội đồng", "The council", 200),
}


def _text(field: str, value: str) -> str:
    label_vi, label_en, limit = _LIMITS[field]
    text = value.strip()
    if not text or len(text) > limit:
        raise InvalidRecordField(field, label_vi, label_en, limit)
    return text


@dataclass(frozen=True, slots=True)
class NewRecordFile:
    commune_id: str
    body_code: str
    year: int
    file_code: str
    title: str
    retention: str
    keeper: str


class RecordFiles:
    def __init__(
        self,
        streams: RecordStreams,
        catalogue: ReferenceCatalogue,
        units: UnitDirectory,
        documents: DocumentLookup,
        clock: Clock,
        *,
        staff: CommuneStaff,
        new_id: Callable[[], str] = lambda: str(uuid.uuid4()),
        max_attempts: int = 5,
    ) -> None:
        self._streams = streams
        self._catalogue = catalogue
        self._units = units
        self._documents = documents
        self._clock = clock
        # The keeper (người lập hồ sơ) must work in the commune's office when the file is entered.
        self._staff = staff
        self._new_id = new_id
        self._max_attempts = max_attempts

    def today(self) -> date:
        return office_day(self._clock.now())

    # -- queries --------------------------------------------------------------------------------

    async def listed(self, commune_id: str, body_code: str | None, year: int | None) -> list[RecordFile]:
        await require_unit(self._units, commune_id, self.today())
        return (await self._streams.load(commune_id)).listed(body_code, year)

    async def get(self, commune_id: str, file_id: str) -> RecordFile:
        await require_unit(self._units, commune_id, self.today())
        return (await self._streams.load(commune_id)).require(file_id)

    # -- commands -------------------------------------------------------------------------------

    async def create(self, cmd: NewRecordFile, actor: str, correlation_id: str = "") -> RecordFile:
        today = self.today()
        if not cmd.body_code.strip():
            raise MissingChoice("body_code")
        if not self._catalogue.has_body(cmd.body_code):
            raise UnknownBody(cmd.body_code)
        period = self._streams.schedule.get(cmd.retention)
        if period is None:
            raise UnknownRetention(cmd.retention)
        if not 1945 <= cmd.year <= today.year + 1:
            raise InvalidRecordYear()
        file_code, title, keeper = (
            _text("file_code", cmd.file_code),
            _text("title", cmd.title),
            _text("keeper", cmd.keeper),
        )
        await require_unit(self._units, cmd.commune_id, today)
        if not await self._staff.is_staff(cmd.commune_id, keeper, today):
            raise NotStaffOfCommune("keeper", keeper, cmd.commune_id, today)
        file_id = self._new_id()

        def decide(records: CommuneRecords) -> list[RecordEvent]:
            return [
                records.open(
                    file_id=file_id,
                    body_code=cmd.body_code,
                    year=cmd.year,
                    file_code=file_code,
                    title=title,
                    retention=period,
                    keeper=keeper,
                    actor=actor,
                )
            ]

        return (await self._run(cmd.commune_id, decide, actor, correlation_id)).require(file_id)

    async def link(
        self,
        commune_id: str,
        file_id: str,
        kind: DocumentKind,
        document_id: str,
        actor: str,
        correlation_id: str = "",
    ) -> RecordFile:
        """Links an incoming document the register knows, or an outgoing one by its id."""
        document_id = _text("document_id", document_id)
        await require_unit(self._units, commune_id, self.today())
        (await self._streams.load(commune_id)).require(file_id)
        if kind is DocumentKind.INCOMING:
            await self._documents.require(kind, commune_id, document_id)

        def decide(records: CommuneRecords) -> list[RecordEvent]:
            linked = records.link(file_id, kind.value, document_id, actor)
            return [] if linked is None else [linked]

        return (await self._run(commune_id, decide, actor, correlation_id)).require(file_id)

    async def close(
        self, commune_id: str, file_id: str, closed_on: date, actor: str, correlation_id: str = ""
    ) -> RecordFile:
        today = self.today()
        await require_unit(self._units, commune_id, today)

        def decide(records: CommuneRecords) -> list[RecordEvent]:
            return [records.close(file_id, closed_on, today, actor)]

        return (await self._run(commune_id, decide, actor, correlation_id)).require(file_id)

    async def hand_over(
        self,
        commune_id: str,
        file_ids: list[str],
        handed_over_on: date,
        receiver: str,
        actor: str,
        correlation_id: str = "",
    ) -> tuple[str, list[RecordFile]]:
        """The hand-over's id and the files it lists."""
        receiver = _text("receiver", receiver)
        today = self.today()
        await require_unit(self._units, commune_id, today)
        handover_id = self._new_id()

        def decide(records: CommuneRecords) -> list[RecordEvent]:
            return [
                records.hand_over(
                    handover_id=handover_id,
                    file_ids=file_ids,
                    handed_over_on=handed_over_on,
                    receiver=receiver,
                    today=today,
                    actor=actor,
                )
            ]

        records = await self._run(commune_id, decide, actor, correlation_id)
        return handover_id, [records.require(f) for f in file_ids]

    async def dispose(
        self,
        commune_id: str,
        file_id: str,
        *,
        decision_number: str,
        council: str,
        decided_on: date,
        actor: str,
        correlation_id: str = "",
    ) -> RecordFile:
        decision_number = _text("decision_number", decision_number)
        council = _text("council", council)
        today = self.today()
        await require_unit(self._units, commune_id, today)

        def decide(records: CommuneRecords) -> list[RecordEvent]:
            return [
                records.dispose(
                    file_id,
                    decision_number=decision_number,
                    council=council,
                    decided_on=decided_on,
                    today=today,
                    actor=actor,
                )
            ]

        return (await self._run(commune_id, decide, actor, correlation_id)).require(file_id)

    async def _run(
        self,
        commune_id: str,
        decide: Callable[[CommuneRecords], list[RecordEvent]],
        actor: str,
        correlation_id: str,
    ) -> CommuneRecords:
        async def attempt() -> CommuneRecords:
            records = await self._streams.load(commune_id)
            events = decide(records)
            await self._streams.save(records, events, actor=actor, correlation_id=correlation_id)
            return records

        return await retry_on_conflict(attempt, attempts=self._max_attempts, give_up=RecordsBusy)


Communes = Callable[[], Awaitable[list[str]]]


class HandoverNoticeScheduler:
    """Raises the hand-over notices due on the office day, in every commune that keeps files."""

    def __init__(self, streams: RecordStreams, communes: Communes, clock: Clock) -> None:
        self._streams = streams
        self._communes = communes
        self._clock = clock

    async def tick(self) -> list[RecordFileHandoverDueSoon]:
        raised: list[RecordFileHandoverDueSoon] = []
        for commune_id in await self._communes():
            raised.extend(await self.tick_commune(commune_id))
        return raised

    async def tick_commune(self, commune_id: str) -> list[RecordFileHandoverDueSoon]:
        async def attempt() -> list[RecordFileHandoverDueSoon]:
            records = await self._streams.load(commune_id)
            due = records.due_notices(office_day(self._clock.now()))
            await self._streams.save(records, list(due), actor=SCHEDULER_ACTOR, correlation_id="")
            return due

        return await retry_on_conflict(attempt, attempts=10, give_up=RecordsBusy)
