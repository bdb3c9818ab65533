"""Reads the reporting reference tables: the copies shipped in the package, or a folder settings name."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from oneoffice.contracts.events.reporting import CatalogueIndicator

INDICATORS_FILE = "indicators.csv"
BODIES_FILE = "bodies.csv"


def packaged_reference_data() -> Traversable:
    return resources.files("oneoffice.reporting").joinpath("reference")


def _rows(folder: Traversable | Path | None, name: str) -> list[dict[str, str]]:
    source = folder if folder is not None else packaged_reference_data()
    text = source.joinpath(name).read_text(encoding="utf-8")
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def load_indicators(folder: Traversable | Path | None = None) -> list[CatalogueIndicator]:
    """The indicator catalogue table, in its order. Raises ``ValueError`` for a broken table (a code
    twice, an unknown aggregation or periodicity, a bound that is not a number): the service must not
    start with it."""
    rows = _rows(folder, INDICATORS_FILE)
    indicators = [CatalogueIndicator.model_validate(_indicator(row)) for row in rows]
    codes = [i.code for i in indicators]
    if not codes or any(not c for c in codes) or len(set(codes)) != len(codes):
        raise ValueError(f"{INDICATORS_FILE}: every row needs a code, and no code may appear twice")
    return indicators


def _indicator(row: dict[str, str]) -> dict[str, Any]:
    return {
        **row,
        "minimum": Decimal(row["minimum"]) if row.get("minimum") else None,
        "maximum": Decimal(row["maximum"]) if row.get("maximum") else None,
    }


def load_bodies(folder: Traversable | Path | None = None) -> frozenset[str]:
    return frozenset(row["code"] for row in _rows(folder, BODIES_FILE) if row.get("code"))
