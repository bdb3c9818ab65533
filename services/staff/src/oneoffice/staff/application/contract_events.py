"""The accounts' events as the contract publishes them, and back: the translation at the store's edge."""

from __future__ import annotations

from oneoffice.contracts.events.staff import (
    AccountCreated,
    AccountDisabled,
    AccountPasswordChanged,
    AccountRolesChanged,
    AccountScopeChanged,
)
from oneoffice.eventcore.events import DomainEvent

from ..domain.events import AccountEvent, AccountOpened, Disabled, PasswordChanged, RolesChanged, ScopeChanged


def to_contract(event: AccountEvent) -> DomainEvent:
    match event:
        case AccountOpened():
            return AccountCreated(
                username=event.username,
                display_name=event.display_name,
                roles=list(event.roles),
                scope=list(event.scope),
                password_hash=event.password_hash,
            )
        case RolesChanged():
            return AccountRolesChanged(username=event.username, roles=list(event.roles))
        case ScopeChanged():
            return AccountScopeChanged(username=event.username, scope=list(event.scope))
        case Disabled():
            return AccountDisabled(username=event.username)
        case PasswordChanged():
            return AccountPasswordChanged(username=event.username, password_hash=event.password_hash)


def from_contract(event: DomainEvent) -> AccountEvent:
    match event:
        case AccountCreated():
            return AccountOpened(
                event.username,
                event.display_name,
                tuple(event.roles),
                tuple(event.scope),
                event.password_hash,
            )
        case AccountRolesChanged():
            return RolesChanged(event.username, tuple(event.roles))
        case AccountScopeChanged():
            return ScopeChanged(event.username, tuple(event.scope))
        case AccountDisabled():
            return Disabled(event.username)
        case AccountPasswordChanged():
            return PasswordChanged(event.username, event.password_hash)
    raise TypeError(f"not an account event: {event.event_type}")
