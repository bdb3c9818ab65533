"""Drafts and rules for the tests of outgoing documents."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from oneoffice.documents.adapters.outgoing_reference import load_outgoing_rules
from oneoffice.documents.domain.outgoing_document import OutgoingDraftInput

RULES = load_outgoing_rules()
COMMUNE = "16876"
NOW = datetime(2026, 3, 5, 3, 0, tzinfo=UTC)  # 10:00 in Vietnam, 5 March 2026


def draft_input(**changes: object) -> OutgoingDraftInput:
    base = OutgoingDraftInput(
        commune_id=COMMUNE,
        body_code="UBND",
        document_type="QD",
        summary="Về việc thành lập Tổ công tác chuyển đổi số",
        drafting_unit="VP",
        signer_id="person-1",
        signer_name="Lê Văn Hùng",
        signer_title="Chủ tịch",
        authority="TM.",
        place_name="Tương Dương",
        recipients=("Như Điều 3", "Lưu: VT, VP"),
        urgency="NORMAL",
        confidentiality="NONE",
        drafted_by="vanthu-16876",
    )
    return replace(base, **changes)  # type: ignore[arg-type]
