"""Hand-written fakes behind the reporting service's ports."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.handlers import EventHandler
from oneoffice.eventcore.projection import Replay
from oneoffice.reporting.domain.incoming_register import IncomingRegisterLine


class FakeIncomingRegisterReader:
    """Holds register lines in memory; remembers what it was asked."""

    def __init__(self, lines: Sequence[IncomingRegisterLine] = ()) -> None:
        self.lines = list(lines)
        self.asked: list[tuple[str, str, int, int, int]] = []

    async def read_page(
        self, commune_id: str, body_code: str, year: int, *, after_number: int, limit: int
    ) -> Sequence[IncomingRegisterLine]:
        self.asked.append((commune_id, body_code, year, after_number, limit))
        matching = sorted(
            (
                line
                for line in self.lines
                if (line.commune_id, line.body_code, line.year) == (commune_id, body_code, year)
                and line.incoming_number > after_number
            ),
            key=lambda line: line.incoming_number,
        )
        return matching[:limit]


class UnusedHandler:
    """The handler a fake runner hands to the replay; a fake replay never calls it."""

    async def handle(self, conn: AsyncConnection, events: Sequence[Envelope]) -> None:
        raise AssertionError("a fake replay delivers no events")


class FakeRunner:
    """Records the rebuild it was asked for and runs the replay it was given, as the real runner does."""

    name = "reporting.incoming_register"

    def __init__(
        self, log: list[str], *, fail_after_replay: bool = False, refuse_with: Exception | None = None
    ) -> None:
        self.log = log
        self.fail_after_replay = fail_after_replay
        self.refuse_with = refuse_with
        self.subscriptions: list[str] = []

    async def rebuild(self, subscription: str, replay: Replay) -> int:
        self.subscriptions.append(subscription)
        if self.refuse_with is not None:
            raise self.refuse_with
        await replay(UnusedHandler(), f"{subscription}#g2")
        if self.fail_after_replay:
            raise RuntimeError("switch failed")
        self.log.append("switch")
        return 2


class FakeReplay:
    def __init__(self, log: list[str]) -> None:
        self.log = log
        self.names: list[str] = []

    async def __call__(self, handler: EventHandler, subscription: str) -> None:
        self.names.append(subscription)
        self.log.append("replay")


class FakeCheckedReplay(FakeReplay):
    """A replay whose log is known to have lost events (``missing``) or not."""

    def __init__(self, log: list[str], missing: Exception | None = None) -> None:
        super().__init__(log)
        self.missing = missing

    async def ensure_complete(self) -> None:
        self.log.append("check")
        if self.missing is not None:
            raise self.missing


class FakeFollower:
    def __init__(self, log: list[str]) -> None:
        self.log = log

    async def pause(self) -> None:
        self.log.append("pause")

    async def resume(self) -> None:
        self.log.append("resume")
