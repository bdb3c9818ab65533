"""The guard every documents command naming a commune passes: the commune exists on the office day.

Refused with :class:`CommuneNotFound` when the staff service's register, as this service follows
it, has no such unit on that day (an unknown code, a unit not yet established, one merged away);
with :class:`UnitsNotKnownYet` when this service has not learnt of any unit yet (its follower of the
staff events has not caught up): never accepted on the chance that it exists. Both are
``NOT_FOUND`` at the gRPC edge (404 through the gateway): the commune is not found, on that day.
"""

from __future__ import annotations

from datetime import date

from ..domain.errors import DocumentsError
from .unit_directory import UnitDirectory


class UnitRefused(DocumentsError):
    """The command names a unit this service cannot record anything for (on that day)."""

    code = "unit_refused"

    def __init__(self, message_vi: str, message_en: str, unit_code: str, day: date) -> None:
        super().__init__(message_vi, message_en)
        self.unit_code = unit_code
        self.day = day


class CommuneNotFound(UnitRefused):
    code = "commune_not_found"

    def __init__(self, unit_code: str, day: date) -> None:
        super().__init__(
            f"Xã mã '{unit_code}' không tồn tại vào ngày {day.strftime('%d/%m/%Y')} "
            "(không có trong danh mục đơn vị hành chính, hoặc đã sáp nhập, chia tách hay giải thể).",
            f"Commune '{unit_code}' does not exist on {day.isoformat()} "
            "(not in the register of administrative units, or merged, split or ceased).",
            unit_code,
            day,
        )


class UnitsNotKnownYet(UnitRefused):
    code = "units_not_known_yet"

    def __init__(self, unit_code: str, day: date) -> None:
        super().__init__(
            f"Dịch vụ văn bản chưa nhận được danh mục đơn vị hành chính từ dịch vụ nhân sự, nên chưa "
            f"biết xã mã '{unit_code}'; hãy thử lại sau ít phút.",
            f"The documents service has not received the register of administrative units from the "
            f"staff service yet, so commune '{unit_code}' is not known to it; try again in a few minutes.",
            unit_code,
            day,
        )


async def require_unit(units: UnitDirectory, code: str, day: date) -> None:
    """Raises ``CommuneNotFound`` or ``UnitsNotKnownYet`` unless ``code`` exists on ``day``."""
    if await units.exists_on(code, day):
        return
    if not await units.knows_any():
        raise UnitsNotKnownYet(code, day)
    raise CommuneNotFound(code, day)
