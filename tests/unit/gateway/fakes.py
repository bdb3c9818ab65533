"""Hand-written fakes behind the gateway's ports."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

from oneoffice.gateway.application.catalogue import Choice
from oneoffice.gateway.application.errors import Conflict, NotFound, ServiceError
from oneoffice.gateway.application.ports import (
    Account,
    AccountDraft,
    IncomingDocument,
    IncomingDocumentDraft,
    ReferenceData,
    RegisterPage,
    RegisterRow,
    Registration,
    RequestContext,
)
from oneoffice.gateway.application.readiness import BACKEND_SERVICES, ServiceReport, ServiceStatus

REGISTERED_AT = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
# A few rows of the documents service's tables, as it names them.
REFERENCE_DATA = ReferenceData(
    bodies=(
        Choice("DANG_UY", "Đảng ủy", "Commune Party committee"),
        Choice("HDND", "Hội đồng nhân dân", "People's Council"),
        Choice("UBND", "Ủy ban nhân dân", "People's Committee"),
    ),
    document_types=(
        Choice("NQ", "Nghị quyết", "Resolution"),
        Choice("QD", "Quyết định", "Decision"),
        Choice("TB", "Thông báo", "Notice"),
        Choice("CV", "Công văn", "Official letter"),
    ),
)


class FakeServiceHealth:
    """Every service SERVING unless told otherwise; remembers what it was asked."""

    def __init__(self, **statuses: ServiceStatus) -> None:
        self.statuses = {name: statuses.get(name, ServiceStatus.SERVING) for name in BACKEND_SERVICES}
        self.asked: list[str] = []
        # What a service reports under names of its own (Kafka connections, halted subscriptions).
        self.reported_parts: dict[str, dict[str, ServiceStatus]] = {}

    async def report(self, name: str) -> ServiceReport:
        self.asked.append(name)
        status = self.statuses.get(name, ServiceStatus.SERVICE_UNKNOWN)
        return ServiceReport(status, dict(self.reported_parts.get(name, {})))


@dataclass
class RegisterCall:
    commune_id: str
    draft: IncomingDocumentDraft
    idempotency_key: str
    context: RequestContext


@dataclass
class FakeDocuments:
    """Numbers per (commune, body, year of receipt); replays a known key; flags a repeated symbol."""

    calls: list[RegisterCall] = field(default_factory=list)
    documents: dict[str, IncomingDocument] = field(default_factory=dict)
    by_key: dict[str, Registration] = field(default_factory=dict)
    # Raised by the next calls (one per call) instead of answering.
    fail_with: list[ServiceError] = field(default_factory=list)
    gets: list[tuple[str, str, RequestContext]] = field(default_factory=list)
    reference_data: ReferenceData = REFERENCE_DATA
    reference_data_calls: list[RequestContext] = field(default_factory=list)
    # Raised by the next reference-data calls (one per call) instead of answering.
    reference_data_fails_with: list[ServiceError] = field(default_factory=list)

    async def register_incoming(
        self, commune_id: str, draft: IncomingDocumentDraft, idempotency_key: str, context: RequestContext
    ) -> Registration:
        self.calls.append(RegisterCall(commune_id, draft, idempotency_key, context))
        if self.fail_with:
            raise self.fail_with.pop(0)
        if idempotency_key in self.by_key:
            return self.by_key[idempotency_key]
        received = date.fromisoformat(draft.received_date)
        same_register = [
            d
            for d in self.documents.values()
            if (d.commune_id, d.body_code, d.year) == (commune_id, draft.body_code, received.year)
        ]
        first = next(
            (d for d in same_register if (d.issuer, d.number_symbol) == (draft.issuer, draft.number_symbol)),
            None,
        )
        document = IncomingDocument(
            document_id=f"doc-{len(self.documents) + 1}",
            commune_id=commune_id,
            body_code=draft.body_code,
            incoming_number=len(same_register) + 1,
            year=received.year,
            issuer=draft.issuer,
            number_symbol=draft.number_symbol,
            document_date=date.fromisoformat(draft.document_date),
            document_type=draft.document_type,
            summary=draft.summary,
            urgency=draft.urgency,
            received_date=received,
            registered_at=REGISTERED_AT,
            registered_by=context.actor,
            duplicate_of=first.document_id if first else None,
        )
        self.documents[document.document_id] = document
        registration = Registration(
            document.document_id,
            document.incoming_number,
            document.year,
            REGISTERED_AT,
            document.duplicate_of,
        )
        self.by_key[idempotency_key] = registration
        return registration

    async def get_incoming(
        self, commune_id: str, document_id: str, context: RequestContext
    ) -> IncomingDocument:
        self.gets.append((commune_id, document_id, context))
        if self.fail_with:
            raise self.fail_with.pop(0)
        document = self.documents.get(document_id)
        if document is None or document.commune_id != commune_id:
            raise NotFound(
                "documents", f"Không tìm thấy văn bản đến «{document_id}».", f"No {document_id!r}."
            )
        return document

    async def list_reference_data(self, context: RequestContext) -> ReferenceData:
        self.reference_data_calls.append(context)
        await asyncio.sleep(0)  # like a real call, lets other requests run meanwhile
        if self.reference_data_fails_with:
            raise self.reference_data_fails_with.pop(0)
        return self.reference_data


@dataclass
class ListCall:
    commune_id: str
    body_code: str
    year: int
    page_size: int
    page_token: str
    context: RequestContext


@dataclass
class FakeReporting:
    rows: Sequence[RegisterRow] = ()
    next_page_token: str | None = None
    calls: list[ListCall] = field(default_factory=list)
    fail_with: ServiceError | None = None

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
        self.calls.append(ListCall(commune_id, body_code, year, page_size, page_token, context))
        if self.fail_with is not None:
            raise self.fail_with
        return RegisterPage(list(self.rows), self.next_page_token)


class FakeStaff:
    """Accounts by username with their passwords; remembers who was looked up."""

    def __init__(self) -> None:
        self.accounts: dict[str, tuple[Account, str]] = {}
        self.looked_up: list[str] = []
        # (command, username, actor) of each change asked for.
        self.commands: list[tuple[str, str, str]] = []

    def add(
        self,
        username: str,
        password: str = "demo",
        *,
        roles: Sequence[str] = ("clerk",),
        scope: Sequence[str] = ("16876",),
    ) -> Account:
        account = Account(username, f"User {username}", tuple(roles), tuple(scope), disabled=False)
        self.accounts[username] = (account, password)
        return account

    def disable(self, username: str) -> None:
        account, password = self.accounts[username]
        self.accounts[username] = (replace(account, disabled=True), password)

    async def authenticate(self, username: str, password: str, context: RequestContext) -> Account | None:
        found = self.accounts.get(username)
        if found is None or found[1] != password or found[0].disabled:
            return None
        return found[0]

    async def get_account(self, username: str, context: RequestContext) -> Account | None:
        self.looked_up.append(username)
        found = self.accounts.get(username)
        return None if found is None else found[0]

    async def create_account(self, draft: AccountDraft, context: RequestContext) -> Account:
        self.commands.append(("create", draft.username, context.actor))
        if draft.username in self.accounts:
            raise Conflict("staff", "Tên đăng nhập đã có.", "The username is taken.")
        account = Account(draft.username, draft.display_name, draft.roles, draft.scope, disabled=False)
        self.accounts[draft.username] = (account, draft.password)
        return account

    async def change_access(
        self, username: str, roles: Sequence[str], scope: Sequence[str], context: RequestContext
    ) -> Account:
        self.commands.append(("access", username, context.actor))
        account, password = self._existing(username)
        self.accounts[username] = (replace(account, roles=tuple(roles), scope=tuple(scope)), password)
        return self.accounts[username][0]

    async def disable_account(self, username: str, context: RequestContext) -> Account:
        self.commands.append(("disable", username, context.actor))
        self._existing(username)
        self.disable(username)
        return self.accounts[username][0]

    async def change_password(self, username: str, new_password: str, context: RequestContext) -> Account:
        self.commands.append(("password", username, context.actor))
        account, _ = self._existing(username)
        self.accounts[username] = (account, new_password)
        return account

    def _existing(self, username: str) -> tuple[Account, str]:
        if username not in self.accounts:
            raise NotFound("staff", "Không có tài khoản.", "No such account.")
        return self.accounts[username]
