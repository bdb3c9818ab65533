"""Reads the retention tables (``retention-periods.csv``, ``retention.csv``) of the reference folder."""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path

from ..domain.retention import RetentionGroup, RetentionPeriod, RetentionSchedule
from .reference_data import _rows, packaged_reference_data

PERIODS_FILE = "retention-periods.csv"
GROUPS_FILE = "retention.csv"


def load_retention(folder: Traversable | Path | None = None) -> RetentionSchedule:
    """The tables of ``folder``, or the packaged ones when it has none (a folder of older shape).

    Raises ``ValueError`` for a broken table (no code, a code twice, a group naming no period).
    """
    source = folder if folder is not None and folder.joinpath(PERIODS_FILE).is_file() else None
    source = source or packaged_reference_data()
    periods = [
        RetentionPeriod(
            code=r["code"],
            name_vi=r["name_vi"],
            name_en=r["name_en"],
            years=int(r["years"]) if r["years"] else None,
            permanent=r["permanent"].lower() == "yes",
        )
        for r in _rows(source, PERIODS_FILE)
    ]
    codes = [p.code for p in periods]
    if not codes or any(not c for c in codes) or len(set(codes)) != len(codes):
        raise ValueError(f"{PERIODS_FILE}: every row needs a code, and no code may appear twice")
    groups = [
        RetentionGroup(r["group_vi"], r["group_en"], r["retention_code"]) for r in _rows(source, GROUPS_FILE)
    ]
    if any(g.retention not in codes for g in groups):
        raise ValueError(f"{GROUPS_FILE}: every group must name a period of {PERIODS_FILE}")
    return RetentionSchedule.of(periods, groups)
