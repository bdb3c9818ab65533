"""The record-file use cases over the in-memory event store, with a clock the tests move."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta

from oneoffice.documents.adapters.reference_data import load_catalogue
from oneoffice.documents.adapters.retention_data import load_retention
from oneoffice.documents.application.document_lookup import KnownDocuments
from oneoffice.documents.application.record_streams import RecordStreams
from oneoffice.documents.application.records import HandoverNoticeScheduler, NewRecordFile, RecordFiles
from oneoffice.documents.bootstrap import event_registry
from oneoffice.eventcore.clock import FixedClock
from tests.known_units import KnownUnits

from .builders import COMMUNE
from .fakes import FakeIncomingDocumentReader
from .observed_store import ObservedStore
from .test_get_incoming_handler import VIEW
from .tracked_work_fakes import FakeCommuneStaff

STREAM = f"record-files:{COMMUNE}"
CLERK = "vanthu-16876"


def at(day: date) -> datetime:
    """09:00 in Hà Nội on ``day``."""
    return datetime(day.year, day.month, day.day, 2, 0, tzinfo=UTC)


class Records:
    def __init__(self, today: date = date(2026, 3, 10), store: ObservedStore | None = None) -> None:
        self.store = store or ObservedStore()
        self.clock = FixedClock(at(today))
        self.streams = RecordStreams(self.store, event_registry(), load_retention())
        ids = (f"file-{n}" for n in itertools.count(1))
        self.files = RecordFiles(
            self.streams,
            load_catalogue(),
            KnownUnits.test_communes(),
            KnownDocuments(FakeIncomingDocumentReader(VIEW)),
            self.clock,
            staff=FakeCommuneStaff(COMMUNE, {"demo-16876-vptk": None}),
            new_id=lambda: next(ids),
        )
        self.scheduler = HandoverNoticeScheduler(self.streams, self._communes, self.clock)

    async def _communes(self) -> list[str]:
        return [COMMUNE]

    def move_to(self, day: date) -> None:
        self.clock.advance(at(day) - self.clock.now())

    def advance(self, days: int) -> None:
        self.clock.advance(timedelta(days=days))

    async def appended(self) -> int:
        return len(await self.store.read_stream(STREAM))


def new_file(**changes: object) -> NewRecordFile:
    fields: dict[str, object] = {
        "commune_id": COMMUNE,
        "body_code": "UBND",
        "year": 2026,
        "file_code": "01.TCCB",
        "title": "Hồ sơ tổ chức cán bộ năm 2026",
        "retention": "20y",
        "keeper": "demo-16876-vptk",
        **changes,
    }
    return NewRecordFile(**fields)  # type: ignore[arg-type]
