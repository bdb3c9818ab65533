"""The .docx renderer, read back with python-docx: every component's text, font, size and emphasis,
and the page (A4, the regulation's margins)."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Length
from docx.text.paragraph import Paragraph

from oneoffice.documents.adapters.formal_docx import render_docx
from oneoffice.documents.domain.formal_layout import FormalDocument, layout
from oneoffice.documents.domain.formal_styles import FONT_NAME, Component, Family, style
from tests.unit.documents.formal_samples import PARTY_RESOLUTION, SAMPLES, STATE_DECISION, STATE_LETTER


@dataclass(frozen=True)
class Printed:
    text: str
    size_pt: float | None
    bold: bool
    italic: bool
    underline: bool
    font: str | None
    where: str  # "header-left", "header-right", "body", "closing-left", "closing-right"


def _printed(paragraph: Paragraph, where: str) -> Printed:
    run = paragraph.runs[0]
    size = run.font.size
    return Printed(
        paragraph.text, size.pt if size is not None else None, bool(run.font.bold), bool(run.font.italic),
        bool(run.font.underline), run.font.name, where,
    )  # fmt: skip


def _read(doc: FormalDocument) -> tuple[DocxDocument, list[Printed]]:
    document = Document(io.BytesIO(render_docx(doc)))
    header, closing = document.tables
    printed = [
        _printed(p, f"header-{side}")
        for row in header.rows
        for side, cell in zip(("left", "right"), row.cells, strict=True)
        for p in cell.paragraphs
        if p.text
    ]
    printed += [_printed(p, "body") for p in document.paragraphs if p.text]
    printed += [
        _printed(p, f"closing-{side}")
        for side, cell in zip(("left", "right"), closing.rows[0].cells, strict=True)
        for p in cell.paragraphs
        if p.text
    ]
    return document, printed


def _expected(doc: FormalDocument) -> list[tuple[Component, str, str]]:
    """Every component the layout prints, with its text and where it belongs, in reading order."""
    lines = layout(doc)
    header_left = [(Component.PARENT_BODY, t) for t in lines.parent_body]
    header_left += [(Component.BODY_NAME, t) for t in lines.body_name]
    header_left += [(Component.BODY_NAME, "*")] if doc.family is Family.PARTY else []
    header_right = [(Component.NATION, lines.nation)] + (
        [(Component.MOTTO, lines.motto)] if lines.motto else []
    )
    number = [(Component.NUMBER, lines.number)]
    number += [(Component.LETTER_SUBJECT, lines.letter_subject)] if lines.letter_subject else []
    number += [(Component.CONFIDENTIALITY, lines.confidentiality)] if lines.confidentiality else []
    number += [(Component.URGENCY, lines.urgency)] if lines.urgency else []
    body = (
        [(Component.TYPE_NAME, lines.type_name), (Component.SUMMARY, lines.summary)]
        if lines.type_name
        else []
    )
    body += [(Component.BODY_TEXT, t) for t in lines.body]
    recipients = [(Component.RECIPIENTS_HEADING, "Nơi nhận:")] + [
        (Component.RECIPIENT, t) for t in lines.recipients
    ]
    signature = [(Component.SIGNATURE_TITLE, t) for t in lines.signature]
    signature += [(Component.SIGNER_NAME, lines.signer_name)]
    return [
        *[(c, t, "header-left") for c, t in header_left],
        *[(c, t, "header-right") for c, t in header_right],
        *[(c, t, "header-left") for c, t in number],
        (Component.PLACE_DATE, lines.place_date, "header-right"),
        *[(c, t, "body") for c, t in body],
        *[(c, t, "closing-left") for c, t in recipients],
        *[(c, t, "closing-right") for c, t in signature],
    ]


@pytest.mark.parametrize("name", SAMPLES)
def test_every_component_is_printed_in_its_place_font_size_and_emphasis(name: str) -> None:
    doc = SAMPLES[name]
    _, printed = _read(doc)

    expected = [
        Printed(text, look.size_pt, look.bold, look.italic, look.underline or component is Component.MOTTO,
                FONT_NAME, where)
        for component, text, where in _expected(doc)
        for look in [style(doc.family, component)]
    ]  # fmt: skip
    assert printed == expected


def test_the_state_decision_reads_as_the_paper_does() -> None:
    _, printed = _read(STATE_DECISION)
    texts = [p.text for p in printed]

    assert texts[:4] == [
        "ỦY BAN NHÂN DÂN",
        "XÃ TƯƠNG DƯƠNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert "Số: 05/QĐ-UBND" in texts and "Tương Dương, ngày 05 tháng 3 năm 2026" in texts
    assert texts[-4:] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lô Văn Hùng"]


def test_the_party_resolution_has_the_partys_title_its_asterisk_and_number_without_colon() -> None:
    _, printed = _read(PARTY_RESOLUTION)
    texts = [p.text for p in printed]

    assert texts[:4] == ["ĐẢNG BỘ TỈNH NGHỆ AN", "ĐẢNG ỦY XÃ TƯƠNG DƯƠNG", "*", "ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert "Số 15-NQ/ĐU" in texts and "Tương Dương, ngày 09 tháng 01 năm 2026" in texts
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in texts
    assert texts[-3:] == ["T/M BAN CHẤP HÀNH", "BÍ THƯ", "Vi Thị Lan"]


def test_the_letter_has_its_subject_under_the_number_and_no_type_name() -> None:
    _, printed = _read(STATE_LETTER)
    left = [p.text for p in printed if p.where == "header-left"]

    assert left[-3:] == ["Số: 12/UBND-VP", "V/v góp ý dự thảo quy chế làm việc của Ủy ban nhân dân xã", "MẬT"]
    assert not any(p.text == "CÔNG VĂN" for p in printed)


def _mm(length: Length | None) -> float:
    assert length is not None
    return round(length.mm, 1)


@pytest.mark.parametrize("name", SAMPLES)
def test_the_page_is_a4_with_the_regulations_margins_and_times_new_roman(name: str) -> None:
    document, _ = _read(SAMPLES[name])
    section = document.sections[0]

    assert (_mm(section.page_width), _mm(section.page_height)) == (210.0, 297.0)
    assert 20 <= _mm(section.top_margin) <= 25 and 20 <= _mm(section.bottom_margin) <= 25
    assert 30 <= _mm(section.left_margin) <= 35 and 15 <= _mm(section.right_margin) <= 20
    assert document.styles["Normal"].font.name == FONT_NAME  # type: ignore[attr-defined]


def test_the_sizes_stay_inside_the_regulations_ranges() -> None:
    state = {c: style(Family.STATE, c).size_pt for c in Component}
    party = {c: style(Family.PARTY, c).size_pt for c in Component if c is not Component.MOTTO}

    assert 12 <= state[Component.NATION] <= 13 and 13 <= state[Component.MOTTO] <= 14
    assert all(13 <= state[c] <= 14 for c in (Component.TYPE_NAME, Component.SUMMARY, Component.BODY_TEXT))
    assert (state[Component.RECIPIENTS_HEADING], state[Component.RECIPIENT]) == (12, 11)
    assert party[Component.NATION] == 15 and 15 <= party[Component.TYPE_NAME] <= 16
    assert all(size >= 12 for size in party.values())


def test_a_draft_renders_with_the_blanks_a_clerk_fills_in() -> None:
    _, printed = _read(replace(STATE_DECISION, number_text="", issued_on=None, body=()))
    texts = [p.text for p in printed]

    assert "Số: …" in texts and "Tương Dương, ngày … tháng … năm …" in texts and "[Nội dung văn bản]" in texts


def test_the_file_properties_name_the_document_not_the_template() -> None:
    document, _ = _read(STATE_DECISION)
    properties = document.core_properties

    assert properties.title == "QUYẾT ĐỊNH Về việc phê duyệt kế hoạch phòng, chống thiên tai năm 2026"
    assert properties.author == "ỦY BAN NHÂN DÂN XÃ TƯƠNG DƯƠNG"
    assert properties.language == "vi-VN"
    assert properties.created is not None and properties.created.date() == date(2026, 3, 5)
