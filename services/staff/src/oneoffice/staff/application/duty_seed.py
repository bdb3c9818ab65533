"""Seeding the duty catalogue: version 1 when none is published, adopted by communes that adopted
none (applied at every start of the demo: a second start records nothing)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..domain.duty_events import Duty
from .accounts import Caller
from .duties import DutyService

CATALOGUE_NOTE = "Danh mục nhiệm vụ thống nhất của văn phòng một cửa, huyện Tương Dương (phiên bản 1)"


async def seed_duty_catalogue(
    duties: DutyService, caller: Caller, catalogue: Sequence[Duty], communes: Iterable[str]
) -> int:
    """How many events this call recorded (0 once seeded)."""
    recorded = 0
    if (await duties.load_catalogue()).version == 0:
        await duties.publish_catalogue(caller, catalogue, CATALOGUE_NOTE)
        recorded += 1
    for commune in communes:
        if (await duties.roster(commune)).adopted is None:
            await duties.adopt(caller, commune, 1)
            recorded += 1
    return recorded
