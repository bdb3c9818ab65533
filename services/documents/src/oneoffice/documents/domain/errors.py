"""Typed errors of the documents domain, each with its message in Vietnamese (shown to the office) and
English; the gRPC edge maps them to statuses once.
"""

from __future__ import annotations

from collections.abc import Sequence

# How fields are named in messages (Vietnamese, English): the names on the paper register.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "commune_id": ("Mã xã", "Commune id"),
    "body_code": ("Cơ quan", "Body"),
    "issuer": ("Tác giả (cơ quan ban hành)", "Issuer"),
    "number_symbol": ("Số, ký hiệu", "Number and symbol"),
    "document_date": ("Ngày tháng văn bản", "Document date"),
    "document_type": ("Loại văn bản", "Document type"),
    "summary": ("Trích yếu nội dung", "Summary"),
    "urgency": ("Độ khẩn", "Urgency"),
    "received_date": ("Ngày đến", "Received date"),
    "actor": ("Người đăng ký", "Registering user"),
}


class DocumentsError(Exception):
    """Base of every error of the documents service that a caller can act on."""

    code: str = "documents_error"

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en


class RuleViolation(DocumentsError):
    """One input that breaks a rule; ``field`` names the input (None: the request as a whole)."""

    field: str | None = None


class InvalidCommuneId(RuleViolation):
    code = "invalid_commune_id"
    field = "commune_id"

    def __init__(self) -> None:
        super().__init__(
            "Mã xã không hợp lệ (chỉ gồm chữ, số, '-' hoặc '_', tối đa 64 ký tự).",
            "Invalid commune id (letters, digits, '-' or '_', at most 64 characters).",
        )


class MissingChoice(RuleViolation):
    """A catalogue choice (body, document type) left empty."""

    code = "missing_choice"

    def __init__(self, field: str) -> None:
        vi, en = FIELD_LABELS[field]
        super().__init__(f"Chưa chọn {vi[0].lower()}{vi[1:]}.", f"{en} is not chosen.")
        self.field = field


class UnknownBody(RuleViolation):
    code = "unknown_body"
    field = "body_code"

    def __init__(self, body_code: str) -> None:
        super().__init__(
            f"Cơ quan «{body_code}» không có trong danh mục cơ quan của văn phòng xã.",
            f"Body {body_code!r} is not in the catalogue of bodies served by the commune office.",
        )
        self.body_code = body_code


class UnknownDocumentType(RuleViolation):
    code = "unknown_document_type"
    field = "document_type"

    def __init__(self, document_type: str) -> None:
        super().__init__(
            f"Loại văn bản «{document_type}» không có trong danh mục loại văn bản.",
            f"Document type {document_type!r} is not in the catalogue of document types.",
        )
        self.document_type = document_type


class EmptyIssuer(RuleViolation):
    code = "empty_issuer"
    field = "issuer"

    def __init__(self) -> None:
        super().__init__(
            "Chưa nhập tác giả (cơ quan ban hành văn bản).", "The issuer of the document is missing."
        )


class EmptySummary(RuleViolation):
    code = "empty_summary"
    field = "summary"

    def __init__(self) -> None:
        super().__init__("Chưa nhập trích yếu nội dung.", "The summary of the document is missing.")


class MissingActor(RuleViolation):
    code = "missing_actor"
    field = "actor"

    def __init__(self) -> None:
        super().__init__("Không rõ người đăng ký văn bản.", "The registering user is missing.")


class TextTooLong(RuleViolation):
    code = "text_too_long"

    def __init__(self, field: str, limit: int) -> None:
        vi, en = FIELD_LABELS[field]
        super().__init__(f"{vi} dài quá {limit} ký tự.", f"{en} is longer than {limit} characters.")
        self.field = field
        self.limit = limit


class InvalidDate(RuleViolation):
    code = "invalid_date"

    def __init__(self, field: str) -> None:
        vi, en = FIELD_LABELS[field]
        super().__init__(
            f"{vi} chưa nhập hoặc không hợp lệ (định dạng NNNN-TT-NN).",
            f"{en} is missing or invalid (format YYYY-MM-DD).",
        )
        self.field = field


class DateInFuture(RuleViolation):
    code = "date_in_future"

    def __init__(self, field: str) -> None:
        vi, en = FIELD_LABELS[field]
        super().__init__(f"{vi} không được sau ngày hôm nay.", f"{en} cannot be later than today.")
        self.field = field


class ReceivedBeforeDocumentDate(RuleViolation):
    code = "received_before_document_date"
    field = "received_date"

    def __init__(self) -> None:
        super().__init__(
            "Ngày đến không được trước ngày tháng của văn bản.",
            "The received date cannot be earlier than the document date.",
        )


class InvalidUrgency(RuleViolation):
    code = "invalid_urgency"
    field = "urgency"

    def __init__(self, urgency: str) -> None:
        super().__init__(
            f"Độ khẩn «{urgency}» không hợp lệ (thường, khẩn, thượng khẩn hoặc hỏa tốc).",
            f"Invalid urgency {urgency!r} (NORMAL, KHAN, THUONG_KHAN or HOA_TOC).",
        )
        self.urgency = urgency


class InvalidIncomingDocument(DocumentsError):
    """Every rule the input breaks, so the clerk can correct them all at once."""

    code = "invalid_incoming_document"

    def __init__(self, violations: Sequence[RuleViolation]) -> None:
        if not violations:
            raise ValueError("InvalidIncomingDocument needs at least one violation")
        super().__init__(
            " ".join(v.message_vi for v in violations), " ".join(v.message_en for v in violations)
        )
        self.violations: tuple[RuleViolation, ...] = tuple(violations)
