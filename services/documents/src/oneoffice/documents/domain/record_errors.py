"""Refusals of record files (hồ sơ), in Vietnamese (shown to the office) and English."""

from __future__ import annotations

from datetime import date

from .errors import DocumentsError, RuleViolation


def _d(day: date) -> str:
    return day.strftime("%d/%m/%Y")


class RecordFileNotFound(DocumentsError):
    code = "record_file_not_found"

    def __init__(self, file_id: str) -> None:
        super().__init__(f"Không có hồ sơ «{file_id}».", f"There is no record file {file_id!r}.")


class InvalidRecordField(RuleViolation):
    """A field of a record-file request left empty or too long."""

    code = "invalid_record_field"

    def __init__(self, field: str, label_vi: str, label_en: str, limit: int) -> None:
        super().__init__(
            f"{label_vi} trống hoặc dài quá {limit} ký tự.",
            f"{label_en} is empty or longer than {limit} characters.",
        )
        self.field = field


class UnknownRetention(RuleViolation):
    code = "unknown_retention"
    field = "retention"

    def __init__(self, retention: str) -> None:
        super().__init__(
            f"Thời hạn bảo quản «{retention}» không có trong danh mục (Thông tư 10/2022/TT-BNV).",
            f"Retention {retention!r} is not in the configured list (TT 10/2022/TT-BNV).",
        )


class InvalidRecordYear(RuleViolation):
    code = "invalid_record_year"
    field = "year"

    def __init__(self) -> None:
        super().__init__(
            "Năm của danh mục hồ sơ không hợp lệ (từ 1945 đến năm sau của ngày hiện tại).",
            "The year of the file list is invalid (from 1945 to the year after the current one).",
        )


class DuplicateFileCode(RuleViolation):
    code = "duplicate_file_code"
    field = "file_code"

    def __init__(self, file_code: str, body_code: str, year: int) -> None:
        super().__init__(
            f"Danh mục hồ sơ {year} của cơ quan {body_code} đã có hồ sơ số «{file_code}».",
            f"The {year} file list of {body_code} already holds a file {file_code!r}.",
        )


class RecordFileClosedAlready(RuleViolation):
    code = "record_file_closed"

    def __init__(self, file_code: str, closed_on: date) -> None:
        super().__init__(
            f"Hồ sơ «{file_code}» đã kết thúc (đóng) ngày {_d(closed_on)}.",
            f"Record file {file_code!r} was already closed on {closed_on.isoformat()}.",
        )


class InvalidClosingDate(RuleViolation):
    code = "invalid_closing_date"
    field = "closed_on"

    def __init__(self, year: int) -> None:
        super().__init__(
            f"Ngày kết thúc hồ sơ phải từ đầu năm {year} đến hôm nay.",
            f"The closing date must be between the start of {year} and today.",
        )


class RecordFileNotClosed(RuleViolation):
    code = "record_file_not_closed"

    def __init__(self, file_code: str) -> None:
        super().__init__(
            f"Hồ sơ «{file_code}» chưa kết thúc (chưa đóng).",
            f"Record file {file_code!r} is not closed yet.",
        )


class RecordFileHandedOverAlready(RuleViolation):
    code = "record_file_handed_over"

    def __init__(self, file_code: str) -> None:
        super().__init__(
            f"Hồ sơ «{file_code}» đã được nộp lưu vào lưu trữ cơ quan.",
            f"Record file {file_code!r} was already handed over to the archive.",
        )


class RecordFileNotHandedOver(RuleViolation):
    code = "record_file_not_handed_over"

    def __init__(self, file_code: str) -> None:
        super().__init__(
            f"Hồ sơ «{file_code}» không thuộc diện nộp lưu vào lưu trữ cơ quan.",
            f"Record file {file_code!r} is not handed to the archive (its retention keeps it at the unit).",
        )


class RecordFileDisposedAlready(RuleViolation):
    code = "record_file_disposed"

    def __init__(self, file_code: str) -> None:
        super().__init__(
            f"Hồ sơ «{file_code}» đã bị hủy theo quyết định.",
            f"Record file {file_code!r} was already disposed of.",
        )


class PermanentFileNotDisposable(RuleViolation):
    code = "permanent_file_not_disposable"

    def __init__(self, file_code: str) -> None:
        super().__init__(
            f"Hồ sơ «{file_code}» bảo quản vĩnh viễn: không được hủy.",
            f"Record file {file_code!r} is kept permanently: it may never be disposed of.",
        )


class RecordFileNotExpired(RuleViolation):
    code = "record_file_not_expired"

    def __init__(self, file_code: str, expires_on: date) -> None:
        super().__init__(
            f"Hồ sơ «{file_code}» chưa hết thời hạn bảo quản (hết hạn ngày {_d(expires_on)}).",
            f"Record file {file_code!r} has not expired yet (it expires on {expires_on.isoformat()}).",
        )


class InvalidRecordDate(RuleViolation):
    code = "invalid_record_date"

    def __init__(self, field: str, earliest: date) -> None:
        super().__init__(
            f"Ngày phải từ {_d(earliest)} đến hôm nay.",
            f"The date must be between {earliest.isoformat()} and today.",
        )
        self.field = field


class EmptyHandover(RuleViolation):
    code = "empty_handover"
    field = "file_ids"

    def __init__(self) -> None:
        super().__init__(
            "Danh sách hồ sơ nộp lưu trống hoặc có hồ sơ lặp lại.",
            "The hand-over list is empty or names a file twice.",
        )


class RecordsBusy(DocumentsError):
    code = "records_busy"

    def __init__(self, stream_id: str = "", attempts: int = 0) -> None:
        super().__init__(
            "Danh mục hồ sơ đang được cập nhật đồng thời; hãy thử lại.",
            "The file list is being changed by someone else at the same time; try again.",
        )


class MalformedRecordDate(RuleViolation):
    code = "invalid_date"

    def __init__(self, field: str) -> None:
        super().__init__(
            "Ngày chưa nhập hoặc không hợp lệ (định dạng NNNN-TT-NN).",
            "The date is missing or invalid (format YYYY-MM-DD).",
        )
        self.field = field


class UnknownDocumentKind(RuleViolation):
    code = "unsupported_document_kind"
    field = "document_kind"

    def __init__(self, kind: str) -> None:
        super().__init__(
            f"Loại văn bản «{kind}» không hợp lệ (incoming: văn bản đến, outgoing: văn bản đi).",
            f"Document kind {kind!r} is invalid (incoming or outgoing).",
        )
