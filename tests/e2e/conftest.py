"""Fixtures of the end-to-end tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.live_demo import LiveDemo, running_demo


@pytest.fixture(scope="session")
def live_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveDemo]:
    """One embedded demo for every test that only talks to its API (the fuzzing, the status table)."""
    with running_demo(tmp_path_factory.mktemp("live-demo")) as demo:
        yield demo
