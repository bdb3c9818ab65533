"""The demo's district duty catalogue, version 1 for Tương Dương (``data/duties-tuong-duong.csv``)."""

from __future__ import annotations

import csv
from pathlib import Path

from ..domain.duty_events import Duty

DUTIES_FILE = Path(__file__).resolve().parents[1] / "data" / "duties-tuong-duong.csv"


def tuong_duong_duties() -> tuple[Duty, ...]:
    with DUTIES_FILE.open(encoding="utf-8", newline="") as file:
        return tuple(
            Duty(
                row["code"], row["name_vi"], row["name_en"], row["description"], tuple(row["bodies"].split())
            )
            for row in csv.DictReader(file)
        )
