"""The row changes of one batch of events, sent to the database in a few round trips.

A projection applying a batch adds each change as a statement built once with bind parameters, its
parameters, and a key naming the rows it touches (e.g. ``("tasks", task_id)``). Changes of one key
keep their order; changes of different keys touch different rows, so their order does not matter.
The changes are therefore placed in rounds: a change goes one round after the previous change of its
key. Each round then sends each of its statements once with all its parameter sets (an
``executemany``: one pipelined exchange on asyncpg, one call on SQLite), so a batch of a thousand
events costs a few statements per round instead of one or more per event.

The statement executed for a change must touch only rows of its key, and all the parameter sets of a
statement must name the same parameters.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import Executable

Parameters = Mapping[str, Any]


class BatchedWrites:
    __slots__ = ("_round_of", "_rounds")

    def __init__(self) -> None:
        self._round_of: dict[Hashable, int] = {}
        # Per round: statement id -> (statement, its parameter sets), in the order first added.
        self._rounds: list[dict[int, tuple[Executable, list[Parameters]]]] = []

    def __len__(self) -> int:
        return sum(len(params) for changes in self._rounds for _, params in changes.values())

    def add(self, key: Hashable, statement: Executable, parameters: Parameters) -> None:
        """One change of the rows of ``key``, after every change added before for that key."""
        self.add_many(key, statement, (parameters,))

    def add_many(self, key: Hashable, statement: Executable, parameters: Sequence[Parameters]) -> None:
        """Several rows of one change of ``key`` (e.g. a task's people), in the same round."""
        if not parameters:
            return
        rounds = self._rounds
        round_ = self._round_of.get(key, -1) + 1
        self._round_of[key] = round_
        if round_ == len(rounds):
            rounds.append({})
        changes = rounds[round_]
        entry = changes.get(id(statement))
        if entry is None:
            changes[id(statement)] = (statement, list(parameters))
        else:
            entry[1].extend(parameters)

    async def flush(self, conn: AsyncConnection) -> None:
        """Execute every change, round by round; nothing is left pending."""
        rounds, self._rounds = self._rounds, []
        self._round_of.clear()
        for changes in rounds:
            for statement, parameters in changes.values():
                await conn.execute(statement, parameters if len(parameters) > 1 else parameters[0])
