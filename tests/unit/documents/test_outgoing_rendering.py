"""Rendering an outgoing document: the read model's view mapped to the formal layout of its family,
through the real renderers (the .docx opened again), and the refusals."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from docx import Document

from oneoffice.documents.adapters.outgoing_reference import load_outgoing_rules
from oneoffice.documents.application.outgoing_errors import OutgoingDocumentNotFound
from oneoffice.documents.application.outgoing_rendering import (
    RenderOutgoingDocument,
    UnknownRenderFormat,
    file_name,
    formal_document,
)
from oneoffice.documents.application.outgoing_views import OutgoingDocumentView
from oneoffice.documents.bootstrap import RENDERERS
from oneoffice.documents.domain.formal_layout import Authority
from oneoffice.documents.domain.formal_styles import Family

RULES = load_outgoing_rules()
DECISION = OutgoingDocumentView(
    document_id="out-1",
    commune_id="16876",
    body_code="UBND",
    document_type="QD",
    summary="Về việc thành lập Tổ công tác chuyển đổi số",
    drafting_unit="",
    signer_id="p-1",
    signer_name="Lê Văn Hùng",
    signer_title="CHỦ TỊCH",
    authority="TM.",
    place_name="Tương Dương",
    recipients=("Như Điều 3;", "Lưu: VT, VP."),
    urgency="KHAN",
    confidentiality="NONE",
    state="NUMBERED",
    drafted_by="vanthu-16876",
    drafted_at=datetime(2026, 3, 5, 2, tzinfo=UTC),
    number=5,
    number_symbol="05/QĐ-UBND",
    formatted="Số: 05/QĐ-UBND",
    issued_on=date(2026, 3, 5),
    period="2026",
    dispatched_on=None,
    channel="",
    dispatched_to=(),
    recall_reason="",
)
RESOLUTION = replace(
    DECISION,
    body_code="DANG_UY",
    document_type="NQ",
    authority="T/M",
    number=15,
    number_symbol="15-NQ/ĐU",
    formatted="Số 15-NQ/ĐU",
    urgency="NORMAL",
    confidentiality="MAT",
)


class Views:
    def __init__(self, *views: OutgoingDocumentView) -> None:
        self._views = {v.document_id: v for v in views}

    async def get(self, commune_id: str, document_id: str) -> OutgoingDocumentView | None:
        view = self._views.get(document_id)
        return view if view is not None and view.commune_id == commune_id else None


def test_a_state_decision_is_laid_out_in_the_state_family_with_its_marks_and_collective_signature() -> None:
    doc = formal_document(DECISION, RULES)
    assert doc.family is Family.STATE
    assert doc.body_name == "ỦY BAN NHÂN DÂN\nTƯƠNG DƯƠNG"
    assert doc.type_name == "QUYẾT ĐỊNH"
    assert doc.number_text == "Số: 05/QĐ-UBND"
    assert doc.urgency_mark == "KHẨN"
    assert doc.signature.authority is Authority.TM
    assert doc.signature.collective == "ỦY BAN NHÂN DÂN"


def test_a_party_resolution_is_laid_out_in_the_party_family_under_its_parent() -> None:
    doc = formal_document(RESOLUTION, RULES)
    assert doc.family is Family.PARTY
    assert doc.parent_body == "ĐẢNG BỘ TỈNH NGHỆ AN"
    assert doc.confidentiality_mark == "MẬT"
    assert doc.signature.authority is Authority.T_M


def test_a_letter_has_no_type_name_and_a_draft_no_number() -> None:
    doc = formal_document(
        replace(DECISION, document_type="CV", number=None, formatted="", issued_on=None), RULES
    )
    assert doc.is_letter and doc.type_name == ""
    assert doc.number_text == "" and doc.issued_on is None


def test_file_names_are_ascii_from_the_number_or_the_draft() -> None:
    assert file_name(RESOLUTION, "docx") == "van-ban-di-15-NQ-DU.docx"
    assert file_name(replace(DECISION, number_symbol=""), "html") == "van-ban-di-du-thao-out-1.html"


async def test_the_docx_opened_again_has_every_component_of_the_decision() -> None:
    render = RenderOutgoingDocument(Views(DECISION), RULES, RENDERERS)
    rendered = await render("16876", "out-1", "docx")
    opened = Document(io.BytesIO(rendered.content))
    text = "\n".join(
        [p.text for p in opened.paragraphs]
        + [cell.text for table in opened.tables for row in table.rows for cell in row.cells]
    )
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "ỦY BAN NHÂN DÂN",
        "Số: 05/QĐ-UBND",
        "Tương Dương, ngày 05 tháng 3 năm 2026",
        "QUYẾT ĐỊNH",
        DECISION.summary,
        "TM. ỦY BAN NHÂN DÂN",
        "Lê Văn Hùng",
        "Nơi nhận:",
    ):
        assert expected in text, expected
    assert rendered.file_name == "van-ban-di-05-QD-UBND.docx"


async def test_the_html_carries_its_policy_and_the_number() -> None:
    rendered = await RenderOutgoingDocument(Views(RESOLUTION), RULES, RENDERERS)("16876", "out-1", "HTML")
    assert rendered.media_type.startswith("text/html")
    assert rendered.content_security_policy.startswith("default-src 'none'")
    assert "Số 15-NQ/ĐU" in rendered.content.decode()


async def test_an_unknown_format_and_an_unknown_document_are_refused() -> None:
    render = RenderOutgoingDocument(Views(DECISION), RULES, RENDERERS)
    with pytest.raises(UnknownRenderFormat) as refused:
        await render("16876", "out-1", "pdf")
    assert "docx, html" in refused.value.message_en
    with pytest.raises(OutgoingDocumentNotFound):
        await render("16882", "out-1", "docx")
