"""The pure parts of ``make bench-gateway``: the arrival schedule, percentiles and a run's summary.

No I/O here: the load process and the orchestrator both use it, and unit tests check it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# A send that starts later than this after its scheduled time is counted as a late start.
LATE_START = 0.010


def arrival_offsets(rate: float, seconds: float) -> list[float]:
    """When each request is due, in seconds from the start: a fixed arrival rate (open loop)."""
    if rate <= 0 or seconds <= 0:
        return []
    return [i / rate for i in range(math.floor(rate * seconds))]


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank ``q``-th percentile (0 < q <= 100); NaN when there are no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Sent:
    """One request of a load run, its times in seconds on the wall clock."""

    scheduled: float
    started: float
    finished: float
    status: str  # the HTTP status code, or the name of the transport error
    document_id: str | None = None

    @property
    def latency(self) -> float:
        # From the scheduled start: time a request waited for the client (an overloaded load
        # generator, a full connection pool) counts too, so that no slow answer is hidden.
        return self.finished - self.scheduled

    @property
    def lateness(self) -> float:
        return self.started - self.scheduled


@dataclass(frozen=True)
class Quantiles:
    p50: float
    p95: float
    p99: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Quantiles:
        ordered = sorted(values)
        return cls(*(percentile(ordered, q) for q in (50, 95, 99)))

    def ms(self) -> str:
        return " / ".join(_ms(v) for v in (self.p50, self.p95, self.p99))


@dataclass(frozen=True)
class RunSummary:
    """What one rate of one route gave."""

    offered_rate: float
    sent: int
    ok: int
    throughput: float  # successful answers per second, over the run's wall time
    latency: Quantiles
    statuses: Mapping[str, int]
    late_starts: int
    max_lateness: float

    @property
    def errors(self) -> int:
        return self.sent - self.ok

    def error_text(self) -> str:
        failed = {status: n for status, n in self.statuses.items() if not _is_ok(status)}
        return ", ".join(f"{status}: {n}" for status, n in sorted(failed.items())) or "none"


def summarize(offered_rate: float, sent: Sequence[Sent]) -> RunSummary:
    ok = [s for s in sent if _is_ok(s.status)]
    statuses = Counter(s.status for s in sent)
    if sent:
        span = max(s.finished for s in sent) - min(s.scheduled for s in sent)
    else:
        span = 0.0
    lateness = [s.lateness for s in sent]
    return RunSummary(
        offered_rate=offered_rate,
        sent=len(sent),
        ok=len(ok),
        throughput=len(ok) / span if span > 0 else 0.0,
        latency=Quantiles.of([s.latency for s in ok]),
        statuses=dict(statuses),
        late_starts=sum(1 for late in lateness if late > LATE_START),
        max_lateness=max(lateness, default=0.0),
    )


def register_delays(sent: Iterable[Sent], seen_at: Mapping[str, float]) -> tuple[list[float], int]:
    """For each registered document, the time from its command's start to its row being seen in the
    register; and how many registered documents never showed up there."""
    delays: list[float] = []
    missing = 0
    for s in sent:
        if s.document_id is None:
            continue
        seen = seen_at.get(s.document_id)
        if seen is None:
            missing += 1
        else:
            delays.append(max(0.0, seen - s.started))
    return delays, missing


def contiguous_top(numbers: set[int], low: int) -> int:
    """The largest n >= low such that every number in (low, n] is in ``numbers``."""
    while low + 1 in numbers:
        low += 1
    return low


def _is_ok(status: str) -> bool:
    return status.startswith("2")


def _ms(seconds: float) -> str:
    return "-" if math.isnan(seconds) else f"{seconds * 1000:.1f}"
