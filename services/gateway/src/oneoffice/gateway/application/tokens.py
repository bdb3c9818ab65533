"""Access tokens: HS256 JWTs (PyJWT) carrying who the user is, their roles and their scope.

Only HS256 is accepted when reading one (``alg: none`` and every other algorithm are refused), and
``exp``, ``nbf``, ``iat`` and ``sub`` are required. An OIDC issuer (JWKS, audience) is a later step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from .ports import Account

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ["exp", "nbf", "iat", "sub"]


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
    ) -> None:
        # ``now`` is the real time: PyJWT checks exp and nbf against it when reading.
        self._secret = secret
        self._lifetime = lifetime
        self._now = now

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


def _strings(value: object) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return None
