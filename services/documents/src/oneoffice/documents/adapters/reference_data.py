"""Reads the reference tables: the copies shipped in the package, or a folder the settings name."""

from __future__ import annotations

import csv
import io
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..domain.catalogue import Body, DocumentType, ReferenceCatalogue
from ..domain.working_calendar import CalendarDay, DayKind, WorkingCalendar

BODIES_FILE = "bodies.csv"
DOCUMENT_TYPES_FILE = "document-types.csv"


def packaged_reference_data() -> Traversable:
    return resources.files("oneoffice.documents").joinpath("reference")


def _rows(folder: Traversable | Path, name: str) -> list[dict[str, str]]:
    text = folder.joinpath(name).read_text(encoding="utf-8")
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def load_catalogue(folder: Traversable | Path | None = None) -> ReferenceCatalogue:
    """The catalogue from ``folder`` (default: the tables shipped with the service).

    Raises ``ValueError`` for a table without codes or with a code twice: a broken table must stop
    the service at start, not reject documents later.
    """
    source = folder if folder is not None else packaged_reference_data()
    bodies = [
        Body(code=r["code"], name_vi=r["name_vi"], name_en=r["name_en"], family=r["family"])
        for r in _rows(source, BODIES_FILE)
    ]
    types = [
        DocumentType(code=r["code"], name_vi=r["name_vi"], name_en=r["name_en"], abbr=r["abbr"])
        for r in _rows(source, DOCUMENT_TYPES_FILE)
    ]
    for name, codes in (
        (BODIES_FILE, [b.code for b in bodies]),
        (DOCUMENT_TYPES_FILE, [t.code for t in types]),
    ):
        if not codes or any(not code for code in codes) or len(set(codes)) != len(codes):
            raise ValueError(f"{name}: every row needs a code, and no code may appear twice")
    return ReferenceCatalogue.of(bodies, types)


HOLIDAYS_FILE = "holidays.csv"


def load_working_calendar(folder: Traversable | Path | None = None) -> WorkingCalendar:
    """The working-day calendar from ``holidays.csv`` in ``folder`` (default: the shipped table).

    Raises ``ValueError`` for a row with a bad date or kind, or a day listed twice.
    """
    source = folder if folder is not None else packaged_reference_data()
    days = []
    for number, row in enumerate(_rows(source, HOLIDAYS_FILE), start=2):
        try:
            days.append(CalendarDay(date.fromisoformat(row["date"]), DayKind(row["kind"]), row["name"]))
        except (KeyError, ValueError) as error:
            raise ValueError(f"{HOLIDAYS_FILE} line {number}: {error}") from error
    return WorkingCalendar(days)
