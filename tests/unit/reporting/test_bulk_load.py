"""The shares of a set-based rebuild's load (#13): a large load cut in ranges of every partition that
meet, one per staging process; a small one staged by the rebuild's process alone."""

from __future__ import annotations

from aiokafka import TopicPartition

from oneoffice.reporting.adapters.bulk_load import StagingPlan

DOCS, STAFF = TopicPartition("docs", 0), TopicPartition("staff", 2)
TOPICS = ["docs", "staff"]


def test_a_large_load_is_cut_in_ranges_of_every_partition_that_meet() -> None:
    shares = StagingPlan(processes=3, split_from=100).shares("bulk_events_x", TOPICS, {DOCS: 1000, STAFF: 7})

    assert [share.table for share in shares] == ["bulk_events_x_s0", "bulk_events_x_s1", "bulk_events_x_s2"]
    assert [share.ranges[DOCS] for share in shares] == [(0, 333), (333, 666), (666, 1000)]
    assert [share.ranges[STAFF] for share in shares] == [(0, 2), (2, 4), (4, 7)]
    assert shares[1].starts == {(0, 0): 333, (1, 2): 2}
    assert shares[2].key(STAFF) == (1, 2)


def test_a_small_load_is_one_share() -> None:
    (share,) = StagingPlan(processes=2, split_from=1008).shares(
        "bulk_events_y", TOPICS, {DOCS: 1000, STAFF: 7}
    )

    assert share.table == "bulk_events_y_s0"
    assert share.ranges == {DOCS: (0, 1000), STAFF: (0, 7)}


def test_a_partition_smaller_than_the_shares_leaves_some_of_them_nothing_to_read() -> None:
    shares = StagingPlan(processes=2, split_from=1).shares("bulk_events_z", TOPICS, {DOCS: 1, STAFF: 0})

    assert [share.ranges for share in shares] == [
        {DOCS: (0, 0), STAFF: (0, 0)},
        {DOCS: (0, 1), STAFF: (0, 0)},
    ]
