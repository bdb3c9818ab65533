"""Samples of the record-file events (#12), kept apart from samples.py like the other features'."""

from __future__ import annotations

from datetime import date

from oneoffice.contracts.events.documents import (
    RecordDocumentLinked,
    RecordFileClosed,
    RecordFileDisposed,
    RecordFileHandoverDueSoon,
    RecordFileOpened,
    RecordFilesHandedOver,
)
from oneoffice.eventcore.events import DomainEvent

_FILE = "file-0001"

RECORDS_SAMPLES: dict[type[DomainEvent], DomainEvent] = {
    RecordFileOpened: RecordFileOpened(
        file_id=_FILE,
        commune_id="16876",
        body_code="UBND",
        year=2026,
        file_code="01.TCCB",
        title="Hồ sơ tổ chức cán bộ năm 2026",
        retention="20y",
        keeper="demo-16876-vptk",
        opened_by="vanthu-16876",
    ),
    RecordDocumentLinked: RecordDocumentLinked(
        file_id=_FILE,
        commune_id="16876",
        document_kind="incoming",
        document_id="doc-0001",
        linked_by="vanthu-16876",
    ),
    RecordFileClosed: RecordFileClosed(
        file_id=_FILE, commune_id="16876", closed_on=date(2026, 12, 30), closed_by="vanthu-16876"
    ),
    RecordFileHandoverDueSoon: RecordFileHandoverDueSoon(
        file_id=_FILE, commune_id="16876", handover_due_on=date(2027, 12, 30), raised_on=date(2027, 11, 30)
    ),
    RecordFilesHandedOver: RecordFilesHandedOver(
        handover_id="handover-0001",
        commune_id="16876",
        file_ids=[_FILE],
        handed_over_on=date(2027, 12, 1),
        receiver="Lưu trữ cơ quan UBND xã Tương Dương",
        recorded_by="vanthu-16876",
    ),
    RecordFileDisposed: RecordFileDisposed(
        file_id=_FILE,
        commune_id="16876",
        decision_number="15/QĐ-UBND",
        council="Hội đồng xác định giá trị tài liệu xã Tương Dương",
        decided_on=date(2047, 3, 2),
        recorded_by="vanthu-16876",
    ),
}
