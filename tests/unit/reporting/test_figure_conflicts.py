"""One figure's conflicts: raised once per disagreement, settled when bodies come to agree, closed by
an adoption; the adopted value stands. A property test holds the rule against a brute-force replay."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneoffice.contracts.events.reporting import (
    FigureAdopted,
    FigureConflictRaised,
    FigureConflictSettled,
    FigureReported,
)
from oneoffice.reporting.domain.figure import Figure, parse_conflict_id
from oneoffice.reporting.domain.figure_errors import ConflictNotFound, ConflictNotOpen, InvalidFigure
from oneoffice.reporting.domain.indicators import CheckedReport
from oneoffice.reporting.domain.periods import Period

from .figure_samples import CATALOGUE

POOR = CATALOGUE.indicators[1]
Q1 = Period("2026-Q1", date(2026, 1, 1), date(2026, 4, 1))


def _checked(body: str, value: str) -> CheckedReport:
    return CheckedReport(POOR, 1, Q1, body, Decimal(value))


def _figure() -> Figure:
    return Figure("16876", POOR.code, Q1.text)


def _report(figure: Figure, body: str, value: str) -> list[type]:
    events = figure.report(_checked(body, value), "")
    for event in events:
        figure.apply(event)
    return [type(e) for e in events]


def test_a_different_value_from_another_body_raises_a_conflict_with_both_values() -> None:
    figure = _figure()
    _report(figure, "UBND", "12.4")
    events = figure.report(_checked("MTTQ", "13.1"), "")
    assert [type(e) for e in events] == [FigureReported, FigureConflictRaised]
    raised = events[1]
    assert isinstance(raised, FigureConflictRaised)
    assert raised.values == {"MTTQ": Decimal("13.1"), "UBND": Decimal("12.4")}
    assert raised.conflict_id == "fc-16876-TL_HO_NGHEO-2026-Q1-1"
    assert parse_conflict_id("16876", raised.conflict_id) == ("TL_HO_NGHEO", "2026-Q1")


def test_the_same_value_from_another_body_raises_nothing_and_is_the_agreed_value() -> None:
    figure = _figure()
    _report(figure, "UBND", "12.4")
    assert _report(figure, "MTTQ", "12.4") == [FigureReported]
    assert (figure.status, figure.value) == ("agreed", Decimal("12.4"))


def test_further_reports_while_a_conflict_is_open_raise_no_second_conflict() -> None:
    figure = _figure()
    _report(figure, "UBND", "12.4")
    _report(figure, "MTTQ", "13.1")
    assert _report(figure, "DANG_UY", "14") == [FigureReported]
    assert (figure.status, figure.value) == ("conflict", None)


def test_a_body_correcting_its_value_to_agree_settles_the_conflict_and_raises_nothing_new() -> None:
    figure = _figure()
    _report(figure, "UBND", "12.4")
    _report(figure, "MTTQ", "13.1")
    assert _report(figure, "MTTQ", "12.4") == [FigureReported, FigureConflictSettled]
    assert _report(figure, "MTTQ", "12.4") == [FigureReported]
    assert (figure.status, figure.value) == ("agreed", Decimal("12.4"))


def test_adopting_closes_the_conflict_and_the_adopted_value_stands_for_later_agreeing_reports() -> None:
    figure = _figure()
    _report(figure, "UBND", "12.4")
    _report(figure, "MTTQ", "13.1")
    adopted = figure.adopt("fc-16876-TL_HO_NGHEO-2026-Q1-1", "MTTQ", "Số liệu rà soát của MTTQ")
    assert isinstance(adopted, FigureAdopted) and adopted.value == Decimal("13.1")
    figure.apply(adopted)
    assert (figure.status, figure.value) == ("adopted", Decimal("13.1"))
    assert _report(figure, "DANG_UY", "13.1") == [FigureReported]
    # A later report that differs from the adopted value is a new disagreement; the value stands.
    assert _report(figure, "UBND", "12.4") == [FigureReported, FigureConflictRaised]
    assert (figure.status, figure.value, figure.open_conflict) == (
        "conflict",
        Decimal("13.1"),
        "fc-16876-TL_HO_NGHEO-2026-Q1-2",
    )


def test_adopting_a_value_no_body_reported_is_refused() -> None:
    figure = _figure()
    _report(figure, "UBND", "12.4")
    _report(figure, "MTTQ", "13.1")
    with pytest.raises(InvalidFigure) as refused:
        figure.adopt("fc-16876-TL_HO_NGHEO-2026-Q1-1", "HOI_ND", "lý do")
    assert refused.value.code == "body_did_not_report"


def test_adopting_an_unknown_or_an_already_adopted_conflict_is_refused() -> None:
    figure = _figure()
    _report(figure, "UBND", "12.4")
    _report(figure, "MTTQ", "13.1")
    with pytest.raises(ConflictNotFound):
        figure.adopt("fc-16876-TL_HO_NGHEO-2026-Q1-7", "UBND", "lý do")
    figure.apply(figure.adopt("fc-16876-TL_HO_NGHEO-2026-Q1-1", "UBND", "lý do"))
    with pytest.raises(ConflictNotOpen) as refused:
        figure.adopt("fc-16876-TL_HO_NGHEO-2026-Q1-1", "UBND", "lý do")
    assert refused.value.code == "figure_conflict_already_adopted"


def test_a_conflict_id_of_another_commune_or_shape_is_not_parsed() -> None:
    assert parse_conflict_id("16882", "fc-16876-TL_HO_NGHEO-2026-Q1-1") is None
    assert parse_conflict_id("16876", "fc-16876-TL_HO_NGHEO") is None
    assert parse_conflict_id("16876", "fc-16876-DS_TONG-2026-2") == ("DS_TONG", "2026")


BODIES = ("UBND", "MTTQ", "DANG_UY")
VALUES = ("1", "2", "3")
# A step: ("report", body, value) or ("adopt", body, "").
steps = st.lists(
    st.one_of(
        st.tuples(st.just("report"), st.sampled_from(BODIES), st.sampled_from(VALUES)),
        st.tuples(st.just("adopt"), st.sampled_from(BODIES), st.just("")),
    ),
    max_size=25,
)


def _brute_force_in_conflict(history: list[tuple[str, str, str]]) -> bool:
    """From the history alone: the latest values reported since the last adoption (and the adopted
    value) differ."""
    last_adoption = max((i for i, step in enumerate(history) if step[0] == "adopt"), default=-1)
    latest: dict[str, str] = {}
    for kind, body, value in history[: last_adoption + 1]:
        if kind == "report":
            latest[body] = value
    adopted = {latest[history[last_adoption][1]]} if last_adoption >= 0 else set()
    since: dict[str, str] = {}
    for _kind, body, value in history[last_adoption + 1 :]:
        since[body] = value
    if last_adoption < 0:
        return len(set(since.values())) > 1
    return len(adopted | set(since.values())) > 1


@settings(max_examples=100, deadline=None, database=None)
@given(steps)
def test_a_conflict_is_open_exactly_while_the_latest_values_differ_and_no_adoption_covers_them(
    plan: list[tuple[str, str, str]],
) -> None:
    figure = _figure()
    history: list[tuple[str, str, str]] = []
    raised = settled = adopted = 0
    was_open = False
    for kind, body, value in plan:
        if kind == "adopt":
            if figure.open_conflict is None or body not in figure.latest:
                continue  # refused: nothing recorded
            event = figure.adopt(figure.open_conflict, body, "lý do")
            figure.apply(event)
            adopted += 1
        else:
            events = figure.report(_checked(body, value), "")
            for e in events:
                figure.apply(e)
            new = sum(isinstance(e, FigureConflictRaised) for e in events)
            # Once per disagreement: raised only where none was open; settled only where one was.
            assert new == 0 or not was_open
            raised += new
            settled += sum(isinstance(e, FigureConflictSettled) for e in events)
        history.append((kind, body, value))
        was_open = figure.open_conflict is not None
        assert was_open == _brute_force_in_conflict(history)
    assert raised == len(figure.conflicts) == settled + adopted + (1 if figure.open_conflict else 0)
