"""The registers' set-based fills (PostgreSQL) give the rows that applying every event in order gives:
the incoming register, and the outgoing register with the resolution-tracking book."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from functools import cache

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.events import documents as d
from oneoffice.contracts.events.documents import DocumentPassedOn, IncomingDocumentRegistered
from oneoffice.eventcore.events import DomainEvent
from oneoffice.reporting.adapters.document_registers_projection import (
    BOOK_DOCUMENTS,
    BOOK_TASKS,
    OUTGOING,
    DocumentRegistersProjection,
)
from oneoffice.reporting.adapters.incoming_register_projection import TABLE, IncomingRegisterProjection

from .bulk_support import Records, filled_rows, incremental_rows, province_records, records_of

COMMUNE = "16876"
OTHER = "16882"
_DAY = date(2026, 3, 2)
_ALL = 1 << 30  # a batch size: every event of a partition in one batch


@cache
def _province() -> Records:
    return province_records(4, 1500)


def _at(step: int) -> datetime:
    return datetime(2026, 3, 2, 1, tzinfo=UTC) + timedelta(minutes=step)


def _records(events: list[tuple[str, str, DomainEvent]]) -> Records:
    return records_of((commune, stream, event, _at(i)) for i, (commune, stream, event) in enumerate(events))


# --- the incoming register ---------------------------------------------------------------------------


def _registered(
    document: str,
    number: int,
    *,
    commune: str = COMMUNE,
    body: str = "UBND",
    summary: str = "Về việc",
    duplicate_of: str | None = None,
) -> IncomingDocumentRegistered:
    return IncomingDocumentRegistered(
        document_id=document,
        commune_id=commune,
        body_code=body,
        incoming_number=number,
        year=_DAY.year,
        issuer="UBND tỉnh",
        number_symbol=f"{number}/QĐ-UBND",
        document_date=_DAY - timedelta(days=2),
        document_type="QD",
        summary=summary,
        urgency="KHAN",
        received_date=_DAY,
        registered_by="vanthu",
        duplicate_of=duplicate_of,
    )


def _passed_on(
    document: str, recipient: str, day: date, *, late: bool = False, commune: str = COMMUNE
) -> DocumentPassedOn:
    return DocumentPassedOn(
        document_id=document,
        commune_id=commune,
        body_code="UBND",
        recipient_kind="person",
        recipient=recipient,
        passed_on=day,
        passing_on_deadline=_DAY + timedelta(days=1),
        late=late,
        needs_action=True,
        passed_on_by="vanthu",
    )


def _incoming(document: str, commune: str = COMMUNE) -> str:
    return f"incoming-document:{commune}:{document}"


async def test_the_incoming_register_filled_from_a_province_equals_the_incremental_one(
    engine: AsyncEngine,
) -> None:
    records = _province()
    projection = IncomingRegisterProjection()

    filled = await filled_rows(engine, projection, records)

    # One batch per partition: the province passes some documents on at an earlier second of the day
    # they came, and a batch applies its registrations before its passings-on (see the fill's module).
    assert filled == await incremental_rows(engine, projection, records, batch=_ALL)
    rows = filled[TABLE]
    assert len(rows) > 500
    assert sum(1 for row in rows if row[17] is not None) > 500  # passed on
    assert any(row[19] for row in rows)  # passed on late


async def test_the_incoming_register_fill_keeps_first_registrations_and_last_passings_on(
    engine: AsyncEngine,
) -> None:
    records = _records(
        [
            # A passing-on staged before its document's registration counts (as in one batch).
            (COMMUNE, _incoming("d4"), _passed_on("d4", "early", _DAY)),
            (COMMUNE, _incoming("d4"), _registered("d4", 4)),
            (COMMUNE, _incoming("d1"), _registered("d1", 1)),
            (COMMUNE, _incoming("d1"), _passed_on("d1", "p-1", _DAY)),
            # A repeated registration keeps the first line, passings-on included.
            (COMMUNE, _incoming("d1"), _registered("d1", 1, summary="lặp lại")),
            (COMMUNE, _incoming("d1"), _passed_on("d1", "p-2", _DAY + timedelta(days=3), late=True)),
            # Never passed on; a duplicate of another document.
            (COMMUNE, _incoming("d2"), _registered("d2", 2, duplicate_of="d1")),
            # Passed on, then passed on again to another recipient: the later one counts.
            (OTHER, _incoming("d3", OTHER), _registered("d3", 1, commune=OTHER, body="DANG_UY")),
            (OTHER, _incoming("d3", OTHER), _passed_on("d3", "p-3", _DAY, late=True, commune=OTHER)),
            (OTHER, _incoming("d3", OTHER), _passed_on("d3", "p-4", _DAY, commune=OTHER)),
            # A passing-on of a document never registered here.
            (COMMUNE, _incoming("d9"), _passed_on("d9", "p-9", _DAY)),
        ]
    )
    projection = IncomingRegisterProjection()

    filled = await filled_rows(engine, projection, records)

    assert filled == await incremental_rows(engine, projection, records, batch=_ALL)
    by_document = {row[0]: row for row in filled[TABLE]}
    assert sorted(by_document) == ["d1", "d2", "d3", "d4"]
    assert by_document["d4"][12] == "early"
    assert by_document["d1"][10] == "Về việc" and by_document["d1"][12] == "p-2"
    assert by_document["d1"][19] is True
    assert by_document["d2"][12] is None and by_document["d2"][13] == "d1" and by_document["d2"][19] is False
    assert by_document["d3"][12] == "p-4" and by_document["d3"][19] is False


async def test_the_incoming_register_fill_refuses_a_number_another_document_took(
    engine: AsyncEngine,
) -> None:
    # The incremental projection dead-letters the second registration (the number index refuses it);
    # the fill fails on that index, so that the rebuild goes event by event and records the dead letter.
    records = _records(
        [
            (COMMUNE, _incoming("d1"), _registered("d1", 7)),
            (COMMUNE, _incoming("d2"), _registered("d2", 7)),
            (COMMUNE, _incoming("d3"), _registered("d3", 7, body="DANG_UY")),
        ]
    )

    with pytest.raises(sa.exc.IntegrityError, match="ux_"):
        await filled_rows(engine, IncomingRegisterProjection(), records)


# --- the outgoing register and the resolution-tracking book -----------------------------------------


async def test_the_document_registers_filled_from_a_province_equal_the_incremental_ones(
    engine: AsyncEngine,
) -> None:
    records = _province()
    projection = DocumentRegistersProjection()

    filled = await filled_rows(engine, projection, records)

    assert filled == await incremental_rows(engine, projection, records)
    assert len(filled[OUTGOING]) > 200 and len(filled[BOOK_DOCUMENTS]) > 500 and len(filled[BOOK_TASKS]) > 200
    assert any(row[12] is not None for row in filled[OUTGOING])  # dispatched
    tasks = filled[BOOK_TASKS]
    assert any(row[8] is not None for row in tasks) and any(row[10] for row in tasks)  # done, overdue


def _outgoing(document: str) -> str:
    return f"outgoing-document:{COMMUNE}:{document}"


def _task(task: str) -> str:
    return f"task:{COMMUNE}:{task}"


def _drafted(
    document: str,
    *,
    summary: str = "Về việc",
    authority: str = "TM. UBND",
    signer: str = "Lê Văn Hùng",
    recipients: tuple[str, ...] = (),
) -> DomainEvent:
    return d.OutgoingDocumentDrafted(
        document_id=document,
        commune_id=COMMUNE,
        body_code="UBND",
        document_type="CV",
        summary=summary,
        drafting_unit="VP",
        signer_id="p1" if signer else "",
        signer_name=signer,
        signer_title="Chủ tịch",
        authority=authority,
        place_name="Tương Dương",
        recipients=recipients,
        urgency="NORMAL",
        confidentiality="MAT",
        drafted_by="vanthu",
    )


def _numbered(document: str, number: int, *, body: str = "UBND", kind: str = "CV") -> DomainEvent:
    return d.OutgoingDocumentNumbered(
        document_id=document,
        commune_id=COMMUNE,
        body_code=body,
        document_type=kind,
        sequence_id=f"seq:{COMMUNE}:{body}:2026",
        period="2026",
        number=number,
        number_symbol=f"{number}/{body}-VP",
        formatted=f"Số: {number}/{body}-VP",
        issued_on=_DAY + timedelta(days=number),
        confidential=False,
        imported=False,
        numbered_by="vanthu",
    )


def _dispatched(document: str, day: date, *recipients: str) -> DomainEvent:
    return d.OutgoingDocumentDispatched(
        document_id=document,
        commune_id=COMMUNE,
        recipients=recipients,
        dispatched_on=day,
        channel="PAPER",
        dispatched_by="vanthu",
    )


def _recalled(document: str, reason: str) -> DomainEvent:
    return d.OutgoingDocumentRecalled(
        document_id=document, commune_id=COMMUNE, reason=reason, recalled_by="vt"
    )


def _created(task: str, document: str | None, lead: str = "p1") -> DomainEvent:
    return d.TaskCreated(
        task_id=task,
        commune_id=COMMUNE,
        title="Xử lý",
        document_id=document,
        body_code="UBND",
        lead=lead,
        deadline=_DAY + timedelta(days=10),
        directed_by="lanhdao",
        directed_on=_DAY,
    )


def _noted(task: str, note: str, percentage: int | None = None) -> DomainEvent:
    return d.TaskProgressNoted(
        task_id=task, commune_id=COMMUNE, note=note, percentage=percentage, noted_by="x"
    )


def _completed(task: str, result: str, reply: str | None = None) -> DomainEvent:
    return d.TaskCompleted(
        task_id=task,
        commune_id=COMMUNE,
        result=result,
        reply_document_id=reply,
        completed_on=_DAY + timedelta(days=5),
        completed_by="p1",
    )


def _reopened(task: str) -> DomainEvent:
    return d.TaskReopened(task_id=task, commune_id=COMMUNE, reason="Chưa đạt", reopened_by="lanhdao")


def _extended(task: str, number: int, days: int | None = None) -> DomainEvent:
    return d.TaskDeadlineExtended(
        task_id=task,
        commune_id=COMMUNE,
        deadline=_DAY + timedelta(days=10 * number if days is None else days),
        deadline_number=number,
        reason="Chờ ý kiến",
        extended_by="lanhdao",
    )


def _reassigned(task: str, lead: str) -> DomainEvent:
    return d.TaskReassigned(
        task_id=task, commune_id=COMMUNE, lead=lead, reason="Nghỉ phép", reassigned_by="x"
    )


def _overdue(task: str) -> DomainEvent:
    return d.TaskOverdue(
        task_id=task, commune_id=COMMUNE, deadline=_DAY, deadline_number=1, lead="p1", raised_on=_DAY
    )


def _document_register_edge_cases() -> list[tuple[str, str, DomainEvent]]:
    o, t = _outgoing, _task
    odd = ('Sở "Nội vụ"', "C:\\lưu", "dòng\tmới\n", "\x01")
    return [
        # Outgoing: numbered, dispatched twice each (the last counts), recalled; lists with escapes.
        (COMMUNE, o("o1"), _drafted("o1", recipients=odd)),
        (COMMUNE, o("o1"), _numbered("o1", 1)),
        (COMMUNE, o("o1"), _numbered("o1", 2, body="DANG_UY", kind="NQ")),
        (COMMUNE, o("o1"), _dispatched("o1", _DAY, *odd)),
        (COMMUNE, o("o1"), _dispatched("o1", _DAY + timedelta(days=1), "UBND tỉnh")),
        (COMMUNE, o("o1"), _recalled("o1", "Sai thể thức")),
        # Changes before the draft change nothing; a repeated draft keeps the first.
        (COMMUNE, o("o2"), _numbered("o2", 3)),
        (COMMUNE, o("o2"), _dispatched("o2", _DAY, "A")),
        (COMMUNE, o("o2"), _recalled("o2", "trước")),
        (COMMUNE, o("o2"), _drafted("o2", authority="", signer="")),
        (COMMUNE, o("o2"), _drafted("o2", summary="lặp lại")),
        (COMMUNE, o("o2"), _dispatched("o2", _DAY, "B")),
        (COMMUNE, o("o3"), _drafted("o3", authority="")),
        # Changes of a document never drafted here.
        (COMMUNE, o("o9"), _numbered("o9", 4)),
        (COMMUNE, o("o9"), _recalled("o9", "không có")),
        # The book's documents: the first registration counts.
        (COMMUNE, _incoming("b1"), _registered("b1", 1)),
        (COMMUNE, _incoming("b1"), _registered("b1", 1, summary="lặp lại")),
        # A task through every change, reopened after completion and noted again.
        (COMMUNE, t("t1"), _created("t1", "b1")),
        (COMMUNE, t("t1"), _noted("t1", "30 phần trăm", 30)),
        (COMMUNE, t("t1"), _noted("t1", "ghi chú")),
        (COMMUNE, t("t1"), _completed("t1", "xong")),
        (COMMUNE, t("t1"), _reopened("t1")),
        (COMMUNE, t("t1"), _extended("t1", 2)),
        (COMMUNE, t("t1"), _overdue("t1")),
        (COMMUNE, t("t1"), _reassigned("t1", "p2")),
        (COMMUNE, t("t1"), _reassigned("t1", "p3")),
        # Overdue, then extended (no longer overdue), extended again; completed with a reply.
        (COMMUNE, t("t2"), _created("t2", "b1")),
        (COMMUNE, t("t2"), _overdue("t2")),
        (COMMUNE, t("t2"), _extended("t2", 2)),
        (COMMUNE, t("t2"), _extended("t2", 3)),
        (COMMUNE, t("t2"), _noted("t2", "một nửa", 50)),
        (COMMUNE, t("t2"), _completed("t2", "đã trả lời", reply="o1")),
        # Completed, reopened, completed again; a note after the completion replaces its result.
        (COMMUNE, t("t3"), _created("t3", "b1")),
        (COMMUNE, t("t3"), _completed("t3", "lần 1")),
        (COMMUNE, t("t3"), _reopened("t3")),
        (COMMUNE, t("t3"), _completed("t3", "lần 2", reply="o2")),
        (COMMUNE, t("t3"), _noted("t3", "bổ sung", 90)),
        # Without a document: not in the book, until a task created again with one (its changes
        # before that change nothing); a repeated creation keeps the first.
        (COMMUNE, t("t4"), _created("t4", None)),
        (COMMUNE, t("t4"), _completed("t4", "trước")),
        (COMMUNE, t("t4"), _overdue("t4")),
        (COMMUNE, t("t4"), _created("t4", "b1", lead="p4")),
        (COMMUNE, t("t4"), _created("t4", "b1", lead="p5")),
        (COMMUNE, t("t4"), _noted("t4", "sau")),
        (COMMUNE, t("t5"), _created("t5", None)),
        (COMMUNE, t("t5"), _noted("t5", "không vào sổ", 10)),
        # Changes before the task is created, and of a task never created.
        (COMMUNE, t("t6"), _noted("t6", "sớm", 20)),
        (COMMUNE, t("t6"), _overdue("t6")),
        (COMMUNE, t("t6"), _reassigned("t6", "p9")),
        (COMMUNE, t("t6"), _extended("t6", 2, days=40)),
        (COMMUNE, t("t6"), _created("t6", "b1")),
        (COMMUNE, t("t9"), _completed("t9", "không có")),
        # A new deadline earlier than the first.
        (COMMUNE, t("t7"), _created("t7", "b1")),
        (COMMUNE, t("t7"), _extended("t7", 2, days=5)),
    ]


async def test_the_document_registers_fill_follows_every_change_in_order(engine: AsyncEngine) -> None:
    records = _records(_document_register_edge_cases())
    projection = DocumentRegistersProjection()

    filled = await filled_rows(engine, projection, records)

    # Any batch size: a batch's changes of a line keep their order (``BatchedWrites``).
    assert filled == await incremental_rows(engine, projection, records, batch=7)
    outgoing = {row[0]: row for row in filled[OUTGOING]}
    assert sorted(outgoing) == ["o1", "o2", "o3"]
    assert outgoing["o1"][5] == "TM. UBND Lê Văn Hùng" and outgoing["o3"][5] == "Lê Văn Hùng"
    assert outgoing["o1"][2:4] == ("DANG_UY", "NQ") and outgoing["o1"][8] == 2
    assert json.loads(outgoing["o1"][6]) == ['Sở "Nội vụ"', "C:\\lưu", "dòng\tmới\n", "\x01"]
    assert json.loads(outgoing["o1"][13]) == ["UBND tỉnh"] and outgoing["o1"][16] == "Sai thể thức"
    assert outgoing["o2"][4:6] == ("Về việc", "") and outgoing["o2"][8] is None
    assert json.loads(outgoing["o2"][13]) == ["B"] and outgoing["o2"][16] is None
    assert [row[0] for row in filled[BOOK_DOCUMENTS]] == ["b1"] and filled[BOOK_DOCUMENTS][0][9] == "Về việc"
    tasks = {row[0]: row[3:] for row in filled[BOOK_TASKS]}
    assert sorted(tasks) == ["t1", "t2", "t3", "t4", "t6", "t7"]
    # lead, deadline, extensions, percentage, note, done on, reply, overdue
    assert tasks["t1"] == ("p3", _DAY + timedelta(days=20), 1, 30, "xong", None, None, True)
    assert tasks["t2"] == (
        "p1",
        _DAY + timedelta(days=30),
        2,
        50,
        "đã trả lời",
        _DAY + timedelta(days=5),
        "o1",
        False,
    )
    assert tasks["t3"] == (
        "p1",
        _DAY + timedelta(days=10),
        0,
        90,
        "bổ sung",
        _DAY + timedelta(days=5),
        "o2",
        False,
    )
    assert tasks["t4"] == ("p4", _DAY + timedelta(days=10), 0, None, "sau", None, None, False)
    assert tasks["t6"] == ("p1", _DAY + timedelta(days=10), 0, None, "", None, None, False)
    assert tasks["t7"] == ("p1", _DAY + timedelta(days=5), 1, None, "", None, None, False)
