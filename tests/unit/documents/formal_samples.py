"""Outgoing documents of xã Tương Dương as the formal layout shows them: both families and a công văn."""

from __future__ import annotations

from datetime import date

from oneoffice.documents.domain.formal_layout import Authority, FormalDocument, SignatureBlock
from oneoffice.documents.domain.formal_styles import Family

STATE_DECISION = FormalDocument(
    family=Family.STATE,
    body_name="Ủy ban nhân dân\nxã Tương Dương",
    place="Tương Dương",
    issued_on=date(2026, 3, 5),
    number_text="Số: 05/QĐ-UBND",
    type_name="Quyết định",
    summary="Về việc phê duyệt kế hoạch phòng, chống thiên tai năm 2026",
    body=(
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Xét đề nghị của Văn phòng HĐND và UBND xã.",
    ),
    signature=SignatureBlock(
        signer_name="Lô Văn Hùng",
        signer_title="Phó Chủ tịch",
        authority=Authority.KT,
        collective="Ủy ban nhân dân",
        head_title="Chủ tịch",
    ),
    recipients=("Như Điều 3;", "UBND tỉnh Nghệ An (để b/c);", "Lưu: VT, VP."),
    urgency_mark="Khẩn",
)

PARTY_RESOLUTION = FormalDocument(
    family=Family.PARTY,
    parent_body="Đảng bộ tỉnh Nghệ An",
    body_name="Đảng ủy xã Tương Dương",
    place="Tương Dương",
    issued_on=date(2026, 1, 9),
    number_text="Số 15-NQ/ĐU",
    type_name="Nghị quyết",
    summary="về lãnh đạo thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2026",
    body=("Ban Chấp hành Đảng bộ xã họp phiên thường kỳ quý I năm 2026.",),
    signature=SignatureBlock(
        signer_name="Vi Thị Lan",
        signer_title="Bí thư",
        authority=Authority.T_M,
        collective="Ban Chấp hành",
    ),
    recipients=("Ban Thường vụ Tỉnh ủy (để b/c)", "Các chi bộ trực thuộc", "Lưu Văn phòng Đảng ủy"),
)

STATE_LETTER = FormalDocument(
    family=Family.STATE,
    body_name="Ủy ban nhân dân\nxã Tương Dương",
    place="Tương Dương",
    issued_on=date(2026, 2, 3),
    number_text="Số: 12/UBND-VP",
    is_letter=True,
    summary="góp ý dự thảo quy chế làm việc của Ủy ban nhân dân xã",
    body=("Kính gửi: Các phòng chuyên môn thuộc UBND xã.",),
    signature=SignatureBlock(signer_name="Lương Văn Tâm", signer_title="Chủ tịch"),
    recipients=("Như trên", "Lưu: VT"),
    confidentiality_mark="Mật",
)

SAMPLES = {
    "state_decision": STATE_DECISION,
    "party_resolution": PARTY_RESOLUTION,
    "state_letter": STATE_LETTER,
}
