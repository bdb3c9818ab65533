"""The duties adapter reads the wire: empty strings are absent values, ISO days are dates."""

from __future__ import annotations

from datetime import date

from oneoffice.contracts.grpc.staff.v1 import duties_pb2 as pb
from oneoffice.gateway.adapters.grpc_duties import _coverage, _roster


def test_a_roster_without_a_catalogue_has_no_version_and_dates_are_days() -> None:
    bare = _roster(pb.DutyRoster(commune_id="16876"))
    full = _roster(
        pb.DutyRoster(
            commune_id="16876",
            catalogue_version=1,
            duties=["INCOMING"],
            assignments=[
                pb.Assignment(duty="INCOMING", primary="lan", backup="minh", effective="2026-03-01")
            ],
            absences=[
                pb.Absence(absence_id="a1", person="lan", kind="sick", start="2026-03-02", end="2026-03-03")
            ],
        )
    )
    assert bare.catalogue_version is None and bare.duties == ()
    assert full.assignments[0].effective == date(2026, 3, 1)
    assert (full.absences[0].start, full.absences[0].end) == (date(2026, 3, 2), date(2026, 3, 3))


def test_an_unassigned_duty_is_covered_by_no_one_and_no_team_lead_is_none() -> None:
    coverage = _coverage(
        pb.Coverage(commune_id="16876", on="2026-03-02", covers=[pb.Cover(duty="STATS", status="unassigned")])
    )
    cover = coverage.covers[0]
    assert (cover.primary, cover.backup, cover.covered_by, cover.absence_id) == (None, None, None, None)
    assert (coverage.on, coverage.team_lead) == (date(2026, 3, 2), None)
