"""The boards in embedded mode: the contract events in the documents store (SQLite), followed in the
same process; the "as of" names the store and the position after the last event applied."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from oneoffice.eventcore.store import EventStore
from oneoffice.reporting.bootstrap import ReportingContainer, bootstrap
from oneoffice.reporting.config import Settings
from oneoffice.reporting.domain.work_board import Counts, Position
from tests.unit.reporting.work_samples import created, overdue, passed_on, untracked

from .conftest import close_store, open_documents_store
from .test_kafka_work_board import append, wait_for_board

pytestmark = pytest.mark.integration


@pytest.fixture
async def documents_store(tmp_path: Path) -> AsyncIterator[EventStore]:
    store = await open_documents_store(f"sqlite+aiosqlite:///{tmp_path / 'documents.db'}")
    yield store
    await close_store(store)


@pytest.fixture
async def reporting(tmp_path: Path, documents_store: EventStore) -> AsyncIterator[ReportingContainer]:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'reporting.db'}",
        grpc_host="127.0.0.1",
        grpc_port=0,
        kafka_bootstrap=None,
    )
    container = await bootstrap(settings, documents_store=documents_store)
    yield container
    await container.aclose()


async def test_the_board_follows_the_documents_store_and_says_how_far_it_read(
    documents_store: EventStore, reporting: ReportingContainer
) -> None:
    empty = await reporting.get_work_board("16876")
    assert empty.totals == Counts() and empty.as_of.positions == ()

    await append(
        documents_store,
        created("t1", "p-an"),
        overdue("t1", 1, "p-an"),
        passed_on("d1", recipient="p-leader"),
        untracked("d2"),
    )
    await wait_for_board(reporting, "16876", Counts(open=1, overdue=1, untracked=1))

    board = await reporting.get_work_board("16876")
    assert board.as_of.positions == (Position("store:documents", 0, 5),)
    day = await reporting.get_my_day("p-leader", frozenset({"16876"}))
    assert [d.document_id for d in day.waiting_for_direction] == ["d1"]
    assert await reporting.rebuild_work_board() == 2
    rebuilt = await reporting.get_work_board("16876")
    assert (rebuilt.totals, rebuilt.tasks, rebuilt.untracked) == (board.totals, board.tasks, board.untracked)
    assert rebuilt.as_of.positions == board.as_of.positions
