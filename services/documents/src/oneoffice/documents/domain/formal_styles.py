"""The typography of the formal layout (thể thức) per document family: page, font, sizes, emphasis.

Data, not code: a new regulation changes these tables. Sources (``reference.md`` names the texts but
not their typography, so these values are read from the texts themselves):
- State: Nghị định 30/2020/NĐ-CP, Phụ lục I (A4; Times New Roman; margins top and bottom 20–25 mm,
  left 30–35 mm, right 15–20 mm; each component's size range — the values below sit inside it).
- Party: Hướng dẫn 36-HD/VPTW (2018), the same paper and margins, larger sizes (title 15, text 14).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Family(StrEnum):
    """A document family: the State's layout (also the Front and the associations) or the Party's."""

    STATE = "state"
    PARTY = "party"


class Component(StrEnum):
    """The printed components of the layout, named as the regulation numbers its boxes."""

    NATION = "nation"  # Quốc hiệu, or the Party's title "ĐẢNG CỘNG SẢN VIỆT NAM"
    MOTTO = "motto"  # Tiêu ngữ (State only)
    PARENT_BODY = "parent_body"  # Tên cơ quan chủ quản / cấp trên trực tiếp
    BODY_NAME = "body_name"  # Tên cơ quan ban hành
    NUMBER = "number"  # Số, ký hiệu
    PLACE_DATE = "place_date"  # Địa danh và thời gian ban hành
    TYPE_NAME = "type_name"  # Tên loại văn bản
    SUMMARY = "summary"  # Trích yếu nội dung
    LETTER_SUBJECT = "letter_subject"  # Trích yếu of a công văn ("V/v …", under the number)
    BODY_TEXT = "body_text"  # Nội dung
    SIGNATURE_TITLE = "signature_title"  # Quyền hạn, chức vụ người ký
    SIGNER_NAME = "signer_name"  # Họ tên người ký
    RECIPIENTS_HEADING = "recipients_heading"  # "Nơi nhận:"
    RECIPIENT = "recipient"  # each line of the recipients
    URGENCY = "urgency"  # Dấu chỉ độ khẩn
    CONFIDENTIALITY = "confidentiality"  # Dấu chỉ độ mật


@dataclass(frozen=True, slots=True)
class TextStyle:
    size_pt: float
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True, slots=True)
class PageSetup:
    """A4 portrait and its margins in millimetres."""

    width_mm: float = 210
    height_mm: float = 297
    top_mm: float = 20
    bottom_mm: float = 20
    left_mm: float = 30
    right_mm: float = 15


FONT_NAME = "Times New Roman"
PAGE = PageSetup()
# Body text: first-line indent 1–1.27 cm, at least 6 pt between paragraphs, line spacing single to 1.5.
FIRST_LINE_INDENT_MM = 10.0
PARAGRAPH_SPACING_PT = 6.0
LINE_SPACING = 1.15

_B = True
STYLES: dict[Family, dict[Component, TextStyle]] = {
    Family.STATE: {
        Component.NATION: TextStyle(12, bold=_B),  # 12–13, upright, bold
        Component.MOTTO: TextStyle(13, bold=_B),  # 13–14, bold, a rule under it as long as the line
        Component.PARENT_BODY: TextStyle(12),  # 12–13, upright
        Component.BODY_NAME: TextStyle(12, bold=_B),  # 12–13, bold, a rule 1/3–1/2 of the line under it
        Component.NUMBER: TextStyle(13),  # 13, upright
        Component.PLACE_DATE: TextStyle(13, italic=True),  # 13–14, italic
        Component.TYPE_NAME: TextStyle(14, bold=_B),  # 13–14, bold
        Component.SUMMARY: TextStyle(14, bold=_B),  # 13–14, bold, a rule under it
        Component.LETTER_SUBJECT: TextStyle(12),  # 12–13, upright
        Component.BODY_TEXT: TextStyle(14),  # 13–14
        Component.SIGNATURE_TITLE: TextStyle(14, bold=_B),  # 13–14, bold
        Component.SIGNER_NAME: TextStyle(14, bold=_B),  # 13–14, bold
        Component.RECIPIENTS_HEADING: TextStyle(12, bold=_B, italic=True),  # 12, bold italic
        Component.RECIPIENT: TextStyle(11),  # 11, upright
        Component.URGENCY: TextStyle(13, bold=_B),  # 13–14, bold
        Component.CONFIDENTIALITY: TextStyle(13, bold=_B),
    },
    Family.PARTY: {
        Component.NATION: TextStyle(15, bold=_B, underline=True),  # 15, bold, a rule under it
        Component.PARENT_BODY: TextStyle(14),  # 14, upright
        Component.BODY_NAME: TextStyle(14, bold=_B),  # 14, bold, an asterisk under it
        Component.NUMBER: TextStyle(14),
        Component.PLACE_DATE: TextStyle(14, italic=True),
        Component.TYPE_NAME: TextStyle(15, bold=_B),  # 15–16, bold
        Component.SUMMARY: TextStyle(14, bold=_B),  # 14–15, bold
        Component.LETTER_SUBJECT: TextStyle(12, italic=True),  # 12, italic
        Component.BODY_TEXT: TextStyle(14),
        Component.SIGNATURE_TITLE: TextStyle(14, bold=_B),
        Component.SIGNER_NAME: TextStyle(14, bold=_B),
        Component.RECIPIENTS_HEADING: TextStyle(14, underline=True),  # 14, underlined
        Component.RECIPIENT: TextStyle(12),
        Component.URGENCY: TextStyle(14, bold=_B),
        Component.CONFIDENTIALITY: TextStyle(14, bold=_B),
    },
}


def style(family: Family, component: Component) -> TextStyle:
    return STYLES[family][component]
