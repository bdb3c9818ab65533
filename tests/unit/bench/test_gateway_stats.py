"""The pure parts of `make bench-gateway`: the open-loop schedule, percentiles, a run's summary."""

from __future__ import annotations

import math

import pytest

from bench.gateway_stats import (
    Quantiles,
    Sent,
    arrival_offsets,
    contiguous_top,
    percentile,
    register_delays,
    summarize,
)


def test_the_schedule_spaces_requests_evenly_at_the_rate() -> None:
    offsets = arrival_offsets(250, 2)
    assert len(offsets) == 500
    assert offsets[0] == 0
    assert offsets[1] == pytest.approx(0.004)
    assert offsets[-1] == pytest.approx(1.996)


def test_the_schedule_does_not_depend_on_answers_and_is_empty_for_no_rate() -> None:
    assert arrival_offsets(1000, 0.0105) == pytest.approx([0.0, 0.001, 0.002, 0.003, 0.004, 0.005, 0.006,
                                                           0.007, 0.008, 0.009])  # fmt: skip
    assert arrival_offsets(0, 60) == []


def test_percentiles_are_nearest_rank() -> None:
    values = [float(v) for v in range(100, 0, -1)]  # 100 values, unsorted
    assert percentile(values, 50) == 50
    assert percentile(values, 99) == 99
    assert percentile(values, 100) == 100
    assert percentile([7.0], 99) == 7
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3  # the smallest value with >= 50% at or below it
    assert percentile([float(v) for v in range(1, 11)], 91) == 10
    assert math.isnan(percentile([], 50))


def test_a_single_slow_answer_in_a_hundred_shows_in_p99_only_from_the_top() -> None:
    quantiles = Quantiles.of([0.010] * 99 + [2.0])
    assert (quantiles.p50, quantiles.p95, quantiles.p99) == (0.010, 0.010, 0.010)
    assert Quantiles.of([0.010] * 98 + [2.0, 2.0]).p99 == 2.0


def test_latency_counts_from_the_scheduled_start_so_a_late_client_hides_nothing() -> None:
    late = Sent(scheduled=100.0, started=100.5, finished=100.6, status="201", document_id="d1")
    assert late.latency == pytest.approx(0.6)
    assert late.lateness == pytest.approx(0.5)


def test_a_summary_counts_errors_by_status_and_late_starts() -> None:
    sent = [
        Sent(0.0, 0.001, 0.020, "201", "a"),
        Sent(0.1, 0.150, 0.200, "201", "b"),  # started 50 ms late
        Sent(0.2, 0.201, 0.300, "409"),
        Sent(0.3, 0.301, 1.000, "ReadTimeout"),
    ]
    summary = summarize(4, sent)
    assert (summary.sent, summary.ok, summary.errors) == (4, 2, 2)
    assert summary.error_text() == "409: 1, ReadTimeout: 1"
    assert summary.late_starts == 1
    assert summary.max_lateness == pytest.approx(0.05)
    assert summary.throughput == pytest.approx(2 / 1.0)
    assert summary.latency.p99 == pytest.approx(0.1)  # successful answers only


def test_an_empty_run_summarizes_to_nothing_sent() -> None:
    summary = summarize(10, [])
    assert (summary.sent, summary.throughput, summary.error_text()) == (0, 0.0, "none")


def test_register_delays_run_from_each_command_start_and_count_rows_never_seen() -> None:
    sent = [
        Sent(0.0, 0.0, 0.05, "201", "a"),
        Sent(0.1, 0.1, 0.15, "201", "b"),
        Sent(0.2, 0.2, 0.25, "409"),  # registered nothing
    ]
    delays, missing = register_delays(sent, {"a": 0.4})
    assert delays == [pytest.approx(0.4)]
    assert missing == 1


def test_the_register_watch_only_rereads_above_the_numbers_seen_without_gaps() -> None:
    assert contiguous_top({1, 2, 3, 5}, 0) == 3
    assert contiguous_top({1, 2, 3, 5}, 3) == 3
    assert contiguous_top({4, 5}, 3) == 5
    assert contiguous_top(set(), 7) == 7
