"""Reads the staff service's reference tables shipped in the package (``oneoffice.staff/data``)."""

from __future__ import annotations

import csv
import io
from importlib import resources
from importlib.resources.abc import Traversable

from ..application.unit_seed import UnitRow

UNITS_FILE = "units-tuong-duong.csv"
BODIES_FILE = "bodies.csv"


def packaged_data() -> Traversable:
    return resources.files("oneoffice.staff").joinpath("data")


def _rows(name: str) -> list[dict[str, str]]:
    text = packaged_data().joinpath(name).read_text(encoding="utf-8")
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def tuong_duong_rows() -> list[UnitRow]:
    """The units of Tương Dương, 2017 to 2025 (reference §6)."""
    return [UnitRow(**row) for row in _rows(UNITS_FILE)]


def body_codes() -> tuple[str, ...]:
    """The codes of the bodies one commune office serves (reference §1), in the table's order."""
    return tuple(row["code"] for row in _rows(BODIES_FILE))


def body_names() -> dict[str, tuple[str, str]]:
    """Each body's Vietnamese and English name, by code (``bodies.csv``)."""
    return {row["code"]: (row["name_vi"], row["name_en"]) for row in _rows(BODIES_FILE)}
