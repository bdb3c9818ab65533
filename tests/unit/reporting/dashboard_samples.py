"""A small province in events on three topics (#13): units with a 2025 merger, the 2017 pilot, staff,
documents and tasks, coverage, figure conflicts. Each topic's list is in that topic's own order."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from oneoffice.contracts.events import reporting as figures
from oneoffice.contracts.events import staff
from oneoffice.contracts.events.documents import (
    IncomingDocumentRegistered,
    OutgoingDocumentNumbered,
    TaskCompleted,
    TaskCreated,
    TaskOverdue,
)
from oneoffice.eventcore.envelope import GENESIS_HASH, Envelope
from oneoffice.eventcore.events import DomainEvent

PROVINCE, DISTRICT = "40", "TD"
A, B, C, N = "A01", "B02", "C03", "N10"  # A and B merge into N on 1 July 2025; C stays
MERGED = date(2025, 7, 1)
PILOT_DAY = date(2017, 6, 1)
RECORDED_AT = datetime(2026, 4, 10, 8, 0, tzinfo=UTC)
NOW = datetime(2026, 4, 15, 9, 0, tzinfo=UTC)


def _unit(code: str, name: str, kind: str, parent: str | None) -> staff.NewUnit:
    return staff.NewUnit(code=code, name=name, kind=kind, parent=parent, synthetic=False, bodies=["UBND"])  # type: ignore[arg-type]


def _established(code: str, name: str, kind: str, parent: str | None, day: date) -> staff.UnitEstablished:
    return staff.UnitEstablished(
        reorganisation_id=f"est-{code}", effective=day, unit=_unit(code, name, kind, parent), note=""
    )


def joined(
    person: str, commune: str, category: str, day: date, allowance: str = "1.0"
) -> staff.PersonJoinedStaff:
    return staff.PersonJoinedStaff(
        person_id=person,
        name=f"Người {person}",
        title="Công chức Văn phòng - Thống kê",
        category=category,  # type: ignore[arg-type]
        bodies=["UBND"],
        allowance=Decimal(allowance),
        commune_id=commune,
        effective=day,
        username=None,
    )


def staff_topic() -> list[DomainEvent]:
    start = date(2017, 1, 1)
    return [
        _established(PROVINCE, "Nghệ An", "province", None, start),
        _established(DISTRICT, "Tương Dương", "district", PROVINCE, start),
        _established(A, "An", "commune", DISTRICT, start),
        _established(B, "Bình", "commune", DISTRICT, start),
        _established(C, "Chi", "commune", DISTRICT, start),
        staff.OneOfficeModelAdopted(commune_id=A, adopted_on=PILOT_DAY, wave="2017 pilot", decision="QĐ 1"),
        joined("p-a1", A, "công chức", start),
        joined("p-a2", A, "không chuyên trách", date(2018, 1, 1), "0.5"),
        joined("p-b1", B, "cán bộ", start, "2.67"),
        joined("p-c1", C, "công chức", start),
        staff.UnitsMerged(
            reorganisation_id="merge-2025",
            effective=MERGED,
            merged=[A, B],
            successor=N,
            new_successor=_unit(N, "Nhôn", "commune", PROVINCE),
            bodies_carried=[],
            children_moved=[],
            note="",
        ),
        staff.UnitReparented(reorganisation_id="re-C", effective=MERGED, code=C, parent=PROVINCE, note=""),
        staff.UnitCeased(reorganisation_id="end-TD", effective=MERGED, code=DISTRICT, note=""),
        staff.PersonTransferred(person_id="p-a1", from_commune=A, to_commune=N, effective=MERGED),
        staff.PersonTransferred(person_id="p-b1", from_commune=B, to_commune=N, effective=MERGED),
        staff.PersonLeftStaff(person_id="p-a2", commune_id=A, effective=MERGED),
        joined("p-n2", N, "hợp đồng", date(2026, 1, 5)),
        staff.OneOfficeModelAdopted(
            commune_id=C, adopted_on=date(2026, 2, 1), wave="2026 wave 1", decision="QĐ 9"
        ),
        staff.CoverageStarted(
            commune_id=C,
            coverage_id="abs-1/INCOMING",
            absence_id="abs-1",
            duty="INCOMING",
            absent="p-c1",
            covered_by="p-c2",
            on=date(2026, 2, 10),
        ),
    ]


def incoming(document: str, commune: str, received: date) -> IncomingDocumentRegistered:
    return IncomingDocumentRegistered(
        document_id=document,
        commune_id=commune,
        body_code="UBND",
        incoming_number=1,
        year=received.year,
        issuer="UBND tỉnh",
        number_symbol="1/QĐ-UBND",
        document_date=received,
        document_type="QD",
        summary="Về việc",
        urgency="NORMAL",
        received_date=received,
        registered_by="vanthu",
    )


def outgoing(document: str, commune: str, issued: date) -> OutgoingDocumentNumbered:
    return OutgoingDocumentNumbered(
        document_id=document,
        commune_id=commune,
        body_code="UBND",
        document_type="CV",
        sequence_id="s",
        period=str(issued.year),
        number=1,
        number_symbol="1/UBND",
        formatted="Số: 1/UBND",
        issued_on=issued,
        confidential=False,
        imported=False,
        numbered_by="vanthu",
    )


def task(
    task_id: str,
    commune: str,
    lead: str,
    directed: date,
    document: str | None = None,
    deadline_days: int = 10,
) -> TaskCreated:
    return TaskCreated(
        task_id=task_id,
        commune_id=commune,
        title="Xử lý",
        document_id=document,
        body_code="UBND",
        lead=lead,
        deadline=directed + timedelta(days=deadline_days),
        directed_by="lanhdao",
        directed_on=directed,
    )


def done(task_id: str, commune: str, day: date) -> TaskCompleted:
    return TaskCompleted(
        task_id=task_id, commune_id=commune, result="Xong", completed_on=day, completed_by="x"
    )


def overdue(task_id: str, commune: str, lead: str, day: date) -> TaskOverdue:
    return TaskOverdue(
        task_id=task_id,
        commune_id=commune,
        deadline=day - timedelta(days=1),
        deadline_number=1,
        lead=lead,
        raised_on=day,
    )


def documents_topic() -> list[DomainEvent]:
    q1 = date(2026, 1, 5)
    return [
        # Before the merger, in A (the pilot) and B: they count for N once merged.
        incoming("d-a-2017", A, date(2017, 5, 2)),
        task("t-a-2017", A, "p-a1", date(2017, 5, 3), "d-a-2017"),
        done("t-a-2017", A, date(2017, 5, 20)),
        incoming("d-a-2017b", A, date(2017, 6, 5)),
        task("t-a-2017b", A, "p-a1", date(2017, 6, 5), "d-a-2017b"),
        done("t-a-2017b", A, date(2017, 6, 9)),
        incoming("d-b-2024", B, date(2024, 2, 1)),
        # 2026-Q1, after the merger.
        incoming("d-n-1", N, q1),
        task("t-n-1", N, "p-a1", q1 + timedelta(days=1), "d-n-1"),
        done("t-n-1", N, q1 + timedelta(days=4)),
        incoming("d-n-2", N, q1 + timedelta(days=7)),
        task("t-n-2", N, "p-b1", q1 + timedelta(days=10), "d-n-2", deadline_days=5),
        overdue("t-n-2", N, "p-b1", q1 + timedelta(days=16)),
        done("t-n-2", N, q1 + timedelta(days=20)),
        task("t-n-3", N, "p-b1", q1 + timedelta(days=30)),
        outgoing("o-n-1", N, q1 + timedelta(days=3)),
        incoming("d-c-1", C, date(2026, 1, 20)),
        incoming("d-c-2", C, date(2026, 2, 20)),
        task("t-c-2", C, "p-c1", date(2026, 2, 23), "d-c-2"),
        done("t-c-2", C, date(2026, 3, 1)),
        outgoing("o-c-1", C, date(2026, 3, 2)),
    ]


def reporting_topic() -> list[DomainEvent]:
    return [
        figures.FigureConflictRaised(
            commune_id=C,
            conflict_id="k1",
            indicator_code="DS_TONG",
            period="2026-Q1",
            values={"UBND": Decimal(1), "MTTQ": Decimal(2)},
        ),
        figures.FigureConflictRaised(
            commune_id=N,
            conflict_id="k2",
            indicator_code="DS_TONG",
            period="2026-02",
            values={"UBND": Decimal(1), "MTTQ": Decimal(2)},
        ),
        figures.FigureAdopted(
            commune_id=N,
            conflict_id="k2",
            indicator_code="DS_TONG",
            period="2026-02",
            value=Decimal(1),
            body_code="UBND",
            reason="Đúng",
        ),
        figures.FigureConflictRaised(
            commune_id=N,
            conflict_id="k3",
            indicator_code="DT",
            period="2025",
            values={"UBND": Decimal(1), "HDND": Decimal(3)},
        ),
    ]


TOPICS = {"staff": staff_topic, "documents": documents_topic, "reporting": reporting_topic}


def envelope(event: DomainEvent, position: int, topic: str, recorded: int | None = None) -> Envelope:
    """``recorded``: the event's rank in its own topic (when it was recorded), ``position`` by default."""
    commune = getattr(event, "commune_id", None) or getattr(event, "from_commune", None) or PROVINCE
    moment = RECORDED_AT + timedelta(minutes=position if recorded is None else recorded)
    return Envelope(
        position=position,
        event_id=str(uuid.uuid4()),
        event_type=event.event_type,
        schema_version=event.schema_version,
        stream_id=f"{topic}-{commune}",
        stream_version=position,
        commune_id=commune,
        occurred_at=moment,
        recorded_at=moment,
        actor="test",
        correlation_id=str(uuid.uuid4()),
        causation_id=None,
        trace_context={},
        payload=event.to_payload(),
        prev_hash=GENESIS_HASH,
        data=b"{}",
    )
