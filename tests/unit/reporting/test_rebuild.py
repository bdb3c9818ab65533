"""A rebuild replays the log twice: the bulk while the live subscription runs, the tail while it waits."""

from __future__ import annotations

import pytest

from oneoffice.reporting.application.rebuild import rebuild_projection

from .fakes import FakeFollower, FakeReplay, FakeRunner


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
