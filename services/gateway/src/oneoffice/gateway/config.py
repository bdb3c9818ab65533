"""Settings of the gateway, read from ``ONEOFFICE_GATEWAY_*`` environment variables."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from oneoffice.eventcore.settings import InternalAuthSettings

from .application.tokens import OidcIssuer

# The token secret of the embedded demo and the tests; refused in the distributed mode.
EMBEDDED_JWT_SECRET = "oneoffice-embedded-demo-jwt-secret-not-for-deployment"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


class Settings(InternalAuthSettings):
    model_config = SettingsConfigDict(env_prefix="ONEOFFICE_GATEWAY_")

    host: str = "127.0.0.1"
    port: int = 8000
    # gRPC targets of the services: host:port, or every replica's address
    # (ipv4:127.0.0.1:50051,127.0.0.1:50061; dns:///documents.oneoffice:50051), called in turn.
    documents_target: str = "127.0.0.1:50051"
    staff_target: str = "127.0.0.1:50052"
    reporting_target: str = "127.0.0.1:50053"
    # How long a readiness probe waits for each service, in seconds.
    health_deadline: float = 2.0
    # How long a call to a service may take before the gateway answers 503, in seconds.
    grpc_timeout: float = 10.0
    # Requests served at once (probes and /metrics apart); beyond it the gateway answers 503 at once
    # with Retry-After: 1 instead of making every request wait. 64: a little over a second of work at
    # the 50-100 registrations/s one 2-core machine sustains (see README, Benchmarks).
    max_in_flight: int = Field(default=64, ge=1)
    # The commune the home page links to: xã Tương Dương (code 16876 since 1 July 2025).
    default_commune_id: str = "16876"
    # Embedded (one process, the demo) or distributed (a deployment). None: distributed as soon as
    # a service target is not on loopback.
    deployment: Literal["embedded", "distributed"] | None = None
    # Access tokens: HS256 JWTs signed with this secret (at least 32 bytes in a deployment).
    jwt_secret: SecretStr = SecretStr(EMBEDDED_JWT_SECRET)
    # How long an access token is valid, in seconds.
    access_token_lifetime: int = 3600
    # An OpenID Connect issuer whose tokens are accepted too (all three set, or none): its ``iss``,
    # its JWKS URL and the audience its tokens must name; the claim naming the OneOffice username.
    oidc_issuer: str | None = None
    oidc_jwks_url: str | None = None
    oidc_audience: str | None = None
    oidc_username_claim: str = "preferred_username"
    # Seconds fetched keys are cached, and the least time between fetches for an unknown key id.
    oidc_jwks_lifespan: float = 300
    oidc_refetch_cooldown: float = 30
    # The largest request body accepted, in bytes (413 beyond it).
    max_body_size: int = 1024 * 1024
    # The largest attached file accepted, in bytes: the routes taking a file accept a body this much
    # larger than ``max_body_size`` (413 beyond); the documents service applies its own limit too.
    max_attachment_size: int = Field(default=20 * 1024 * 1024, ge=1)
    # How long an answer stays replayable under its Idempotency-Key, in seconds, and how many
    # answers the in-memory store keeps (the least recently used go first).
    idempotency_ttl: float = 24 * 3600.0
    idempotency_max_entries: int = 10_000
    # Failed logins allowed on the token route (``limits`` notation, a moving window) per username
    # and per client address; beyond them every login is answered 429 until the window passes.
    login_failures_per_username: str = "5/minute"
    login_failures_per_address: str = "20/minute"
    # Where the login counters live (``limits`` storage URI; ``async+redis://…`` to share them
    # between several gateways).
    rate_limit_storage: str = "async+memory://"
    # Proxies (addresses or networks) whose ``X-Forwarded-For`` names the client; empty: the
    # socket peer is the client and the header is ignored.
    trusted_proxies: tuple[str, ...] = ()
    # The pages' cookies (the session, the login form's CSRF nonce) are ``Secure``: browsers send
    # them over HTTPS only (and over http://127.0.0.1 and localhost, which they count as secure).
    # False only for a client that counts plain-HTTP loopback as insecure (see the tests that do).
    cookie_secure: bool = True

    @model_validator(mode="after")
    def _oidc_complete(self) -> Settings:
        given = [self.oidc_issuer, self.oidc_jwks_url, self.oidc_audience]
        if any(given) and not all(given):
            raise ValueError(
                "set ONEOFFICE_GATEWAY_OIDC_ISSUER, ONEOFFICE_GATEWAY_OIDC_JWKS_URL and "
                "ONEOFFICE_GATEWAY_OIDC_AUDIENCE together (or none of them)"
            )
        return self

    def oidc(self) -> OidcIssuer | None:
        if not (self.oidc_issuer and self.oidc_jwks_url and self.oidc_audience):
            return None
        return OidcIssuer(
            issuer=self.oidc_issuer,
            jwks_url=self.oidc_jwks_url,
            audience=self.oidc_audience,
            username_claim=self.oidc_username_claim,
            jwks_lifespan=self.oidc_jwks_lifespan,
            refetch_cooldown=self.oidc_refetch_cooldown,
        )

    def is_distributed(self) -> bool:
        if self.deployment is not None:
            return self.deployment == "distributed"
        return any(
            _host(address) not in LOOPBACK_HOSTS
            for target in self.service_targets().values()
            for address in _addresses(target)
        )

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


def _addresses(target: str) -> list[str]:
    """The ``host:port`` addresses a gRPC target names (``ipv4:a:1,b:2``, ``dns:///h:1``, ``h:1``)."""
    for scheme in ("ipv4:", "ipv6:", "dns:"):
        if target.startswith(scheme):
            return [address.lstrip("/") for address in target.removeprefix(scheme).split(",")]
    return [target]


def _host(target: str) -> str:
    """The host of a gRPC target ``host:port`` (``[::1]:50051`` included)."""
    host = target.rsplit(":", 1)[0] if ":" in target else target
    return "127.0.0.1" if host.startswith("127.") else host
