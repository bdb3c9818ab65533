"""One realistic instance of every contract event, shared by the contract tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from oneoffice.contracts.events import staff as people
from oneoffice.contracts.events.documents import (
    DocumentSymbol,
    IncomingDocumentRegistered,
    OutgoingDocumentDispatched,
    OutgoingDocumentDrafted,
    OutgoingDocumentNumbered,
    OutgoingDocumentRecalled,
)
from oneoffice.contracts.events.staff import (
    AccountCreated,
    AccountDisabled,
    AccountPasswordChanged,
    AccountRolesChanged,
    AccountScopeChanged,
    BodyRegistered,
    CarriedBody,
    NewUnit,
    UnitCeased,
    UnitEstablished,
    UnitRenamed,
    UnitReparented,
    UnitsMerged,
    UnitSplit,
)
from oneoffice.eventcore.events import DomainEvent

from .attachment_samples import ATTACHMENT_SAMPLES
from .duty_samples import DUTY_SAMPLES
from .figures_samples import FIGURES_SAMPLES
from .records_samples import RECORDS_SAMPLES
from .work_samples import WORK_SAMPLES

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
        symbol=DocumentSymbol(recognised=True, family="party", number=15, type="NQ", issuer="TU"),
    ),
    OutgoingDocumentDrafted: OutgoingDocumentDrafted(
        document_id="out-0001",
        commune_id="16876",
        body_code="UBND",
        document_type="QD",
        summary="Về việc thành lập Tổ công tác chuyển đổi số",
        drafting_unit="VP",
        signer_id="person-0001",
        signer_name="Lê Văn Hùng",
        signer_title="Chủ tịch",
        authority="TM.",
        place_name="Tương Dương",
        recipients=("Như Điều 3", "Lưu: VT, VP"),
        urgency="NORMAL",
        confidentiality="NONE",
        drafted_by="vanthu-16876",
    ),
    OutgoingDocumentNumbered: OutgoingDocumentNumbered(
        document_id="out-0001",
        commune_id="16876",
        body_code="UBND",
        document_type="QD",
        sequence_id="outgoing-numbers:16876:UBND:public",
        period="2026",
        number=5,
        number_symbol="05/QĐ-UBND",
        formatted="Số: 05/QĐ-UBND",
        issued_on=date(2026, 3, 5),
        confidential=False,
        imported=False,
        numbered_by="vanthu-16876",
    ),
    OutgoingDocumentDispatched: OutgoingDocumentDispatched(
        document_id="out-0001",
        commune_id="16876",
        recipients=("UBND tỉnh Nghệ An",),
        dispatched_on=date(2026, 3, 6),
        channel="ELECTRONIC",
        dispatched_by="vanthu-16876",
    ),
    OutgoingDocumentRecalled: OutgoingDocumentRecalled(
        document_id="out-0001",
        commune_id="16876",
        reason="Sai trích yếu",
        recalled_by="vanthu-16876",
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
    UnitEstablished: UnitEstablished(
        reorganisation_id="seed:TD-HOA-BINH",
        effective=date(2017, 1, 1),
        unit=NewUnit(
            code="TD-HOA-BINH",
            name="Hòa Bình",
            kind="township",
            parent="NA-TUONG-DUONG",
            synthetic=True,
            bodies=["DANG_UY", "UBND"],
        ),
        note="2017 pilot unit",
    ),
    UnitsMerged: UnitsMerged(
        reorganisation_id="seed:merge:16876",
        effective=date(2025, 7, 1),
        merged=["TD-THACH-GIAM", "TD-LUU-KIEN", "TD-XA-LUONG"],
        successor="16876",
        new_successor=NewUnit(
            code="16876", name="Tương Dương", kind="commune", parent="40", synthetic=False, bodies=[]
        ),
        bodies_carried=[CarriedBody(from_unit="TD-LUU-KIEN", body="UBND")],
        children_moved=[],
        note="Nghị quyết 1678/NQ-UBTVQH15",
    ),
    UnitSplit: UnitSplit(
        reorganisation_id="r-split",
        effective=date(2026, 1, 1),
        unit="16933",
        into=[
            NewUnit(
                code="X1", name="Tam Quang A", kind="commune", parent="40", synthetic=False, bodies=["UBND"]
            ),
            NewUnit(
                code="X2", name="Tam Quang B", kind="commune", parent="40", synthetic=False, bodies=["UBND"]
            ),
        ],
        note="",
    ),
    UnitRenamed: UnitRenamed(
        reorganisation_id="r-rename",
        effective=date(2026, 1, 1),
        code="16876",
        name="Tương Dương",
        kind="ward",
        note="",
    ),
    UnitReparented: UnitReparented(
        reorganisation_id="seed:reparent:16885",
        effective=date(2025, 7, 1),
        code="16885",
        parent="40",
        note="Nghị quyết 1678/NQ-UBTVQH15",
    ),
    UnitCeased: UnitCeased(
        reorganisation_id="seed:cease:NA-TUONG-DUONG",
        effective=date(2025, 7, 1),
        code="NA-TUONG-DUONG",
        note="Nghị quyết 1678/NQ-UBTVQH15",
    ),
    people.PersonJoinedStaff: people.PersonJoinedStaff(
        person_id="p-1",
        name="Lô Thị Hoa",
        title="Văn phòng Đảng ủy",
        category="không chuyên trách",
        bodies=["DANG_UY"],
        allowance=Decimal("1.0"),
        commune_id="16876",
        effective=date(2025, 7, 1),
        username=None,
    ),
    people.PersonTransferred: people.PersonTransferred(
        person_id="p-1", from_commune="16876", to_commune="16882", effective=date(2026, 1, 1)
    ),
    people.PersonLeftStaff: people.PersonLeftStaff(
        person_id="p-1", commune_id="16882", effective=date(2026, 6, 1)
    ),
    people.OfficeTeamSetUp: people.OfficeTeamSetUp(
        commune_id="16876",
        decision_number="15/QĐ-UBND",
        decision_date=date(2025, 7, 5),
        effective=date(2025, 7, 10),
        lead="p-2",
        members=["p-2", "p-1"],
    ),
    people.OfficeTeamLeadChanged: people.OfficeTeamLeadChanged(
        commune_id="16876", lead="p-1", effective=date(2026, 1, 1), decision_number=""
    ),
    people.OfficeTeamMemberJoined: people.OfficeTeamMemberJoined(
        commune_id="16876", person_id="p-3", effective=date(2026, 1, 1)
    ),
    people.OfficeTeamMemberLeft: people.OfficeTeamMemberLeft(
        commune_id="16876", person_id="p-3", effective=date(2026, 2, 1)
    ),
    people.OneOfficeModelAdopted: people.OneOfficeModelAdopted(
        commune_id="TD-MAI-SON", adopted_on=date(2017, 6, 1), wave="2017 pilot", decision=""
    ),
}

SAMPLES.update(DUTY_SAMPLES)
SAMPLES.update(ATTACHMENT_SAMPLES)
SAMPLES.update(WORK_SAMPLES)
SAMPLES.update(RECORDS_SAMPLES)
SAMPLES.update(FIGURES_SAMPLES)
