"""The titles of commune staff (NĐ 33/2023, ``data/staff-titles.csv``) as configuration."""

from __future__ import annotations

from .unit_data import _rows

TITLES_FILE = "staff-titles.csv"


def staff_titles() -> dict[str, str]:
    """Vietnamese title → English title, in the table's order."""
    return {row["title_vi"]: row["title_en"] for row in _rows(TITLES_FILE)}
