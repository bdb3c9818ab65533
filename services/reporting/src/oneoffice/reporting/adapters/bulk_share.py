"""A share of a set-based rebuild's load, staged by a process of its own (:mod:`.bulk_load`).

The rebuild starts a Python process running :func:`main` and writes the job on its
standard input (pickled: the database's URL, password included, never shows in a process list). The
process reads its share from Kafka, ``COPY``s it into its table, commits, and answers on its
standard output, one line each:

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
import pickle
import sys
from dataclasses import dataclass
from typing import BinaryIO

import structlog
from aiokafka import TopicPartition

from oneoffice.eventcore.database import create_engine

from .bulk_load import Advanced, Share, ShareRefused, consumer_for, stage_share
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


class ShareFailed(RuntimeError):
    """A share's process ended without an answer (killed, out of memory, an unexpected error)."""


async def stage_in_process(job: ShareJob, advanced: Advanced) -> Stager:
    """Stage ``job`` in a child process; its stager once its table is committed. Raises
    :class:`~.bulk_load.ShareRefused`, :class:`~.kafka_replay.ReplayStalled` or :class:`ShareFailed`
    as the child answered; cancelled, the child is killed."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", f"from {__name__} import main; main()",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        limit=_LINE_LIMIT,
    )  # fmt: skip
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    errors = asyncio.create_task(process.stderr.read())
    try:
        process.stdin.write(pickle.dumps(job))
        await process.stdin.drain()
        process.stdin.close()
        topics = job.share.topics
        answer: tuple[bytes, bytes] | None = None
        while line := await process.stdout.readline():
            word, _, rest = line.rstrip(b"\n").partition(b" ")
            if word == b"advanced":
                topic, partition, count = rest.split()
                advanced(TopicPartition(topics[int(topic)], int(partition)), int(count))
            elif word in _ANSWERS:
                answer = (word, rest)
        code = await process.wait()
        said = (await errors).decode(errors="replace")[-_TAIL:]
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        errors.cancel()
    if answer is not None and code == 0:
        word, rest = answer
        if word == b"staged":
            stager = pickle.loads(base64.b64decode(rest))
            assert isinstance(stager, Stager)
            return stager
        if word == b"refused":
            raise ShareRefused(rest.decode())
        if word == b"stalled":
            raise ReplayStalled(rest.decode())
    raise ShareFailed(f"the process staging {job.share.table} ended with status {code}: {said}")


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
            stager = await stage_share(consumer, engine, share, job.idle_timeout, advanced)
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
    job = pickle.load(sys.stdin.buffer)
    assert isinstance(job, ShareJob)
    asyncio.run(_run(job, sys.stdout.buffer))
