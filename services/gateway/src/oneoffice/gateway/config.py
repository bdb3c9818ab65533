"""Settings of the gateway, read from ``ONEOFFICE_GATEWAY_*`` environment variables."""

from __future__ import annotations

from typing import Literal

from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from oneoffice.eventcore.settings import ServiceSettings

# The token secret of the embedded demo and the tests; refused in the distributed mode.
EMBEDDED_JWT_SECRET = "oneoffice-embedded-demo-jwt-secret-not-for-deployment"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


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
    # Embedded (one process, the demo) or distributed (a deployment). None: distributed as soon as
    # a service target is not on loopback.
    deployment: Literal["embedded", "distributed"] | None = None
    # Access tokens: HS256 JWTs signed with this secret (at least 32 bytes in a deployment).
    jwt_secret: SecretStr = SecretStr(EMBEDDED_JWT_SECRET)
    # How long an access token is valid, in seconds.
    access_token_lifetime: int = 3600
    # The pages' cookies (the session, the login form's CSRF nonce) are ``Secure``: browsers send
    # them over HTTPS only (and over http://127.0.0.1 and localhost, which they count as secure).
    # False only for a client that counts plain-HTTP loopback as insecure (see the tests that do).
    cookie_secure: bool = True

    def is_distributed(self) -> bool:
        if self.deployment is not None:
            return self.deployment == "distributed"
        return any(_host(target) not in LOOPBACK_HOSTS for target in self.service_targets().values())

    def _default_secret_fields(self) -> list[str]:
        fields = super()._default_secret_fields()
        if self.jwt_secret.get_secret_value() == EMBEDDED_JWT_SECRET and "jwt_secret" not in fields:
            fields.append("jwt_secret")
        return fields

    def service_targets(self) -> dict[str, str]:
        return {
            "documents": self.documents_target,
            "staff": self.staff_target,
            "reporting": self.reporting_target,
        }


def _host(target: str) -> str:
    """The host of a gRPC target ``host:port`` (``[::1]:50051`` included)."""
    host = target.rsplit(":", 1)[0] if ":" in target else target
    return "127.0.0.1" if host.startswith("127.") else host
