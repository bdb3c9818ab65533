"""The settings every service shares, on pydantic-settings; a service adds its own fields and prefix.

:class:`ServiceSettings` holds what every process has (log level, where traces go);
:class:`GrpcServiceSettings` adds what a gRPC service with its own database has (database URL,
gRPC address, Kafka, the metrics endpoint). A service subclasses one of them, sets its
``env_prefix`` (``ONEOFFICE_<SERVICE>_``) and redeclares only the defaults that are its own.

In the distributed mode (Kafka configured, or a database other than SQLite) settings refuse a
well-known default password, in the database URL or in any ``SecretStr`` field, the way the FastAPI
full-stack template refuses ``changethis``: a deployment has to choose its own secrets to start.

Secrets never reach an output: the signing keys and the database URL (whose password is a secret)
are ``SecretStr``, shown as ``**********`` by the settings' repr; the URL is unwrapped only where the
engine is made (``database_url.get_secret_value()``) and shown, in a message, with
:func:`shown_url` (its password masked).

:class:`InternalAuthSettings` (every service and the gateway) says how the gateway authenticates to
the services: a shared secret signing the caller's identity (``secret``, the default) or, on top of
it, mutual TLS (``mtls``) with the CA, certificate and key files given.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Self

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from .gc_tuning import DEFAULT_YOUNG_THRESHOLD

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]

# Passwords a deployment gets when nobody chose one: the placeholders of docker-compose.yml and of
# templates, and what people type first. (The tests' local role, oneoffice/oneoffice, is not here.)
DEFAULT_SECRETS = frozenset({"changethis", "changeme", "password", "secret", "postgres", "admin"})


class DefaultSecretRefused(Exception):
    """The distributed mode was configured with a well-known default password or secret."""

    def __init__(self, variables: list[str]) -> None:
        self.variables = variables
        named = ", ".join(variables)
        self.message_vi = (
            f"Không khởi động: {named} đang dùng mật khẩu mặc định. "
            "Hãy đặt một mật khẩu riêng trước khi chạy ở chế độ phân tán."
        )
        self.message_en = (
            f"Refusing to start: {named} holds a default password. "
            "Set a password of your own before running in the distributed mode."
        )
        super().__init__(f"{self.message_vi}\n{self.message_en}")


class ServiceSettings(BaseSettings):
    """What every OneOffice process reads: its log level and where its traces go."""

    model_config = SettingsConfigDict(extra="ignore")

    log_level: LogLevel = "INFO"
    # Where traces go (OTLP over HTTP, e.g. http://collector:4318); none: traces stay in the process.
    otlp_endpoint: str | None = None
    # Allocations between two collections of the youngest generation (see :mod:`.gc_tuning`);
    # 0 keeps Python's own settings.
    gc_young_threshold: int = Field(default=DEFAULT_YOUNG_THRESHOLD, ge=0)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_case_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    def is_distributed(self) -> bool:
        """Whether this process runs as one of a deployment (the embedded demo is not)."""
        return False

    def variable(self, field: str) -> str:
        """The environment variable a field is read from (``ONEOFFICE_DOCUMENTS_DATABASE_URL``)."""
        return f"{self.model_config.get('env_prefix', '')}{field}".upper()

    @model_validator(mode="after")
    def _refuse_default_secrets(self) -> Self:
        # Raised as is (not a ValueError): pydantic passes it through, so a command line can say
        # which variable to set instead of printing a validation report.
        if self.is_distributed() and (fields := self._default_secret_fields()):
            raise DefaultSecretRefused([self.variable(field) for field in fields])
        return self

    def _default_secret_fields(self) -> list[str]:
        secrets = {name: getattr(self, name) for name in type(self).model_fields}
        return [
            name
            for name, value in secrets.items()
            if isinstance(value, SecretStr) and is_default_secret(value.get_secret_value())
        ]


# The placeholder internal secret: refused in the distributed mode (the embedded runner draws one).
PLACEHOLDER_INTERNAL_SECRET = "changethis"


class InternalAuthSettings(ServiceSettings):
    """How the gateway and the services trust each other (see :mod:`~.caller_identity`)."""

    # secret: the caller's identity is a JWT signed with ``internal_secret``; mtls: as well, over
    # connections where both sides show a certificate of ``internal_tls_ca``.
    internal_auth: Literal["secret", "mtls"] = "secret"
    internal_secret: SecretStr = SecretStr(PLACEHOLDER_INTERNAL_SECRET)
    # PEM files, required in the mtls mode: the CA both sides trust, this process's certificate
    # (chain) and its private key. A service's certificate must name the host the gateway dials.
    internal_tls_ca: Path | None = None
    internal_tls_cert: Path | None = None
    internal_tls_key: Path | None = None

    @model_validator(mode="after")
    def _tls_files_for_mtls(self) -> Self:
        if self.internal_auth == "mtls":
            missing = [
                self.variable(name)
                for name in ("internal_tls_ca", "internal_tls_cert", "internal_tls_key")
                if getattr(self, name) is None
            ]
            if missing:
                raise ValueError(f"INTERNAL_AUTH=mtls needs {', '.join(missing)}")
        return self


class GrpcServiceSettings(InternalAuthSettings):
    """A service that serves gRPC, keeps its own database and may publish to Kafka."""

    # A relative SQLite path is relative to the working directory; its folder is created on open.
    # A secret (its password): unwrapped only to make the engine, shown with shown_url().
    database_url: SecretStr = SecretStr("sqlite+aiosqlite:///var/service.db")
    grpc_host: str = "127.0.0.1"
    grpc_port: int = 50050
    # None: no Kafka (embedded mode, events followed from the store).
    kafka_bootstrap: str | None = None
    # Prepended to every topic name (a test run uses its own, so runs never share topics).
    kafka_topic_prefix: str = ""
    # What the service's topic takes per message (its max.message.bytes; the broker's default is
    # 1 MiB). The relay's producer sends up to this; the store refuses, at append, an event that
    # would not fit with its headers (this minus 16 KiB), which would otherwise block the relay.
    kafka_max_message_bytes: int = 1 << 20
    # Partitions of the service's topic (and its dead-letter topic) when its relay creates them.
    kafka_topic_partitions: int = 3
    # Prometheus metrics at http://<metrics_host>:<metrics_port>/metrics; 0 turns them off.
    metrics_host: str = "127.0.0.1"
    metrics_port: int = 9464
    # ``audit checkpoint`` signs each commune's head hash with this key (HMAC-SHA256) into this file
    # (default var/<service>-audit-checkpoint.json); ``audit verify`` checks the store against it.
    audit_checkpoint_key: SecretStr | None = None
    audit_checkpoint_file: Path | None = None

    def is_distributed(self) -> bool:
        return bool(self.kafka_bootstrap) or not self.database_url.get_secret_value().startswith("sqlite")

    def shown_database_url(self) -> str:
        """The database URL as it may be shown (in a message or a log line): its password masked."""
        return shown_url(self.database_url.get_secret_value())

    def _default_secret_fields(self) -> list[str]:
        fields = super()._default_secret_fields()
        if is_default_secret(_password(self.database_url.get_secret_value())):
            fields.insert(0, "database_url")
        return fields


def is_default_secret(value: str | None) -> bool:
    return value is not None and value.strip().lower() in DEFAULT_SECRETS


def shown_url(url: str) -> str:
    """``url`` with its password masked (``***``), as it may appear in a message or a log line."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<not a database URL>"  # it might be a password pasted in the wrong variable


def _password(url: str) -> str | None:
    try:
        return make_url(url).password
    except ArgumentError:
        return None  # not a URL: create_engine says so, with its own message
