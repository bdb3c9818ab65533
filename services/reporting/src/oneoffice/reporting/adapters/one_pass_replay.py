"""The rebuilds of several projections read Kafka in one pass.

Each projection keeps its own rebuild (:func:`~..application.rebuild.rebuild_projection`: generation,
lease, switch, progress), which calls its replay once for the bulk of the log and again for the
short rounds of catching up. :class:`OnePassReplay` hands each rebuild a seat (:meth:`OnePassReplay.share`)
instead of its own :class:`~.kafka_replay.KafkaTopicReplay`: a seat's first call registers the
rebuild's handler and waits; once every seat has registered or left (:meth:`OnePassReplay.leave`: its
rebuild ended before replaying, e.g. refused), one pass over the union of their topics feeds them all
(:func:`~.kafka_replay.replay_together`). Later calls of a seat replay its own topics alone, as before.

A rebuild that fails in the pass fails alone; one whose wait is cancelled is left out of the rest of
the pass.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Awaitable, Callable, Sequence

from oneoffice.eventcore.handlers import EventHandler
from oneoffice.eventcore.projection import Replay

from ..application.rebuild import ReplayProgress
from .kafka_replay import KafkaTopicReplay, PassReader, ensure_complete, replay_together


class _State(enum.Enum):
    WAITING = "waiting"  # its rebuild has not called the replay yet
    REGISTERED = "registered"  # its first round waits for (or reads in) the pass
    LEFT = "left"  # its rebuild ended without registering
    READ = "read"  # its first round is over: later rounds replay alone


# Reads the pass: the readers' topics once, as ``replay`` is configured (its cluster, batch size...).
ReadTogether = Callable[[KafkaTopicReplay, Sequence[PassReader]], Awaitable[None]]


async def read_from_kafka(replay: KafkaTopicReplay, readers: Sequence[PassReader]) -> None:
    """The pass over Kafka: refused if a topic lost its first events, else read once for every reader."""
    topics = list(dict.fromkeys(topic for reader in readers for topic in reader.topics))
    await ensure_complete(replay.bootstrap_servers, topics, replay.client_id)
    await replay_together(
        replay.bootstrap_servers,
        readers,
        max_records=replay.max_records,
        idle_timeout=replay.idle_timeout,
        client_id=replay.client_id,
    )


class OnePassReplay:
    """Gathers the first round of several rebuilds' Kafka replays into one pass."""

    def __init__(self, read_together: ReadTogether = read_from_kafka) -> None:
        self._read_together = read_together
        self._seats: list[Seat] = []
        self._pass: asyncio.Task[None] | None = None

    def share(self, replay: Replay) -> Replay:
        """The replay a rebuild uses to take part in the pass; a replay of another kind is kept as is."""
        if not isinstance(replay, KafkaTopicReplay):
            return replay
        if self._pass is not None:
            raise RuntimeError("the shared pass has started: no more seats")
        if self._seats and self._seats[0].replay.bootstrap_servers != replay.bootstrap_servers:
            raise ValueError("one pass reads one Kafka cluster")
        seat = Seat(self, replay)
        self._seats.append(seat)
        return seat

    def leave(self, replay: Replay) -> None:
        """``replay``'s rebuild is over: if it never registered, the pass no longer waits for it."""
        if isinstance(replay, Seat) and replay.state is _State.WAITING:
            replay.state = _State.LEFT
            self._start_when_ready()

    async def aclose(self) -> None:
        """Stop the pass if it still runs (its rebuilds were cancelled) and wait for it."""
        if self._pass is not None and not self._pass.done():
            self._pass.cancel()
        if self._pass is not None:
            await asyncio.gather(self._pass, return_exceptions=True)

    def _start_when_ready(self) -> None:
        if self._pass is not None or any(seat.state is _State.WAITING for seat in self._seats):
            return
        seats = [seat for seat in self._seats if seat.state is _State.REGISTERED]
        if seats:
            self._pass = asyncio.get_running_loop().create_task(self._read(seats))

    async def _read(self, seats: list[Seat]) -> None:
        readers = [seat.reader for seat in seats if seat.reader is not None]
        try:
            await self._read_together(seats[0].replay, readers)
        except asyncio.CancelledError:
            for reader in readers:
                if reader.waiter is not None:
                    reader.waiter.cancel()
            raise
        except Exception as failure:
            for reader in readers:
                if reader.waiter is not None and not reader.waiter.done():
                    reader.waiter.set_exception(failure)
            return
        for reader in readers:
            if reader.waiter is not None and not reader.waiter.done():
                if reader.failure is not None:
                    reader.waiter.set_exception(reader.failure)
                else:
                    reader.waiter.set_result(None)


class Seat:
    """One rebuild's replay in a :class:`OnePassReplay`: its first round is read in the shared pass."""

    def __init__(self, coordinator: OnePassReplay, replay: KafkaTopicReplay) -> None:
        self._coordinator = coordinator
        self.replay: KafkaTopicReplay = replay
        self.state = _State.WAITING
        self.reader: PassReader | None = None

    def with_progress(self, progress: ReplayProgress) -> Seat:
        """This seat, reporting to ``progress`` from now on (in the pass and after it)."""
        self.replay = self.replay.with_progress(progress)
        return self

    async def ensure_complete(self) -> None:
        await self.replay.ensure_complete()

    async def __call__(self, handler: EventHandler, subscription: str) -> None:
        if self.state is not _State.WAITING:
            await self.replay(handler, subscription)  # a round of catching up: alone, it is short
            return
        self.state = _State.REGISTERED
        self.reader = reader = self.replay.reader(handler, subscription)
        reader.waiter = asyncio.get_running_loop().create_future()
        self._coordinator._start_when_ready()
        try:
            await reader.waiter
        finally:
            self.state = _State.READ
