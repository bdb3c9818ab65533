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

On asyncpg, a statement with several parameter sets goes to the driver's ``executemany`` directly:
it is compiled once per set of parameter names (:class:`_Compiled`), and each parameter set becomes
a tuple in the compiled order, through the same bind processors SQLAlchemy applies. SQLAlchemy's own
``executemany`` builds and processes a dictionary per parameter set, per call: in a rebuild that was
the largest single cost of the projections (about a sixth of the process's time). A statement whose
compiled form needs more than that (defaults computed per row, expanding ``IN`` lists, escaped
names), or a connection not yet in a transaction, goes through SQLAlchemy as before.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import ClauseElement, Executable

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
                if len(parameters) > 1 and await _execute_many_on_driver(conn, statement, parameters):
                    continue
                await conn.execute(statement, parameters if len(parameters) > 1 else parameters[0])


_Value = Callable[[Parameters], Any]


class _Compiled:
    """A statement compiled for asyncpg and one set of parameter names: its SQL, and per positional
    parameter how to get its value from a parameter set (processed as SQLAlchemy would)."""

    __slots__ = ("_plain", "sql", "values")

    def __init__(self, sql: str, values: list[_Value], plain: list[str] | None) -> None:
        self.sql = sql
        self.values = values
        # Every value a parameter as given: one C-level itemgetter per parameter set.
        self._plain = itemgetter(*plain) if plain and len(plain) > 1 else None

    def rows(self, parameters: Sequence[Parameters]) -> list[tuple[Any, ...]]:
        if self._plain is not None:
            return list(map(self._plain, parameters))
        values = self.values
        return [tuple([value(p) for value in values]) for p in parameters]


# (id of the statement, id of the dialect, its parameter names) -> (the statement and the dialect,
# kept alive so that their ids stay their own; the compiled form, or None when it must go through
# SQLAlchemy). Statements are built once per projection; the bound only guards against a caller
# making new ones per batch.
_COMPILED: dict[tuple[int, int, frozenset[str]], tuple[Executable, Dialect, _Compiled | None]] = {}
_COMPILED_MAX = 1024


async def _execute_many_on_driver(
    conn: AsyncConnection, statement: Executable, parameters: Sequence[Parameters]
) -> bool:
    """Send ``parameters`` with asyncpg's executemany; False (nothing sent) when that cannot be done."""
    if conn.dialect.driver != "asyncpg":
        return False
    names = frozenset(parameters[0])
    dialect = conn.dialect
    key = (id(statement), id(dialect), names)
    cached = _COMPILED.get(key)
    if cached is None or cached[0] is not statement or cached[1] is not dialect:
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        cached = (statement, dialect, _compile(statement, dialect, names))
        _COMPILED[key] = cached
    compiled = cached[2]
    if compiled is None:
        return False
    raw = await conn.get_raw_connection()
    driver = raw.driver_connection
    # SQLAlchemy's asyncpg adapter begins its transaction at the first statement: before that, the
    # driver would run this on its own, committed at once.
    if driver is None or not driver.is_in_transaction():
        return False
    await driver.executemany(compiled.sql, compiled.rows(parameters))
    return True


def _compile(statement: Executable, dialect: Dialect, names: frozenset[str]) -> _Compiled | None:
    if not isinstance(statement, ClauseElement):
        return None
    compiled: Any = statement.compile(dialect=dialect, column_keys=sorted(names), for_executemany=True)
    if (
        compiled.positiontup is None
        or compiled.insert_prefetch
        or compiled.update_prefetch
        or compiled.literal_execute_params
        or compiled.post_compile_params
        or compiled.escaped_bind_names
    ):
        return None
    processors = compiled._bind_processors
    values: list[_Value] = []
    plain: list[str] | None = []
    for name in compiled.positiontup:
        bind = compiled.binds[name]
        process = processors.get(name)
        # As SQLAlchemy's construct_params: the parameter named by the bind's key, else by its name,
        # else the value the statement holds.
        given = bind.key if bind.key in names else name if name in names else None
        if given is not None:
            values.append(_parameter(given, process))
            if plain is not None and process is None:
                plain.append(given)
                continue
        elif bind.required or bind.callable is not None:
            return None
        else:
            values.append(_constant(process(bind.value) if process else bind.value))
        plain = None
    return _Compiled(compiled.string, values, plain)


def _parameter(name: str, process: Callable[[Any], Any] | None) -> _Value:
    def value(parameters: Parameters) -> Any:
        given = parameters[name]
        return given if process is None else process(given)

    return value


def _constant(constant: Any) -> _Value:
    def value(_parameters: Parameters) -> Any:
        return constant

    return value
