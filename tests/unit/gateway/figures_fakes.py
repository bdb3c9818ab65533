"""A hand-written fake of the gateway's figures port: remembers reports, raises a conflict when two
bodies differ, refuses what the reporting service would (a few cases)."""

from __future__ import annotations

from datetime import UTC, datetime

from oneoffice.gateway.application.errors import Conflict, FieldViolation, InvalidRequest, NotFound
from oneoffice.gateway.application.figures import (
    Adoption,
    Figure,
    FigureConflict,
    FigureDraft,
    FigureEntry,
    Indicator,
    IndicatorCatalogue,
    ReportedFigure,
)
from oneoffice.gateway.application.ports import RequestContext

AT = datetime(2026, 5, 20, 3, tzinfo=UTC)
CATALOGUE = IndicatorCatalogue(
    1, (Indicator("TL_HO_NGHEO", "Tỷ lệ hộ nghèo", "%", "average", "quarter", "0", "100"),)
)


class FakeFigures:
    def __init__(self, *, published: bool = True) -> None:
        self.published = published
        self.history: dict[tuple[str, str, str], list[FigureEntry]] = {}
        self.conflicts_by_id: dict[str, FigureConflict] = {}
        self.calls: list[tuple[str, str]] = []

    async def catalogue(self, context: RequestContext) -> IndicatorCatalogue:
        if not self.published:
            raise Conflict("reporting", "Chưa có danh mục chỉ tiêu.", "No indicator catalogue yet.")
        return CATALOGUE

    async def report(self, commune_id: str, draft: FigureDraft, context: RequestContext) -> ReportedFigure:
        self.calls.append(("report", commune_id))
        if draft.indicator != "TL_HO_NGHEO":
            violation = FieldViolation(
                "indicator", "unknown_indicator", "Chỉ tiêu không có.", "Unknown indicator."
            )
            raise InvalidRequest("reporting", violation.message_vi, violation.message_en, [violation])
        key = (commune_id, draft.indicator, draft.period)
        actor = context.identity.username if context.identity else ""
        entries = self.history.setdefault(key, [])
        entries.append(FigureEntry("report", draft.body, draft.value, draft.note, actor, AT, None))
        latest = {e.body: e.value for e in entries if e.kind == "report"}
        conflict_id = None
        if len(set(latest.values())) > 1:
            conflict_id = f"fc-{commune_id}-{draft.indicator}-{draft.period}-1"
            self.conflicts_by_id[conflict_id] = FigureConflict(
                conflict_id, commune_id, draft.indicator, draft.period, "open", latest, AT, None, None, None
            )
        figure_value = None if conflict_id else draft.value
        status = "conflict" if conflict_id else "agreed"
        return ReportedFigure(
            commune_id,
            draft.indicator,
            draft.period,
            draft.body,
            draft.value,
            status,
            figure_value,
            conflict_id,
            1,
        )

    async def figures(
        self, commune_id: str, indicator: str | None, period: str | None, context: RequestContext
    ) -> list[Figure]:
        found = []
        for (commune, code, when), entries in sorted(self.history.items()):
            if commune != commune_id or (indicator and code != indicator) or (period and when != period):
                continue
            adopted = [e for e in entries if e.kind == "adoption"]
            open_ids = [c.conflict_id for c in self.conflicts_by_id.values() if c.status == "open"]
            value = adopted[-1].value if adopted else (None if open_ids else entries[-1].value)
            status = "adopted" if adopted else ("conflict" if open_ids else "agreed")
            found.append(
                Figure(commune, code, when, status, value, open_ids[0] if open_ids else None, tuple(entries))
            )
        return found

    async def conflicts(
        self, commune_id: str, status: str | None, context: RequestContext
    ) -> list[FigureConflict]:
        return [
            c
            for c in self.conflicts_by_id.values()
            if c.commune_id == commune_id and (status is None or c.status == status)
        ]

    async def adopt(
        self, commune_id: str, conflict_id: str, body: str, reason: str, context: RequestContext
    ) -> Adoption:
        self.calls.append(("adopt", conflict_id))
        conflict = self.conflicts_by_id.get(conflict_id)
        if conflict is None or conflict.commune_id != commune_id:
            raise NotFound("reporting", "Không có xung đột số liệu.", "No such figure conflict.")
        if conflict.status != "open":
            raise Conflict("reporting", "Xung đột đã được chọn số liệu.", "The conflict was adopted already.")
        if body not in conflict.values:
            violation = FieldViolation(
                "body", "body_did_not_report", "Cơ quan chưa báo cáo.", "Body did not report."
            )
            raise InvalidRequest("reporting", violation.message_vi, violation.message_en, [violation])
        value = conflict.values[body]
        self.conflicts_by_id[conflict_id] = FigureConflict(
            conflict_id,
            commune_id,
            conflict.indicator,
            conflict.period,
            "adopted",
            conflict.values,
            AT,
            body,
            value,
            reason,
        )
        actor = context.identity.username if context.identity else ""
        key = (commune_id, conflict.indicator, conflict.period)
        self.history[key].append(FigureEntry("adoption", body, value, reason, actor, AT, conflict_id))
        return Adoption(commune_id, conflict_id, conflict.indicator, conflict.period, body, value, reason)
