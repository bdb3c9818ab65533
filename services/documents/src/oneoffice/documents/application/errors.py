"""Errors of the use cases (beyond the domain's rule violations), with Vietnamese and English messages."""

from __future__ import annotations

from ..domain.errors import DocumentsError, RuleViolation


class IncomingDocumentNotFound(DocumentsError):
    code = "incoming_document_not_found"

    def __init__(self, commune_id: str, document_id: str) -> None:
        super().__init__(
            f"Không tìm thấy văn bản đến «{document_id}» của xã {commune_id}.",
            f"No incoming document {document_id!r} in commune {commune_id!r}.",
        )
        self.commune_id = commune_id
        self.document_id = document_id


class RegisterBusy(DocumentsError):
    """The register kept moving under us: every bounded retry met a concurrent registration."""

    code = "register_busy"

    def __init__(self, stream_id: str, attempts: int) -> None:
        super().__init__(
            "Sổ đăng ký đang được cập nhật đồng thời; hãy thử lại.",
            f"The register {stream_id} kept changing during {attempts} attempts; try again.",
        )
        self.stream_id = stream_id


class InvalidIdempotencyKey(RuleViolation):
    code = "invalid_idempotency_key"
    field = "idempotency_key"

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"Khóa chống trùng yêu cầu (idempotency key) dài quá {limit} ký tự.",
            f"The idempotency key is longer than {limit} characters.",
        )


class IdempotencyKeyReused(RuleViolation):
    """The key already answered a different request: replaying its answer would mislead the caller."""

    code = "idempotency_key_reused"
    field = "idempotency_key"

    def __init__(self) -> None:
        super().__init__(
            "Khóa chống trùng yêu cầu này đã được dùng cho một văn bản khác.",
            "This idempotency key was already used for a different document.",
        )


class TaskNotFound(DocumentsError):
    code = "task_not_found"

    def __init__(self, commune_id: str, task_id: str) -> None:
        super().__init__(
            f"Không tìm thấy công việc «{task_id}» của xã {commune_id}.",
            f"No task {task_id!r} in commune {commune_id!r}.",
        )
