"""Typed errors of the reporting service, each with its message in Vietnamese and in English.

They are mapped to wire statuses once, at each edge (:mod:`..entrypoints.grpc_errors`).
"""

from __future__ import annotations


class ReportingError(Exception):
    """Base of every error the reporting service reports to its callers."""

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en


class InvalidQuery(ReportingError):
    """A query argument is missing or out of range; ``field`` names it as on the wire."""

    def __init__(self, field: str, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi, message_en)
        self.field = field


class NoEventSource(ReportingError):
    """A projection rebuild was asked for, but the service has no log to replay (no Kafka, no store)."""

    def __init__(self) -> None:
        super().__init__(
            "Không có nguồn sự kiện để dựng lại dữ liệu báo cáo: cần cấu hình Kafka "
            "hoặc cơ sở dữ liệu của dịch vụ văn bản.",
            "No event source to rebuild from: configure Kafka or the documents service's database.",
        )
