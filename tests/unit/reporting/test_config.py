"""The reporting settings read the Kafka source from ONEOFFICE_REPORTING_* variables."""

from __future__ import annotations

import pytest

from oneoffice.reporting.config import Settings


def test_without_kafka_settings_the_service_runs_embedded(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KAFKA_BOOTSTRAP", "KAFKA_TOPIC_PREFIX", "KAFKA_GROUP_ID"):
        monkeypatch.delenv(f"ONEOFFICE_REPORTING_{name}", raising=False)

    settings = Settings()

    assert settings.kafka_bootstrap is None
    assert settings.kafka_topic_prefix == ""
    assert settings.kafka_group_id == "oneoffice-reporting"


def test_kafka_source_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONEOFFICE_REPORTING_KAFKA_BOOTSTRAP", "kafka:9092")
    monkeypatch.setenv("ONEOFFICE_REPORTING_KAFKA_TOPIC_PREFIX", "run42.")
    monkeypatch.setenv("ONEOFFICE_REPORTING_KAFKA_GROUP_ID", "reporting-a")

    settings = Settings()

    assert (settings.kafka_bootstrap, settings.kafka_topic_prefix, settings.kafka_group_id) == (
        "kafka:9092",
        "run42.",
        "reporting-a",
    )
