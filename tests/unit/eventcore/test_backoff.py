"""The back-off of every retrying loop: doubling, capped, jittered, reset by a success."""

from __future__ import annotations

import random

import pytest

from oneoffice.eventcore.backoff import Backoff


def test_delays_double_from_the_first_up_to_the_cap_at_full_jitter() -> None:
    backoff = Backoff(0.5, 4.0, random_fraction=lambda: 1.0)

    assert [backoff.failed() for _ in range(6)] == [0.5, 1.0, 2.0, 4.0, 4.0, 4.0]


def test_each_wait_lies_between_half_and_all_of_its_nominal_delay() -> None:
    backoff = Backoff(1.0, 30.0, random_fraction=random.Random(7).random)
    for _ in range(40):
        waited = backoff.failed()
        assert backoff.nominal / 2 <= waited <= backoff.nominal
    assert backoff.nominal == 30.0, "many failures in a row wait at most the cap"


def test_waits_of_replicas_differ_so_they_do_not_retry_in_lock_step() -> None:
    draws = random.Random(3)
    waits = {Backoff(2.0, 2.0, random_fraction=draws.random).failed() for _ in range(10)}

    assert len(waits) == 10


def test_a_success_starts_again_from_the_first_delay() -> None:
    backoff = Backoff(0.5, 8.0, random_fraction=lambda: 1.0)
    for _ in range(5):
        backoff.failed()

    backoff.succeeded()

    assert backoff.failures == 0
    assert backoff.failed() == 0.5


@pytest.mark.parametrize("failures", [100, 10_000])
def test_a_long_outage_never_overflows_the_delay(failures: int) -> None:
    backoff = Backoff(0.1, 30.0, random_fraction=lambda: 1.0)
    for _ in range(failures):
        waited = backoff.failed()

    assert waited == 30.0
