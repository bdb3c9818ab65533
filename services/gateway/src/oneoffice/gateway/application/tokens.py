"""Access tokens: the gateway's own HS256 JWTs (PyJWT), and optionally an OIDC issuer's.

The gateway issues HS256 tokens carrying who the user is, their roles and their scope; reading one,
only HS256 is accepted (``alg: none`` and every other algorithm are refused) and ``exp``, ``nbf``,
``iat`` and ``sub`` are required.

A deployment may also trust an OpenID Connect issuer (the province's identity provider): a token
whose ``iss`` is that issuer is verified with the issuer's published keys (JWKS, fetched and cached
by PyJWT's :class:`jwt.PyJWKClient`, fetched again when a token names a key it does not know, so
rotated keys are picked up), only with asymmetric algorithms (never HS256: no key confusion), and
must name the configured audience. The IdP says *who* the user is (``preferred_username`` by
default); what they may do still comes from their OneOffice account.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from .ports import Account

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ["exp", "nbf", "iat", "sub"]


class IssuerUnavailable(Exception):
    """The OIDC issuer's keys could not be fetched: not the user's fault (503, retry)."""


class InvalidToken(Exception):
    """The token is missing, expired, not yet valid, wrongly signed or otherwise unacceptable."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class TokenClaims:
    username: str
    roles: tuple[str, ...]
    scope: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OidcIssuer:
    """An identity provider whose tokens the gateway accepts."""

    issuer: str
    jwks_url: str
    audience: str
    username_claim: str = "preferred_username"
    algorithms: tuple[str, ...] = ("RS256", "ES256")
    # How long fetched keys are kept, and the least time between two fetches for an unknown key.
    jwks_lifespan: float = 300
    refetch_cooldown: float = 30
    fetch_timeout: float = 5


@dataclass(frozen=True, slots=True)
class IssuedToken:
    access_token: str
    expires_in: int


class Tokens:
    def __init__(
        self,
        secret: str,
        *,
        lifetime: int = 3600,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        oidc: OidcIssuer | None = None,
    ) -> None:
        # ``now`` is the real time: PyJWT checks exp and nbf against it when reading.
        self._secret = secret
        self._lifetime = lifetime
        self._now = now
        self._oidc = oidc
        self._jwks = (
            jwt.PyJWKClient(
                oidc.jwks_url,
                cache_keys=True,
                lifespan=oidc.jwks_lifespan,
                cooldown_duration=oidc.refetch_cooldown,
                timeout=oidc.fetch_timeout,
            )
            if oidc
            else None
        )

    async def verify(self, token: str) -> TokenClaims:
        """The claims of a token of the gateway or of the OIDC issuer; raises :class:`InvalidToken`,
        or :class:`IssuerUnavailable` when the issuer's keys cannot be fetched."""
        if self._oidc is not None and _unverified_issuer(token) == self._oidc.issuer:
            # Fetching the keys is blocking I/O (now and then): off the event loop.
            return await asyncio.to_thread(self._read_oidc, token)
        return self.read(token)

    def _read_oidc(self, token: str) -> TokenClaims:
        assert self._oidc is not None and self._jwks is not None
        try:
            key = self._jwks.get_signing_key_from_jwt(token)
        except jwt.PyJWKClientConnectionError as exc:
            raise IssuerUnavailable(str(exc)) from None
        except (jwt.PyJWKClientError, jwt.InvalidTokenError) as exc:
            raise InvalidToken(f"oidc key: {type(exc).__name__}") from None
        try:
            claims = jwt.decode(
                token,
                key.key,
                algorithms=list(self._oidc.algorithms),
                audience=self._oidc.audience,
                issuer=self._oidc.issuer,
                options={"require": ["exp", "iat", "sub", "iss", "aud"]},
            )
        except jwt.InvalidTokenError as exc:
            raise InvalidToken(f"oidc: {type(exc).__name__}") from None
        username = claims.get(self._oidc.username_claim)
        if not isinstance(username, str) or not username:
            raise InvalidToken(f"oidc: no {self._oidc.username_claim} claim")
        # Roles and scope come from the OneOffice account, looked up by the caller.
        return TokenClaims(username, (), ())

    def issue(self, account: Account) -> IssuedToken:
        now = self._now()
        claims = {
            "sub": account.username,
            "roles": list(account.roles),
            "scope": list(account.scope),
            "iat": now,
            "nbf": now,
            "exp": now + timedelta(seconds=self._lifetime),
        }
        return IssuedToken(jwt.encode(claims, self._secret, algorithm=ALGORITHM), self._lifetime)

    def read(self, token: str) -> TokenClaims:
        """Raises :class:`InvalidToken` naming why (the reason is for logs, not for the caller)."""
        try:
            claims = jwt.decode(
                token, self._secret, algorithms=[ALGORITHM], options={"require": REQUIRED_CLAIMS}
            )
        except jwt.ExpiredSignatureError:
            raise InvalidToken("expired") from None
        except jwt.ImmatureSignatureError:
            raise InvalidToken("not yet valid") from None
        except jwt.InvalidSignatureError:
            raise InvalidToken("wrong signature") from None
        except jwt.InvalidAlgorithmError:
            raise InvalidToken("algorithm not allowed") from None
        except jwt.InvalidTokenError as exc:
            raise InvalidToken(f"invalid: {type(exc).__name__}") from None
        subject = claims.get("sub")
        roles, scope = _strings(claims.get("roles")), _strings(claims.get("scope"))
        if not isinstance(subject, str) or roles is None or scope is None:
            raise InvalidToken("malformed claims")
        return TokenClaims(subject, roles, scope)


def _unverified_issuer(token: str) -> object:
    """Only to choose which keys verify the token; nothing is trusted before that."""
    try:
        return jwt.decode(token, options={"verify_signature": False}).get("iss")
    except jwt.InvalidTokenError:
        return None


def _strings(value: object) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return None
