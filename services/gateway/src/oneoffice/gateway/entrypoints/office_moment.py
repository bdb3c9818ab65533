"""A moment a clerk types on a page, read and shown in office time (Asia/Ho_Chi_Minh, UTC+7): a time
without an offset is office time, one with an offset is taken as it is, so the same text is the same
moment on every page. Pure.

The JSON APIs keep their own public contract (a time without an offset is UTC): not this module.
"""

from __future__ import annotations

from datetime import datetime

from ..application.calendar import VIETNAM_TIME

# What a form field shows back (a ``datetime-local`` field with ``step="1"`` takes it as it is).
FORM_FORMAT = "%Y-%m-%dT%H:%M:%S"
SHOWN_FORMAT = "%d/%m/%Y %H:%M:%S"


def parse_office_moment(text: str) -> datetime | None:
    """A moment from a form: without an offset it is office time; None if it is not a moment (or
    one that office time cannot show, at the edge of the calendar)."""
    try:
        parsed = datetime.fromisoformat(text.strip())
        moment = parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=VIETNAM_TIME)
        moment.astimezone(VIETNAM_TIME)
    except (ValueError, OverflowError):
        return None
    return moment


def form_value(moment: datetime) -> str:
    """The moment as a form field shows it back: office time, without an offset."""
    return moment.astimezone(VIETNAM_TIME).strftime(FORM_FORMAT)


def shown(moment: datetime) -> str:
    """The moment as a page shows it to a reader: office time, day first."""
    return moment.astimezone(VIETNAM_TIME).strftime(SHOWN_FORMAT)
