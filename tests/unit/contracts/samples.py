"""One realistic instance of every contract event, shared by the contract tests."""

from __future__ import annotations

from datetime import date

from oneoffice.contracts.events.documents import IncomingDocumentRegistered
from oneoffice.contracts.events.staff import (
    AccountCreated,
    AccountDisabled,
    AccountPasswordChanged,
    AccountRolesChanged,
    AccountScopeChanged,
    BodyRegistered,
)
from oneoffice.eventcore.events import DomainEvent

SAMPLES: dict[type[DomainEvent], DomainEvent] = {
    IncomingDocumentRegistered: IncomingDocumentRegistered(
        document_id="doc-0001",
        commune_id="16876",
        body_code="DANG_UY",
        incoming_number=7,
        year=2025,
        issuer="Ban Thường vụ Tỉnh ủy Nghệ An",
        number_symbol="15-NQ/TU",
        document_date=date(2025, 7, 2),
        document_type="NQ",
        summary="Về việc kiện toàn tổ chức bộ máy cấp xã sau sắp xếp",
        urgency="KHAN",
        received_date=date(2025, 7, 4),
        registered_by="user-vanthu-01",
        duplicate_of=None,
    ),
    BodyRegistered: BodyRegistered(
        commune_id="16876",
        body_code="UBND",
        name="Ủy ban nhân dân",
        family="STATE",
    ),
    AccountCreated: AccountCreated(
        username="vanthu-16876",
        display_name="Văn thư xã Tương Dương",
        roles=["clerk"],
        scope=["16876"],
        password_hash="$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
    ),
    AccountRolesChanged: AccountRolesChanged(username="vanthu-16876", roles=["clerk", "handler"]),
    AccountScopeChanged: AccountScopeChanged(username="vanthu-16876", scope=["16876", "16882"]),
    AccountDisabled: AccountDisabled(username="vanthu-16876"),
    AccountPasswordChanged: AccountPasswordChanged(
        username="vanthu-16876",
        password_hash="$argon2id$v=19$m=65536,t=3,p=4$bmV3c2FsdA$bmV3aGFzaG5ld2hhc2g",
    ),
}
