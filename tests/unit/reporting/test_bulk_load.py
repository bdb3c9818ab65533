"""The shares of a set-based rebuild's load (#13): a large load has helper processes, a small one none;
what the rebuild's process has not staged yet when they are up is cut in ranges of every partition
that meet."""

from __future__ import annotations

from aiokafka import TopicPartition

from oneoffice.reporting.adapters.bulk_load import Share, ShareStaging, StagingPlan

DOCS, STAFF = TopicPartition("docs", 0), TopicPartition("staff", 2)
TOPICS = ["docs", "staff"]


def test_a_large_load_has_helpers_a_small_one_none() -> None:
    plan = StagingPlan(processes=3, split_from=1000)

    assert plan.helpers(1000) == 2
    assert plan.helpers(999) == 0
    assert StagingPlan(processes=1, split_from=1).helpers(10**9) == 0


def test_what_is_left_is_cut_in_ranges_that_meet_and_this_share_keeps_the_first() -> None:
    staging = ShareStaging(Share("bulk_events_x_s0", tuple(TOPICS), {DOCS: (0, 1000), STAFF: (0, 7)}))
    staging.stager.next_offsets.update({(0, 0): 100, (1, 2): 7})  # what it has staged so far

    rest = staging.cut(3)

    assert staging.stops == {DOCS: 400, STAFF: 7}
    assert rest == [{DOCS: (400, 700), STAFF: (7, 7)}, {DOCS: (700, 1000), STAFF: (7, 7)}]


def test_a_cut_of_a_partition_almost_read_leaves_the_others_little_or_nothing() -> None:
    staging = ShareStaging(Share("bulk_events_y_s0", tuple(TOPICS), {DOCS: (0, 10)}))
    staging.stager.next_offsets[(0, 0)] = 9

    assert staging.cut(2) == [{DOCS: (9, 10)}]
    assert staging.stops == {DOCS: 9}
