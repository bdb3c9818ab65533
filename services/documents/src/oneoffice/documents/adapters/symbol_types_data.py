"""Reads the type abbreviations the symbol parser knows from the reference tables.

``document-types.csv`` (its ``abbr`` and ``families`` columns) and ``symbol-abbreviations.csv``
(types seen only in symbols); the second is optional, so a folder of older tables still loads.
"""

from __future__ import annotations

import csv
import io
from importlib.resources.abc import Traversable
from pathlib import Path

from ..domain.symbol_types import SymbolType, SymbolTypes, families_of
from .reference_data import DOCUMENT_TYPES_FILE, packaged_reference_data

SYMBOL_ABBREVIATIONS_FILE = "symbol-abbreviations.csv"


def _rows(folder: Traversable | Path, name: str) -> list[dict[str, str]]:
    path = folder.joinpath(name)
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def load_symbol_types(folder: Traversable | Path | None = None) -> SymbolTypes:
    """The abbreviations of ``folder``'s tables (default: the tables shipped with the service).

    Raises ``ValueError`` when two rows spell one abbreviation differently (``QĐ`` and ``Qđ``): the
    parser could not tell which to answer.
    """
    source = folder if folder is not None else packaged_reference_data()
    rows = [*_rows(source, DOCUMENT_TYPES_FILE), *_rows(source, SYMBOL_ABBREVIATIONS_FILE)]
    return SymbolTypes(SymbolType(r["abbr"], families_of(r.get("families", ""))) for r in rows)
