"""Errors of the audit history: a document with no events, a moment before the first event."""

from __future__ import annotations

from datetime import UTC, datetime

from ..domain.errors import DocumentsError, RuleViolation


class DocumentHistoryNotFound(DocumentsError):
    code = "document_not_found"

    def __init__(self, document_id: str) -> None:
        super().__init__(
            f"Không có văn bản '{document_id}' trong xã này.",
            f"No document '{document_id}' in this commune.",
        )
        self.document_id = document_id


class CommuneHistoryNotFound(DocumentsError):
    """No event at all in the commune: nothing says when its history starts (a mistyped commune
    must not pass for an empty one)."""

    code = "commune_not_found"

    def __init__(self, commune_id: str) -> None:
        super().__init__(
            f"Xã '{commune_id}' chưa có sự kiện văn bản nào.",
            f"No document event in commune '{commune_id}'.",
        )
        self.commune_id = commune_id


class AsOfBeforeFirstEvent(RuleViolation):
    code = "as_of_before_first_event"
    field = "as_of"

    def __init__(self, as_of: datetime, first: datetime) -> None:
        super().__init__(
            f"Thời điểm {as_of.isoformat()} trước sự kiện đầu tiên ({first.isoformat()}): chưa có gì để xem.",
            f"The moment {as_of.isoformat()} is before the first event ({first.isoformat()}): "
            "nothing to show yet.",
        )


class MalformedMoment(RuleViolation):
    code = "malformed_time"
    field = "as_of"

    def __init__(self, text: str) -> None:
        super().__init__(
            f"'{text}' không phải thời điểm (ISO 8601, ví dụ 2026-11-25T08:30:00+07:00).",
            f"'{text}' is not a moment (ISO 8601, e.g. 2026-11-25T08:30:00+07:00).",
        )


def parse_moment(text: str) -> datetime:
    """An ISO 8601 date or time; one without an offset is taken as UTC, a date as its start."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise MalformedMoment(text) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
