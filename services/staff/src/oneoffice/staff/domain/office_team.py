"""The office team (tổ văn phòng) of one commune: set up by a decision, a lead, members from several
bodies; every change (a member joins or leaves, the lead changes) is an event on the commune's own
stream ``office-team-<commune>``, so the team on any day is a replay.

Who may lead or join is checked against the staff register: a person must be staff of the commune on
the day (``is_staff`` given by the caller).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .people_errors import InvalidStaffChange

IsStaff = Callable[[str, date], bool]


def team_stream(commune_id: str) -> str:
    return f"office-team-{commune_id}"


@dataclass(frozen=True, slots=True)
class OfficeTeamSetUp:
    commune_id: str
    decision_number: str
    decision_date: date
    effective: date
    lead: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OfficeTeamLeadChanged:
    commune_id: str
    lead: str
    effective: date
    decision_number: str = ""


@dataclass(frozen=True, slots=True)
class OfficeTeamMemberJoined:
    commune_id: str
    person_id: str
    effective: date


@dataclass(frozen=True, slots=True)
class OfficeTeamMemberLeft:
    commune_id: str
    person_id: str
    effective: date


TeamEvent = OfficeTeamSetUp | OfficeTeamLeadChanged | OfficeTeamMemberJoined | OfficeTeamMemberLeft


@dataclass(frozen=True, slots=True)
class TeamView:
    commune_id: str
    decision_number: str
    decision_date: date
    lead: str
    members: tuple[str, ...]


def _refuse(code: str, vi: str, en: str) -> InvalidStaffChange:
    return InvalidStaffChange(code, vi, en)


def _not_staff(person_id: str, commune_id: str, role_vi: str, role_en: str) -> InvalidStaffChange:
    return _refuse(
        "not_staff_of_commune",
        f"{role_vi} '{person_id}' không phải cán bộ của đơn vị {commune_id} vào ngày đó.",
        f"The {role_en} '{person_id}' is not staff of unit {commune_id} on that day.",
    )


@dataclass(slots=True)
class OfficeTeam:
    commune_id: str
    version: int = 0
    events: list[TeamEvent] = field(default_factory=list)

    def on(self, day: date) -> TeamView | None:
        """The team on ``day``; None before it was set up."""
        view: TeamView | None = None
        for event in self.events:
            if event.effective > day:
                continue
            match event:
                case OfficeTeamSetUp():
                    view = TeamView(
                        event.commune_id,
                        event.decision_number,
                        event.decision_date,
                        event.lead,
                        event.members,
                    )
                case OfficeTeamLeadChanged() if view is not None:
                    members = view.members if event.lead in view.members else (*view.members, event.lead)
                    view = TeamView(
                        view.commune_id,
                        event.decision_number or view.decision_number,
                        view.decision_date,
                        event.lead,
                        members,
                    )
                case OfficeTeamMemberJoined() if view is not None:
                    view = TeamView(
                        view.commune_id,
                        view.decision_number,
                        view.decision_date,
                        view.lead,
                        (*view.members, event.person_id),
                    )
                case OfficeTeamMemberLeft() if view is not None:
                    members = tuple(m for m in view.members if m != event.person_id)
                    view = TeamView(
                        view.commune_id, view.decision_number, view.decision_date, view.lead, members
                    )
        return view

    @property
    def last_day(self) -> date | None:
        return max((e.effective for e in self.events), default=None)

    def set_up(
        self,
        decision_number: str,
        decision_date: date,
        effective: date,
        lead: str,
        members: tuple[str, ...],
        is_staff: IsStaff,
    ) -> OfficeTeamSetUp | None:
        """None when the team was already set up by this same decision (a retried request)."""
        first = self.events[0] if self.events else None
        if isinstance(first, OfficeTeamSetUp):
            if (first.decision_number, first.effective) == (decision_number.strip(), effective):
                return None
            raise _refuse(
                "team_exists",
                f"Tổ văn phòng đã được thành lập theo quyết định số {first.decision_number}.",
                f"The office team was already set up by decision {first.decision_number}.",
            )
        if not decision_number.strip():
            raise _refuse("invalid_decision", "Hãy nhập số quyết định.", "Enter the decision number.")
        if decision_date > effective:
            raise _refuse(
                "decision_after_effective",
                "Ngày hiệu lực không được trước ngày quyết định.",
                "The team cannot start before the decision's date.",
            )
        everyone = (lead, *(m for m in members if m != lead))
        if not is_staff(lead, effective):
            raise _not_staff(lead, self.commune_id, "Tổ trưởng", "team lead")
        for member in everyone:
            if not is_staff(member, effective):
                raise _not_staff(member, self.commune_id, "Thành viên", "member")
        return OfficeTeamSetUp(
            self.commune_id, decision_number.strip(), decision_date, effective, lead, everyone
        )

    def change_lead(
        self, lead: str, effective: date, decision_number: str, is_staff: IsStaff
    ) -> OfficeTeamLeadChanged:
        self._changeable(effective)
        if not is_staff(lead, effective):
            raise _not_staff(lead, self.commune_id, "Tổ trưởng", "team lead")
        return OfficeTeamLeadChanged(self.commune_id, lead, effective, decision_number.strip())

    def join(self, person_id: str, effective: date, is_staff: IsStaff) -> OfficeTeamMemberJoined:
        view = self._changeable(effective)
        if person_id in view.members:
            raise _refuse("already_member", "Người này đã ở trong tổ.", "This person is already in the team.")
        if not is_staff(person_id, effective):
            raise _not_staff(person_id, self.commune_id, "Thành viên", "member")
        return OfficeTeamMemberJoined(self.commune_id, person_id, effective)

    def leave(self, person_id: str, effective: date) -> OfficeTeamMemberLeft:
        view = self._changeable(effective)
        if person_id not in view.members:
            raise _refuse("not_member", "Người này không ở trong tổ.", "This person is not in the team.")
        if person_id == view.lead:
            raise _refuse(
                "lead_cannot_leave",
                "Tổ trưởng không thể rời tổ; hãy đổi tổ trưởng trước.",
                "The team lead cannot leave; change the lead first.",
            )
        return OfficeTeamMemberLeft(self.commune_id, person_id, effective)

    def _changeable(self, effective: date) -> TeamView:
        view = self.on(effective)
        last = self.last_day
        if view is None:
            raise _refuse(
                "no_team",
                "Đơn vị chưa thành lập tổ văn phòng vào ngày đó.",
                "The unit has no office team on that day.",
            )
        if last is not None and effective < last:
            raise _refuse(
                "change_before_last",
                "Thay đổi phải từ sau lần thay đổi trước của tổ.",
                "A change must come after the team's previous change.",
            )
        return view

    def apply(self, event: TeamEvent) -> None:
        self.events.append(event)
        self.version += 1
