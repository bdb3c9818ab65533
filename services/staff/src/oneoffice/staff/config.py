"""Settings of the staff service, read from ``ONEOFFICE_STAFF_*`` environment variables."""

from __future__ import annotations

from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from oneoffice.eventcore.settings import GrpcServiceSettings


class Settings(GrpcServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ONEOFFICE_STAFF_")

    database_url: SecretStr = SecretStr("sqlite+aiosqlite:///var/staff.db")
    grpc_port: int = 50052
    metrics_port: int = 9465
