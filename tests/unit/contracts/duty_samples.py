"""One realistic instance of every duty event (merged into ``samples.SAMPLES``)."""

from __future__ import annotations

from datetime import date

from oneoffice.contracts.events.staff import (
    AbsenceRecorded,
    CatalogueDuty,
    CoverageEnded,
    CoverageEscalated,
    CoverageStarted,
    DutyAssigned,
    DutyCatalogueAdopted,
    DutyCatalogueVersionPublished,
)
from oneoffice.eventcore.events import DomainEvent

_COVERAGE = {"commune_id": "16876", "coverage_id": "a1/INCOMING", "absence_id": "a1", "duty": "INCOMING"}

DUTY_SAMPLES: dict[type[DomainEvent], DomainEvent] = {
    DutyCatalogueVersionPublished: DutyCatalogueVersionPublished(
        version=1,
        duties=[
            CatalogueDuty(
                code="INCOMING",
                name_vi="Tiếp nhận, đăng ký văn bản đến",
                name_en="Receive and register incoming documents",
                description="Mọi văn bản đến của các cơ quan trong khối.",
                bodies=["DANG_UY", "HDND", "UBND", "MTTQ"],
            )
        ],
        note="Danh mục nhiệm vụ thống nhất của huyện Tương Dương",
    ),
    DutyCatalogueAdopted: DutyCatalogueAdopted(
        commune_id="16876", version=1, duty_codes=["INCOMING"], effective=date(2026, 1, 5)
    ),
    DutyAssigned: DutyAssigned(
        commune_id="16876", duty="INCOMING", primary="p-lan", backup="p-minh", effective=date(2026, 1, 5)
    ),
    AbsenceRecorded: AbsenceRecorded(
        commune_id="16876",
        absence_id="a1",
        person="p-lan",
        kind="training",
        start=date(2026, 3, 2),
        end=date(2026, 3, 6),
    ),
    CoverageStarted: CoverageStarted(**_COVERAGE, absent="p-lan", covered_by="p-minh", on=date(2026, 3, 2)),
    CoverageEscalated: CoverageEscalated(
        **_COVERAGE, absent="p-lan", backup="p-minh", team_lead="p-hoa", on=date(2026, 3, 2)
    ),
    CoverageEnded: CoverageEnded(**_COVERAGE, on=date(2026, 3, 7)),
}
