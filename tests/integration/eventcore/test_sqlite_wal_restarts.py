"""SQLite: under a steady stream of appends, the write-ahead log starts again from its beginning.

SQLite restarts the log only when a write begins while every frame is copied to the database. A
background checkpoint that copies without holding appends back never finishes before the next append
of a steady stream, so the log grew without end (and every commit, extending the file, cost twice
the time). The store's checkpoints restart it (:mod:`oneoffice.eventcore.sqlite_backend`).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.envelope import Metadata
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.store import EventStore

from .conftest import NoteTaken

META = Metadata(actor="clerk", correlation_id="corr")
APPENDS = 1_000


def _frames_in_log(path: Path) -> int:
    """Frames in the log since it last started again (copying them all to the database as well)."""
    with sqlite3.connect(path) as conn:
        _busy, frames, _copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    return int(frames)


async def test_the_log_starts_again_under_a_steady_stream_of_appends(tmp_path: Path) -> None:
    path = tmp_path / "embedded.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    await upgrade(engine)
    store = EventStore(engine)
    try:
        _frames_in_log(path)  # all copied: the next append starts the log again, from its beginning
        for n in range(10):
            await store.append(f"warm-{n}", "c-1", [NoteTaken(text="t")], expected_version=0, metadata=META)
        per_append = _frames_in_log(path) / 10
        for n in range(APPENDS):  # back to back, as fast as the store takes them
            await store.append(f"s-{n}", "c-1", [NoteTaken(text="t")], expected_version=0, metadata=META)
        frames = _frames_in_log(path)
    finally:
        await store.close()
        await engine.dispose()

    written = per_append * APPENDS
    assert per_append >= 2, per_append
    # Checkpoints run every 200 appends: a log that started again holds at most a few hundred
    # appends' frames; one that never did holds all of them.
    assert frames < 0.5 * written, (
        f"{frames} frames in the log after {APPENDS} appends of {per_append} frames"
    )
