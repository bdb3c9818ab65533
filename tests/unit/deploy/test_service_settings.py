"""Each service reads the ONEOFFICE_<SERVICE>_* variables it always read, with the same defaults."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from oneoffice.documents.config import Settings as DocumentsSettings
from oneoffice.eventcore.settings import ServiceSettings
from oneoffice.gateway.config import EMBEDDED_JWT_SECRET
from oneoffice.gateway.config import Settings as GatewaySettings
from oneoffice.reporting.config import Settings as ReportingSettings
from oneoffice.staff.config import Settings as StaffSettings

COMMON = {"log_level": "INFO", "otlp_endpoint": None, "gc_young_threshold": 50_000}
INTERNAL_AUTH = {
    "internal_auth": "secret",
    "internal_secret": SecretStr("changethis"),
    "internal_tls_ca": None,
    "internal_tls_cert": None,
    "internal_tls_key": None,
}
GRPC = {
    **COMMON,
    **INTERNAL_AUTH,
    "grpc_host": "127.0.0.1",
    "kafka_bootstrap": None,
    "kafka_topic_prefix": "",
    "kafka_max_message_bytes": 1 << 20,
    "kafka_topic_partitions": 3,
    "metrics_host": "127.0.0.1",
    # The signed audit checkpoint (#13): no key, the default file.
    "audit_checkpoint_key": None,
    "audit_checkpoint_file": None,
}
DEFAULTS: dict[str, tuple[type[ServiceSettings], dict[str, Any]]] = {
    "documents": (
        DocumentsSettings,
        {
            **GRPC,
            "database_url": SecretStr("sqlite+aiosqlite:///var/documents.db"),
            "grpc_port": 50051,
            "metrics_port": 9464,
            "reference_data_dir": None,
            "kafka_group_id": "oneoffice-documents",
            "blob_dir": Path("var/documents-blobs"),
            "max_attachment_size": 20 * 1024 * 1024,
            "due_soon_working_days": 3,
            "watch_tick_seconds": 60.0,
        },
    ),
    "staff": (
        StaffSettings,
        {
            **GRPC,
            "database_url": SecretStr("sqlite+aiosqlite:///var/staff.db"),
            "grpc_port": 50052,
            "metrics_port": 9465,
        },
    ),
    "reporting": (
        ReportingSettings,
        {
            **GRPC,
            "database_url": SecretStr("sqlite+aiosqlite:///var/reporting.db"),
            "grpc_port": 50053,
            "metrics_port": 9466,
            "kafka_group_id": "oneoffice-reporting",
            "reference_data_dir": None,
            "dashboard_max_staleness_seconds": 0.0,
            "set_based_rebuild": True,
            "set_based_staging_processes": 2,
            "set_based_split_from": 500_000,
        },
    ),
    "gateway": (
        GatewaySettings,
        {
            **COMMON,
            **INTERNAL_AUTH,
            "host": "127.0.0.1",
            "port": 8000,
            "documents_target": "127.0.0.1:50051",
            "staff_target": "127.0.0.1:50052",
            "reporting_target": "127.0.0.1:50053",
            "health_deadline": 2.0,
            "grpc_timeout": 10.0,
            "max_in_flight": 64,
            "default_commune_id": "16876",
            "deployment": None,
            "jwt_secret": SecretStr(EMBEDDED_JWT_SECRET),
            "access_token_lifetime": 3600,
            "oidc_issuer": None,
            "oidc_jwks_url": None,
            "oidc_audience": None,
            "oidc_username_claim": "preferred_username",
            "oidc_jwks_lifespan": 300.0,
            "oidc_refetch_cooldown": 30.0,
            "max_body_size": 1024 * 1024,
            "max_attachment_size": 20 * 1024 * 1024,
            "idempotency_ttl": 24 * 3600.0,
            "idempotency_max_entries": 10_000,
            "login_failures_per_username": "5/minute",
            "login_failures_per_address": "20/minute",
            "rate_limit_storage": "async+memory://",
            "trusted_proxies": (),
            "cookie_secure": True,
        },
    ),
}


@pytest.fixture(autouse=True)
def no_oneoffice_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in list(os.environ):
        if variable.startswith("ONEOFFICE_"):
            monkeypatch.delenv(variable)


@pytest.mark.parametrize("name", sorted(DEFAULTS))
def test_defaults_are_those_of_a_single_machine_run(name: str) -> None:
    settings_type, defaults = DEFAULTS[name]

    assert settings_type().model_dump() == defaults


@pytest.mark.parametrize("name", sorted(DEFAULTS))
def test_every_setting_is_read_from_the_service_own_variable(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings_type, _ = DEFAULTS[name]
    monkeypatch.setenv(f"ONEOFFICE_{name.upper()}_LOG_LEVEL", "warning")
    monkeypatch.setenv(f"ONEOFFICE_{name.upper()}_OTLP_ENDPOINT", "http://collector:4318")
    port_field = "port" if name == "gateway" else "grpc_port"
    monkeypatch.setenv(f"ONEOFFICE_{name.upper()}_{port_field.upper()}", "6001")

    settings = settings_type()

    assert (settings.log_level, settings.otlp_endpoint, getattr(settings, port_field)) == (
        "WARNING",
        "http://collector:4318",
        6001,
    )


def test_one_service_variables_do_not_configure_another(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONEOFFICE_DOCUMENTS_GRPC_PORT", "6001")

    assert StaffSettings().grpc_port == 50052
