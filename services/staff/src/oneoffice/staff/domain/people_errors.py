"""Errors of people, office teams and model adoption, bilingual like every staff error (the gRPC edge
maps ``PersonNotFound`` to NOT_FOUND, ``PeopleBusy`` to ABORTED, the others to INVALID_ARGUMENT)."""

from __future__ import annotations

from .errors import StaffError


class InvalidStaffChange(StaffError):
    """A change to people, an office team or model adoption that is refused; nothing is recorded."""

    def __init__(self, code: str, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi, message_en)
        self.code = code


class PersonNotFound(StaffError):
    code = "person_not_found"

    def __init__(self, person_id: str, commune_id: str | None = None) -> None:
        if commune_id is None:
            super().__init__(f"Không có người mã '{person_id}'.", f"There is no person '{person_id}'.")
        else:
            super().__init__(
                f"'{person_id}' không phải cán bộ của đơn vị {commune_id} vào ngày đó.",
                f"'{person_id}' is not staff of unit {commune_id} on that day.",
            )


class PeopleBusy(StaffError):
    code = "staff_busy"

    def __init__(self, stream_id: str = "", attempts: int = 0) -> None:
        super().__init__(
            "Dữ liệu nhân sự đang được thay đổi bởi yêu cầu khác; hãy thử lại.",
            "The staff records are being changed by another request; try again.",
        )
