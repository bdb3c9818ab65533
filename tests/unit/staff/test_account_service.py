"""Account use cases over the in-memory event store: events recorded, usernames unique, one answer
for every failed authentication; argon2 hashing through pwdlib."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from oneoffice.contracts.events import build_registry
from oneoffice.eventcore.clock import FixedClock
from oneoffice.eventcore.memory_store import InMemoryEventStore
from oneoffice.staff.adapters.passwords import Argon2Passwords
from oneoffice.staff.application.accounts import AccountService, Caller
from oneoffice.staff.domain.errors import (
    AccountDisabledError,
    AccountExists,
    AccountNotFound,
    AuthenticationFailed,
    InvalidAccount,
)

from .fakes import PlainPasswords

NOW = datetime(2025, 7, 1, 8, 0, tzinfo=UTC)
ADMIN = Caller(actor="quantri", correlation_id="c-1")


@pytest.fixture
def store() -> InMemoryEventStore:
    return InMemoryEventStore(FixedClock(NOW))


@pytest.fixture
def passwords() -> PlainPasswords:
    return PlainPasswords()


@pytest.fixture
def accounts(store: InMemoryEventStore, passwords: PlainPasswords) -> AccountService:
    return AccountService(store, build_registry(), FixedClock(NOW), passwords)


async def create(accounts: AccountService, username: str = "vanthu-16876", password: str = "demo") -> None:
    await accounts.create(
        ADMIN, username=username, display_name="Văn thư", roles=["clerk"], scope=["16876"], password=password
    )


async def test_creating_an_account_records_account_created_with_the_hash_by_the_actor(
    accounts: AccountService, store: InMemoryEventStore
) -> None:
    await create(accounts)
    (envelope,) = await store.read_stream("account-vanthu-16876")
    assert envelope.event_type == "staff.AccountCreated"
    assert envelope.payload["password_hash"] == "plain$demo"
    assert envelope.payload["roles"] == ["clerk"] and envelope.payload["scope"] == ["16876"]
    assert envelope.actor == "quantri"


async def test_a_second_account_with_the_same_username_is_refused(accounts: AccountService) -> None:
    await create(accounts)
    with pytest.raises(AccountExists):
        await create(accounts, password="other")
    assert (await accounts.authenticate("vanthu-16876", "demo")).username == "vanthu-16876"


async def test_a_too_short_password_is_refused(accounts: AccountService) -> None:
    with pytest.raises(InvalidAccount) as refused:
        await create(accounts, password="abc")
    assert refused.value.code == "invalid_password"


async def test_the_right_password_authenticates_and_the_answer_has_no_hash(accounts: AccountService) -> None:
    await create(accounts)
    view = await accounts.authenticate("vanthu-16876", "demo")
    assert (view.username, view.roles, view.scope, view.disabled) == (
        "vanthu-16876",
        ("clerk",),
        ("16876",),
        False,
    )
    assert not hasattr(view, "password_hash")


async def test_unknown_user_wrong_password_and_disabled_account_get_the_same_refusal_after_one_verification(
    accounts: AccountService, passwords: PlainPasswords
) -> None:
    await create(accounts)
    await create(accounts, username="canbo-16876")
    await accounts.disable(ADMIN, "canbo-16876")
    answers = []
    for username, password in (("nobody", "demo"), ("vanthu-16876", "wrong"), ("canbo-16876", "demo")):
        before = passwords.verifications
        with pytest.raises(AuthenticationFailed) as refused:
            await accounts.authenticate(username, password)
        assert passwords.verifications == before + 1  # as long for everyone
        answers.append((refused.value.code, refused.value.message_vi, refused.value.message_en))
    assert len(set(answers)) == 1


async def test_changing_the_password_replaces_the_old_one(accounts: AccountService) -> None:
    await create(accounts)
    await accounts.change_password(ADMIN, "vanthu-16876", "new-secret")
    with pytest.raises(AuthenticationFailed):
        await accounts.authenticate("vanthu-16876", "demo")
    assert (await accounts.authenticate("vanthu-16876", "new-secret")).username == "vanthu-16876"


async def test_changing_access_records_roles_and_scope_changes(
    accounts: AccountService, store: InMemoryEventStore
) -> None:
    await create(accounts)
    view = await accounts.change_access(ADMIN, "vanthu-16876", ["clerk", "handler"], ["16876", "16882"])
    assert (view.roles, view.scope) == (("clerk", "handler"), ("16876", "16882"))
    types = [e.event_type for e in await store.read_stream("account-vanthu-16876")]
    assert types == ["staff.AccountCreated", "staff.AccountRolesChanged", "staff.AccountScopeChanged"]


async def test_a_disabled_account_reads_as_disabled_and_refuses_a_new_password(
    accounts: AccountService,
) -> None:
    await create(accounts)
    await accounts.disable(ADMIN, "vanthu-16876")
    assert (await accounts.get("vanthu-16876")).disabled
    with pytest.raises(AccountDisabledError):
        await accounts.change_password(ADMIN, "vanthu-16876", "new-secret")


async def test_reading_an_unknown_account_says_not_found(accounts: AccountService) -> None:
    with pytest.raises(AccountNotFound):
        await accounts.get("nobody")
    with pytest.raises(AccountNotFound):
        await accounts.disable(ADMIN, "Not A Username")


def test_argon2_hashes_verify_the_password_and_only_it() -> None:
    passwords = Argon2Passwords()
    hashed = passwords.hash("demo")
    assert hashed.startswith("$argon2id$") and "demo" not in hashed
    assert passwords.verify("demo", hashed)
    assert not passwords.verify("Demo", hashed)
    assert hashed != passwords.hash("demo")  # salted
    passwords.dummy_verify()
