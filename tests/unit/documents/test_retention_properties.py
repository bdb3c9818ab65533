"""Retention arithmetic and disposal, for any period, closing day and sequence of commands."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneoffice.documents.adapters.retention_data import load_retention
from oneoffice.documents.domain.errors import DocumentsError
from oneoffice.documents.domain.record_files import CommuneRecords, RecordStatus
from oneoffice.documents.domain.retention import handover_due_on, handover_notice_on

SCHEDULE = load_retention()
DATED = [p for p in SCHEDULE.periods.values() if p.years is not None]
days = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))


def test_the_configured_periods_are_those_of_the_regulation() -> None:
    years = sorted(p.years for p in DATED if p.years is not None)
    assert years == [5, 10, 15, 20, 50, 70]
    assert SCHEDULE.periods["permanent"].permanent
    assert {g.retention for g in SCHEDULE.groups} <= set(SCHEDULE.periods)


@pytest.mark.parametrize("period", DATED, ids=lambda p: p.code)
@given(closed_on=days)
def test_a_dated_file_is_kept_to_the_end_of_the_year_its_period_counts_to(period, closed_on: date) -> None:  # type: ignore[no-untyped-def]
    expires = period.expires_on(closed_on)
    assert expires == date(closed_on.year + period.years, 12, 31)
    assert expires - closed_on >= timedelta(days=365 * period.years)


@given(closed_on=days)
def test_the_hand_over_falls_a_year_after_closing_and_the_notice_30_days_before(closed_on: date) -> None:
    due = handover_due_on(closed_on)
    assert due.year == closed_on.year + 1
    assert (due.month, due.day) == (closed_on.month, closed_on.day) or (closed_on.month, closed_on.day) == (
        2,
        29,
    )
    assert due - handover_notice_on(closed_on) == timedelta(days=30)


@pytest.mark.parametrize("period", DATED, ids=lambda p: p.code)
@given(
    closed_on=st.dates(min_value=date(1950, 1, 1), max_value=date(2020, 12, 31)),
    offset=st.integers(-400, 400),
)
def test_disposal_is_refused_through_the_expiry_day_and_allowed_after(
    period, closed_on: date, offset: int
) -> None:  # type: ignore[no-untyped-def]
    records = CommuneRecords("16876", dict(SCHEDULE.periods))
    records.apply(
        records.open(
            file_id="f",
            body_code="UBND",
            year=closed_on.year,
            file_code="01",
            title="t",
            retention=period,
            keeper="k",
            actor="a",
        )
    )
    records.apply(records.close("f", closed_on, closed_on, "a"))
    expires = period.expires_on(closed_on)
    decided_on = expires + timedelta(days=offset)
    today = date(2200, 1, 1)
    if offset <= 0:
        with pytest.raises(DocumentsError):
            records.dispose(
                "f", decision_number="1", council="c", decided_on=decided_on, today=today, actor="a"
            )
    else:
        event = records.dispose(
            "f", decision_number="1", council="c", decided_on=decided_on, today=today, actor="a"
        )
        records.apply(event)
        assert records.files["f"].status is RecordStatus.DISPOSED


commands = st.lists(
    st.tuples(
        st.sampled_from(["close", "link", "hand_over", "dispose", "notice"]),
        st.sampled_from(["f", "g"]),
        st.integers(0, 60 * 366),
    ),
    max_size=25,
)


@settings(max_examples=200)
@given(retention_g=st.sampled_from(sorted(SCHEDULE.periods)), steps=commands)
def test_no_sequence_of_commands_disposes_of_a_permanent_file(
    retention_g: str, steps: list[tuple[str, str, int]]
) -> None:
    records = CommuneRecords("16876", dict(SCHEDULE.periods))
    start = date(2000, 1, 1)
    for file_id, retention in (("f", "permanent"), ("g", retention_g)):
        records.apply(
            records.open(
                file_id=file_id,
                body_code="UBND",
                year=2000,
                file_code=file_id,
                title="t",
                retention=SCHEDULE.periods[retention],
                keeper="k",
                actor="a",
            )
        )
    for name, file_id, day_offset in steps:
        day = start + timedelta(days=day_offset)
        try:
            match name:
                case "close":
                    records.apply(records.close(file_id, day, day, "a"))
                case "link":
                    linked = records.link(file_id, "incoming", f"doc-{day_offset}", "a")
                    if linked is not None:
                        records.apply(linked)
                case "hand_over":
                    records.apply(
                        records.hand_over(
                            handover_id=f"h{day_offset}",
                            file_ids=[file_id],
                            handed_over_on=day,
                            receiver="r",
                            today=day,
                            actor="a",
                        )
                    )
                case "dispose":
                    records.apply(
                        records.dispose(
                            file_id, decision_number="1", council="c", decided_on=day, today=day, actor="a"
                        )
                    )
                case "notice":
                    for notice in records.due_notices(day):
                        records.apply(notice)
        except DocumentsError:
            pass
        assert records.files["f"].disposal is None
