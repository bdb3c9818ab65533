from __future__ import annotations

import pytest

from oneoffice.contracts import topics


def test_each_service_has_one_versioned_events_topic() -> None:
    assert topics.DOCUMENTS_EVENTS == "oneoffice.documents.events.v1"
    assert topics.STAFF_EVENTS == "oneoffice.staff.events.v1"
    assert topics.REPORTING_EVENTS == "oneoffice.reporting.events.v1"


def test_prefix_is_prepended_to_the_topic() -> None:
    assert topics.topic_for("documents", prefix="run42.") == "run42.oneoffice.documents.events.v1"


def test_dead_letter_topic_is_derived_from_the_topic() -> None:
    topic = topics.topic_for("staff", prefix="run42.")
    assert topics.dead_letter_topic(topic) == "run42.oneoffice.staff.events.v1.dlq"


@pytest.mark.parametrize("name", [topics.DOCUMENTS_EVENTS, "run_42.oneoffice.x-y.events.v1", "a" * 249])
def test_legal_topic_names_are_accepted(name: str) -> None:
    assert topics.validate_topic(name) == name


@pytest.mark.parametrize("name", ["", ".", "..", "has space", "văn-thư", "a/b", "a:b", "a" * 250, "topic\n"])
def test_illegal_topic_names_raise(name: str) -> None:
    with pytest.raises(ValueError, match="illegal Kafka topic name"):
        topics.validate_topic(name)


@pytest.mark.parametrize("prefix", ["run 42.", "run/42.", "ö."])
def test_illegal_prefix_raises(prefix: str) -> None:
    with pytest.raises(ValueError, match="illegal Kafka topic name"):
        topics.topic_for("documents", prefix=prefix)


@pytest.mark.parametrize("service", ["", "Documents", "documents.v2", "doc uments", "1staff"])
def test_illegal_service_name_raises(service: str) -> None:
    with pytest.raises(ValueError, match="illegal service name"):
        topics.topic_for(service)


def test_dead_letter_topic_that_would_be_too_long_raises() -> None:
    with pytest.raises(ValueError):
        topics.dead_letter_topic("a" * 246)


def test_dead_letter_of_an_illegal_topic_raises() -> None:
    with pytest.raises(ValueError):
        topics.dead_letter_topic("bad topic")
