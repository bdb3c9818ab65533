"""Service settings refuse a default password in the distributed mode, and only there."""

from __future__ import annotations

import pytest
from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from oneoffice.eventcore.settings import DefaultSecretRefused, GrpcServiceSettings

POSTGRES = "postgresql+asyncpg://example:{password}@postgres:5432/example"
INTERNAL = SecretStr("internal-secret-0f-this-office")


class ExampleSettings(GrpcServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ONEOFFICE_EXAMPLE_")

    database_url: SecretStr = SecretStr("sqlite+aiosqlite:///var/example.db")
    # A secret of the service's own (say, a key to sign sessions with).
    signing_key: SecretStr = SecretStr("changethis")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "KAFKA_BOOTSTRAP", "SIGNING_KEY", "INTERNAL_SECRET", "LOG_LEVEL"):
        monkeypatch.delenv(f"ONEOFFICE_EXAMPLE_{name}", raising=False)


@pytest.mark.parametrize("password", ["changethis", "ChangeThis", "changeme", "postgres"])
def test_a_default_database_password_is_refused_naming_the_variable_to_set(password: str) -> None:
    with pytest.raises(DefaultSecretRefused) as refused:
        ExampleSettings(
            database_url=POSTGRES.format(password=password),
            signing_key=SecretStr("k3y-0f-0urs"),
            internal_secret=INTERNAL,
        )

    assert refused.value.variables == ["ONEOFFICE_EXAMPLE_DATABASE_URL"]
    assert "ONEOFFICE_EXAMPLE_DATABASE_URL" in refused.value.message_vi
    assert "ONEOFFICE_EXAMPLE_DATABASE_URL" in refused.value.message_en
    assert password not in str(refused.value)  # the message names the variable, never the secret


def test_the_refusal_names_every_variable_holding_a_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONEOFFICE_EXAMPLE_DATABASE_URL", POSTGRES.format(password="changethis"))

    with pytest.raises(DefaultSecretRefused) as refused:
        ExampleSettings()

    assert refused.value.variables == [
        "ONEOFFICE_EXAMPLE_DATABASE_URL",
        "ONEOFFICE_EXAMPLE_INTERNAL_SECRET",
        "ONEOFFICE_EXAMPLE_SIGNING_KEY",
    ]


def test_with_kafka_a_default_secret_field_is_refused_even_on_sqlite() -> None:
    with pytest.raises(DefaultSecretRefused) as refused:
        ExampleSettings(kafka_bootstrap="kafka:9092")

    assert refused.value.variables == ["ONEOFFICE_EXAMPLE_INTERNAL_SECRET", "ONEOFFICE_EXAMPLE_SIGNING_KEY"]


def test_chosen_secrets_start_the_distributed_mode() -> None:
    settings = ExampleSettings(
        database_url=POSTGRES.format(password="s3cret-of-this-office"),
        kafka_bootstrap="kafka:9092",
        signing_key=SecretStr("k3y-0f-0urs"),
        internal_secret=INTERNAL,
    )

    assert settings.is_distributed()


def test_the_test_infrastructure_role_is_not_a_refused_default() -> None:
    url = "postgresql+asyncpg://oneoffice:oneoffice@127.0.0.1:5432/oneoffice_test"

    assert ExampleSettings(
        database_url=url, signing_key=SecretStr("k"), internal_secret=INTERNAL
    ).is_distributed()


def test_a_database_url_without_password_is_not_refused() -> None:
    assert ExampleSettings(
        database_url="postgresql+asyncpg:///example", signing_key=SecretStr("k"), internal_secret=INTERNAL
    )


def test_the_embedded_mode_starts_with_the_default_secrets() -> None:
    settings = ExampleSettings()

    assert not settings.is_distributed()
    assert settings.signing_key.get_secret_value() == "changethis"


def test_log_level_is_read_in_any_case(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ONEOFFICE_EXAMPLE_LOG_LEVEL", "debug")

    assert ExampleSettings().log_level == "DEBUG"


def test_the_placeholder_internal_secret_is_refused_in_the_distributed_mode() -> None:
    with pytest.raises(DefaultSecretRefused) as refused:
        ExampleSettings(kafka_bootstrap="kafka:9092", signing_key=SecretStr("k3y-0f-0urs"))

    assert refused.value.variables == ["ONEOFFICE_EXAMPLE_INTERNAL_SECRET"]


def test_the_mtls_mode_needs_the_ca_the_certificate_and_the_key() -> None:
    with pytest.raises(
        ValueError, match=r"ONEOFFICE_EXAMPLE_INTERNAL_TLS_CA.*ONEOFFICE_EXAMPLE_INTERNAL_TLS_KEY"
    ):
        ExampleSettings(internal_auth="mtls", internal_tls_cert="/etc/oneoffice/example.pem")
