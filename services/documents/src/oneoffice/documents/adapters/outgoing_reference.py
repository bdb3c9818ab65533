"""Reads the rules of outgoing documents from the reference tables (packaged, or a configured folder)."""

from __future__ import annotations

import csv
import io
from datetime import date
from importlib.resources.abc import Traversable
from pathlib import Path

from ..domain.number_symbol import SymbolStyle
from ..domain.outgoing_rules import BodyNumbering, OutgoingRules, OutgoingType, Period, Term
from .reference_data import BODIES_FILE, DOCUMENT_TYPES_FILE, packaged_reference_data

BODY_NUMBERING_FILE = "body-numbering.csv"
OUTGOING_TYPES_FILE = "outgoing-types.csv"
AUTHORITIES_FILE = "authorities.csv"
PARTY_TERMS_FILE = "party-terms.csv"


def _rows(folder: Traversable | Path, name: str) -> list[dict[str, str]]:
    text = folder.joinpath(name).read_text(encoding="utf-8")
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def _yes(value: str) -> bool:
    if value not in ("yes", "no"):
        raise ValueError(f"expected yes or no, got {value!r}")
    return value == "yes"


def load_outgoing_rules(folder: Traversable | Path | None = None) -> OutgoingRules:
    """The rules from ``folder`` (default: the packaged tables).

    Raises ``ValueError`` for a broken table (unknown body or type, a bad value, a body without
    rules): the service must not start on rules it would misapply.
    """
    source = folder if folder is not None else packaged_reference_data()
    names = {r["code"]: r["name_vi"] for r in _rows(source, BODIES_FILE)}
    type_rows = {r["code"]: r for r in _rows(source, DOCUMENT_TYPES_FILE)}
    bodies = [
        BodyNumbering(
            body_code=r["code"],
            name_vi=names[r["code"]],
            issuer_abbr=r["issuer_abbr"],
            style=SymbolStyle(r["symbol_style"]),
            period=Period(r["sequence_period"]),
            per_type=_yes(r["per_type"]),
            authority_family=r["authority_family"],
            parent_name_vi=r["parent_name_vi"],
        )
        for r in _rows(source, BODY_NUMBERING_FILE)
    ]
    types = [
        OutgoingType(
            code=r["code"],
            name_vi=type_rows[r["code"]]["name_vi"],
            abbr=type_rows[r["code"]]["abbr"],
            families=frozenset(f for f in type_rows[r["code"]]["families"].split(";") if f),
            party_abbr=r["party_abbr"],
            needs_recipients=_yes(r["needs_recipients"]),
            sequence_group=r["sequence_group"],
        )
        for r in _rows(source, OUTGOING_TYPES_FILE)
    ]
    authorities = [(r["family"], r["prefix"]) for r in _rows(source, AUTHORITIES_FILE)]
    terms = [
        Term(
            commune_id=r["commune_id"],
            body_code=r["body_code"],
            name=r["term"],
            starts_on=date.fromisoformat(r["starts_on"]),
            ends_on=date.fromisoformat(r["ends_on"]),
        )
        for r in _rows(source, PARTY_TERMS_FILE)
    ]
    rules = OutgoingRules.of(bodies, types, authorities, terms)
    if set(rules.bodies) != set(names) or not set(rules.types) <= set(type_rows):
        raise ValueError(f"{BODY_NUMBERING_FILE} and {OUTGOING_TYPES_FILE} must cover the catalogue")
    if any(b.authority_family not in rules.authorities for b in bodies):
        raise ValueError(f"{BODY_NUMBERING_FILE}: an authority family missing from {AUTHORITIES_FILE}")
    return rules
