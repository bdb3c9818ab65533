"""Settings of the documents service, read from ``ONEOFFICE_DOCUMENTS_*`` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from oneoffice.eventcore.settings import GrpcServiceSettings


class Settings(GrpcServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ONEOFFICE_DOCUMENTS_")

    database_url: SecretStr = SecretStr("sqlite+aiosqlite:///var/documents.db")
    grpc_port: int = 50051
    metrics_port: int = 9464
    # None: the reference tables shipped with the service (bodies.csv, document-types.csv).
    reference_data_dir: Path | None = None
    # The consumer group following the staff topic (the units known to this service).
    kafka_group_id: str = "oneoffice-documents"
    # The blob store of attachments (a content-addressed tree; a named volume in compose).
    blob_dir: Path = Path("var/documents-blobs")
    # The largest attachment accepted, in bytes.
    max_attachment_size: int = 20 * 1024 * 1024
    # The deadline watcher: how many working days before a deadline a task is due soon, and how
    # often it looks at the clock (seconds).
    due_soon_working_days: int = 3
    watch_tick_seconds: float = 60.0
