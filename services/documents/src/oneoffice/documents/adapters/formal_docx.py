"""The formal layout as a .docx a clerk opens in Word or LibreOffice and finishes (python-docx).

A4 with the regulation's margins, Times New Roman, each component at its size and emphasis from the
style table; two borderless tables hold the side-by-side parts: the header (issuer left, national
motto or the Party's title right; then number left, place and date right) and the closing
(recipients left, signature right).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import UTC, datetime, time

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ..domain.formal_layout import FormalDocument, FormalLayout, layout
from ..domain.formal_styles import (
    FIRST_LINE_INDENT_MM,
    FONT_NAME,
    LINE_SPACING,
    PAGE,
    PARAGRAPH_SPACING_PT,
    Component,
    Family,
    style,
)

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_TEXT_WIDTH_MM = PAGE.width_mm - PAGE.left_mm - PAGE.right_mm
# The issuer's column: the Party's names are set larger (14 pt) than the State's (12 pt).
_HEADER_LEFT_MM = {Family.STATE: 0.4 * _TEXT_WIDTH_MM, Family.PARTY: 0.47 * _TEXT_WIDTH_MM}
_CLOSING_LEFT_MM = 0.5 * _TEXT_WIDTH_MM
_SIGNATURE_SPACE_LINES = 4
Container = DocxDocument | _Cell
# The paragraph properties that follow w:pBdr in the schema (ECMA-376 CT_PPrBase), in order.
_AFTER_BORDERS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
    "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def render_docx(doc: FormalDocument) -> bytes:
    """The .docx file of ``doc``'s formal layout."""
    lines = layout(doc)
    document = Document()
    _page_setup(document)
    _properties(document, lines, doc)
    _header(document, lines)
    if lines.type_name:
        _line(document, lines, Component.TYPE_NAME, lines.type_name, space_before=12)
        _line(document, lines, Component.SUMMARY, lines.summary)
        _short_rule(document, _TEXT_WIDTH_MM)
    for text in lines.body:
        paragraph = _line(document, lines, Component.BODY_TEXT, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        paragraph.paragraph_format.first_line_indent = Mm(FIRST_LINE_INDENT_MM)
        paragraph.paragraph_format.space_before = Pt(PARAGRAPH_SPACING_PT)
    _closing(document, lines)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page_setup(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE.width_mm), Mm(PAGE.height_mm)
    section.top_margin, section.bottom_margin = Mm(PAGE.top_mm), Mm(PAGE.bottom_mm)
    section.left_margin, section.right_margin = Mm(PAGE.left_mm), Mm(PAGE.right_mm)
    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(style(Family.STATE, Component.BODY_TEXT).size_pt)
    # Word picks the font of Vietnamese text from the complex-script and East Asian slots too.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT_NAME)
    spacing = normal.paragraph_format
    spacing.space_before, spacing.space_after, spacing.line_spacing = Pt(0), Pt(0), LINE_SPACING


def _properties(document: DocxDocument, lines: FormalLayout, doc: FormalDocument) -> None:
    """What a file manager and Word's "Properties" show, instead of the template's defaults."""
    properties = document.core_properties
    properties.title = " ".join(filter(None, (lines.type_name, lines.letter_subject, lines.summary)))
    properties.author = properties.last_modified_by = " ".join(lines.body_name)
    properties.language = "vi-VN"
    properties.comments = properties.keywords = properties.subject = ""
    properties.revision = 1
    if doc.issued_on is not None:
        issued = datetime.combine(doc.issued_on, time(), tzinfo=UTC)
        properties.created = properties.modified = issued


def _header(document: DocxDocument, lines: FormalLayout) -> None:
    table = _table(document, 2, _HEADER_LEFT_MM[lines.family])
    issuer, nation = table.cell(0, 0), table.cell(0, 1)
    _lines(issuer, lines, Component.PARENT_BODY, lines.parent_body)
    _lines(issuer, lines, Component.BODY_NAME, lines.body_name)
    if lines.family is Family.PARTY:
        _line(issuer, lines, Component.BODY_NAME, "*")
    else:
        _short_rule(issuer, _HEADER_LEFT_MM[lines.family])
    _line(nation, lines, Component.NATION, lines.nation)
    if lines.motto:
        motto = _line(nation, lines, Component.MOTTO, lines.motto)
        motto.runs[0].font.underline = True  # the rule as long as the motto (Phụ lục I)
    number, place = table.cell(1, 0), table.cell(1, 1)
    _line(number, lines, Component.NUMBER, lines.number, space_before=6)
    if lines.letter_subject:
        _line(number, lines, Component.LETTER_SUBJECT, lines.letter_subject, space_before=6)
    if lines.confidentiality:
        _line(number, lines, Component.CONFIDENTIALITY, lines.confidentiality, space_before=6)
    if lines.urgency:
        _line(number, lines, Component.URGENCY, lines.urgency, space_before=6)
    _line(place, lines, Component.PLACE_DATE, lines.place_date, space_before=6)


def _closing(document: DocxDocument, lines: FormalLayout) -> None:
    _line(document, lines, Component.BODY_TEXT, "")
    table = _table(document, 1, _CLOSING_LEFT_MM)
    recipients, signature = table.cell(0, 0), table.cell(0, 1)
    left = WD_ALIGN_PARAGRAPH.LEFT
    _line(recipients, lines, Component.RECIPIENTS_HEADING, lines.recipients_heading, align=left)
    _lines(recipients, lines, Component.RECIPIENT, lines.recipients, align=left)
    _lines(signature, lines, Component.SIGNATURE_TITLE, lines.signature)
    for _ in range(_SIGNATURE_SPACE_LINES):
        _line(signature, lines, Component.SIGNER_NAME, "")
    _line(signature, lines, Component.SIGNER_NAME, lines.signer_name)


def _table(document: DocxDocument, rows: int, left_mm: float) -> Table:
    table: Table = document.add_table(rows=rows, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_cell_margins(table)
    widths = (Mm(left_mm), Mm(_TEXT_WIDTH_MM - left_mm))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice follows
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width  # each cell's own width, which Word follows
            # A new cell holds one empty paragraph: the first line goes into it, not under it.
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return table


def _no_cell_margins(table: Table) -> None:
    """The columns are as wide as the text: no padding eats into the motto's line."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("w:left", "w:right"):
        margin = OxmlElement(side)
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def _lines(
    where: Container,
    lines: FormalLayout,
    component: Component,
    texts: Iterable[str],
    *,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
) -> None:
    for text in texts:
        _line(where, lines, component, text, align=align)


def _line(
    where: Container,
    lines: FormalLayout,
    component: Component,
    text: str,
    *,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    space_before: float = 0,
) -> Paragraph:
    look = style(lines.family, component)
    paragraph = where.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = Pt(space_before)
    run = paragraph.add_run(text)
    run.font.name = FONT_NAME
    run.font.size = Pt(look.size_pt)
    run.font.bold = look.bold
    run.font.italic = look.italic
    run.font.underline = look.underline
    return paragraph


def _short_rule(where: Container, width_mm: float) -> None:
    """A centred horizontal rule about a third of ``width_mm`` (under the body's name, the summary)."""
    paragraph = where.add_paragraph()
    indent = Mm(width_mm / 3)
    paragraph.paragraph_format.left_indent = indent
    paragraph.paragraph_format.right_indent = indent
    paragraph.paragraph_format.line_spacing = Pt(4)
    paragraph.paragraph_format.space_before = Pt(3)  # clear of the descenders above
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(name), value)
    borders.append(top)
    properties = paragraph._p.get_or_add_pPr()
    # Word refuses a file whose paragraph properties are out of the schema's order.
    properties.insert_element_before(borders, *_AFTER_BORDERS)
