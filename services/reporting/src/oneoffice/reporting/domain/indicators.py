"""The indicator catalogue (danh mục chỉ tiêu), versioned on one stream, and what a report must meet.

Each published version is a whole catalogue; the latest one is what reports are checked against.
Publishing the same indicators again records nothing, so a service that publishes its table at
every start (several replicas at once included) adds a version only when the table changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Context, Decimal, InvalidOperation

from oneoffice.contracts.events.reporting import CatalogueIndicator, IndicatorCatalogueVersionPublished

from .figure_errors import CatalogueNotPublished, InvalidFigure, Violation, unknown_body, unknown_indicator
from .periods import Period, shape_of

CATALOGUE_STREAM = "indicator-catalogue"
# Digits a value may have in all (integer and fraction parts): a figure, not an arbitrary number.
MAX_DIGITS = 18
MAX_FRACTION_DIGITS = 4
# Exact arithmetic for any value within the bounds above (and refusal of any beyond them).
_EXACT = Context(prec=40)


@dataclass(slots=True)
class IndicatorCatalogue:
    """The published versions, latest last."""

    versions: list[IndicatorCatalogueVersionPublished] = field(default_factory=list)

    @property
    def version(self) -> int:
        return len(self.versions)

    def latest(self) -> IndicatorCatalogueVersionPublished:
        if not self.versions:
            raise CatalogueNotPublished()
        return self.versions[-1]

    def publish(self, indicators: Sequence[CatalogueIndicator]) -> IndicatorCatalogueVersionPublished | None:
        """The next version, or None when ``indicators`` are those of the latest version already."""
        if self.versions and list(self.versions[-1].indicators) == list(indicators):
            return None
        return IndicatorCatalogueVersionPublished(version=self.version + 1, indicators=list(indicators))

    def apply(self, event: IndicatorCatalogueVersionPublished) -> None:
        self.versions.append(event)


@dataclass(frozen=True, slots=True)
class CheckedReport:
    """A report that meets the catalogue's rules."""

    indicator: CatalogueIndicator
    catalogue_version: int
    period: Period
    body_code: str
    value: Decimal


def check_report(
    catalogue: IndicatorCatalogueVersionPublished,
    bodies: frozenset[str],  # those of the commune that reports
    indicator_code: str,
    period_text: str,
    body_code: str,
    value_text: str,
    today: date,
) -> CheckedReport:
    """The report, checked; raises :class:`InvalidFigure` naming every broken rule at once."""
    violations: list[Violation] = []
    indicator = next((i for i in catalogue.indicators if i.code == indicator_code), None)
    if indicator is None:
        violations.append(unknown_indicator(indicator_code))
    if body_code not in bodies:
        violations.append(unknown_body(body_code, bodies))
    value = _value(value_text, violations)
    period: Period | None = None
    if indicator is not None:
        period = _period(indicator, period_text, today, violations)
        if value is not None:
            _in_range(indicator, value, violations)
    if violations or indicator is None or period is None or value is None:
        raise InvalidFigure(violations)
    return CheckedReport(indicator, catalogue.version, period, body_code, value)


def _value(text: str, violations: list[Violation]) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        violations.append(
            Violation(
                "invalid_value",
                "value",
                f"Giá trị '{text}' không phải là một số (ví dụ 12.4).",
                f"Value '{text}' is not a number (e.g. 12.4).",
            )
        )
        return None
    # Bounded before any arithmetic: normalising 1E+999999999999 would overflow the context.
    raw = value.as_tuple()
    if len(raw.digits) > _EXACT.prec or (value != 0 and not -_EXACT.prec < value.adjusted() < _EXACT.prec):
        violations.append(_too_precise())
        return None
    value = value.normalize(_EXACT)
    digits = value.as_tuple()
    exponent = int(digits.exponent)
    fraction = max(0, -exponent)
    if len(digits.digits) + max(0, exponent) > MAX_DIGITS or fraction > MAX_FRACTION_DIGITS:
        violations.append(_too_precise())
        return None
    # One spelling per number (12.40 and 12.4 are the same figure; 1E+2 is written 100).
    if value == 0:
        return Decimal(0)
    return value.quantize(Decimal(1)) if exponent > 0 else value


def _too_precise() -> Violation:
    return Violation(
        "value_too_precise",
        "value",
        f"Giá trị có tối đa {MAX_DIGITS} chữ số, {MAX_FRACTION_DIGITS} chữ số sau dấu thập phân.",
        f"A value has at most {MAX_DIGITS} digits, {MAX_FRACTION_DIGITS} after the decimal point.",
    )


def _period(
    indicator: CatalogueIndicator, text: str, today: date, violations: list[Violation]
) -> Period | None:
    period = Period.parse(text, indicator.periodicity)
    if period is None:
        vi, en = shape_of(indicator.periodicity)
        violations.append(
            Violation(
                "invalid_period",
                "period",
                f"Kỳ báo cáo '{text}' không đúng dạng {vi} của chỉ tiêu {indicator.code}.",
                f"Period '{text}' does not have the shape {en} of indicator {indicator.code}.",
            )
        )
        return None
    if not period.started_by(today):
        violations.append(
            Violation(
                "future_period",
                "period",
                f"Kỳ báo cáo {text} chưa bắt đầu (hôm nay {today:%d/%m/%Y}).",
                f"Period {text} has not begun yet (today is {today.isoformat()}).",
            )
        )
        return None
    return period


def _in_range(indicator: CatalogueIndicator, value: Decimal, violations: list[Violation]) -> None:
    low, high = indicator.minimum, indicator.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        shown = f"{'' if low is None else low} – {'' if high is None else high}"
        violations.append(
            Violation(
                "value_out_of_range",
                "value",
                f"Giá trị {value} nằm ngoài khoảng cho phép {shown} {indicator.unit} "
                f"của chỉ tiêu {indicator.code}.",
                f"Value {value} is outside the allowed range {shown} {indicator.unit} "
                f"of indicator {indicator.code}.",
            )
        )
