"""Tasks move with the staff service's coverage of absences: to the backup, to the team lead, and back."""

from __future__ import annotations

from datetime import date

from oneoffice.contracts.events import documents as contract
from oneoffice.documents.application.coverage_reaction import CoverageMove, CoverageReaction
from oneoffice.documents.application.work_streams import WorkStreams
from oneoffice.documents.bootstrap import event_registry
from oneoffice.eventcore.memory_store import InMemoryEventStore

from .work_fakes import BACKUP, COMMUNE, LEAD, TEAM_LEAD, StoreOpenWork, append, completed, task_created

DEADLINE = date(2026, 3, 20)


class ListInbox:
    def __init__(self, *moves: CoverageMove) -> None:
        self.moves = list(moves)
        self.done_seqs: list[int] = []

    async def pending(self, limit: int) -> list[CoverageMove]:
        return [m for m in self.moves if m.seq not in self.done_seqs][:limit]

    async def done(self, seq: int) -> None:
        self.done_seqs.append(seq)


def move(
    seq: int, kind: str, *, duty: str = "van-thu", to: str | None = BACKUP, absence: str = "a1"
) -> CoverageMove:
    return CoverageMove(
        seq=seq,
        staff_event_id=f"staff-event-{seq}",
        correlation_id=f"corr-{seq}",
        kind=kind,  # type: ignore[arg-type]
        commune_id=COMMUNE,
        absence_id=absence,
        absent=LEAD if kind != "end" else None,
        to_person=to if kind != "end" else None,
    )


async def tasks(store: InMemoryEventStore) -> InMemoryEventStore:
    await append(store, "task:16876:t1", task_created("t1", DEADLINE))
    await append(store, "task:16876:t2", task_created("t2", DEADLINE, coordinators=[]))
    await append(store, "task:16876:t3", task_created("t3", DEADLINE, lead="demo-16876-other"))
    await append(store, "task:16876:t4", task_created("t4", DEADLINE), completed("t4", DEADLINE))
    return store


def reaction(store: InMemoryEventStore, inbox: ListInbox) -> CoverageReaction:
    return CoverageReaction(WorkStreams(store, event_registry()), StoreOpenWork(store), inbox)


async def reassignments(store: InMemoryEventStore, task_id: str) -> list[tuple[str, bool, str | None, str]]:
    return [
        (e.payload["lead"], e.payload["returning"], e.causation_id, e.payload["reassigned_by"])
        for e in await store.read_stream(f"task:16876:{task_id}")
        if e.event_type == contract.TaskReassigned.event_type
    ]


async def test_a_coverage_start_moves_the_absent_leads_open_tasks_to_the_backup_caused_by_staff() -> None:
    store = await tasks(InMemoryEventStore())
    inbox = ListInbox(move(1, "start"))

    assert await reaction(store, inbox).run_once() == 2

    assert await reassignments(store, "t1") == [(BACKUP, False, "staff-event-1", "documents-service")]
    assert await reassignments(store, "t2") == [(BACKUP, False, "staff-event-1", "documents-service")]
    assert await reassignments(store, "t3") == [] and await reassignments(store, "t4") == []
    t1 = (await store.read_stream("task:16876:t1"))[-1].payload
    assert t1["coordinators"] == [] and t1["absence_id"] == "a1"  # the backup was a coordinator
    assert inbox.done_seqs == [1]


async def test_a_second_duty_of_one_absence_moves_nothing_more_and_a_redelivery_nothing_twice() -> None:
    store = await tasks(InMemoryEventStore())
    inbox = ListInbox(move(1, "start"), move(2, "start", duty="le-tan", to="demo-16876-someone"))
    react = reaction(store, inbox)
    await react.run_once()
    assert await react.carry_out(move(1, "start")) == 0

    assert await reassignments(store, "t1") == [(BACKUP, False, "staff-event-1", "documents-service")]


async def test_the_end_of_the_absence_returns_the_still_open_tasks_to_their_lead() -> None:
    store = await tasks(InMemoryEventStore())
    react = reaction(store, ListInbox(move(1, "start")))
    await react.run_once()
    await append(store, "task:16876:t2", completed("t2", DEADLINE))

    assert await reaction(store, ListInbox(move(2, "end"))).run_once() == 1
    assert await react.carry_out(move(2, "end")) == 0

    assert await reassignments(store, "t1") == [
        (BACKUP, False, "staff-event-1", "documents-service"),
        (LEAD, True, "staff-event-2", "documents-service"),
    ]
    assert await reassignments(store, "t2") == [(BACKUP, False, "staff-event-1", "documents-service")]


async def test_an_escalation_moves_the_tasks_on_to_the_team_lead_and_the_end_brings_them_back() -> None:
    store = await tasks(InMemoryEventStore())
    inbox = ListInbox(move(1, "start"), move(2, "escalate", to=TEAM_LEAD), move(3, "end"))

    await reaction(store, inbox).run_once()

    assert [lead for lead, *_ in await reassignments(store, "t1")] == [BACKUP, TEAM_LEAD, LEAD]
    assert inbox.done_seqs == [1, 2, 3]


async def test_an_escalation_naming_no_team_lead_moves_nothing() -> None:
    store = await tasks(InMemoryEventStore())
    assert await reaction(store, ListInbox(move(1, "escalate", to=None))).run_once() == 0
    assert await reassignments(store, "t1") == []
