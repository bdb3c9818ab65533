"""The account aggregate decides (open, change access, disable, change password) and folds its events."""

from __future__ import annotations

import pytest

from oneoffice.staff.domain.account import Account, stream_id
from oneoffice.staff.domain.errors import AccountDisabledError, AccountExists, InvalidAccount
from oneoffice.staff.domain.events import AccountOpened, Disabled, PasswordChanged, RolesChanged, ScopeChanged


def opened(username: str = "vanthu-16876") -> Account:
    account = Account(username)
    account.apply(account.open("Văn thư", ["clerk"], ["16876"], "h1"))
    return account


def test_opening_an_account_records_its_name_roles_scope_and_hash() -> None:
    event = Account("vanthu-16876").open(" Văn thư ", ["clerk"], ["16876"], "h1")
    assert event == AccountOpened("vanthu-16876", "Văn thư", ("clerk",), ("16876",), "h1")


def test_an_account_lives_in_the_stream_named_after_its_username() -> None:
    assert stream_id("vanthu-16876") == "account-vanthu-16876"


@pytest.mark.parametrize("username", ["ab", "Vanthu", "văn-thư", "a b", "x" * 65, "", "user@x"])
def test_a_username_outside_lowercase_letters_digits_dot_underscore_dash_3_to_64_is_refused(
    username: str,
) -> None:
    with pytest.raises(InvalidAccount) as refused:
        Account(username).open("A", ["clerk"], [], "h")
    assert refused.value.code == "invalid_username"


def test_usernames_of_3_and_64_allowed_characters_are_accepted() -> None:
    Account("a.b").open("A", ["clerk"], [], "h")
    Account("a_-." + "x" * 60).open("A", ["clerk"], [], "h")


def test_an_unknown_role_is_refused_naming_it() -> None:
    with pytest.raises(InvalidAccount) as refused:
        Account("someone").open("A", ["clerk", "king"], [], "h")
    assert refused.value.code == "unknown_role" and "king" in refused.value.message_en


def test_an_account_needs_a_role() -> None:
    with pytest.raises(InvalidAccount) as refused:
        Account("someone").open("A", [], [], "h")
    assert refused.value.code == "no_role"


def test_roles_are_kept_once_each_in_the_catalogue_order() -> None:
    event = Account("someone").open("A", ["admin", "clerk", "admin"], [], "h")
    assert event.roles == ("clerk", "admin")


def test_a_scope_code_with_other_characters_is_refused() -> None:
    with pytest.raises(InvalidAccount) as refused:
        Account("someone").open("A", ["clerk"], ["16876", "xã 1"], "h")
    assert refused.value.code == "invalid_scope"


def test_an_empty_display_name_is_refused() -> None:
    with pytest.raises(InvalidAccount) as refused:
        Account("someone").open("  ", ["clerk"], [], "h")
    assert refused.value.code == "invalid_display_name"


def test_opening_an_account_that_exists_is_refused() -> None:
    with pytest.raises(AccountExists):
        opened().open("Again", ["clerk"], [], "h")


def test_changing_access_records_only_what_changes() -> None:
    account = opened()
    assert account.change_access(["clerk"], ["16876"]) == []
    assert account.change_access(["clerk", "leader"], ["16876"]) == [
        RolesChanged("vanthu-16876", ("clerk", "leader"))
    ]
    assert account.change_access(["clerk"], ["16876", "16882"]) == [
        ScopeChanged("vanthu-16876", ("16876", "16882"))
    ]


def test_applied_events_change_the_state_and_the_version() -> None:
    account = opened()
    for event in (
        RolesChanged("vanthu-16876", ("leader",)),
        ScopeChanged("vanthu-16876", ("16882",)),
        PasswordChanged("vanthu-16876", "h2"),
        Disabled("vanthu-16876"),
    ):
        account.apply(event)
    assert (account.version, account.roles, account.scope, account.password_hash, account.disabled) == (
        5,
        ("leader",),
        ("16882",),
        "h2",
        True,
    )


def test_disabling_twice_records_once() -> None:
    account = opened()
    (disabled,) = account.disable()
    account.apply(disabled)
    assert account.disable() == []


def test_a_disabled_account_gets_no_new_password_nor_access() -> None:
    account = opened()
    account.apply(Disabled("vanthu-16876"))
    with pytest.raises(AccountDisabledError):
        account.change_password("h2")
    with pytest.raises(AccountDisabledError):
        account.change_access(["admin"], [])


def test_the_password_hash_never_shows_in_a_representation() -> None:
    account = opened()
    assert "h1" not in repr(account)
    assert "h1" not in repr(AccountOpened("u", "U", ("clerk",), (), "h1"))
    assert "h2" not in repr(PasswordChanged("u", "h2"))
