"""Events of the accounts domain, as plain immutable values.

The service stores them under the versioned contract of ``oneoffice.contracts.events.staff``; the
translation both ways is :mod:`oneoffice.staff.application.contract_events`.

The password hash is part of the events (an account is rebuilt from them): it is an argon2 hash,
never the password, and like the password it is never written to a log (``repr=False``).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class AccountOpened:
    username: str
    display_name: str
    roles: tuple[str, ...]
    scope: tuple[str, ...]
    password_hash: str = field(repr=False)


@dataclass(frozen=True, slots=True)
class RolesChanged:
    username: str
    roles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ScopeChanged:
    username: str
    scope: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Disabled:
    username: str


@dataclass(frozen=True, slots=True)
class PasswordChanged:
    username: str
    password_hash: str = field(repr=False)


AccountEvent = AccountOpened | RolesChanged | ScopeChanged | Disabled | PasswordChanged
