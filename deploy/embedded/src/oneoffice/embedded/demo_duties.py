"""The demo's duty catalogue: version 1 for Tương Dương, adopted by its nine communes (applied at
every start; a second start records nothing)."""

from __future__ import annotations

from oneoffice.staff.adapters.duty_data import tuong_duong_duties
from oneoffice.staff.application.accounts import Caller
from oneoffice.staff.application.duty_seed import seed_duty_catalogue
from oneoffice.staff.bootstrap import StaffContainer

ACTOR = "embedded:demo"
COMMUNES = ("16876", "16882", "16885", "16903", "16906", "16909", "16912", "16933", "16936")


async def seed_demo_duties(staff: StaffContainer) -> int:
    return await seed_duty_catalogue(staff.duties, Caller(actor=ACTOR), tuong_duong_duties(), COMMUNES)
