"""What happens in one commune over a year, day by day, built from the real contract events.

Deterministic: every commune draws from its own ``random.Random`` seeded with (seed, commune). A
working day brings a burst of incoming documents (more on Mondays, at the end of a month and in
December, few around Tết); each document's whole life (passing-on, a task for about half of them with
progress, deadline reminders, extensions, reassignments and completion) is scheduled when it arrives,
on later days. Outgoing documents are drafted, numbered and dispatched; staff come, move and leave,
absences start coverage; bodies report figures every month and some disagree.

Scheduled events are kept as ``partial`` constructors of their class (a few small fields each) until
their day comes, so only the open work of the province is in memory, never the year.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

from oneoffice.contracts.events import documents as d
from oneoffice.contracts.events import reporting as r
from oneoffice.contracts.events import staff as s
from oneoffice.eventcore.events import DomainEvent

YEAR = 2025
DAYS = 365
BODIES = ("UBND", "DANG_UY", "HDND", "MTTQ")
BODY_WEIGHTS = (0.55, 0.25, 0.1, 0.1)
ISSUERS = ("UBND tỉnh Nghệ An", "Sở Nội vụ", "Sở Tài chính", "Tỉnh ủy Nghệ An", "Bộ Nội vụ", "Công an tỉnh")
TYPES = ("CV", "QD", "KH", "TB", "BC", "NQ")
SUMMARIES = (
    "Về việc triển khai kế hoạch cải cách hành chính năm {y}",
    "Về việc báo cáo kết quả thực hiện nhiệm vụ quý",
    "Về việc tổ chức hội nghị sơ kết công tác phòng chống thiên tai",
    "Về việc rà soát hộ nghèo, hộ cận nghèo trên địa bàn",
    "Về việc đôn đốc thu ngân sách nhà nước",
)
INDICATORS = ("DS_TONG", "HO_NGHEO", "THU_NS", "DT_LUA", "TRE_TIEM", "LAO_DONG", "DN_MOI", "KHIEU_NAI")

# Per incoming document: events of its life on average (registration, passing-on, ~half a task's life).
_EVENTS_PER_INCOMING = 3.9
_EVENTS_PER_OUTGOING = 3.0
_OUTGOING_PER_INCOMING = 0.35


def day_of(n: int) -> date:
    return date(YEAR, 1, 1) + timedelta(days=n)


def working(day: date) -> bool:
    return day.weekday() < 5


def burst_factor(day: date) -> float:
    """More work on Mondays, at a month's end and in December; little around Tết (late January)."""
    factor = 1.0
    if day.weekday() == 0:
        factor *= 1.5
    if day.day >= 25:
        factor *= 1.4
    if day.month == 12:
        factor *= 1.3
    if (day.month == 1 and 25 <= day.day) or (day.month == 2 and day.day <= 5):
        factor *= 0.3
    return factor


_WEIGHTS = [burst_factor(day_of(n)) if working(day_of(n)) else 0.0 for n in range(DAYS)]
_WEIGHT_SUM = sum(_WEIGHTS)


@dataclass(frozen=True, slots=True)
class Planned:
    """An event of one commune, due at ``second`` of its day, in stream ``stream_id``."""

    second: int
    stream_id: str
    build: partial[DomainEvent]


@dataclass(slots=True)
class Commune:
    code: str
    district: str
    events_per_year: int
    neighbours: tuple[str, ...]
    seed: int
    rng: random.Random = field(init=False)
    agenda: defaultdict[int, list[Planned]] = field(default_factory=lambda: defaultdict(list))
    staff: list[str] = field(default_factory=list)
    people: int = 0
    documents: int = 0
    numbers: dict[str, int] = field(default_factory=dict)
    outgoing: dict[str, int] = field(default_factory=dict)
    absences: int = 0
    reported_month: int = 0

    def __post_init__(self) -> None:
        self.rng = random.Random(f"{self.seed}:{self.code}")

    # --- ids ---------------------------------------------------------------------------------
    def uid(self) -> str:
        return f"{self.rng.getrandbits(128):032x}"

    def plan(
        self,
        day: int,
        stream_id: str,
        cls: type[DomainEvent],
        second: int | None = None,
        *,
        after: tuple[int, int] | None = None,
        **f: Any,
    ) -> int:
        """Plan an event at ``second`` of ``day`` (random in office hours by default, after the event
        ``after`` = (its day, its second) when that is the same day: an effect never precedes its
        cause); returns the second chosen."""
        when = second if second is not None else self.rng.randrange(7 * 3600, 17 * 3600)
        if after is not None and after[0] == day and when <= after[1]:
            when = self.rng.randrange(after[1] + 1, after[1] + 1800)
        if day < DAYS:  # past the year: not in this log
            self.agenda[day].append(Planned(when, stream_id, partial(cls, **f)))
        return when

    def later_working_day(self, day: int, at_least: int, at_most: int) -> int:
        n = day + self.rng.randint(at_least, at_most)
        while n < DAYS and not working(day_of(n)):
            n += 1
        return n

    # --- the year ----------------------------------------------------------------------------
    def events_of(self, day: int) -> Iterator[Planned]:
        """Plan what arrives on ``day`` (its later life too), then give that day's events in time order."""
        if day == 0:
            self._start()
        self._arrivals(day)
        planned = self.agenda.pop(day, [])
        planned.sort(key=lambda p: p.second)
        return iter(planned)

    def _start(self) -> None:
        unit = s.NewUnit(
            code=self.code,
            name=f"Xã {self.code}",
            kind="commune",
            parent=self.district,
            synthetic=False,
            bodies=list(BODIES),
        )
        self.plan(
            0,
            "units",
            s.UnitEstablished,
            3600,
            reorganisation_id="2025-07",
            effective=day_of(0),
            unit=unit,
            note="Nghị quyết sắp xếp đơn vị hành chính",
        )
        size = max(4, round(25 * self.events_per_year / 20_000))
        for _ in range(size):
            self._join(0)
        pilot = self.rng.random() < 0.2
        adopted = self.rng.randrange(10, 60) if pilot else self.rng.randrange(150, 250)
        self.plan(
            adopted,
            f"commune:{self.code}",
            s.OneOfficeModelAdopted,
            commune_id=self.code,
            adopted_on=day_of(adopted),
            wave="2025 thí điểm" if pilot else "2025 nhân rộng",
            decision=f"QĐ {self.rng.randint(100, 999)}/QĐ-UBND",
        )

    def _join(self, day: int) -> None:
        self.people += 1
        person = f"{self.code}-p{self.people:03d}"
        self.staff.append(person)
        self.plan(
            day,
            f"person:{person}",
            s.PersonJoinedStaff,
            3600 + self.people,
            person_id=person,
            name=f"Nguyễn Văn {self.people}",
            title="Công chức Văn phòng - Thống kê",
            category=self.rng.choice(("cán bộ", "công chức", "công chức", "không chuyên trách")),
            bodies=[self.rng.choices(BODIES, BODY_WEIGHTS)[0]],
            allowance=Decimal(self.rng.choice(("0.2", "0.3", "1.0"))),
            commune_id=self.code,
            effective=day_of(day),
            username=None,
        )

    def _arrivals(self, day: int) -> None:
        weight = _WEIGHTS[day]
        if weight == 0.0:
            return
        scale = self.events_per_year / 20_000
        documents_share = (
            self.events_per_year
            * 0.965
            / (_EVENTS_PER_INCOMING + _OUTGOING_PER_INCOMING * _EVENTS_PER_OUTGOING)
        )
        expected = documents_share * weight / _WEIGHT_SUM
        for _ in range(_draw(self.rng, expected)):
            self._incoming(day)
        for _ in range(_draw(self.rng, expected * _OUTGOING_PER_INCOMING)):
            self._outgoing(day)
        rng = self.rng
        if rng.random() < 0.45 * scale * weight:
            self._absence(day)
        if rng.random() < 0.016 * scale:
            self._transfer_or_leave(day)
        if rng.random() < 0.016 * scale:
            self._join(day)
        if day_of(day).month != self.reported_month:
            self.reported_month = day_of(day).month
            self._figures(day)

    def _incoming(self, day: int) -> None:
        rng = self.rng
        self.documents += 1
        body = rng.choices(BODIES, BODY_WEIGHTS)[0]
        number = self.numbers[body] = self.numbers.get(body, 0) + 1
        document_id = self.uid()
        stream = f"incoming-document:{self.code}:{document_id}"
        received = day_of(day)
        kind = rng.choice(TYPES)
        registered = self.plan(
            day,
            stream,
            d.IncomingDocumentRegistered,
            document_id=document_id,
            commune_id=self.code,
            body_code=body,
            incoming_number=number,
            year=YEAR,
            issuer=rng.choice(ISSUERS),
            number_symbol=f"{rng.randint(1, 3000)}/{kind}-UBND",
            document_date=received - timedelta(2),
            document_type=kind,
            summary=rng.choice(SUMMARIES).format(y=YEAR),
            urgency=rng.choices(("NORMAL", "KHAN", "THUONG_KHAN"), (0.85, 0.12, 0.03))[0],
            received_date=received,
            registered_by=f"vanthu-{self.code}",
        )
        passed = self.later_working_day(day, 0, 1)
        leader = self.staff[0] if self.staff else f"{self.code}-p001"
        passed_at = self.plan(
            passed,
            stream,
            d.DocumentPassedOn,
            after=(day, registered),
            document_id=document_id,
            commune_id=self.code,
            body_code=body,
            recipient_kind="leader",
            recipient=leader,
            passed_on=day_of(min(passed, DAYS - 1)),
            passing_on_deadline=received + timedelta(1),
            late=passed > day + 1,
            needs_action=True,
            passed_on_by=f"vanthu-{self.code}",
        )
        if rng.random() < 0.5:
            self._task(passed, passed_at, document_id, body)
        elif rng.random() < 0.1:
            raised = self.later_working_day(passed, 3, 5)
            self.plan(
                raised,
                stream,
                d.DocumentUntracked,
                document_id=document_id,
                commune_id=self.code,
                body_code=body,
                passing_on_deadline=day_of(min(raised, DAYS - 1)) - timedelta(1),
                raised_on=day_of(min(raised, DAYS - 1)),
            )

    def _task(self, passed: int, passed_at: int, document_id: str, body: str) -> None:
        rng = self.rng
        task_id = self.uid()
        stream = f"task:{self.code}:{task_id}"
        created = self.later_working_day(passed, 0, 2)
        lead = rng.choice(self.staff) if self.staff else f"{self.code}-p001"
        deadline = created + rng.choice((5, 7, 10, 15, 30))
        common: dict[str, Any] = {"task_id": task_id, "commune_id": self.code}
        self.plan(
            created,
            stream,
            d.TaskCreated,
            after=(passed, passed_at),
            **common,
            title="Tham mưu xử lý văn bản",
            document_id=document_id,
            body_code=body,
            lead=lead,
            coordinators=[],
            deadline=day_of(min(deadline, DAYS - 1)),
            note="Giao chủ trì tham mưu",
            directed_by=f"lanhdao-{self.code}",
            directed_on=day_of(min(created, DAYS - 1)),
        )
        for _ in range(_draw(rng, 1.2)):
            noted = self.later_working_day(created, 1, max(1, deadline - created))
            self.plan(
                noted,
                stream,
                d.TaskProgressNoted,
                **common,
                note="Đang thực hiện",
                percentage=rng.choice((None, 30, 50, 80)),
                noted_by=lead,
            )
        if rng.random() < 0.05:
            self.plan(
                self.later_working_day(created, 1, 3),
                stream,
                d.TaskReassigned,
                **common,
                lead=rng.choice(self.staff) if self.staff else lead,
                coordinators=[],
                reason="Điều chỉnh phân công",
                reassigned_by=f"lanhdao-{self.code}",
            )
        number = 1
        if rng.random() < 0.1:
            number = 2
            deadline += 10
            self.plan(
                deadline - 12,
                stream,
                d.TaskDeadlineExtended,
                **common,
                deadline=day_of(min(deadline, DAYS - 1)),
                deadline_number=2,
                reason="Chờ ý kiến cấp trên",
                extended_by=f"lanhdao-{self.code}",
            )
        if rng.random() < 0.3:
            self.plan(
                deadline - 2,
                stream,
                d.TaskDueSoon,
                **common,
                deadline=day_of(min(deadline, DAYS - 1)),
                deadline_number=number,
                lead=lead,
                working_days_left=2,
                raised_on=day_of(min(deadline - 2, DAYS - 1)),
            )
        late = rng.random() < 0.12
        if late:
            self.plan(
                deadline + 1,
                stream,
                d.TaskOverdue,
                **common,
                deadline=day_of(min(deadline, DAYS - 1)),
                deadline_number=number,
                lead=lead,
                raised_on=day_of(min(deadline + 1, DAYS - 1)),
            )
        if rng.random() < 0.93:
            done = (
                deadline + rng.randint(2, 8)
                if late
                else self.later_working_day(created, 1, max(1, deadline - created))
            )
            self.plan(
                done,
                stream,
                d.TaskCompleted,
                **common,
                result="Đã hoàn thành",
                reply_document_id=None,
                completed_on=day_of(min(done, DAYS - 1)),
                completed_by=lead,
            )

    def _outgoing(self, day: int) -> None:
        rng = self.rng
        document_id = self.uid()
        stream = f"outgoing-document:{self.code}:{document_id}"
        body = rng.choices(BODIES, BODY_WEIGHTS)[0]
        kind = rng.choice(TYPES)
        signer = self.staff[0] if self.staff else f"{self.code}-p001"
        drafted = self.plan(
            day,
            stream,
            d.OutgoingDocumentDrafted,
            document_id=document_id,
            commune_id=self.code,
            body_code=body,
            document_type=kind,
            summary=rng.choice(SUMMARIES).format(y=YEAR),
            drafting_unit="VP",
            signer_id=signer,
            signer_name="Lê Văn Hùng",
            signer_title="Chủ tịch",
            authority="TM. UBND",
            place_name=f"Xã {self.code}",
            recipients=("UBND tỉnh", "Lưu: VT"),
            urgency="NORMAL",
            confidentiality="NONE",
            drafted_by=f"vanthu-{self.code}",
        )
        numbered = self.later_working_day(day, 0, 2)
        number = self.outgoing[body] = self.outgoing.get(body, 0) + 1
        self.plan(
            numbered,
            stream,
            d.OutgoingDocumentNumbered,
            after=(day, drafted),
            document_id=document_id,
            commune_id=self.code,
            body_code=body,
            document_type=kind,
            sequence_id=f"seq:{self.code}:{body}:{YEAR}",
            period=str(YEAR),
            number=number,
            number_symbol=f"{number}/{kind}-{body}",
            formatted=f"Số: {number}/{kind}-{body}",
            issued_on=day_of(min(numbered, DAYS - 1)),
            confidential=False,
            imported=False,
            numbered_by=f"vanthu-{self.code}",
        )
        self.plan(
            numbered,
            stream,
            d.OutgoingDocumentDispatched,
            second=17 * 3600 + rng.randrange(3000),
            document_id=document_id,
            commune_id=self.code,
            recipients=("UBND tỉnh",),
            dispatched_on=day_of(min(numbered, DAYS - 1)),
            channel="ELECTRONIC",
            dispatched_by=f"vanthu-{self.code}",
        )
        if rng.random() < 0.01:
            self.plan(
                numbered + 2,
                stream,
                d.OutgoingDocumentRecalled,
                document_id=document_id,
                commune_id=self.code,
                reason="Sai thể thức",
                recalled_by=f"vanthu-{self.code}",
            )

    def _absence(self, day: int) -> None:
        if len(self.staff) < 2:
            return
        rng = self.rng
        self.absences += 1
        absence = f"{self.code}-a{self.absences:04d}"
        absent, backup = rng.sample(self.staff, 2)
        stream = f"duties:{self.code}"
        end = day + rng.randint(0, 4)
        self.plan(
            day,
            stream,
            s.AbsenceRecorded,
            7 * 3600,
            commune_id=self.code,
            absence_id=absence,
            person=absent,
            kind=rng.choice(("leave", "sick", "training")),
            start=day_of(day),
            end=day_of(min(end, DAYS - 1)),
        )
        coverage = f"{absence}/INCOMING_REGISTER"
        common: dict[str, Any] = {
            "commune_id": self.code,
            "coverage_id": coverage,
            "absence_id": absence,
            "duty": "INCOMING_REGISTER",
        }
        self.plan(
            day,
            stream,
            s.CoverageStarted,
            7 * 3600 + 1,
            **common,
            absent=absent,
            covered_by=backup,
            on=day_of(day),
        )
        if rng.random() < 0.08:
            self.plan(
                day,
                stream,
                s.CoverageEscalated,
                7 * 3600 + 2,
                **common,
                absent=absent,
                backup=backup,
                team_lead=self.staff[0],
                on=day_of(day),
            )
        self.plan(end + 1, stream, s.CoverageEnded, 7 * 3600, **common, on=day_of(min(end + 1, DAYS - 1)))

    def _transfer_or_leave(self, day: int) -> None:
        if len(self.staff) < 5:
            return
        person = self.staff.pop(self.rng.randrange(1, len(self.staff)))
        if self.rng.random() < 0.5 and self.neighbours:
            self.plan(
                day,
                f"person:{person}",
                s.PersonTransferred,
                person_id=person,
                from_commune=self.code,
                to_commune=self.rng.choice(self.neighbours),
                effective=day_of(day),
            )
        else:
            self.plan(
                day,
                f"person:{person}",
                s.PersonLeftStaff,
                person_id=person,
                commune_id=self.code,
                effective=day_of(day),
            )

    def _figures(self, day: int) -> None:
        """The month before's figures, from two bodies; now and then they disagree and one is adopted."""
        rng = self.rng
        month = day_of(day).month - 1 or 12
        period = f"{YEAR if month != 12 else YEAR - 1}-{month:02d}"
        scale = self.events_per_year / 20_000
        for indicator in INDICATORS[: max(1, round(len(INDICATORS) * min(1.0, scale * 1.5)))]:
            value = Decimal(rng.randint(100, 100_000))
            bodies = ("UBND", "MTTQ")
            disagree = rng.random() < 0.06
            for n, body in enumerate(bodies):
                reported = value + (n if disagree else 0)
                self.plan(
                    day,
                    f"figures:{self.code}",
                    r.FigureReported,
                    9 * 3600 + n,
                    commune_id=self.code,
                    indicator_code=indicator,
                    catalogue_version=1,
                    period=period,
                    body_code=body,
                    value=reported,
                )
            if disagree:
                conflict = f"{self.code}:{indicator}:{period}"
                common: dict[str, Any] = {
                    "commune_id": self.code,
                    "conflict_id": conflict,
                    "indicator_code": indicator,
                    "period": period,
                }
                self.plan(
                    day,
                    f"figures:{self.code}",
                    r.FigureConflictRaised,
                    9 * 3600 + 5,
                    **common,
                    values={"UBND": value, "MTTQ": value + 1},
                )
                adopted = self.later_working_day(day, 1, 5)
                self.plan(
                    adopted,
                    f"figures:{self.code}",
                    r.FigureAdopted,
                    **common,
                    value=value,
                    body_code="UBND",
                    reason="Số liệu của UBND đã được kiểm tra",
                )


def _draw(rng: random.Random, expected: float) -> int:
    """A count with mean ``expected`` (Poisson through exponential gaps: cheap, bursty enough)."""
    count, t = 0, rng.expovariate(1.0)
    while t < expected:
        count += 1
        t += rng.expovariate(1.0)
    return count


def province(communes: int, events_per_commune: int, seed: int) -> list[Commune]:
    """``communes`` communes in districts of about ten (codes as the official five-digit ones)."""
    codes = [f"{20000 + 3 * n}" for n in range(communes)]
    out = []
    for n, code in enumerate(codes):
        district = f"D{n // 10:03d}"
        neighbours = tuple(c for c in codes[(n // 10) * 10 : (n // 10) * 10 + 10] if c != code)
        out.append(Commune(code, district, events_per_commune, neighbours, seed))
    return out


def upper_units(communes: list[Commune]) -> list[tuple[str, s.UnitEstablished]]:
    """The province and its districts, established on the first day (the staff topic's first events)."""
    effective = day_of(0)
    units = [
        ("44", s.NewUnit(code="44", name="Nghệ An", kind="province", parent=None, synthetic=False, bodies=[]))
    ]
    for district in dict.fromkeys(c.district for c in communes):
        units.append(
            (
                district,
                s.NewUnit(
                    code=district,
                    name=f"Huyện {district}",
                    kind="district",
                    parent="44",
                    synthetic=True,
                    bodies=[],
                ),
            )
        )
    return [
        (
            code,
            s.UnitEstablished(reorganisation_id="2025-07", effective=effective, unit=unit, note="Khởi tạo"),
        )
        for code, unit in units
    ]
