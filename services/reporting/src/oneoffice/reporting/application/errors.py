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


class RebuildAlreadyRunning(ReportingError):
    """Another rebuild of the projection holds its lease in the database (the server or a CLI)."""

    def __init__(self, projection: str, owner: str, until: str) -> None:
        super().__init__(
            f"Đang có một lần dựng lại dữ liệu báo cáo {projection} khác ({owner}, giữ quyền đến {until}): "
            "chờ nó xong rồi chạy lại.",
            f"Another rebuild of {projection} is running ({owner}, lease until {until}): "
            "wait for it to finish, then run again.",
        )
        self.projection = projection
        self.owner = owner


class RebuildInterrupted(ReportingError):
    """The rebuild lost its lease (it stalled past the expiry) and stopped before changing anything more."""

    def __init__(self, projection: str) -> None:
        super().__init__(
            f"Lần dựng lại {projection} đã mất quyền dựng lại (bị dừng quá lâu) và đã dừng, "
            "không thay đổi gì thêm: hãy chạy lại.",
            f"The rebuild of {projection} lost its lease (stalled too long) and stopped "
            "before changing anything more: run it again.",
        )


class EventLogTruncated(ReportingError):
    """The Kafka topic to replay no longer starts at its first event (retention or deletion)."""

    def __init__(self, topic: str, first_offsets: dict[int, int], retention: dict[str, str]) -> None:
        shown = ", ".join(f"{partition}: {offset}" for partition, offset in sorted(first_offsets.items()))
        kept = ", ".join(f"{name}={value}" for name, value in sorted(retention.items()))
        super().__init__(
            f"Không dựng lại: chủ đề Kafka {topic} đã mất các sự kiện đầu tiên (phân vùng bắt đầu từ "
            f"{shown}; {kept}). Dữ liệu báo cáo hiện tại vẫn được giữ nguyên.",
            f"Rebuild refused: Kafka topic {topic} no longer holds its first events (partitions start "
            f"at {shown}; {kept}). The current report data is unchanged.",
        )
        self.topic = topic
        self.first_offsets = first_offsets
