"""The office's calendar day, for defaults the forms and queries offer (the services judge dates)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

# Vietnam keeps UTC+7 all year (no daylight saving).
VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")


def office_today(now: datetime) -> date:
    return now.astimezone(VIETNAM_TIME).date()


def office_year(now: datetime) -> int:
    return office_today(now).year
