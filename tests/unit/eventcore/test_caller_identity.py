"""The codec of the caller identity the gateway signs for the services (HS256, one audience, a minute)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from oneoffice.contracts.access import Identity
from oneoffice.eventcore.caller_identity import (
    AUDIENCE,
    GATEWAY,
    IDENTITY_HEADER,
    ISSUER,
    IdentityCodec,
    InvalidCallerIdentity,
)

SECRET = "internal-secret-of-the-unit-tests-long-enough-for-hs512-keys-too-0123456789"
CLERK = Identity(username="vanthu-16876", roles=("clerk",), scope=("16876",))


def _claims(**changes: object) -> dict[str, object]:
    now = datetime.now(UTC)
    claims: dict[str, object] = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "vanthu-16876",
        "iat": now,
        "exp": now + timedelta(seconds=60),
        "roles": ["clerk"],
        "scope": ["16876"],
    }
    claims.update(changes)
    return claims


def test_a_signed_identity_reads_back_as_the_same_identity() -> None:
    codec = IdentityCodec(SECRET)

    assert codec.decode(codec.encode(CLERK)) == CLERK
    assert codec.decode(codec.encode(GATEWAY)) == GATEWAY


def test_the_metadata_pair_is_the_identity_header() -> None:
    key, token = IdentityCodec(SECRET).metadata(CLERK)

    assert key == IDENTITY_HEADER == "x-oneoffice-identity"
    assert jwt.get_unverified_header(token)["alg"] == "HS256"


def test_an_identity_signed_with_another_secret_is_refused() -> None:
    token = IdentityCodec("another-secret-somebody-else-chose-0123").encode(CLERK)

    with pytest.raises(InvalidCallerIdentity, match="Signature"):
        IdentityCodec(SECRET).decode(token)


def test_an_expired_identity_is_refused() -> None:
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    token = IdentityCodec(SECRET, now=lambda: an_hour_ago).encode(CLERK)

    with pytest.raises(InvalidCallerIdentity, match="Expired"):
        IdentityCodec(SECRET).decode(token)


def test_an_identity_issued_a_minute_ago_is_no_longer_valid_but_one_of_a_few_seconds_is() -> None:
    codec = IdentityCodec(SECRET)
    recent = IdentityCodec(SECRET, now=lambda: datetime.now(UTC) - timedelta(seconds=30)).encode(CLERK)
    stale = IdentityCodec(SECRET, now=lambda: datetime.now(UTC) - timedelta(seconds=70)).encode(CLERK)

    assert codec.decode(recent) == CLERK
    with pytest.raises(InvalidCallerIdentity):
        codec.decode(stale)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"aud": "oneoffice-gateway"}, "Audience"),
        ({"iss": "somebody"}, "Issuer"),
        ({"roles": "clerk"}, "roles"),
        ({"scope": [16876]}, "scope"),
        ({"sub": ""}, "sub"),
    ],
    ids=["wrong-audience", "wrong-issuer", "roles-not-a-list", "scope-not-strings", "empty-subject"],
)
def test_an_identity_with_a_wrong_claim_is_refused(changes: dict[str, object], reason: str) -> None:
    token = jwt.encode(_claims(**changes), SECRET, algorithm="HS256")

    with pytest.raises(InvalidCallerIdentity, match=reason):
        IdentityCodec(SECRET).decode(token)


@pytest.mark.parametrize("missing", ["exp", "aud", "iss", "sub", "iat"])
def test_an_identity_without_a_required_claim_is_refused(missing: str) -> None:
    claims = _claims()
    del claims[missing]
    token = jwt.encode(claims, SECRET, algorithm="HS256")

    with pytest.raises(InvalidCallerIdentity):
        IdentityCodec(SECRET).decode(token)


def test_an_unsigned_identity_alg_none_is_refused() -> None:
    token = jwt.encode(_claims(), None, algorithm="none")

    with pytest.raises(InvalidCallerIdentity):
        IdentityCodec(SECRET).decode(token)


def test_an_identity_signed_with_hs512_and_the_right_secret_is_refused() -> None:
    token = jwt.encode(_claims(), SECRET, algorithm="HS512")

    with pytest.raises(InvalidCallerIdentity, match="InvalidAlgorithm"):
        IdentityCodec(SECRET).decode(token)


def test_garbage_is_refused() -> None:
    with pytest.raises(InvalidCallerIdentity):
        IdentityCodec(SECRET).decode("not.a.token")


def test_an_empty_secret_is_refused_at_once() -> None:
    with pytest.raises(ValueError):
        IdentityCodec("")


class Clock:
    def __init__(self) -> None:
        self.at = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.at


def test_a_verified_identity_is_remembered_only_until_it_expires() -> None:
    clock = Clock()
    codec = IdentityCodec(SECRET, now=clock)
    token = codec.encode(CLERK)
    assert codec.decode(token) == CLERK

    clock.at += timedelta(seconds=60 + 6)

    with pytest.raises(InvalidCallerIdentity, match="Expired"):
        codec.decode(token)


def test_the_same_identity_reuses_its_token_for_half_its_lifetime_then_gets_a_new_one() -> None:
    clock = Clock()
    codec = IdentityCodec(SECRET, now=clock)
    first = codec.encode(CLERK)

    clock.at += timedelta(seconds=29)
    assert codec.encode(CLERK) == first
    assert codec.encode(GATEWAY) != first

    clock.at += timedelta(seconds=2)
    renewed = codec.encode(CLERK)
    assert renewed != first
    assert codec.decode(renewed) == CLERK


def test_an_identity_with_a_non_numeric_expiry_is_refused() -> None:
    token = jwt.encode(_claims(exp="tomorrow"), SECRET, algorithm="HS256")

    with pytest.raises(InvalidCallerIdentity):
        IdentityCodec(SECRET).decode(token)


def test_an_identity_issued_in_the_future_is_refused() -> None:
    later = datetime.now(UTC) + timedelta(minutes=5)
    token = jwt.encode(_claims(iat=later, exp=later + timedelta(seconds=60)), SECRET, algorithm="HS256")

    with pytest.raises(InvalidCallerIdentity, match="future"):
        IdentityCodec(SECRET).decode(token)
