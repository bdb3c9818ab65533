"""The garbage collector's pace a process sets at start (eventcore.gc_tuning)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from oneoffice.eventcore.gc_tuning import DEFAULT_YOUNG_THRESHOLD, tune_garbage_collector
from oneoffice.eventcore.settings import ServiceSettings


@pytest.fixture
def restored_collector() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.set_threshold(*threshold)
    gc.unfreeze()


@pytest.mark.usefixtures("restored_collector")
def test_tuning_grows_the_young_generation_and_keeps_the_older_ones_as_they_were() -> None:
    _, older, oldest = gc.get_threshold()
    tune_garbage_collector(12_345)
    assert gc.get_threshold() == (12_345, older, oldest)


@pytest.mark.usefixtures("restored_collector")
def test_tuning_freezes_what_start_up_made_so_that_no_collection_walks_it_again() -> None:
    gc.unfreeze()
    made_at_start = [[] for _ in range(1000)]
    tune_garbage_collector(DEFAULT_YOUNG_THRESHOLD)
    assert gc.get_freeze_count() >= len(made_at_start)


@pytest.mark.usefixtures("restored_collector")
def test_a_threshold_of_zero_leaves_python_as_it_was() -> None:
    gc.unfreeze()
    before = gc.get_threshold()
    tune_garbage_collector(0)
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)


@pytest.mark.usefixtures("restored_collector")
def test_cyclic_garbage_is_still_collected_after_tuning() -> None:
    tune_garbage_collector(100)
    collected = []

    class Node:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            collected.append(1)

    for _ in range(10):
        Node()
    kept = [[] for _ in range(1000)]  # live allocations past the young threshold
    assert kept
    assert collected


def test_every_process_reads_its_pace_from_its_settings_and_refuses_a_negative_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert ServiceSettings().gc_young_threshold == DEFAULT_YOUNG_THRESHOLD
    monkeypatch.setenv("GC_YOUNG_THRESHOLD", "0")
    assert ServiceSettings().gc_young_threshold == 0
    monkeypatch.setenv("GC_YOUNG_THRESHOLD", "-1")
    with pytest.raises(ValueError, match="greater than or equal to 0"):
        ServiceSettings()
