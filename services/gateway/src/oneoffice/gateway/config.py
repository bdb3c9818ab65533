"""Settings of the gateway, read from ``ONEOFFICE_GATEWAY_*`` environment variables."""

from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from oneoffice.eventcore.settings import ServiceSettings


class Settings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="ONEOFFICE_GATEWAY_")

    host: str = "127.0.0.1"
    port: int = 8000
    # gRPC targets (host:port) of the services.
    documents_target: str = "127.0.0.1:50051"
    staff_target: str = "127.0.0.1:50052"
    reporting_target: str = "127.0.0.1:50053"
    # How long a readiness probe waits for each service, in seconds.
    health_deadline: float = 2.0
    # How long a call to a service may take before the gateway answers 503, in seconds.
    grpc_timeout: float = 10.0
    # The commune the home page links to: xã Tương Dương (code 16876 since 1 July 2025).
    default_commune_id: str = "16876"

    def service_targets(self) -> dict[str, str]:
        return {
            "documents": self.documents_target,
            "staff": self.staff_target,
            "reporting": self.reporting_target,
        }
