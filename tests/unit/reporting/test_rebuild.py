"""A rebuild replays the log twice: the bulk while the live subscription runs, the tail while it waits."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from oneoffice.eventcore.rebuild_lease import RebuildLeaseHeld
from oneoffice.reporting.application.errors import EventLogTruncated, RebuildAlreadyRunning
from oneoffice.reporting.application.rebuild import rebuild_projection

from .fakes import FakeCheckedReplay, FakeFollower, FakeReplay, FakeRunner


async def test_live_subscription_waits_from_the_tail_of_the_replay_until_after_the_switch() -> None:
    log: list[str] = []
    runner, replay = FakeRunner(log), FakeReplay(log)

    generation = await rebuild_projection(runner, "reporting.incoming_register", replay, FakeFollower(log))

    assert generation == 2
    assert log == ["replay", "pause", "replay", "switch", "resume"]
    assert runner.subscriptions == ["reporting.incoming_register"]
    assert replay.names == ["reporting.incoming_register#g2"] * 2


async def test_without_a_live_subscription_the_log_is_replayed_once() -> None:
    log: list[str] = []

    await rebuild_projection(FakeRunner(log), "reporting.incoming_register", FakeReplay(log))

    assert log == ["replay", "switch"]


async def test_live_subscription_resumes_when_the_rebuild_fails() -> None:
    log: list[str] = []

    with pytest.raises(RuntimeError, match="switch failed"):
        await rebuild_projection(
            FakeRunner(log, fail_after_replay=True),
            "reporting.incoming_register",
            FakeReplay(log),
            FakeFollower(log),
        )

    assert log == ["replay", "pause", "replay", "resume"]


async def test_a_rebuild_refused_by_the_lease_says_so_in_vietnamese_and_english() -> None:
    log: list[str] = []
    held = RebuildLeaseHeld(
        "reporting.incoming_register", "host:42:ab", datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    )

    with pytest.raises(RebuildAlreadyRunning) as refused:
        await rebuild_projection(
            FakeRunner(log, refuse_with=held),
            "reporting.incoming_register",
            FakeReplay(log),
            FakeFollower(log),
        )

    assert "Đang có một lần dựng lại dữ liệu báo cáo" in refused.value.message_vi
    assert "host:42:ab" in refused.value.message_en and "Another rebuild" in refused.value.message_en
    assert log == []  # the live subscription was never paused


async def test_a_log_known_to_have_lost_events_is_refused_before_the_rebuild_starts() -> None:
    log: list[str] = []
    runner = FakeRunner(log)
    missing = EventLogTruncated("oneoffice.documents.events.v1", {1: 7}, {"retention.ms": "604800000"})

    with pytest.raises(EventLogTruncated, match="no longer holds its first events"):
        await rebuild_projection(runner, "reporting.incoming_register", FakeCheckedReplay(log, missing))

    assert runner.subscriptions == [] and log == ["check"]
    assert "1: 7" in missing.message_vi and "retention.ms=604800000" in missing.message_en


async def test_a_complete_log_is_checked_then_replayed() -> None:
    log: list[str] = []

    assert (
        await rebuild_projection(FakeRunner(log), "reporting.incoming_register", FakeCheckedReplay(log)) == 2
    )

    assert log == ["check", "replay", "switch"]
