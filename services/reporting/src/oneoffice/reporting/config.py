"""Settings of the reporting service, read from ``ONEOFFICE_REPORTING_*`` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from oneoffice.eventcore.settings import GrpcServiceSettings


class Settings(GrpcServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ONEOFFICE_REPORTING_")

    database_url: SecretStr = SecretStr("sqlite+aiosqlite:///var/reporting.db")
    grpc_port: int = 50053
    metrics_port: int = 9466
    kafka_group_id: str = "oneoffice-reporting"
    # None: the reference tables shipped with the service (indicators.csv, bodies.csv).
    reference_data_dir: Path | None = None
    # While the dashboard projection moves: how old (seconds) a kept dashboard answer may be and still
    # be served (stating its own "as of") while it is counted again; 0: always the current version's.
    dashboard_max_staleness_seconds: float = Field(default=0.0, ge=0, le=3600)
    # A rebuild from Kafka into PostgreSQL computes its projections set-based from the staged events
    # (:mod:`.adapters.bulk_rebuild`); False: event by event, as SQLite always does.
    set_based_rebuild: bool = True
    # Its load (Python unpacking records, one core) from this many events on is read by this many
    # processes at once, each a share of every partition (:mod:`.adapters.bulk_load`); 1: by the
    # rebuild's process alone.
    set_based_staging_processes: int = Field(default=2, ge=1, le=8)
    set_based_split_from: int = Field(default=500_000, ge=1)
