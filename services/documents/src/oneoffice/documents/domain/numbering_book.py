"""A numbering sequence of outgoing documents (one stream per sequence): who got which number.

One book holds every period (year or Party term) of one sequence of one body: the public or the
confidential one, and for Party-style bodies one per document type. A document's body, type and
confidentiality are fixed at drafting, so it can draw from one book only: the book alone decides that
it is numbered once, and its number is issued by the same append that moves the sequence on
(expected version), so numbers in a period are never skipped by a lost race nor reused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from .outgoing_errors import AlreadyNumbered, IssuedBeforeLast, IssuedInFuture, NumberTaken
from .outgoing_events import OutgoingNumbered

SymbolMaker = Callable[[int], tuple[str, str]]
"""Gives ``(number_symbol, formatted)`` for a number (see :mod:`.number_symbol`)."""


@dataclass(slots=True)
class PeriodState:
    highest: int = 0
    last_issued_on: date | None = None
    numbers: set[int] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class NumberRequest:
    """What the numbering handler asks the book for, once the document's format was checked."""

    document_id: str
    commune_id: str
    body_code: str
    document_type: str
    period: str
    issued_on: date
    confidential: bool
    numbered_by: str
    # Import of the paper register: this number, refused if it exists (None: the next one).
    explicit_number: int | None = None


class NumberingBook:
    def __init__(self, sequence_id: str) -> None:
        self.sequence_id = sequence_id
        self.version = 0
        self.periods: dict[str, PeriodState] = {}
        self.numbered: dict[str, OutgoingNumbered] = {}

    def apply(self, event: OutgoingNumbered) -> None:
        self.version += 1
        state = self.periods.setdefault(event.period, PeriodState())
        state.highest = max(state.highest, event.number)
        state.numbers.add(event.number)
        if state.last_issued_on is None or event.issued_on > state.last_issued_on:
            state.last_issued_on = event.issued_on
        self.numbered[event.document_id] = event

    def next_number(self, period: str) -> int:
        state = self.periods.get(period)
        return 1 if state is None else state.highest + 1

    def issue(self, request: NumberRequest, today: date, symbol: SymbolMaker) -> OutgoingNumbered:
        """Decide the number of ``request`` (the state is left unchanged); raises a RuleViolation."""
        earlier = self.numbered.get(request.document_id)
        if earlier is not None:
            raise AlreadyNumbered(earlier.number_symbol)
        if request.issued_on > today:
            raise IssuedInFuture()
        state = self.periods.get(request.period, PeriodState())
        if request.explicit_number is None:
            if state.last_issued_on is not None and request.issued_on < state.last_issued_on:
                raise IssuedBeforeLast(state.last_issued_on)
            number = state.highest + 1
        else:
            if request.explicit_number in state.numbers:
                raise NumberTaken(request.explicit_number)
            number = request.explicit_number
        number_symbol, formatted = symbol(number)
        return OutgoingNumbered(
            document_id=request.document_id,
            commune_id=request.commune_id,
            body_code=request.body_code,
            document_type=request.document_type,
            sequence_id=self.sequence_id,
            period=request.period,
            number=number,
            number_symbol=number_symbol,
            formatted=formatted,
            issued_on=request.issued_on,
            confidential=request.confidential,
            imported=request.explicit_number is not None,
            numbered_by=request.numbered_by,
        )
