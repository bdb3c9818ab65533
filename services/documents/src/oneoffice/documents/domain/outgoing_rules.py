"""How each body numbers and formats its outgoing documents: configuration read from the reference
tables (``body-numbering.csv``, ``outgoing-types.csv``, ``authorities.csv``, ``party-terms.csv``),
so a new decree changes data, not code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from .number_symbol import SymbolStyle


class Period(StrEnum):
    """What a sequence restarts with: the calendar year (State) or the Party committee's term."""

    YEAR = "year"
    TERM = "term"


class Confidentiality(StrEnum):
    """Độ mật (NĐ 30/2020): a confidential document draws from its body's own confidential sequence."""

    NONE = "NONE"
    MAT = "MAT"  # Mật
    TOI_MAT = "TOI_MAT"  # Tối mật
    TUYET_MAT = "TUYET_MAT"  # Tuyệt mật

    @property
    def confidential(self) -> bool:
        return self is not Confidentiality.NONE


@dataclass(frozen=True, slots=True)
class BodyNumbering:
    """One body's rules: its symbol's issuer part, the style and period of its sequences."""

    body_code: str
    name_vi: str
    issuer_abbr: str
    style: SymbolStyle
    period: Period
    # Party: one sequence per document type; State: one shared sequence for the body.
    per_type: bool
    # Which authority prefixes a signature may carry: "state" (TM., KT., …) or "party" (T/M, K/T).
    authority_family: str
    # The body above it as printed over the issuer's name in the formal layout (may be empty).
    parent_name_vi: str


@dataclass(frozen=True, slots=True)
class OutgoingType:
    """A document type as the outgoing register uses it."""

    code: str
    name_vi: str
    # The State's abbreviation (Phụ lục III), empty for công văn and thư công.
    abbr: str
    # "State", "Party": the families that use the type.
    families: frozenset[str]
    # The Party's abbreviation where it differs from the State's (công văn: CV).
    party_abbr: str
    needs_recipients: bool
    # Copies (sao y, trích sao, sao lục) share one sequence of their own: the group's name.
    sequence_group: str


@dataclass(frozen=True, slots=True)
class Term:
    """A term (nhiệm kỳ) of a Party committee; ``commune_id`` ``*`` applies to every commune."""

    commune_id: str
    body_code: str
    name: str
    starts_on: date
    ends_on: date

    def covers(self, commune_id: str, body_code: str, day: date) -> bool:
        return (
            self.commune_id in ("*", commune_id)
            and self.body_code == body_code
            and self.starts_on <= day <= self.ends_on
        )


@dataclass(frozen=True, slots=True)
class OutgoingRules:
    bodies: Mapping[str, BodyNumbering] = field(default_factory=dict)
    types: Mapping[str, OutgoingType] = field(default_factory=dict)
    # family → the authority prefixes its signatures may carry
    authorities: Mapping[str, frozenset[str]] = field(default_factory=dict)
    terms: tuple[Term, ...] = ()

    @classmethod
    def of(
        cls,
        bodies: Iterable[BodyNumbering],
        types: Iterable[OutgoingType],
        authorities: Iterable[tuple[str, str]],
        terms: Iterable[Term],
    ) -> OutgoingRules:
        families: dict[str, set[str]] = {}
        for family, prefix in authorities:
            families.setdefault(family, set()).add(prefix)
        return cls(
            bodies={b.body_code: b for b in bodies},
            types={t.code: t for t in types},
            authorities={f: frozenset(p) for f, p in families.items()},
            terms=tuple(terms),
        )

    def term_of(self, commune_id: str, body_code: str, day: date) -> Term | None:
        """The term covering ``day``; a commune's own row wins over the ``*`` default."""
        found = [t for t in self.terms if t.covers(commune_id, body_code, day)]
        found.sort(key=lambda t: t.commune_id == "*")
        return found[0] if found else None

    def all_authorities(self) -> frozenset[str]:
        return frozenset().union(*self.authorities.values()) if self.authorities else frozenset()
