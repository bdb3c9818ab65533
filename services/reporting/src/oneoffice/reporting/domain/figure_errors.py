"""Refusals of the figures' commands, bilingual; each names the field it is about.

The gRPC edge maps :class:`InvalidFigure` to INVALID_ARGUMENT, :class:`ConflictNotFound` and
:class:`CatalogueNotPublished` to NOT_FOUND / FAILED_PRECONDITION, :class:`ConflictNotOpen` to
FAILED_PRECONDITION and :class:`FigureBusy` to ABORTED (see :mod:`..entrypoints.grpc_errors`).
"""

from __future__ import annotations

from dataclasses import dataclass


class FigureError(Exception):
    """Base of the figures' refusals; ``code`` is stable (the wire's ``error-code``)."""

    code = "figure_error"
    field = ""

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_vi = message_vi
        self.message_en = message_en


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule: a stable code, the request field it is about, Vietnamese and English."""

    code: str
    field: str
    message_vi: str
    message_en: str


class InvalidFigure(FigureError):
    """A report or an adoption the rules refuse, naming every broken rule at once; nothing is recorded."""

    def __init__(self, violations: list[Violation]) -> None:
        super().__init__(
            " ".join(v.message_vi for v in violations), " ".join(v.message_en for v in violations)
        )
        self.violations = violations
        self.code = violations[0].code if len(violations) == 1 else "invalid_figure"
        self.field = violations[0].field


def unknown_indicator(code: str) -> Violation:
    return Violation(
        "unknown_indicator",
        "indicator",
        f"Chỉ tiêu '{code}' không có trong danh mục chỉ tiêu.",
        f"Indicator '{code}' is not in the indicator catalogue.",
    )


def unknown_body(code: str, bodies: frozenset[str]) -> Violation:
    served = ", ".join(sorted(bodies))
    return Violation(
        "unknown_body",
        "body",
        f"Cơ quan '{code}' không phải là cơ quan báo cáo số liệu của xã (các cơ quan của xã: {served}).",
        f"'{code}' is not a body of the commune that reports figures (the commune's bodies: {served}).",
    )


class ConflictNotFound(FigureError):
    code = "figure_conflict_not_found"
    field = "conflict_id"

    def __init__(self, conflict_id: str) -> None:
        super().__init__(
            f"Không có xung đột số liệu '{conflict_id}' ở xã này.",
            f"There is no figure conflict '{conflict_id}' in this commune.",
        )


class ConflictNotOpen(FigureError):
    """The conflict was adopted already, or settled when the bodies came to agree."""

    field = "conflict_id"

    def __init__(self, conflict_id: str, status: str) -> None:
        if status == "adopted":
            self.code = "figure_conflict_already_adopted"
            vi, en = "đã được chọn số liệu", "was adopted already"
        else:
            self.code = "figure_conflict_settled"
            vi, en = "đã tự hết (các cơ quan đã thống nhất số liệu)", "is settled (the bodies came to agree)"
        super().__init__(f"Xung đột số liệu '{conflict_id}' {vi}.", f"Figure conflict '{conflict_id}' {en}.")


class CatalogueNotPublished(FigureError):
    code = "indicator_catalogue_not_published"

    def __init__(self) -> None:
        super().__init__(
            "Chưa có danh mục chỉ tiêu nào được ban hành.", "No indicator catalogue has been published yet."
        )


class FigureBusy(FigureError):
    code = "figure_busy"

    def __init__(self, stream_id: str = "", attempts: int = 0) -> None:
        super().__init__(
            "Số liệu này đang được cập nhật bởi yêu cầu khác; hãy thử lại.",
            "This figure is being changed by another request; try again.",
        )
