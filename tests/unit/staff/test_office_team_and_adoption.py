"""The office team of a commune over time, and the one-office model's adoption."""

from __future__ import annotations

from datetime import date

import pytest

from oneoffice.staff.domain.model_adoption import ModelAdoptions
from oneoffice.staff.domain.office_team import OfficeTeam
from oneoffice.staff.domain.people_errors import InvalidStaffChange

STAFF = {"lead", "clerk", "stats"}
DAY = date(2025, 7, 10)


def is_staff(person_id: str, day: date) -> bool:
    return person_id in STAFF


def team_set_up() -> OfficeTeam:
    team = OfficeTeam("16876")
    event = team.set_up("15/QĐ-UBND", date(2025, 7, 5), DAY, "lead", ("clerk",), is_staff)
    assert event is not None
    team.apply(event)
    return team


def test_a_team_set_up_by_a_decision_has_its_lead_among_its_members_from_its_day() -> None:
    team = team_set_up()
    view = team.on(DAY)
    assert view is not None
    assert (view.decision_number, view.lead, view.members) == ("15/QĐ-UBND", "lead", ("lead", "clerk"))
    assert team.on(date(2025, 7, 9)) is None


def test_changes_are_kept_over_time() -> None:
    team = team_set_up()
    team.apply(team.join("stats", date(2025, 9, 1), is_staff))
    team.apply(team.change_lead("stats", date(2026, 1, 1), "3/QĐ-UBND", is_staff))
    team.apply(team.leave("lead", date(2026, 2, 1)))
    assert team.on(DAY).members == ("lead", "clerk")  # type: ignore[union-attr]
    assert team.on(date(2025, 9, 1)).members == ("lead", "clerk", "stats")  # type: ignore[union-attr]
    assert team.on(date(2026, 1, 1)).lead == "stats"  # type: ignore[union-attr]
    assert team.on(date(2026, 2, 1)).members == ("clerk", "stats")  # type: ignore[union-attr]


def test_a_team_lead_who_is_not_staff_of_the_commune_is_refused() -> None:
    with pytest.raises(InvalidStaffChange) as refused:
        OfficeTeam("16876").set_up("15/QĐ-UBND", DAY, DAY, "stranger", (), is_staff)
    assert refused.value.code == "not_staff_of_commune"
    team = team_set_up()
    with pytest.raises(InvalidStaffChange):
        team.change_lead("stranger", date(2026, 1, 1), "", is_staff)


def test_the_same_set_up_asked_twice_records_once_and_another_decision_is_refused() -> None:
    team = team_set_up()
    assert team.set_up("15/QĐ-UBND", date(2025, 7, 5), DAY, "lead", ("clerk",), is_staff) is None
    with pytest.raises(InvalidStaffChange) as refused:
        team.set_up("16/QĐ-UBND", DAY, DAY, "lead", (), is_staff)
    assert refused.value.code == "team_exists"


def test_the_lead_cannot_leave_the_team() -> None:
    team = team_set_up()
    with pytest.raises(InvalidStaffChange) as refused:
        team.leave("lead", date(2026, 1, 1))
    assert refused.value.code == "lead_cannot_leave"


def test_a_commune_adopts_the_model_once_and_adoptions_list_as_of_a_day() -> None:
    adoptions = ModelAdoptions()

    def exists(code: str, day: date) -> bool:
        return code in {"TD-MAI-SON", "16876"}

    event = adoptions.adopt("TD-MAI-SON", date(2017, 6, 1), "2017 pilot", "", exists)
    assert event is not None
    adoptions.apply(event)
    assert adoptions.adopt("TD-MAI-SON", date(2017, 6, 1), "2017 pilot", "", exists) is None
    with pytest.raises(InvalidStaffChange):
        adoptions.adopt("TD-MAI-SON", date(2018, 1, 1), "", "", exists)
    with pytest.raises(InvalidStaffChange) as refused:
        adoptions.adopt("99999", date(2026, 1, 1), "", "", exists)
    assert refused.value.code == "unit_not_found"
    assert [a.commune_id for a in adoptions.as_of(date(2017, 6, 1))] == ["TD-MAI-SON"]
    assert adoptions.as_of(date(2017, 5, 31)) == []
