"""Kafka topic names: one topic per publishing service, and a dead-letter topic per topic.

Every event of a service goes to that service's topic, keyed by commune id, so one commune's events
stay in order. A test run prepends its own prefix (e.g. ``run42.``) so runs never share topics.
"""

from __future__ import annotations

import re

# Kafka's own rule (kafka.common.internals.Topic): ASCII letters, digits, '.', '_', '-'; at most 249.
_LEGAL_TOPIC = re.compile(r"[A-Za-z0-9._-]{1,249}")
# A service is one segment of the name, so the topic's structure stays unambiguous.
_SERVICE = re.compile(r"[a-z][a-z0-9-]*")

DEAD_LETTER_SUFFIX = ".dlq"


def validate_topic(name: str) -> str:
    """Return ``name`` if Kafka accepts it as a topic name, else raise ValueError."""
    if not _LEGAL_TOPIC.fullmatch(name) or name in {".", ".."}:
        raise ValueError(
            f"illegal Kafka topic name {name!r}: use 1 to 249 of the characters A-Z a-z 0-9 . _ - "
            "(and neither '.' nor '..')"
        )
    return name


def topic_for(service: str, prefix: str = "") -> str:
    """The events topic of ``service``, e.g. ``oneoffice.documents.events.v1`` (``prefix`` prepended)."""
    if not _SERVICE.fullmatch(service):
        raise ValueError(f"illegal service name {service!r}: lowercase letters, digits and '-'")
    return validate_topic(f"{prefix}oneoffice.{service}.events.v1")


def dead_letter_topic(topic: str) -> str:
    """Where a consumer parks a message of ``topic`` that keeps failing after its bounded retries."""
    return validate_topic(validate_topic(topic) + DEAD_LETTER_SUFFIX)


DOCUMENTS_EVENTS = topic_for("documents")
STAFF_EVENTS = topic_for("staff")
REPORTING_EVENTS = topic_for("reporting")
