"""A person's user account: its username, roles, the administrative units it reaches, its password
hash and whether it is disabled. Its history is the stream ``account-<username>``.

The aggregate decides (``open``, ``change_roles``…, each returning the events to record, the state
left unchanged) and folds recorded events with :meth:`Account.apply`. Hashing is not its business: it
receives hashes, so the domain imports no framework.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .errors import AccountDisabledError, AccountExists, InvalidAccount
from .events import AccountEvent, AccountOpened, Disabled, PasswordChanged, RolesChanged, ScopeChanged

ROLES: tuple[str, ...] = ("clerk", "handler", "leader", "team_lead", "district_viewer", "auditor", "admin")
USERNAME = re.compile(r"[a-z0-9._-]{3,64}")
UNIT_CODE = re.compile(r"[0-9A-Za-z_-]{1,32}")
MAX_DISPLAY_NAME = 200
MIN_PASSWORD = 4
MAX_PASSWORD = 1024


def stream_id(username: str) -> str:
    """One stream per username: creating it at version 0 is what keeps usernames unique."""
    return f"account-{username}"


def check_username(username: str) -> str:
    if not USERNAME.fullmatch(username):
        raise InvalidAccount(
            "invalid_username",
            "Tên đăng nhập chỉ gồm chữ thường, số, '.', '_' hoặc '-', từ 3 đến 64 ký tự.",
            "A username is 3 to 64 lowercase letters, digits, '.', '_' or '-'.",
        )
    return username


def check_roles(roles: Iterable[str]) -> tuple[str, ...]:
    chosen = set(roles)
    if not chosen:
        raise InvalidAccount("no_role", "Tài khoản cần ít nhất một vai trò.", "An account needs a role.")
    unknown = sorted(chosen.difference(ROLES))
    if unknown:
        named = ", ".join(unknown)
        raise InvalidAccount("unknown_role", f"Vai trò không có: {named}.", f"Unknown role: {named}.")
    return tuple(role for role in ROLES if role in chosen)


def check_scope(scope: Iterable[str]) -> tuple[str, ...]:
    codes = list(dict.fromkeys(code.strip() for code in scope))
    if not all(UNIT_CODE.fullmatch(code) for code in codes):
        raise InvalidAccount(
            "invalid_scope",
            "Mã đơn vị hành chính không hợp lệ (chữ, số, '-' hoặc '_', tối đa 32 ký tự).",
            "Invalid administrative unit code (letters, digits, '-' or '_', at most 32 characters).",
        )
    return tuple(codes)


def check_display_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_DISPLAY_NAME:
        raise InvalidAccount(
            "invalid_display_name",
            f"Họ tên hiển thị không được để trống và tối đa {MAX_DISPLAY_NAME} ký tự.",
            f"The display name must be 1 to {MAX_DISPLAY_NAME} characters.",
        )
    return name


def check_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InvalidAccount(
            "invalid_password",
            f"Mật khẩu cần từ {MIN_PASSWORD} đến {MAX_PASSWORD} ký tự.",
            f"A password has {MIN_PASSWORD} to {MAX_PASSWORD} characters.",
        )
    return password


class Account:
    """The state the account's decisions need, rebuilt from its events with :meth:`apply`."""

    def __init__(self, username: str) -> None:
        self.username = username
        self.version = 0
        self.display_name = ""
        self.roles: tuple[str, ...] = ()
        self.scope: tuple[str, ...] = ()
        self.password_hash = ""
        self.disabled = False

    def __repr__(self) -> str:  # never the hash
        state = f"version={self.version}, roles={self.roles}, disabled={self.disabled}"
        return f"Account({self.username!r}, {state})"

    @property
    def exists(self) -> bool:
        return self.version > 0

    def apply(self, event: AccountEvent) -> None:
        """Take one recorded event into the state (the account's events, in stream order)."""
        self.version += 1
        match event:
            case AccountOpened():
                self.display_name = event.display_name
                self.roles = event.roles
                self.scope = event.scope
                self.password_hash = event.password_hash
            case RolesChanged():
                self.roles = event.roles
            case ScopeChanged():
                self.scope = event.scope
            case Disabled():
                self.disabled = True
            case PasswordChanged():
                self.password_hash = event.password_hash

    def open(
        self, display_name: str, roles: Iterable[str], scope: Iterable[str], password_hash: str
    ) -> AccountOpened:
        """Decide the opening of a new account (the store refuses a second one with this username)."""
        if self.exists:
            raise AccountExists(self.username)
        return AccountOpened(
            username=check_username(self.username),
            display_name=check_display_name(display_name),
            roles=check_roles(roles),
            scope=check_scope(scope),
            password_hash=password_hash,
        )

    def change_access(self, roles: Iterable[str], scope: Iterable[str]) -> list[AccountEvent]:
        """The events that give the account these roles and this scope (none for what is unchanged)."""
        self._require_enabled()
        new_roles, new_scope = check_roles(roles), check_scope(scope)
        events: list[AccountEvent] = []
        if new_roles != self.roles:
            events.append(RolesChanged(self.username, new_roles))
        if new_scope != self.scope:
            events.append(ScopeChanged(self.username, new_scope))
        return events

    def disable(self) -> list[AccountEvent]:
        """Disabling a disabled account records nothing."""
        return [] if self.disabled else [Disabled(self.username)]

    def change_password(self, password_hash: str) -> PasswordChanged:
        self._require_enabled()
        return PasswordChanged(self.username, password_hash)

    def _require_enabled(self) -> None:
        if self.disabled:
            raise AccountDisabledError(self.username)
