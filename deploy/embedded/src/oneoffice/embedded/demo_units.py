"""The demo's administrative units: Tương Dương's history (reference §6), applied at every start.

Each reorganisation of the history has a fixed id, so a second start records nothing new.
"""

from __future__ import annotations

from oneoffice.staff.adapters.unit_data import body_codes, tuong_duong_rows
from oneoffice.staff.application.accounts import Caller
from oneoffice.staff.application.unit_seed import seed_tuong_duong
from oneoffice.staff.bootstrap import StaffContainer

ACTOR = "embedded:demo"


async def seed_demo_units(staff: StaffContainer) -> int:
    """Apply the history; how many reorganisations this start recorded (0 once seeded)."""
    return await seed_tuong_duong(staff.units, Caller(actor=ACTOR), tuong_duong_rows(), body_codes())
