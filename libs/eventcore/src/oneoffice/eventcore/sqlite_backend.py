"""SQLite side of the event store's hot paths: appends and position reads.

Appends begin ``IMMEDIATE``: the appender holds SQLite's single write lock from its first statement
to its commit, so positions are handed out in commit order.

Durability: the store's own connections run ``synchronous=FULL``: a WAL commit waits until the log
is on the disk, so a register number acknowledged to a clerk survives a power cut (``NORMAL`` may
lose the last commits). Checkpoints are moved off the append path.

Where an append runs: SQLite work is CPU work (about 0.1 ms) plus that one fsync. So an append
first tries to take the write lock *without waiting* (busy timeout 0) on the event loop's own
connection and, when it gets it, runs inline like any other short computation. Only when the lock
is taken (another connection or process is writing) does it go to the writer thread, whose
connection waits on the busy timeout, so the event loop never blocks on a lock. Reads run on a
reader thread. The checkpoint every 200 appends, which restarts the write-ahead log (``RESTART``;
see :meth:`SqliteBackend._checkpoint_sync`), runs in the writer thread, and appends made meanwhile
queue behind it there.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from .append_plan import AppendRequest, BeforeCommitHook, check_expected, plan_rows
from .envelope import GENESIS_HASH, StoredEvent, canonical_json
from .errors import ConcurrencyConflict, DuplicateRequest

_VERSION_AND_HEAD = (
    "SELECT (SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = ?),"
    " (SELECT hash FROM events WHERE commune_id = ? ORDER BY position DESC LIMIT 1)"
)
_INSERT = (
    "INSERT INTO events (event_id, event_type, schema_version, stream_id, stream_version, commune_id,"
    " recorded_at, data, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_IDEMPOTENCY = "INSERT INTO idempotency_records (scope, key, result, recorded_at) VALUES (?, ?, ?, ?)"
_STORED_RESULT = "SELECT result FROM idempotency_records WHERE scope = ? AND key = ?"
_READ_ALL = "SELECT position, data FROM events WHERE position > ? ORDER BY position LIMIT ?"
_READ_ALL_HASHED = "SELECT position, data, hash FROM events WHERE position > ? ORDER BY position LIMIT ?"
_CHECKPOINT_EVERY = 200  # appends between two background checkpoints
# How long a background checkpoint waits for readers on an older snapshot (and holds appends back
# meanwhile) before it settles for copying what it can.
_CHECKPOINT_BUSY_MS = 100

SyncHook = Callable[[Sequence[StoredEvent]], None]


class _LockBusy(Exception):
    """The write lock is held elsewhere: this append must wait, off the event loop."""


def _connect(path: str, busy_timeout_ms: int) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path, timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False
    )
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")  # an acknowledged append survives a power cut
    conn.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
    # Our writers never checkpoint on commit; a background thread does (see _maybe_checkpoint).
    conn.execute("PRAGMA wal_autocheckpoint=0")
    return conn


class SqliteBackend:
    def __init__(self, path: str) -> None:
        if not path or path == ":memory:":
            raise ValueError("the event store needs a SQLite file, not an in-memory database")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventstore-writer")
        self._reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventstore-reader")
        self._inline_conn: sqlite3.Connection | None = None
        self._write_conn: sqlite3.Connection | None = None
        self._read_conn: sqlite3.Connection | None = None
        self._checkpoint_conn: sqlite3.Connection | None = None  # used on the writer thread
        self._appends_since_checkpoint = 0
        self._checkpoint: Future[None] | None = None

    async def append(
        self,
        request: AppendRequest,
        recorded_at: datetime,
        before_commit: BeforeCommitHook | None,
    ) -> list[StoredEvent]:
        """``recorded_at`` (the backends' common signature) is stored as the request spells it."""
        loop = asyncio.get_running_loop()
        # While a checkpoint runs it holds the write lock: queue behind it in the writer thread
        # (which runs it) rather than find the lock taken.
        checkpointing = self._checkpoint is not None and not self._checkpoint.done()
        if before_commit is None and not checkpointing:
            if self._inline_conn is None:
                self._inline_conn = _connect(self._path, busy_timeout_ms=0)
            try:
                stored = _append(self._inline_conn, request, None, inline=True)
            except _LockBusy:
                pass
            else:
                self._maybe_checkpoint()
                return stored
        hook: SyncHook | None = None
        if before_commit is not None:

            def hook(stored: Sequence[StoredEvent]) -> None:
                asyncio.run_coroutine_threadsafe(before_commit(stored), loop).result()

        stored = await loop.run_in_executor(self._writer, self._append_in_writer, request, hook)
        self._maybe_checkpoint()
        return stored

    def _append_in_writer(self, request: AppendRequest, hook: SyncHook | None) -> list[StoredEvent]:
        if self._write_conn is None:
            self._write_conn = _connect(self._path, busy_timeout_ms=30_000)
        return _append(self._write_conn, request, hook, inline=False)

    def _maybe_checkpoint(self) -> None:
        self._appends_since_checkpoint += 1
        if self._appends_since_checkpoint < _CHECKPOINT_EVERY:
            return
        if self._checkpoint is not None and not self._checkpoint.done():
            return
        self._appends_since_checkpoint = 0
        self._checkpoint = self._writer.submit(self._checkpoint_sync)

    def _checkpoint_sync(self) -> None:
        # RESTART, not PASSIVE: the log starts again from its beginning once copied. SQLite restarts
        # the log only at the start of a write that finds it wholly copied; under a steady stream of
        # appends a passive checkpoint never finishes before the next append, so the log grew without
        # end (72 MB after 3,000 appends) and every commit, extending the file, took twice as long.
        # RESTART holds appends back while it copies and waits at most _CHECKPOINT_BUSY_MS for
        # readers; then it copies what it can.
        # It runs in the writer thread: the appends made meanwhile queue behind it there (in order,
        # off the event loop) and run as soon as it ends. Before, it ran in the reader thread, and an
        # append that found the lock taken slept in SQLite's busy handler (1, 2, 5, 10… ms between
        # tries) well past the checkpoint's end: about a third of the wall time of steady appends.
        if self._checkpoint_conn is None:
            self._checkpoint_conn = _connect(self._path, busy_timeout_ms=_CHECKPOINT_BUSY_MS)
        self._checkpoint_conn.execute("PRAGMA wal_checkpoint(RESTART)").fetchall()

    def _reader_conn(self) -> sqlite3.Connection:
        if self._read_conn is None:
            self._read_conn = _connect(self._path, busy_timeout_ms=30_000)
        return self._read_conn

    async def read_all(self, after: int, limit: int) -> list[StoredEvent]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._reader, self._read_all_sync, after, limit)

    def _read_all_sync(self, after: int, limit: int) -> list[StoredEvent]:
        rows: list[StoredEvent] = self._reader_conn().execute(_READ_ALL, (after, limit)).fetchall()
        return rows

    async def read_all_hashed(self, after: int, limit: int) -> list[tuple[int, bytes, str]]:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._reader, self._read_all_hashed_sync, after, limit)

    def _read_all_hashed_sync(self, after: int, limit: int) -> list[tuple[int, bytes, str]]:
        rows: list[tuple[int, bytes, str]] = (
            self._reader_conn().execute(_READ_ALL_HASHED, (after, limit)).fetchall()
        )
        return rows

    async def close(self) -> None:
        loop = asyncio.get_running_loop()
        if self._inline_conn is not None:
            self._inline_conn.close()
            self._inline_conn = None
        await loop.run_in_executor(self._writer, self._close_writer)
        await loop.run_in_executor(self._reader, self._close_reader)
        self._writer.shutdown(wait=True)
        self._reader.shutdown(wait=True)

    def _close_writer(self) -> None:
        if self._checkpoint_conn is not None:
            self._checkpoint_conn.close()
            self._checkpoint_conn = None
        if self._write_conn is not None:
            self._write_conn.close()
            self._write_conn = None

    def _close_reader(self) -> None:
        if self._read_conn is not None:
            self._read_conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            self._read_conn.close()
            self._read_conn = None


def _append(
    conn: sqlite3.Connection,
    request: AppendRequest,
    hook: SyncHook | None,
    *,
    inline: bool,
) -> list[StoredEvent]:
    # The request's spelling of the same instant, as SQLAlchemy's SQLite DateTime reads it back
    # (naive UTC, a space between date and time).
    recorded = request.recorded_at.removesuffix("Z").replace("T", " ")
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if inline and _is_busy(exc):
            raise _LockBusy from exc
        raise
    try:
        if request.idempotency is not None:
            record = request.idempotency
            try:
                conn.execute(
                    _IDEMPOTENCY, (record.scope, record.key, canonical_json(record.result), recorded)
                )
            except sqlite3.IntegrityError:
                stored = conn.execute(_STORED_RESULT, (record.scope, record.key)).fetchone()
                raise DuplicateRequest(record.scope, record.key, json.loads(stored[0])) from None
        current, head = conn.execute(_VERSION_AND_HEAD, (request.stream_id, request.commune_id)).fetchone()
        base = check_expected(request, current)
        rows = plan_rows(request, base, head or GENESIS_HASH)
        values = [
            (
                row.event_id,
                row.event_type,
                row.schema_version,
                request.stream_id,
                row.stream_version,
                request.commune_id,
                recorded,
                row.data,
                row.hash,
            )
            for row in rows
        ]
        try:
            if len(values) == 1:  # most appends: the cursor knows the new row's position
                last = conn.execute(_INSERT, values[0]).lastrowid
            else:
                conn.executemany(_INSERT, values)
                last = None
        except sqlite3.IntegrityError:
            raise ConcurrencyConflict(request.stream_id, base, current) from None
        if last is None:
            # AUTOINCREMENT under our exclusive write lock: the batch got consecutive positions.
            last = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
        first = last - len(rows) + 1
        stored_events: list[StoredEvent] = [(first + i, row.data) for i, row in enumerate(rows)]
        if hook is not None:
            hook(stored_events)
        conn.execute("COMMIT")
    except BaseException as exc:
        conn.execute("ROLLBACK")
        if inline and isinstance(exc, sqlite3.OperationalError) and _is_busy(exc):
            raise _LockBusy from exc
        raise
    return stored_events


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)
