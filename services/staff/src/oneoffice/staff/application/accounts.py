"""Use cases of accounts: load → decide → save, each on the stream ``account-<username>``.

Creating appends at ``expected_version=0``, so the store itself refuses a second account with the
same username (two processes racing included). Authentication gives one answer, in about the same
time, for an unknown username, a wrong password and a disabled account.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.errors import ConcurrencyConflict
from oneoffice.eventcore.events import EventRegistry
from oneoffice.eventcore.retry import retry_on_conflict

from ..domain.account import Account, check_password, check_username, stream_id
from ..domain.errors import AccountBusy, AccountExists, AccountNotFound, AuthenticationFailed, InvalidAccount
from ..domain.events import AccountEvent
from .contract_events import from_contract, to_contract
from .ports import Clock, EventStorePort, PasswordHasher

# Accounts belong to no one commune: their events carry no commune id.
NO_COMMUNE = ""


@dataclass(frozen=True, slots=True)
class AccountView:
    """An account as callers see it: never its password hash."""

    username: str
    display_name: str
    roles: tuple[str, ...]
    scope: tuple[str, ...]
    disabled: bool

    @classmethod
    def of(cls, account: Account) -> AccountView:
        return cls(account.username, account.display_name, account.roles, account.scope, account.disabled)


@dataclass(frozen=True, slots=True)
class Caller:
    """Who asks (recorded as the events' actor) and in which flow."""

    actor: str
    correlation_id: str = ""

    def metadata(self) -> Metadata:
        return Metadata(actor=self.actor, correlation_id=self.correlation_id or str(uuid.uuid4()))


class AccountService:
    def __init__(
        self,
        store: EventStorePort,
        registry: EventRegistry,
        clock: Clock,
        passwords: PasswordHasher,
        *,
        max_attempts: int = 5,
        retry_delay: float = 0.005,
    ) -> None:
        self._store = store
        self._registry = registry
        self._clock = clock
        self._passwords = passwords
        self._max_attempts = max_attempts
        self._retry_delay = retry_delay

    async def create(
        self,
        caller: Caller,
        *,
        username: str,
        display_name: str,
        roles: Sequence[str],
        scope: Sequence[str],
        password: str,
    ) -> AccountView:
        """Raises ``InvalidAccount`` or ``AccountExists``."""
        account = Account(check_username(username))
        password_hash = await asyncio.to_thread(self._passwords.hash, check_password(password))
        opened = account.open(display_name, roles, scope, password_hash)
        try:
            await self._save(account, [opened], caller)
        except ConcurrencyConflict:
            raise AccountExists(username) from None
        return AccountView.of(account)

    async def get(self, username: str) -> AccountView:
        """Raises ``AccountNotFound``."""
        return AccountView.of(await self._existing(username))

    async def authenticate(self, username: str, password: str) -> AccountView:
        """Raises ``AuthenticationFailed`` (the only error, whatever went wrong)."""
        account = await self._load(username) if _plausible(username, password) else None
        if account is None or not account.exists:
            await asyncio.to_thread(self._passwords.dummy_verify)
            raise AuthenticationFailed()
        verified = await asyncio.to_thread(self._passwords.verify, password, account.password_hash)
        if not verified or account.disabled:
            raise AuthenticationFailed()
        return AccountView.of(account)

    async def disable(self, caller: Caller, username: str) -> AccountView:
        return await self._change(caller, username, lambda account: account.disable())

    async def change_password(self, caller: Caller, username: str, new_password: str) -> AccountView:
        password_hash = await asyncio.to_thread(self._passwords.hash, check_password(new_password))
        return await self._change(caller, username, lambda account: [account.change_password(password_hash)])

    async def change_access(
        self, caller: Caller, username: str, roles: Sequence[str], scope: Sequence[str]
    ) -> AccountView:
        return await self._change(caller, username, lambda account: account.change_access(roles, scope))

    async def _change(
        self, caller: Caller, username: str, decide: Callable[[Account], list[AccountEvent]]
    ) -> AccountView:
        async def attempt() -> AccountView:
            account = await self._existing(username)
            events = decide(account)
            if events:
                await self._save(account, events, caller)
            return AccountView.of(account)

        return await retry_on_conflict(
            attempt, attempts=self._max_attempts, delay=self._retry_delay, give_up=AccountBusy
        )

    async def _save(self, account: Account, events: list[AccountEvent], caller: Caller) -> None:
        await self._store.append(
            stream_id(account.username),
            NO_COMMUNE,
            [to_contract(event) for event in events],
            expected_version=account.version,
            metadata=caller.metadata(),
            occurred_at=self._clock.now(),
        )
        for event in events:
            account.apply(event)

    async def _existing(self, username: str) -> Account:
        account = await self._load(username) if _valid_username(username) else None
        if account is None or not account.exists:
            raise AccountNotFound(username)
        return account

    async def _load(self, username: str) -> Account:
        account = Account(username)
        for envelope in await self._store.read_stream(stream_id(username)):
            event = self._registry.decode(envelope.event_type, envelope.schema_version, envelope.payload)
            account.apply(from_contract(event))
        return account


def _valid_username(username: str) -> bool:
    try:
        check_username(username)
    except InvalidAccount:
        return False
    return True


def _plausible(username: str, password: str) -> bool:
    return _valid_username(username) and 0 < len(password) <= 1024
