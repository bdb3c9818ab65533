"""The services behind the gateway, as the routes need them: ports (gRPC adapters, fakes in tests)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from oneoffice.contracts.access import Identity

from .catalogue import Choice
from .symbols import DocumentSymbol


@dataclass(frozen=True, slots=True)
class RequestContext:
    """Who is asking and in which flow; travels to every service call.

    ``identity`` is the authenticated user (None before authentication, e.g. while logging in:
    the services then see the gateway alone); ``actor`` is their username, or the gateway's name.
    """

    actor: str
    correlation_id: str
    identity: Identity | None = None


@dataclass(frozen=True, slots=True)
class Account:
    """A user account as the staff service answers it (never its password hash)."""

    username: str
    display_name: str
    roles: tuple[str, ...]
    scope: tuple[str, ...]
    disabled: bool


@dataclass(frozen=True, slots=True)
class AccountDraft:
    """An account to open, as an administrator enters it; the staff service checks the rules."""

    username: str
    display_name: str
    roles: tuple[str, ...]
    scope: tuple[str, ...]
    password: str


class StaffPort(Protocol):
    async def authenticate(self, username: str, password: str, context: RequestContext) -> Account | None:
        """The account these credentials open; None for a wrong username or password or a disabled account."""
        ...

    async def get_account(self, username: str, context: RequestContext) -> Account | None:
        """None when there is no such account."""
        ...

    async def create_account(self, draft: AccountDraft, context: RequestContext) -> Account:
        """Raises :class:`~.errors.Conflict` for a taken username, ``InvalidRequest`` for a broken rule."""
        ...

    async def change_access(
        self, username: str, roles: Sequence[str], scope: Sequence[str], context: RequestContext
    ) -> Account:
        """Raises :class:`~.errors.NotFound` for an unknown account."""
        ...

    async def disable_account(self, username: str, context: RequestContext) -> Account:
        """Raises :class:`~.errors.NotFound` for an unknown account."""
        ...

    async def change_password(self, username: str, new_password: str, context: RequestContext) -> Account:
        """Raises :class:`~.errors.NotFound` for an unknown account."""
        ...


@dataclass(frozen=True, slots=True)
class IncomingDocumentDraft:
    """The fields of a received document as entered (dates ``YYYY-MM-DD``); the service checks them."""

    body_code: str
    issuer: str
    number_symbol: str
    document_date: str
    document_type: str
    summary: str
    urgency: str
    received_date: str


@dataclass(frozen=True, slots=True)
class Registration:
    document_id: str
    incoming_number: int
    year: int
    registered_at: datetime
    duplicate_of: str | None


@dataclass(frozen=True, slots=True)
class IncomingDocument:
    document_id: str
    commune_id: str
    body_code: str
    incoming_number: int
    year: int
    issuer: str
    number_symbol: str
    document_date: date
    document_type: str
    summary: str
    urgency: str
    received_date: date
    registered_at: datetime
    registered_by: str
    duplicate_of: str | None
    # The parts of number_symbol read at registration (None: blank, or registered before).
    symbol: DocumentSymbol | None = None


@dataclass(frozen=True, slots=True)
class RegisterRow:
    """One line of the sổ đăng ký văn bản đến."""

    document_id: str
    received_date: date
    incoming_number: int
    issuer: str
    number_symbol: str
    document_date: date
    document_type: str
    summary: str
    urgency: str
    recipient: str | None
    # The passing-on (#12): ngày chuyển, its deadline, late or not, and who handed it over (ký nhận).
    recipient_kind: str | None = None
    passed_on: date | None = None
    passing_on_deadline: date | None = None
    passed_on_late: bool = False
    passed_on_by: str | None = None


@dataclass(frozen=True, slots=True)
class RegisterPage:
    rows: Sequence[RegisterRow]
    # None on the last page.
    next_page_token: str | None


@dataclass(frozen=True, slots=True)
class ReferenceData:
    """What the documents service checks codes against, in its tables' order."""

    bodies: Sequence[Choice]
    document_types: Sequence[Choice]


class DocumentsPort(Protocol):
    async def register_incoming(
        self, commune_id: str, draft: IncomingDocumentDraft, idempotency_key: str, context: RequestContext
    ) -> Registration:
        """Raises a :class:`~.errors.ServiceError`; the same key always gives the same registration."""
        ...

    async def get_incoming(
        self, commune_id: str, document_id: str, context: RequestContext
    ) -> IncomingDocument:
        """Raises :class:`~.errors.NotFound` for an unknown document."""
        ...

    async def list_reference_data(self, context: RequestContext) -> ReferenceData:
        """The bodies and document types the service knows; they change only when it is redeployed."""
        ...


class ReportingPort(Protocol):
    async def list_incoming_register(
        self,
        commune_id: str,
        body_code: str,
        year: int,
        context: RequestContext,
        *,
        page_size: int = 0,
        page_token: str = "",
    ) -> RegisterPage:
        """One page of a body's incoming register for a year, in incoming-number order."""
        ...
