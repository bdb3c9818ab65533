"""Typed errors of outgoing documents (văn bản đi) and their numbering, in Vietnamese and English."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .errors import DocumentsError, RuleViolation

# The components of the formal layout (thể thức, NĐ 30/2020 Điều 8; HD 36-HD/VPTW), as named to clerks.
COMPONENTS: dict[str, tuple[str, str]] = {
    "body_code": ("Tên cơ quan ban hành", "Issuing body"),
    "document_type": ("Tên loại văn bản", "Document type"),
    "summary": ("Trích yếu nội dung", "Summary"),
    "place_name": ("Địa danh", "Place name"),
    "signer": ("Chức vụ, họ tên người ký", "Signer's title and name"),
    "recipients": ("Nơi nhận", "Recipients"),
    "drafting_unit": ("Đơn vị soạn thảo (ký hiệu công văn)", "Drafting unit (công văn symbol)"),
}


class MissingComponent(RuleViolation):
    code = "missing_component"

    def __init__(self, component: str) -> None:
        vi, en = COMPONENTS[component]
        super().__init__(f"Thiếu thành phần thể thức: {vi}.", f"Missing component of the format: {en}.")
        self.field = component


class DocumentNotInFormat(DocumentsError):
    """Every mandatory component missing, named, so the clerk completes them all at once."""

    code = "document_not_in_format"

    def __init__(self, violations: Sequence[RuleViolation]) -> None:
        super().__init__(
            " ".join(v.message_vi for v in violations), " ".join(v.message_en for v in violations)
        )
        self.violations: tuple[RuleViolation, ...] = tuple(violations)


class InvalidOutgoingDocument(DocumentsError):
    """Every rule a draft breaks."""

    code = "invalid_outgoing_document"

    def __init__(self, violations: Sequence[RuleViolation]) -> None:
        super().__init__(
            " ".join(v.message_vi for v in violations), " ".join(v.message_en for v in violations)
        )
        self.violations: tuple[RuleViolation, ...] = tuple(violations)


class InvalidChoice(RuleViolation):
    """A value outside its list (urgency, confidentiality, channel)."""

    code = "invalid_choice"

    def __init__(self, field: str, label_vi: str, label_en: str, value: str, allowed: Sequence[str]) -> None:
        listed = ", ".join(allowed)
        super().__init__(
            f"{label_vi} «{value}» không hợp lệ ({listed}).", f"Invalid {label_en} {value!r} ({listed})."
        )
        self.field = field


class TypeNotOfFamily(RuleViolation):
    code = "type_not_of_family"
    field = "document_type"

    def __init__(self, document_type: str, body_code: str) -> None:
        super().__init__(
            f"Loại văn bản «{document_type}» không dùng cho cơ quan {body_code}.",
            f"Document type {document_type!r} is not used by body {body_code}.",
        )


class AuthorityOfWrongFamily(RuleViolation):
    code = "authority_of_wrong_family"
    field = "authority"

    def __init__(self, authority: str, allowed: Sequence[str]) -> None:
        listed = ", ".join(allowed)
        super().__init__(
            f"Thẩm quyền ký «{authority}» không đúng với khối của cơ quan (dùng: {listed}).",
            f"Authority {authority!r} belongs to the other family of documents (use: {listed}).",
        )


class BadText(RuleViolation):
    code = "bad_text"

    def __init__(self, field: str, label_vi: str, label_en: str, limit: int) -> None:
        super().__init__(
            f"{label_vi} trống hoặc dài quá {limit} ký tự.",
            f"{label_en} is empty or over {limit} characters.",
        )
        self.field = field


class AlreadyNumbered(RuleViolation):
    code = "already_numbered"
    field = "document_id"

    def __init__(self, number_symbol: str) -> None:
        super().__init__(
            f"Văn bản đã được cấp số {number_symbol}; không cấp số lần thứ hai.",
            f"The document already has number {number_symbol}; it is never numbered twice.",
        )


class NumberTaken(RuleViolation):
    code = "number_taken"
    field = "number"

    def __init__(self, number: int) -> None:
        super().__init__(
            f"Số {number:02d} đã có trong sổ văn bản đi này.",
            f"Number {number:02d} already exists in this outgoing register.",
        )


class IssuedBeforeLast(RuleViolation):
    code = "issued_before_last"
    field = "issued_on"

    def __init__(self, last: date) -> None:
        super().__init__(
            f"Ngày ban hành không được trước ngày của văn bản cấp số gần nhất ({last:%d/%m/%Y}).",
            f"The issue date cannot be before the register's last issued date ({last.isoformat()}).",
        )


class IssuedInFuture(RuleViolation):
    code = "issued_in_future"
    field = "issued_on"

    def __init__(self) -> None:
        super().__init__(
            "Ngày ban hành không được sau ngày hôm nay.", "The issue date cannot be after today."
        )


class NoTermForDate(RuleViolation):
    code = "no_term_for_date"
    field = "issued_on"

    def __init__(self, body_code: str, day: date) -> None:
        super().__init__(
            f"Chưa cấu hình nhiệm kỳ của {body_code} chứa ngày {day:%d/%m/%Y}.",
            f"No term of {body_code} covering {day.isoformat()} is configured.",
        )


class WrongRegister(RuleViolation):
    code = "wrong_register"
    field = "register"

    def __init__(self, confidential: bool) -> None:
        if confidential:
            super().__init__(
                "Văn bản mật phải lấy số trong sổ văn bản mật riêng, không vào sổ thường.",
                "A confidential document takes its number from the body's confidential register, "
                "never the public one.",
            )
        else:
            super().__init__(
                "Văn bản thường không lấy số trong sổ văn bản mật.",
                "A document that is not confidential is not numbered in the confidential register.",
            )


class NotNumbered(RuleViolation):
    code = "not_numbered"
    field = "document_id"

    def __init__(self) -> None:
        super().__init__(
            "Văn bản chưa được cấp số: chưa thể phát hành hoặc thu hồi.",
            "The document has no number yet: it cannot be dispatched or recalled.",
        )


class AlreadyRecalled(RuleViolation):
    code = "already_recalled"
    field = "document_id"

    def __init__(self) -> None:
        super().__init__("Văn bản đã bị thu hồi.", "The document was recalled.")


class DispatchBeforeIssue(RuleViolation):
    code = "dispatch_before_issue"
    field = "dispatched_on"

    def __init__(self) -> None:
        super().__init__(
            "Ngày chuyển không được trước ngày ban hành hoặc sau hôm nay.",
            "The dispatch date cannot be before the issue date or after today.",
        )


class SignerNotStaff(RuleViolation):
    code = "signer_not_staff"
    field = "signer_id"

    def __init__(self, signer_id: str) -> None:
        super().__init__(
            f"Người ký «{signer_id}» không phải cán bộ, công chức của xã.",
            f"Signer {signer_id!r} is not a staff member of the commune.",
        )
