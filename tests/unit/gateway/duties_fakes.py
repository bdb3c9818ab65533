"""A hand-written fake of the gateway's duties port: remembers calls, answers fixed data, refuses
what the staff service would refuse (a backup equal to the primary; a catalogue version never
published, a change to a commune that does not exist, both with NOT_FOUND)."""

from __future__ import annotations

from datetime import date

from oneoffice.gateway.application.duties import (
    Absence,
    AbsenceDraft,
    Assignment,
    CatalogueDuty,
    Cover,
    Coverage,
    DutyCatalogue,
    DutyGap,
    DutyRoster,
)
from oneoffice.gateway.application.errors import InvalidRequest, NotFound
from oneoffice.gateway.application.ports import RequestContext

CATALOGUE = DutyCatalogue(
    1,
    "v1",
    (
        CatalogueDuty("INCOMING", "Tiếp nhận, đăng ký văn bản đến", "Receive incoming documents"),
        CatalogueDuty("STATS", "Tổng hợp số liệu thống kê", "Compile statistics"),
    ),
)


# The communes that exist (16879 merged into 16876 on 2025-07-01: it no longer does).
COMMUNES = {"16876", "16882"}


def _no_commune(commune_id: str) -> NotFound:
    return NotFound(
        "staff",
        f"Đơn vị hành chính mã '{commune_id}' không tồn tại.",
        f"Administrative unit '{commune_id}' does not exist.",
    )


def _no_version(version: int | None) -> NotFound:
    return NotFound(
        "staff",
        f"Không có phiên bản {version} của danh mục nhiệm vụ.",
        f"The duty catalogue has no version {version}.",
    )


class FakeDuties:
    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []
        self.versions = 1
        self.assignments: dict[str, Assignment] = {}
        self.absences: list[Absence] = []

    async def catalogue(self, version: int | None, context: RequestContext) -> DutyCatalogue:
        self.calls.append(("catalogue", version))
        if version is not None and not 1 <= version <= self.versions:
            raise _no_version(version)
        return CATALOGUE

    async def publish_catalogue(
        self, duties: tuple[CatalogueDuty, ...], note: str, context: RequestContext
    ) -> DutyCatalogue:
        self.calls.append(("publish", (duties, context.actor)))
        self.versions += 1
        return DutyCatalogue(self.versions, note, duties)

    async def adopt(self, commune_id: str, version: int | None, context: RequestContext) -> DutyRoster:
        if commune_id not in COMMUNES:
            raise _no_commune(commune_id)
        await self.catalogue(version, context)
        self.calls.append(("adopt", (commune_id, version)))
        return await self.roster(commune_id, context)

    async def assign(
        self, commune_id: str, duty: str, primary: str, backup: str, context: RequestContext
    ) -> DutyRoster:
        if commune_id not in COMMUNES:
            raise _no_commune(commune_id)
        if primary == backup:
            raise InvalidRequest(
                "staff", "Người dự phòng phải khác người phụ trách chính.", "The backup must differ."
            )
        self.calls.append(("assign", (commune_id, duty, primary, backup, context.actor)))
        self.assignments[duty] = Assignment(duty, primary, backup, date(2026, 3, 1))
        return await self.roster(commune_id, context)

    async def roster(self, commune_id: str, context: RequestContext) -> DutyRoster:
        duties = tuple(d.code for d in CATALOGUE.duties)
        gaps = tuple(DutyGap(d, False, False) for d in duties if d not in self.assignments)
        return DutyRoster(commune_id, 1, duties, tuple(self.assignments.values()), gaps, tuple(self.absences))

    async def record_absence(self, commune_id: str, draft: AbsenceDraft, context: RequestContext) -> Absence:
        if commune_id not in COMMUNES:
            raise _no_commune(commune_id)
        absence = Absence(f"a{len(self.absences) + 1}", draft.person, draft.kind, draft.start, draft.end)
        self.absences.append(absence)
        return absence

    async def coverage(self, commune_id: str, on: date | None, context: RequestContext) -> Coverage:
        self.calls.append(("coverage", on))
        covers = []
        for code in (d.code for d in CATALOGUE.duties):
            held = self.assignments.get(code)
            if held is None:
                covers.append(Cover(code, None, None, None, "unassigned", None))
                continue
            away = next(
                (a for a in self.absences if a.person == held.primary and on and a.start <= on <= a.end), None
            )
            if away:
                covers.append(
                    Cover(
                        code,
                        held.primary,
                        held.backup,
                        held.backup,
                        "backup",
                        away.absence_id,
                        held.carried_from,
                    )
                )
            else:
                covers.append(
                    Cover(code, held.primary, held.backup, held.primary, "primary", None, held.carried_from)
                )
        return Coverage(commune_id, on or date(2026, 3, 1), "hoa", tuple(covers))
