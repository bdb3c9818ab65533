"""Errors of the administrative units, bilingual like every staff error (the gRPC edge maps them:
``UnitNotFound`` to NOT_FOUND, ``InvalidReorganisation`` to INVALID_ARGUMENT, ``RegistryBusy`` to
ABORTED)."""

from __future__ import annotations

from datetime import date

from .errors import StaffError


class InvalidReorganisation(StaffError):
    """A reorganisation the registry refuses; nothing is recorded."""

    def __init__(self, code: str, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi, message_en)
        self.code = code


class UnitNotFound(StaffError):
    code = "unit_not_found"

    def __init__(self, unit_code: str, on: date | None = None) -> None:
        if on is None:
            super().__init__(
                f"Không có đơn vị hành chính mã '{unit_code}'.",
                f"There is no administrative unit '{unit_code}'.",
            )
        else:
            day = on.strftime("%d/%m/%Y")
            super().__init__(
                f"Đơn vị hành chính mã '{unit_code}' không tồn tại vào ngày {day}.",
                f"Administrative unit '{unit_code}' does not exist on {on.isoformat()}.",
            )


class RegistryBusy(StaffError):
    code = "unit_registry_busy"

    def __init__(self, stream_id: str = "", attempts: int = 0) -> None:
        super().__init__(
            "Danh mục đơn vị hành chính đang được thay đổi bởi yêu cầu khác; hãy thử lại.",
            "The register of administrative units is being changed by another request; try again.",
        )
