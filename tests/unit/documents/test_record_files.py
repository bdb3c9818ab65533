"""Record files (hồ sơ): the annual file list, linking, closing, hand-over and disposal, in memory."""

from __future__ import annotations

from datetime import date

import pytest

from oneoffice.contracts.events.documents import RecordDocumentLinked, RecordFileClosed, RecordFileOpened
from oneoffice.documents.application.errors import IncomingDocumentNotFound
from oneoffice.documents.application.unit_guard import CommuneNotFound
from oneoffice.documents.domain.attachments import DocumentKind
from oneoffice.documents.domain.errors import UnknownBody
from oneoffice.documents.domain.record_errors import (
    DuplicateFileCode,
    InvalidClosingDate,
    InvalidRecordDate,
    InvalidRecordField,
    PermanentFileNotDisposable,
    RecordFileClosedAlready,
    RecordFileDisposedAlready,
    RecordFileHandedOverAlready,
    RecordFileNotClosed,
    RecordFileNotExpired,
    RecordFileNotFound,
    UnknownRetention,
)
from oneoffice.documents.domain.record_files import RecordStatus
from oneoffice.documents.domain.work_errors import NotStaffOfCommune

from .records_world import CLERK, STREAM, Records, new_file


async def test_a_file_of_the_annual_list_is_one_event_in_the_communes_records_stream() -> None:
    it = Records()

    made = await it.files.create(new_file(), CLERK)

    [envelope] = await it.store.read_stream(STREAM)
    event = RecordFileOpened.model_validate(envelope.payload)
    assert (event.file_id, event.file_code, event.retention, event.keeper) == (
        "file-1",
        "01.TCCB",
        "20y",
        "demo-16876-vptk",
    )
    assert envelope.actor == CLERK
    assert made.status is RecordStatus.OPEN


async def test_the_list_is_filtered_by_body_and_year_in_code_order() -> None:
    it = Records()
    await it.files.create(new_file(file_code="02.VP"), CLERK)
    await it.files.create(new_file(file_code="01.TCCB"), CLERK)
    await it.files.create(new_file(body_code="DANG_UY", file_code="01.DU"), CLERK)
    await it.files.create(new_file(year=2025, file_code="01.TCCB"), CLERK)

    listed = await it.files.listed("16876", "UBND", 2026)

    assert [f.file_code for f in listed] == ["01.TCCB", "02.VP"]
    assert len(await it.files.listed("16876", None, None)) == 4


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"body_code": "NOPE"}, UnknownBody),
        ({"retention": "3y"}, UnknownRetention),
        ({"file_code": "  "}, InvalidRecordField),
        ({"title": "x" * 501}, InvalidRecordField),
        ({"keeper": ""}, InvalidRecordField),
        ({"keeper": "p-not-of-this-commune"}, NotStaffOfCommune),
        ({"commune_id": "99999"}, CommuneNotFound),
    ],
)
async def test_a_file_with_bad_input_is_refused_and_nothing_is_appended(
    changes: dict[str, object], error: type[Exception]
) -> None:
    it = Records()
    with pytest.raises(error):
        await it.files.create(new_file(**changes), CLERK)
    assert await it.appended() == 0


async def test_a_file_code_twice_in_a_bodys_list_of_a_year_is_refused() -> None:
    it = Records()
    await it.files.create(new_file(), CLERK)
    with pytest.raises(DuplicateFileCode):
        await it.files.create(new_file(), CLERK)
    assert await it.appended() == 1


async def test_one_document_is_linked_to_several_files_without_copying_and_once_per_file() -> None:
    it = Records()
    first = await it.files.create(new_file(), CLERK)
    second = await it.files.create(new_file(file_code="02.VP"), CLERK)

    await it.files.link("16876", first.file_id, DocumentKind.INCOMING, "doc-1", CLERK)
    await it.files.link("16876", first.file_id, DocumentKind.INCOMING, "doc-1", CLERK)
    linked = await it.files.link("16876", second.file_id, DocumentKind.INCOMING, "doc-1", CLERK)

    links = [
        RecordDocumentLinked.model_validate(e.payload)
        for e in await it.store.read_stream(STREAM)
        if e.event_type == RecordDocumentLinked.event_type
    ]
    assert [(e.file_id, e.document_id) for e in links] == [("file-1", "doc-1"), ("file-2", "doc-1")]
    assert linked.documents == [("incoming", "doc-1")]


async def test_an_unknown_incoming_document_is_not_linked_but_an_outgoing_id_is() -> None:
    it = Records()
    made = await it.files.create(new_file(), CLERK)
    with pytest.raises(IncomingDocumentNotFound):
        await it.files.link("16876", made.file_id, DocumentKind.INCOMING, "doc-404", CLERK)

    linked = await it.files.link("16876", made.file_id, DocumentKind.OUTGOING, "out-7", CLERK)

    assert linked.documents == [("outgoing", "out-7")]


async def test_linking_to_an_unknown_file_is_refused() -> None:
    it = Records()
    with pytest.raises(RecordFileNotFound):
        await it.files.link("16876", "file-404", DocumentKind.INCOMING, "doc-1", CLERK)


async def test_closing_twice_is_refused_and_nothing_is_appended() -> None:
    it = Records()
    made = await it.files.create(new_file(), CLERK)
    closed = await it.files.close("16876", made.file_id, date(2026, 3, 9), CLERK)
    assert closed.status is RecordStatus.CLOSED
    assert closed.handover_due_on == date(2027, 3, 9)

    with pytest.raises(RecordFileClosedAlready):
        await it.files.close("16876", made.file_id, date(2026, 3, 10), CLERK)
    with pytest.raises(RecordFileClosedAlready):
        await it.files.link("16876", made.file_id, DocumentKind.INCOMING, "doc-1", CLERK)

    closings = [e for e in await it.store.read_stream(STREAM) if e.event_type == RecordFileClosed.event_type]
    assert len(closings) == 1


@pytest.mark.parametrize("closed_on", [date(2025, 12, 31), date(2026, 3, 11)])
async def test_a_closing_date_before_the_lists_year_or_after_today_is_refused(closed_on: date) -> None:
    it = Records()
    made = await it.files.create(new_file(), CLERK)
    with pytest.raises(InvalidClosingDate):
        await it.files.close("16876", made.file_id, closed_on, CLERK)


async def test_closed_files_are_handed_over_with_their_list_once() -> None:
    it = Records()
    a = await it.files.create(new_file(), CLERK)
    b = await it.files.create(new_file(file_code="02.VP", retention="permanent"), CLERK)
    open_one = await it.files.create(new_file(file_code="03.TP"), CLERK)
    for f in (a, b):
        await it.files.close("16876", f.file_id, date(2026, 3, 1), CLERK)

    with pytest.raises(RecordFileNotClosed):
        await it.files.hand_over("16876", [a.file_id, open_one.file_id], date(2026, 3, 10), "Lưu trữ", CLERK)
    with pytest.raises(InvalidRecordDate):
        await it.files.hand_over("16876", [a.file_id], date(2026, 2, 28), "Lưu trữ", CLERK)
    handover_id, listed = await it.files.hand_over(
        "16876", [a.file_id, b.file_id], date(2026, 3, 10), "Lưu trữ cơ quan", CLERK
    )

    assert [f.status for f in listed] == [RecordStatus.HANDED_OVER] * 2
    assert {f.handover.handover_id for f in listed if f.handover} == {handover_id}
    with pytest.raises(RecordFileHandedOverAlready):
        await it.files.hand_over("16876", [b.file_id], date(2026, 3, 10), "Lưu trữ", CLERK)


async def test_a_permanent_file_is_never_disposed_of() -> None:
    it = Records(today=date(2026, 3, 10))
    made = await it.files.create(new_file(retention="permanent", year=1990), CLERK)
    await it.files.close("16876", made.file_id, date(1990, 12, 1), CLERK)

    with pytest.raises(PermanentFileNotDisposable):
        await it.files.dispose(
            "16876",
            made.file_id,
            decision_number="1/QĐ",
            council="HĐ",
            decided_on=date(2026, 3, 1),
            actor=CLERK,
        )
    assert (await it.files.get("16876", made.file_id)).status is RecordStatus.CLOSED


async def test_an_expired_file_is_disposed_of_with_its_decision_and_stays_marked() -> None:
    it = Records(today=date(2026, 3, 10))
    made = await it.files.create(new_file(retention="5y", year=2020), CLERK)
    await it.files.close("16876", made.file_id, date(2020, 6, 1), CLERK)

    with pytest.raises(RecordFileNotExpired):
        await it.files.dispose(
            "16876",
            made.file_id,
            decision_number="1/QĐ",
            council="HĐ",
            decided_on=date(2025, 12, 31),
            actor=CLERK,
        )
    disposed = await it.files.dispose(
        "16876",
        made.file_id,
        decision_number="15/QĐ-UBND",
        council="Hội đồng",
        decided_on=date(2026, 1, 2),
        actor=CLERK,
    )

    assert disposed.status is RecordStatus.DISPOSED
    assert disposed.disposal is not None and disposed.disposal.decision_number == "15/QĐ-UBND"
    assert (await it.files.get("16876", made.file_id)).file_code == "01.TCCB"
    with pytest.raises(RecordFileDisposedAlready):
        await it.files.dispose(
            "16876",
            made.file_id,
            decision_number="2/QĐ",
            council="HĐ",
            decided_on=date(2026, 1, 3),
            actor=CLERK,
        )


async def test_an_open_file_is_not_disposed_of() -> None:
    it = Records()
    made = await it.files.create(new_file(retention="5y", year=2000), CLERK)
    with pytest.raises(RecordFileNotClosed):
        await it.files.dispose(
            "16876",
            made.file_id,
            decision_number="1/QĐ",
            council="HĐ",
            decided_on=date(2026, 3, 1),
            actor=CLERK,
        )
