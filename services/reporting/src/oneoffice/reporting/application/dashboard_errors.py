"""Typed errors of the dashboard queries (#13), bilingual like every reporting error."""

from __future__ import annotations

from datetime import date, datetime

from .errors import InvalidQuery, ReportingError


class UnknownUnit(ReportingError):
    """No administrative unit has this code (in the units the dashboard has seen)."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"Không có đơn vị hành chính mã {code}.", f"There is no administrative unit with code {code}."
        )
        self.code = code


class UnitOutOfScope(ReportingError):
    """The unit is outside the caller's scope (neither it, a unit above it, nor all its communes)."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"Đơn vị {code} nằm ngoài phạm vi theo dõi của tài khoản.",
            f"The unit {code} is outside the account's scope.",
        )
        self.code = code


class AsOfBeforeFirstEvent(InvalidQuery):
    """The moment asked for is before the first day the dashboard knows anything of."""

    def __init__(self, as_of: datetime, first: date) -> None:
        super().__init__(
            "as_of",
            f"Thời điểm {as_of.isoformat()} sớm hơn sự kiện đầu tiên ({first.isoformat()}): chưa có số liệu.",
            f"The moment {as_of.isoformat()} is before the first event ({first.isoformat()}): no data yet.",
        )
