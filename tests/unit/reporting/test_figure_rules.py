"""What a report must meet: a catalogued indicator, a known body, a period of the indicator's shape
that has begun, a number within the indicator's range — every broken rule named at once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from oneoffice.reporting.adapters.indicator_data import load_bodies, load_indicators
from oneoffice.reporting.domain.figure_errors import InvalidFigure
from oneoffice.reporting.domain.indicators import IndicatorCatalogue, check_report

from .figure_samples import BODIES, CATALOGUE, INDICATORS

TODAY = date(2026, 5, 20)


def _codes(indicator: str, period: str, body: str, value: str) -> list[tuple[str, str]]:
    with pytest.raises(InvalidFigure) as refused:
        check_report(CATALOGUE, BODIES, indicator, period, body, value, TODAY)
    return [(v.code, v.field) for v in refused.value.violations]


def test_a_report_meeting_every_rule_is_checked_with_a_normalised_value() -> None:
    checked = check_report(CATALOGUE, BODIES, "TL_HO_NGHEO", "2026-Q2", "UBND", "12.40", TODAY)
    assert (checked.value, checked.period.start, checked.catalogue_version) == (
        Decimal("12.4"),
        date(2026, 4, 1),
        1,
    )
    assert str(check_report(CATALOGUE, BODIES, "DS_TONG", "2025", "UBND", "1E+2", TODAY).value) == "100"


@pytest.mark.parametrize(
    ("indicator", "period", "body", "value", "expected"),
    [
        ("KHONG_CO", "2026", "UBND", "1", [("unknown_indicator", "indicator")]),
        ("TL_HO_NGHEO", "2026-Q1", "BAN_X", "1", [("unknown_body", "body")]),
        ("TL_HO_NGHEO", "2026-03", "UBND", "1", [("invalid_period", "period")]),
        ("TL_HO_NGHEO", "2026-Q5", "UBND", "1", [("invalid_period", "period")]),
        ("DS_TONG", "2026-Q1", "UBND", "1", [("invalid_period", "period")]),
        ("THU_NSNN", "2026-13", "UBND", "1", [("invalid_period", "period")]),
        ("THU_NSNN", "2026-06", "UBND", "1", [("future_period", "period")]),
        ("TL_HO_NGHEO", "2026-Q3", "UBND", "1", [("future_period", "period")]),
        ("TL_HO_NGHEO", "2026-Q1", "UBND", "100.5", [("value_out_of_range", "value")]),
        ("DS_TONG", "2025", "UBND", "-1", [("value_out_of_range", "value")]),
        ("DS_TONG", "2025", "UBND", "mười", [("invalid_value", "value")]),
        ("DS_TONG", "2025", "UBND", "NaN", [("invalid_value", "value")]),
        ("THU_NSNN", "2026-01", "UBND", "1.23456", [("value_too_precise", "value")]),
        ("THU_NSNN", "2026-01", "UBND", "1E+40", [("value_too_precise", "value")]),
        ("THU_NSNN", "2026-01", "UBND", "1e999999999999", [("value_too_precise", "value")]),
        ("THU_NSNN", "2026-01", "UBND", "-1e-99999999999", [("value_too_precise", "value")]),
        ("THU_NSNN", "2026-01", "UBND", "1." + "0" * 60 + "1", [("value_too_precise", "value")]),
        (
            "KHONG_CO",
            "2026",
            "BAN_X",
            "x",
            [("unknown_indicator", "indicator"), ("unknown_body", "body"), ("invalid_value", "value")],
        ),
    ],
)
def test_a_report_breaking_a_rule_is_refused_naming_each_rule(
    indicator: str, period: str, body: str, value: str, expected: list[tuple[str, str]]
) -> None:
    assert _codes(indicator, period, body, value) == expected


def test_the_current_period_may_be_reported_as_a_running_estimate() -> None:
    assert check_report(CATALOGUE, BODIES, "THU_NSNN", "2026-05", "UBND", "7", TODAY).period.text == "2026-05"


def test_publishing_the_same_indicators_again_gives_no_new_version() -> None:
    catalogue = IndicatorCatalogue()
    first = catalogue.publish(INDICATORS)
    assert first is not None and first.version == 1
    catalogue.apply(first)
    assert catalogue.publish(list(INDICATORS)) is None
    changed = catalogue.publish(INDICATORS[:2])
    assert changed is not None and changed.version == 2


def test_the_shipped_catalogue_has_a_dozen_commune_indicators_and_the_commune_bodies() -> None:
    indicators = load_indicators()
    assert len(indicators) == 12
    assert {"DS_TONG", "TL_HO_NGHEO", "THU_NSNN", "TIEU_CHI_NTM"} <= {i.code for i in indicators}
    assert {"UBND", "DANG_UY", "MTTQ", "HDND"} <= load_bodies()
