"""A content-addressed blob store on a filesystem: ``<root>/ab/cd/<sha256>``.

A content is written to a temporary file under ``<root>/tmp`` (the same filesystem), hashed as it
streams in, synced, inspected, then renamed into place (atomic) and its directory synced: a crash
leaves either the whole blob or none, never a part under a real name. The same content is kept
once. Blocking file calls run in worker threads.

No library: the CAS packages on the index (``hashfs`` and its forks) are synchronous, take whole
files rather than streams, and have not been released for years; this is the hundred lines needed.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import tempfile
from collections.abc import AsyncIterable, AsyncIterator, Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from ..application.blob_store import BlobNotFound, StoredBlob

T = TypeVar("T")
CHUNK_SIZE = 64 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")


class FilesystemBlobStore:
    def __init__(self, root: Path, *, chunk_size: int = CHUNK_SIZE) -> None:
        self.root = root
        self._chunk_size = chunk_size

    def path_of(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256):
            raise BlobNotFound(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    async def put(
        self, chunks: AsyncIterable[bytes], inspect: Callable[[BinaryIO, int], T]
    ) -> tuple[StoredBlob, T]:
        scratch = self.root / "tmp"
        await asyncio.to_thread(scratch.mkdir, parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=scratch, prefix="upload-")
        temporary = Path(name)
        try:
            with os.fdopen(fd, "w+b") as file:
                digest = hashlib.sha256()
                size = 0
                async for chunk in chunks:
                    digest.update(chunk)
                    size += len(chunk)
                    await asyncio.to_thread(file.write, chunk)
                judged = await asyncio.to_thread(_sync_and_inspect, file, size, inspect)
            sha256 = digest.hexdigest()
            created = await asyncio.to_thread(self._keep, temporary, self.path_of(sha256))
        except BaseException:
            # Not in a thread: it must run even when the task is being cancelled.
            temporary.unlink(missing_ok=True)  # noqa: ASYNC240
            raise
        return StoredBlob(sha256, size, created), judged

    def _keep(self, temporary: Path, final: Path) -> bool:
        if final.exists():
            temporary.unlink()
            return False
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(temporary, final)
        _sync_directory(final.parent)
        return True

    async def open(self, sha256: str) -> AsyncIterator[bytes]:
        path = self.path_of(sha256)
        try:
            file = await asyncio.to_thread(path.open, "rb")
        except FileNotFoundError:
            raise BlobNotFound(sha256) from None
        return self._chunks(file)

    async def _chunks(self, file: BinaryIO) -> AsyncIterator[bytes]:
        with file:
            while chunk := await asyncio.to_thread(file.read, self._chunk_size):
                yield chunk

    async def exists(self, sha256: str) -> bool:
        try:
            return await asyncio.to_thread(self.path_of(sha256).is_file)
        except BlobNotFound:
            return False

    async def verify(self, sha256: str) -> bool:
        digest = hashlib.sha256()
        async for chunk in await self.open(sha256):
            digest.update(chunk)
        return digest.hexdigest() == sha256

    async def walk(self) -> AsyncIterator[str]:
        names = await asyncio.to_thread(self._names)
        for name in names:
            yield name

    def _names(self) -> list[str]:
        return sorted(
            path.name
            for path in self.root.glob("[0-9a-f][0-9a-f]/[0-9a-f][0-9a-f]/*")
            if _SHA256.fullmatch(path.name) and path.is_file()
        )


def _sync_and_inspect(file: BinaryIO, size: int, inspect: Callable[[BinaryIO, int], T]) -> T:
    file.flush()
    os.fsync(file.fileno())
    file.seek(0)
    return inspect(file, size)


def _sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
