"""The outgoing register and the resolution book projected from the documents events, and every register
read as a table with the regulation's columns (#13)."""

from __future__ import annotations

from collections.abc import Awaitable, Collection, Sequence

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.contracts.events.documents import (
    OutgoingDocumentDispatched,
    OutgoingDocumentDrafted,
    OutgoingDocumentNumbered,
    OutgoingDocumentRecalled,
)
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.reporting.adapters.document_registers_projection import DocumentRegistersProjection
from oneoffice.reporting.adapters.document_registers_reader import SqlRegistersReader
from oneoffice.reporting.adapters.incoming_register_reader import SqlIncomingRegisterReader
from oneoffice.reporting.application.errors import InvalidQuery
from oneoffice.reporting.application.registers import GetRegister, UnknownRegisterKind, get_register
from oneoffice.reporting.domain.registers import RegisterTable
from tests.unit.contracts.samples import SAMPLES

from .samples import registration
from .work_samples import completed, created, envelope, extended, overdue, passed_on, progress

DRAFTED = SAMPLES[OutgoingDocumentDrafted]
NUMBERED = SAMPLES[OutgoingDocumentNumbered]
DISPATCHED = SAMPLES[OutgoingDocumentDispatched]
RECALLED = SAMPLES[OutgoingDocumentRecalled]


@pytest.fixture
async def registers(
    engine: AsyncEngine, runner: ProjectionRunner
) -> tuple[ProjectionRunner, SqlRegistersReader]:
    books = ProjectionRunner(engine, DocumentRegistersProjection())
    await books.start()
    return books, SqlRegistersReader(engine, books, SqlIncomingRegisterReader(engine, runner))


async def _apply(engine: AsyncEngine, runner: ProjectionRunner, events: Sequence[Envelope]) -> None:
    async with engine.begin() as conn:
        await runner.handle(conn, events)


def _outgoing(document_id: str, number: int, position: int, **numbered: object) -> list[Envelope]:
    return [
        envelope(DRAFTED.model_copy(update={"document_id": document_id}), position),
        envelope(
            NUMBERED.model_copy(
                update={
                    "document_id": document_id,
                    "number": number,
                    "number_symbol": f"{number:02d}/QĐ-UBND",
                }
                | numbered
            ),
            position + 1,
        ),
    ]


async def test_the_outgoing_register_lists_numbered_documents_with_the_regulations_columns(
    engine: AsyncEngine, registers: tuple[ProjectionRunner, SqlRegistersReader]
) -> None:
    books, reader = registers
    draft_only = envelope(DRAFTED.model_copy(update={"document_id": "out-draft"}), 1)
    events = [draft_only, *_outgoing("out-0001", 5, 2), envelope(DISPATCHED, 4), *_outgoing("out-0002", 6, 5)]
    await _apply(
        engine, books, [*events, envelope(RECALLED.model_copy(update={"document_id": "out-0002"}), 7)]
    )
    await _apply(engine, books, events)  # delivered again: nothing changes

    table = await get_register(reader, GetRegister("16876", "outgoing", "UBND", 2026))

    assert [c.title_vi for c in table.columns] == [
        "Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung", "Người ký",
        "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú",
    ]  # fmt: skip
    assert table.rows == (
        (
            "05/QĐ-UBND", "05/03/2026", "QD: Về việc thành lập Tổ công tác chuyển đổi số", "TM. Lê Văn Hùng",
            "UBND tỉnh Nghệ An", "VT, VP", "1", "06/03/2026", "vanthu-16876", "Gửi điện tử",
        ),
        (
            "06/QĐ-UBND", "05/03/2026", "QD: Về việc thành lập Tổ công tác chuyển đổi số", "TM. Lê Văn Hùng",
            "Như Điều 3", "VT, VP", "1", "", "", "Đã thu hồi: Sai trích yếu",
        ),
    )  # fmt: skip
    assert (await get_register(reader, GetRegister("16876", "outgoing", "UBND", 2025))).rows == ()


async def test_the_resolution_book_follows_each_task_on_an_incoming_document_to_its_reply(
    engine: AsyncEngine,
    runner: ProjectionRunner,
    registers: tuple[ProjectionRunner, SqlRegistersReader],
) -> None:
    books, reader = registers
    document = registration(3)
    events = [
        envelope(document, 1),
        envelope(created("t-1", document_id=document.document_id), 2),
        envelope(progress("t-1", 40), 3),
        envelope(overdue("t-1", 1), 4),
        envelope(extended("t-1", 2), 5),
        envelope(registration(4), 6),
        envelope(created("t-2", "p-other", document_id="doc-UBND-2026-0004"), 7),
        *_outgoing("out-reply", 9, 8),
        envelope(completed("t-2").model_copy(update={"reply_document_id": "out-reply"}), 10),
        envelope(created("t-free"), 11),  # no document: not in the book
    ]
    await _apply(engine, books, events)

    table = await get_register(reader, GetRegister("16876", "resolutions", "UBND", 2026))

    assert [c.title_vi for c in table.columns] == [
        "Số đến", "Tên loại, số, ký hiệu, ngày tháng, cơ quan ban hành", "Đơn vị hoặc người nhận",
        "Thời hạn giải quyết", "Tiến độ giải quyết", "Số, ký hiệu văn bản trả lời", "Ghi chú",
    ]  # fmt: skip
    first, second = table.rows
    assert first[0] == "3" and first[1].startswith("CV số 03/UBND-VX ngày 01/03/2026 của UBND tỉnh Nghệ An")
    assert first[2:] == (
        "p-lead",
        extended("t-1", 2).deadline.strftime("%d/%m/%Y"),
        "40% — Đang làm",
        "",
        "Gia hạn 1 lần",
    )
    assert second[0] == "4" and second[3:6] == (
        second[3],
        f"Đã hoàn thành {completed('t-2').completed_on:%d/%m/%Y}",
        "09/QĐ-UBND",
    )


async def test_the_incoming_register_export_carries_the_passing_on_columns(
    engine: AsyncEngine,
    runner: ProjectionRunner,
    registers: tuple[ProjectionRunner, SqlRegistersReader],
) -> None:
    _, reader = registers
    late = passed_on("doc-UBND-2026-0001", kind="body", recipient="VP").model_copy(update={"late": True})
    await _apply(
        engine, runner, [envelope(registration(1), 1), envelope(registration(2), 2), envelope(late, 3)]
    )

    table = await get_register(reader, GetRegister("16876", "incoming", "UBND", 2026))

    assert [c.title_vi for c in table.columns][6:9] == ["Đơn vị hoặc người nhận", "Ngày chuyển", "Ký nhận"]
    assert table.rows[0] == (
        "02/03/2026", "1", "UBND tỉnh Nghệ An", "01/UBND-VX", "01/03/2026",
        "CV: Về việc triển khai mô hình một văn phòng, đợt 1", "VP", "02/03/2026", "vanthu-16876",
        "Khẩn; Chuyển muộn (hạn 02/03/2026)",
    )  # fmt: skip
    assert table.rows[1][6:9] == ("", "", "")


@pytest.mark.parametrize(
    ("query", "error"),
    [
        (GetRegister("16876", "minutes", "UBND", 2026), UnknownRegisterKind),
        (GetRegister("16876", "incoming", "UBND", 1800), InvalidQuery),
        (GetRegister("16876", "outgoing", " ", 2026), InvalidQuery),
    ],
)
async def test_an_unknown_kind_a_year_out_of_range_or_no_body_is_refused(
    registers: tuple[ProjectionRunner, SqlRegistersReader], query: GetRegister, error: type[Exception]
) -> None:
    with pytest.raises(error):
        await get_register(registers[1], query)


class Names:
    """The staff events' names of some people (hand-written fake of ``PeopleNames``)."""

    def __init__(self, names: dict[str, str]) -> None:
        self._names = names

    async def names(self, keys: Collection[str]) -> dict[str, str]:
        return {key: name for key, name in self._names.items() if key in keys}


NAMES = Names({"vanthu-16876": "Lô Thị Hoa", "p-lead": "Vi Văn Minh", "p-leader": "Lương Văn Thắng"})


async def test_the_registers_show_the_names_of_the_people_they_name_and_ids_only_when_none_is_known(
    engine: AsyncEngine,
    runner: ProjectionRunner,
    registers: tuple[ProjectionRunner, SqlRegistersReader],
) -> None:
    books, reader = registers
    first, second = registration(1), registration(2)
    incoming = [envelope(first, 1), envelope(second, 2), envelope(passed_on(first.document_id), 3)]
    await _apply(
        engine, runner, [*incoming, envelope(passed_on(second.document_id, kind="body", recipient="VP"), 4)]
    )
    await _apply(engine, books, [
        envelope(first, 1), envelope(second, 2),
        envelope(created("t-1", document_id=first.document_id), 5),
        envelope(created("t-2", "p-other", document_id=second.document_id), 6),
        *_outgoing("out-0001", 5, 7), envelope(DISPATCHED, 9),
    ])  # fmt: skip

    def table(kind: str) -> Awaitable[RegisterTable]:
        return get_register(reader, GetRegister("16876", kind, "UBND", 2026), NAMES)

    assert [row[6:9:2] for row in (await table("incoming")).rows] == [
        ("Lương Văn Thắng", "Lô Thị Hoa"),  # passed on to a leader, by the clerk: both by name
        ("VP", "Lô Thị Hoa"),  # to a body: its code
    ]
    assert [row[8] for row in (await table("outgoing")).rows] == ["Lô Thị Hoa"]
    assert [row[2] for row in (await table("resolutions")).rows] == ["Vi Văn Minh", "p-other"]
