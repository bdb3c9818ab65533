"""Errors of the duty catalogue, assignments and absences, bilingual like every staff error.

The gRPC edge maps ``InvalidDutyCommand`` to INVALID_ARGUMENT, ``DutyNotFound`` and
``CatalogueVersionNotFound`` to NOT_FOUND, ``RosterBusy`` to ABORTED.
"""

from __future__ import annotations

from .errors import StaffError


class InvalidDutyCommand(StaffError):
    """A command the rules refuse; every broken rule is named at once; nothing is recorded."""

    code = "invalid_duty_command"

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        # (code, Vietnamese, English) of each broken rule.
        super().__init__(" ".join(p[1] for p in problems), " ".join(p[2] for p in problems))
        self.problems = problems
        self.code = problems[0][0] if len(problems) == 1 else "invalid_duty_command"


class CatalogueVersionNotFound(StaffError):
    code = "duty_catalogue_version_not_found"

    def __init__(self, version: int | None) -> None:
        if version is None:
            super().__init__("Chưa có danh mục nhiệm vụ nào.", "No duty catalogue has been published yet.")
        else:
            super().__init__(
                f"Không có phiên bản {version} của danh mục nhiệm vụ.",
                f"There is no version {version} of the duty catalogue.",
            )


class RosterBusy(StaffError):
    code = "duty_roster_busy"

    def __init__(self, stream_id: str = "", attempts: int = 0) -> None:
        super().__init__(
            "Phân công nhiệm vụ của xã đang được thay đổi bởi yêu cầu khác; hãy thử lại.",
            "The commune's duty roster is being changed by another request; try again.",
        )
