"""An absence moves a task: the staff service's coverage events move the absent lead's open tasks to the
backup and back, through the real stores (embedded: the staff store followed in process) and through
Kafka (the staff topic). The coverage events are appended to the staff store as the staff service's
scheduler appends them; the tasks to the documents store as the commands of another part would.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from typing import Any

import pytest

from oneoffice.contracts.events import documents as contract
from oneoffice.contracts.events import staff as staff_events
from oneoffice.documents.bootstrap import DocumentsContainer, bootstrap
from oneoffice.documents.config import Settings
from oneoffice.eventcore.envelope import Metadata, decode
from oneoffice.eventcore.store import EventStore
from oneoffice.staff.bootstrap import StaffContainer
from oneoffice.staff.bootstrap import bootstrap as staff_bootstrap
from oneoffice.staff.config import Settings as StaffSettings
from tests.conftest import CreateDatabase
from tests.unit.documents.work_fakes import BACKUP, LEAD, WeekendCalendar, task_created

from .conftest import eventually

pytestmark = pytest.mark.integration

COMMUNE = "16876"
DEADLINE = date(2026, 3, 20)
ROSTER = f"duty-roster:{COMMUNE}"

StartStaff = Callable[..., Awaitable[StaffContainer]]


@pytest.fixture
async def services(create_pg_database: CreateDatabase) -> AsyncIterator[list[Any]]:
    """Containers started by a test, closed in reverse order at its end."""
    started: list[Any] = []
    yield started
    for container in reversed(started):
        await container.aclose()


async def start_staff(
    create_pg_database: CreateDatabase, started: list[Any], **settings: Any
) -> StaffContainer:
    container = await staff_bootstrap(
        StaffSettings(database_url=await create_pg_database("staff"), **settings)
    )
    started.append(container)
    return container


async def start_documents(started: list[Any], **kwargs: Any) -> DocumentsContainer:
    settings = kwargs.pop("settings")
    container = await bootstrap(Settings(grpc_port=0, **settings), working_days=WeekendCalendar(), **kwargs)
    started.append(container)
    return container


async def coverage(store: EventStore, event: Any) -> str:
    """Append a staff coverage event to the staff store; its event id."""
    stored = await store.append(
        ROSTER, COMMUNE, [event], expected_version=None, metadata=Metadata("system:coverage-scheduler", "c1")
    )
    return decode(stored[0]).event_id


def started(duty: str, covered_by: str = BACKUP) -> staff_events.CoverageStarted:
    return staff_events.CoverageStarted(
        commune_id=COMMUNE,
        coverage_id=f"a1/{duty}",
        absence_id="a1",
        duty=duty,
        absent=LEAD,
        covered_by=covered_by,
        on=date(2026, 3, 16),
    )


async def moves(store: EventStore, task_id: str) -> list[tuple[str, bool, str | None]]:
    return [
        (e.payload["lead"], e.payload["returning"], e.causation_id)
        for e in await store.read_stream(f"task:{COMMUNE}:{task_id}")
        if e.event_type == contract.TaskReassigned.event_type
    ]


async def with_tasks(documents: DocumentsContainer) -> None:
    for task in (task_created("t1", DEADLINE), task_created("t2", DEADLINE, lead="demo-16876-other")):
        await documents.store.append(
            f"task:{COMMUNE}:{task.task_id}",
            COMMUNE,
            [task],
            expected_version=0,
            metadata=Metadata("test", "t"),
        )


async def test_coverage_from_the_staff_store_moves_the_absent_leads_task_to_the_backup_once_and_back(
    create_pg_database: CreateDatabase, pg_url: str, services: list[Any]
) -> None:
    staff = await start_staff(create_pg_database, services)
    documents = await start_documents(services, settings={"database_url": pg_url}, staff_store=staff.store)
    await with_tasks(documents)

    first = await coverage(staff.store, started("van-thu"))
    second = await coverage(staff.store, started("le-tan", covered_by="demo-16876-someone"))

    async def moved() -> None:
        assert await moves(documents.store, "t1") == [(BACKUP, False, first)]

    await eventually(moved, within=20)
    await asyncio.sleep(1.0)  # the second duty's coverage of the same absence has been carried out too
    assert await moves(documents.store, "t1") == [(BACKUP, False, first)] and second != first
    assert await moves(documents.store, "t2") == []

    ended = await coverage(
        staff.store,
        staff_events.CoverageEnded(
            commune_id=COMMUNE,
            coverage_id="a1/van-thu",
            absence_id="a1",
            duty="van-thu",
            on=date(2026, 3, 21),
        ),
    )

    async def returned() -> None:
        assert await moves(documents.store, "t1") == [(BACKUP, False, first), (LEAD, True, ended)]

    await eventually(returned, within=20)
    moved_event = (await documents.store.read_stream(f"task:{COMMUNE}:t1"))[1]
    assert moved_event.payload["reassigned_by"] == "documents-service"
    assert moved_event.payload["absence_id"] == "a1"


async def test_coverage_published_on_the_staff_topic_moves_the_task(
    create_pg_database: CreateDatabase, pg_url: str, services: list[Any], kafka_bootstrap: str, run_id: str
) -> None:
    prefix = f"run{run_id}.{uuid.uuid4().hex[:6]}."
    kafka = {"kafka_bootstrap": kafka_bootstrap, "kafka_topic_prefix": prefix}
    staff = await start_staff(create_pg_database, services, **kafka)
    documents = await start_documents(
        services, settings={"database_url": pg_url, "kafka_group_id": f"{prefix}documents", **kafka}
    )
    await with_tasks(documents)

    first = await coverage(staff.store, started("van-thu"))

    async def moved() -> None:
        assert await moves(documents.store, "t1") == [(BACKUP, False, first)]

    await eventually(moved, within=90)
