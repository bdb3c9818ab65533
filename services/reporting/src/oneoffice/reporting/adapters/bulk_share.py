"""A share of a set-based rebuild's load, staged by a helper process (:mod:`.bulk_load`).

The rebuild starts a Python process running :func:`main` (:class:`ShareProcess`), which says
``ready`` once its imports are done; the rebuild then writes its job on its standard input
(pickled: the database's URL, password included, never shows in a process list). The process reads
its share from Kafka, ``COPY``s it into its table, commits, and answers on its standard output, one
line each:

- ``advanced <topic index> <partition> <records>`` as it stages (the rebuild's progress bars);
- then ``staged <base64 of the pickled stager>``, or ``refused <why>`` (a record the set-based load
  does not take), or ``stalled <why>`` (Kafka delivered nothing for too long). Any other failure is
  its exit status and the end of its standard error.

Its own imports are the staging's only (``bulk_load``), so it starts in about a second and stays
small (its memory adds to the rebuild's: the benchmark counts both).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import gc
import pickle
import sys
from dataclasses import dataclass, field
from typing import BinaryIO

import structlog
from aiokafka import TopicPartition

from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.gc_tuning import tune_garbage_collector

from .bulk_load import Advanced, Share, ShareRefused, ShareStaging, consumer_for
from .bulk_staging import Stager
from .kafka_replay import ReplayStalled

_TAIL = 2000  # characters of a failed process's standard error kept in the error raised
_LINE_LIMIT = 1 << 26  # the answer's line: the chain heads of every commune (~100 bytes each)
_ANSWERS = (b"staged", b"refused", b"stalled")


@dataclass(frozen=True, slots=True)
class ShareJob:
    """What a share's process needs: where to read, where to write, what."""

    bootstrap_servers: str
    client_id: str
    database_url: str
    share: Share
    idle_timeout: float
    # The rebuild's own: the helper's collector runs as often (see :mod:`oneoffice.eventcore.gc_tuning`).
    young_threshold: int = field(default_factory=lambda: gc.get_threshold()[0])


class ShareFailed(RuntimeError):
    """A share's process ended without an answer (killed, out of memory, an unexpected error)."""


class ShareProcess:
    """A helper process that stages one share: started early (its imports take about a second), then
    handed its share once the rebuild knows it (:meth:`stage`)."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        assert process.stdin is not None and process.stdout is not None and process.stderr is not None
        self._process = process
        self._stdin, self._stdout = process.stdin, process.stdout
        self._errors = asyncio.create_task(process.stderr.read())

    @classmethod
    async def start(cls) -> ShareProcess:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-c", f"from {__name__} import main; main()",
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            limit=_LINE_LIMIT,
        )  # fmt: skip
        return cls(process)

    async def ready(self) -> None:
        """Wait until the process is up and waits for its share (:class:`ShareFailed` if it ended)."""
        if await self._stdout.readline() != b"ready\n":
            raise await self._failed("before it was ready")

    async def stage(self, job: ShareJob, advanced: Advanced) -> Stager:
        """Hand the process ``job`` and wait for its answer: its stager once its table is committed.
        Raises :class:`~.bulk_load.ShareRefused`, :class:`~.kafka_replay.ReplayStalled` or
        :class:`ShareFailed` as it answered."""
        self._stdin.write(pickle.dumps(job))
        await self._stdin.drain()
        self._stdin.close()
        topics = job.share.topics
        # Its answer comes once its table is committed: what it does after (stopping its clients,
        # exiting) is not waited for here (:meth:`close` does).
        while line := await self._stdout.readline():
            word, _, rest = line.rstrip(b"\n").partition(b" ")
            if word in _ANSWERS:
                break
            if word == b"advanced":
                topic, partition, count = rest.split()
                advanced(TopicPartition(topics[int(topic)], int(partition)), int(count))
        else:
            raise await self._failed(f"staging {job.share.table}")
        if word == b"refused":
            raise ShareRefused(rest.decode())
        if word == b"stalled":
            raise ReplayStalled(rest.decode())
        stager = pickle.loads(base64.b64decode(rest))  # the answer of the process this one started
        assert isinstance(stager, Stager)
        return stager

    async def close(self) -> None:
        """End the process (killed if it still runs) and wait for it."""
        if self._process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self._process.kill()
        await self._process.wait()
        self._errors.cancel()

    async def _failed(self, when: str) -> ShareFailed:
        code = await self._process.wait()
        said = (await self._errors).decode(errors="replace")[-_TAIL:]
        return ShareFailed(f"the staging process ended {when}, with status {code}: {said}")


async def _run(job: ShareJob, out: BinaryIO) -> None:
    share = job.share

    def advanced(tp: TopicPartition, count: int) -> None:
        topic, partition = share.key(tp)
        out.write(b"advanced %d %d %d\n" % (topic, partition, count))
        out.flush()

    engine = create_engine(job.database_url, pool_size=1, max_overflow=0)
    consumer = consumer_for(job.bootstrap_servers, job.client_id, len(share.ranges))
    try:
        await consumer.start()
        consumer.assign(list(share.ranges))
        try:
            stager = await ShareStaging(share).run(consumer, engine, job.idle_timeout, advanced)
        except ShareRefused as refused:
            out.write(b"refused %s\n" % _one_line(refused))
        except ReplayStalled as stalled:
            out.write(b"stalled %s\n" % _one_line(stalled))
        else:
            out.write(b"staged %s\n" % base64.b64encode(pickle.dumps(stager)))
        out.flush()
    finally:
        await consumer.stop()
        await engine.dispose()


def _one_line(error: Exception) -> bytes:
    return " ".join(str(error).split()).encode()


def main() -> None:
    # Standard output carries the answer: whatever logs goes to standard error.
    structlog.configure(logger_factory=structlog.PrintLoggerFactory(sys.stderr))
    sys.stdout.buffer.write(b"ready\n")
    sys.stdout.buffer.flush()
    job = pickle.load(sys.stdin.buffer)  # written by the rebuild that started this process
    assert isinstance(job, ShareJob)
    tune_garbage_collector(job.young_threshold)
    asyncio.run(_run(job, sys.stdout.buffer))
