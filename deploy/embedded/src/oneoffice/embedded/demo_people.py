"""The demo's people, office teams and model adoptions (after :mod:`.demo_units`, at every start).

A handful of people for Tương Dương (16876) and Nhôn Mai (16882): the standing deputy Party secretary
who leads the office team, the Party office clerk (không chuyên trách, serving the Party committee and
the mass organisations for a low allowance) and the office/statistics civil servant; Nhôn Mai's clerk
has worked since the 2017 pilot in Mai Sơn, which merged into Nhôn Mai on 1 July 2025 (so she is staff
of 16882 from that day without any event rewritten). The 2017 pilot units adopted the one-office model.

Fixed person ids and decisions: a second start records nothing new.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from oneoffice.staff.adapters.unit_data import tuong_duong_rows
from oneoffice.staff.application.accounts import Caller
from oneoffice.staff.application.people import TeamChange
from oneoffice.staff.bootstrap import StaffContainer
from oneoffice.staff.domain.people import JoinStaff

ACTOR = "embedded:demo"
MERGED = date(2025, 7, 1)
PARTY_AND_MASS = ("DANG_UY", "MTTQ", "DOAN_TN", "HOI_PN", "HOI_ND", "HOI_CCB")
STATE = ("HDND", "UBND")
PILOT_UNITS = ("Hòa Bình", "Yên Hòa", "Mai Sơn")
PILOT_DAY = date(2017, 6, 1)


def _pilot_codes() -> dict[str, str]:
    """The (synthetic) codes of the 2017 pilot units, as the unit seed gives them."""
    rows = [row for row in tuong_duong_rows() if row.begins is None]
    return {name: next(row.code for row in rows if row.name == name) for name in PILOT_UNITS}


def demo_people() -> list[JoinStaff]:
    mai_son = _pilot_codes()["Mai Sơn"]

    def person(pid: str, name: str, title: str, category: str, bodies: tuple[str, ...], allowance: str,
               commune: str, day: date = MERGED) -> JoinStaff:  # fmt: skip
        # The lead, the Party office clerk and (#12: a handler completing their tasks) the office's
        # civil servant of each commune hold its demo accounts.
        username = {"pbt": "totruong", "vpdu": "vanthu", "vptk": "canbo"}.get(pid.rsplit("-", 1)[1])
        account = f"{username}-{pid.split('-')[1]}" if username else None
        return JoinStaff(pid, name, title, category, bodies, Decimal(allowance), commune, day, account)

    return [
        person(
            "demo-16876-pbt",
            "Vi Văn Sơn",
            "Phó Bí thư Đảng ủy",
            "cán bộ",
            ("DANG_UY", "HDND"),
            "2.67",
            "16876",
        ),
        person(
            "demo-16876-vpdu",
            "Lô Thị Hoa",
            "Văn phòng Đảng ủy",
            "không chuyên trách",
            PARTY_AND_MASS,
            "1.0",
            "16876",
        ),
        person(
            "demo-16876-vptk", "Lương Thị Mai", "Văn phòng - thống kê", "công chức", STATE, "2.34", "16876"
        ),
        person(
            "demo-16882-pbt",
            "Lô Văn Thắng",
            "Phó Bí thư Đảng ủy",
            "cán bộ",
            ("DANG_UY", "HDND"),
            "2.67",
            "16882",
        ),
        person(
            "demo-16882-vpdu",
            "Vi Thị Lan",
            "Văn phòng Đảng ủy",
            "không chuyên trách",
            PARTY_AND_MASS,
            "1.0",
            mai_son,
            PILOT_DAY,
        ),
        person("demo-16882-vptk", "Hà Văn Tuấn", "Văn phòng - thống kê", "công chức", STATE, "2.34", "16882"),
    ]


def demo_teams() -> dict[str, TeamChange]:
    return {
        code: TeamChange(
            "set_up",
            MERGED,
            decision_number=f"01/QĐ-UBND-{code}",
            decision_date=MERGED,
            lead=f"demo-{code}-pbt",
            members=(f"demo-{code}-vpdu", f"demo-{code}-vptk"),
        )
        for code in ("16876", "16882")
    }


async def seed_demo_people(staff: StaffContainer) -> int:
    """Record the demo people, teams and adoptions; how many this start recorded (0 once seeded)."""
    caller = Caller(actor=ACTOR)
    recorded = 0
    for command in demo_people():
        _, new = await staff.people.join(caller, command)
        recorded += new
    for code, change in demo_teams().items():
        before = await staff.people.office_team(code, change.effective)
        await staff.people.change_team(caller, code, change)
        # A team carried from a merged unit is not the commune's own: setting it up records one.
        recorded += before is None or before.commune_id != code
    for name, code in _pilot_codes().items():
        _, new = await staff.people.adopt(
            caller, code, PILOT_DAY, "2017 pilot", f"Thí điểm mô hình một văn phòng: {name}"
        )
        recorded += new
    return recorded
