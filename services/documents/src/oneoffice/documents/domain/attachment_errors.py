"""Refusals of attachments, in Vietnamese (shown to the office) and English."""

from __future__ import annotations

from .content_types import ALLOWED_NAMES
from .errors import DocumentsError, RuleViolation


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):g} MiB"


class AttachmentTooLarge(RuleViolation):
    code = "attachment_too_large"
    field = "file"

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"Tệp đính kèm vượt quá dung lượng cho phép ({_mib(limit)}).",
            f"The attached file is larger than the limit ({_mib(limit)}).",
        )
        self.limit = limit


class AttachmentTypeNotAllowed(RuleViolation):
    code = "attachment_type_not_allowed"
    field = "file"

    def __init__(self) -> None:
        super().__init__(
            f"Nội dung tệp không thuộc loại được phép đính kèm ({ALLOWED_NAMES}); "
            "loại tệp được xét theo nội dung, không theo tên tệp.",
            f"The file's content is not of a type that may be attached ({ALLOWED_NAMES}); "
            "the type is judged by the content, not by the file name.",
        )


class AttachmentEmpty(RuleViolation):
    code = "attachment_empty"
    field = "file"

    def __init__(self) -> None:
        super().__init__("Tệp đính kèm rỗng (0 byte).", "The attached file is empty (0 bytes).")


class InvalidFileName(RuleViolation):
    code = "invalid_file_name"
    field = "file_name"

    def __init__(self, limit: int) -> None:
        super().__init__(
            f"Tên tệp đính kèm trống, chứa ký tự điều khiển hoặc dài quá {limit} ký tự.",
            f"The file name is empty, holds control characters or is longer than {limit} characters.",
        )


class UnsupportedDocumentKind(RuleViolation):
    code = "unsupported_document_kind"
    field = "document_kind"

    def __init__(self, kind: str) -> None:
        super().__init__(
            f"Chưa hỗ trợ đính kèm tệp cho loại văn bản «{kind}».",
            f"Files cannot be attached to documents of kind {kind!r} yet.",
        )


class MalformedUpload(RuleViolation):
    """The stream of an upload did not start with its header, or repeated it."""

    code = "malformed_upload"

    def __init__(self) -> None:
        super().__init__(
            "Yêu cầu tải tệp lên không đúng thứ tự (phần đầu, rồi các phần nội dung).",
            "The upload is malformed (a header first, then the chunks of the content).",
        )


class AttachmentNotFound(DocumentsError):
    code = "attachment_not_found"

    def __init__(self, document_id: str, attachment_id: str) -> None:
        super().__init__(
            f"Văn bản «{document_id}» không có tệp đính kèm «{attachment_id}».",
            f"Document {document_id!r} has no attachment {attachment_id!r}.",
        )


class AttachmentContentMissing(DocumentsError):
    """The event names a blob the store no longer holds: an operator's matter (audit verify)."""

    code = "attachment_content_missing"

    def __init__(self, sha256: str) -> None:
        super().__init__(
            "Nội dung tệp đính kèm không còn trong kho lưu trữ; hãy báo quản trị hệ thống.",
            f"The content {sha256} of the attachment is missing from the blob store; tell the administrator.",
        )
