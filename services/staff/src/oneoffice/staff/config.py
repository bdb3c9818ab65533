"""Settings of the staff service, read from ``ONEOFFICE_STAFF_*`` environment variables."""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ONEOFFICE_STAFF_", extra="ignore")

    # A relative SQLite path is relative to the working directory; its folder is created on open.
    database_url: str = "sqlite+aiosqlite:///var/staff.db"
    grpc_host: str = "127.0.0.1"
    grpc_port: int = 50052
    # None: no Kafka (embedded mode, events followed from the store).
    kafka_bootstrap: str | None = None
    log_level: LogLevel = "INFO"
    # Where traces go (OTLP over HTTP, e.g. http://collector:4318); none: traces stay in the process.
    otlp_endpoint: str | None = None
    # Prometheus metrics at http://<metrics_host>:<metrics_port>/metrics; 0 turns them off.
    metrics_host: str = "127.0.0.1"
    metrics_port: int = 9465

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_case_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value
