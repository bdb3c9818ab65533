"""The demo's administrative units: Tương Dương's history (reference §6), applied at every start.

Each reorganisation of the history has a fixed id, so a second start records nothing new.
"""

from __future__ import annotations

from oneoffice.staff.adapters.unit_data import body_codes, tuong_duong_rows
from oneoffice.staff.application.accounts import Caller
from oneoffice.staff.application.unit_seed import tuong_duong_history
from oneoffice.staff.bootstrap import StaffContainer

ACTOR = "embedded:demo"


async def seed_demo_units(staff: StaffContainer) -> int:
    """Apply the history; how many reorganisations this start recorded (0 once seeded)."""
    recorded = 0
    for command in tuong_duong_history(tuong_duong_rows(), body_codes()):
        recorded += (await staff.units.reorganise(Caller(actor=ACTOR), command)).new
    return recorded
