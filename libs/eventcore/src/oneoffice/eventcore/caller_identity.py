"""The one codec of the caller's identity the gateway passes to a service in gRPC metadata.

The header ``x-oneoffice-identity`` holds a short-lived JWT (PyJWT, HS256 only) signed with the
internal secret that the gateway and every service share: ``iss`` "oneoffice-gateway", ``aud``
"oneoffice-services", ``exp`` a minute away, ``sub`` the username, ``roles`` and ``scope`` (unit
codes). A call the gateway makes for nobody yet (logging in, health) carries the gateway's own
identity, :data:`GATEWAY`: no role, no commune, still signed.

Signing and verifying cost a little on every call (about 0.1 ms each here), so the codec reuses a
token it signed for the same identity for half its lifetime, and remembers the tokens it verified
until they expire (the same string is the same signature over the same claims); both memories are
bounded.

It is signed in the mTLS mode too: the certificate proves which process connects, the signature and
the minute-long expiry prove the identity was issued by the gateway for this call, and one codec and
one check serve both modes (a process holding a certificate of the CA, such as another service,
still cannot speak for a user).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import jwt

from oneoffice.contracts.access import Identity

IDENTITY_HEADER = "x-oneoffice-identity"
AUDIENCE = "oneoffice-services"
ISSUER = "oneoffice-gateway"
ALGORITHM = "HS256"
LIFETIME_SECONDS = 60
# Clocks of the gateway's and the service's hosts may differ a little.
LEEWAY_SECONDS = 5
REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub"]
# How many signed and verified tokens the codec remembers (emptied when full: callers are few).
REMEMBERED = 4096

# Who calls when no user is logged in yet: the gateway itself, allowed nothing but what any caller is.
GATEWAY = Identity(username="gateway", roles=(), scope=())


class InvalidCallerIdentity(Exception):
    """The identity metadata is missing, expired, wrongly signed or otherwise unacceptable."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _strings(value: object, claim: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidCallerIdentity(f"claim {claim!r} is not a list of strings")
    return tuple(value)


class IdentityCodec:
    """Signs and reads identities with one secret; ``now`` is the real time unless a test says."""

    def __init__(
        self,
        secret: str,
        *,
        lifetime: int = LIFETIME_SECONDS,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        if not secret:
            raise ValueError("the internal secret is empty")
        self._secret = secret
        self._lifetime = lifetime
        self._now = now
        # identity -> (token, when to sign a new one); token -> (identity, its expiry): epoch seconds.
        self._signed: dict[Identity, tuple[str, float]] = {}
        self._verified: dict[str, tuple[Identity, float]] = {}

    def encode(self, identity: Identity) -> str:
        """A token for ``identity`` valid for at least half the lifetime (reused until then)."""
        now = self._now().timestamp()
        signed = self._signed.get(identity)
        if signed is not None and now < signed[1]:
            return signed[0]
        token = self._sign(identity)
        if len(self._signed) >= REMEMBERED:
            self._signed.clear()
        self._signed[identity] = (token, now + self._lifetime / 2)
        return token

    def _sign(self, identity: Identity) -> str:
        now = self._now()
        claims = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "sub": identity.username,
            "iat": now,
            "exp": now + timedelta(seconds=self._lifetime),
            "roles": list(identity.roles),
            "scope": list(identity.scope),
        }
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM)

    def decode(self, token: str) -> Identity:
        """The identity ``token`` carries; raises :class:`InvalidCallerIdentity` for anything else."""
        verified = self._verified.get(token)
        if verified is not None:
            if self._now().timestamp() < verified[1] + LEEWAY_SECONDS:
                return verified[0]
            del self._verified[token]  # and refused below, as expired
        identity, expires = self._verify(token)
        if len(self._verified) >= REMEMBERED:
            self._verified.clear()
        self._verified[token] = (identity, expires)
        return identity

    def _verify(self, token: str) -> tuple[Identity, float]:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                audience=AUDIENCE,
                issuer=ISSUER,
                leeway=LEEWAY_SECONDS,
                # The times are checked below against the codec's clock, as remembered tokens are.
                options={"require": REQUIRED_CLAIMS, "verify_exp": False, "verify_iat": False},
            )
        except jwt.PyJWTError as exc:
            raise InvalidCallerIdentity(f"{type(exc).__name__}: {exc}") from exc
        issued, expires = claims["iat"], claims["exp"]
        if not all(isinstance(t, int | float) and not isinstance(t, bool) for t in (issued, expires)):
            raise InvalidCallerIdentity("claims 'iat' and 'exp' are not both numbers")
        now = self._now().timestamp()
        if now >= expires + LEEWAY_SECONDS:
            raise InvalidCallerIdentity("Expired: the identity's lifetime is over")
        if issued > now + LEEWAY_SECONDS:
            raise InvalidCallerIdentity("Immature: the identity is issued in the future")
        username = claims["sub"]
        if not isinstance(username, str) or not username:
            raise InvalidCallerIdentity("claim 'sub' is empty")
        identity = Identity(
            username=username,
            roles=_strings(claims.get("roles", []), "roles"),
            scope=_strings(claims.get("scope", []), "scope"),
        )
        return identity, float(expires)

    def metadata(self, identity: Identity) -> tuple[str, str]:
        """The metadata pair a call carries for ``identity``."""
        return (IDENTITY_HEADER, self.encode(identity))
