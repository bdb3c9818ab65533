"""A hand-written fake of the gateway's people port: keeps people, teams and adoptions in memory,
refusing what the staff service would (an unknown title, leaving twice, a change to a team never set
up, a second adoption on another day) with a bilingual error."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from oneoffice.gateway.application.errors import InvalidRequest, NotFound
from oneoffice.gateway.application.people import (
    ModelAdoption,
    OfficeTeam,
    Person,
    PersonDraft,
    TeamChangeDraft,
)
from oneoffice.gateway.application.ports import RequestContext

TITLES = {"Văn phòng Đảng ủy", "Văn phòng - thống kê", "Phó Bí thư Đảng ủy"}


class FakePeople:
    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self.teams: dict[str, OfficeTeam] = {}
        self.adoptions: dict[str, ModelAdoption] = {}
        self.actors: list[str] = []
        self._next = 0

    async def join(self, commune_id: str, draft: PersonDraft, context: RequestContext) -> tuple[Person, bool]:
        self.actors.append(context.actor)
        if draft.title not in TITLES:
            raise InvalidRequest(
                "staff", f"Chức danh '{draft.title}' không có.", f"Unknown title '{draft.title}'."
            )
        if draft.person_id and draft.person_id in self.people:
            return self.people[draft.person_id], False
        self._next += 1
        person_id = draft.person_id or f"p{self._next}"
        person = Person(
            person_id, draft.name, draft.title, draft.category, draft.bodies, draft.allowance,
            commune_id, draft.effective, None, draft.username,
        )  # fmt: skip
        self.people[person_id] = person
        return person, True

    async def list_staff(self, commune_id: str, as_of: date, context: RequestContext) -> list[Person]:
        return [p for p in self.people.values() if p.commune_id == commune_id and p.joined_on <= as_of]

    async def get_person(
        self, commune_id: str, person_id: str, as_of: date, context: RequestContext
    ) -> Person:
        person = self.people.get(person_id)
        if person is None or person.commune_id != commune_id:
            raise NotFound("staff", "Không có người này.", "No such person.")
        return person

    async def transfer(
        self, commune_id: str, person_id: str, to_commune: str, effective: date, context: RequestContext
    ) -> Person:
        person = await self.get_person(commune_id, person_id, effective, context)
        self.people[person_id] = replace(person, commune_id=to_commune)
        return self.people[person_id]

    async def leave(
        self, commune_id: str, person_id: str, effective: date, context: RequestContext
    ) -> Person:
        person = self.people.get(person_id)
        if person is not None and person.left_on is not None:
            raise InvalidRequest("staff", "Người này đã nghỉ việc.", "This person already left.")
        person = await self.get_person(commune_id, person_id, effective, context)
        self.people[person_id] = replace(person, left_on=effective)
        return self.people[person_id]

    async def office_team(self, commune_id: str, as_of: date, context: RequestContext) -> OfficeTeam | None:
        return self.teams.get(commune_id)

    async def change_team(
        self, commune_id: str, change: TeamChangeDraft, context: RequestContext
    ) -> OfficeTeam | None:
        if change.kind == "set_up":
            lead = self.people.get(change.lead)
            if lead is None or lead.commune_id != commune_id:
                raise InvalidRequest("staff", "Tổ trưởng không phải cán bộ.", "The lead is not staff.")
            members = (change.lead, *change.members)
            team = OfficeTeam(commune_id, change.decision_number, change.decision_date or change.effective,
                              change.lead, members)  # fmt: skip
        else:
            if commune_id not in self.teams:
                raise InvalidRequest("staff", "Đơn vị chưa có tổ văn phòng.", "The unit has no office team.")
            team = self.teams[commune_id]
            if change.kind == "lead":
                team = replace(team, lead=change.lead)
            elif change.kind == "join":
                team = replace(team, members=(*team.members, change.person_id))
            else:
                team = replace(team, members=tuple(m for m in team.members if m != change.person_id))
        self.teams[commune_id] = team
        return team

    async def adopt_model(
        self, commune_id: str, adopted_on: date, wave: str, decision: str, context: RequestContext
    ) -> ModelAdoption:
        earlier = self.adoptions.get(commune_id)
        if earlier is not None and earlier.adopted_on != adopted_on:
            raise InvalidRequest(
                "staff",
                f"Đơn vị {commune_id} đã áp dụng mô hình.",
                f"Unit {commune_id} adopted the model already.",
            )
        if commune_id in self.adoptions:
            return replace(self.adoptions[commune_id], recorded_now=False)
        self.adoptions[commune_id] = ModelAdoption(commune_id, adopted_on, wave, decision, True)
        return self.adoptions[commune_id]

    async def model_adoptions(self, as_of: date | None, context: RequestContext) -> list[ModelAdoption]:
        return [a for a in self.adoptions.values() if as_of is None or a.adopted_on <= as_of]
