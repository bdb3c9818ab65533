"""A blob store in memory, held to the same contract tests as the filesystem adapter."""

from __future__ import annotations

import hashlib
import io
from collections.abc import AsyncIterable, AsyncIterator, Callable
from typing import BinaryIO, TypeVar

from oneoffice.documents.application.blob_store import BlobNotFound, StoredBlob

T = TypeVar("T")


class MemoryBlobStore:
    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = {}

    async def put(
        self, chunks: AsyncIterable[bytes], inspect: Callable[[BinaryIO, int], T]
    ) -> tuple[StoredBlob, T]:
        content = b"".join([chunk async for chunk in chunks])
        judged = inspect(io.BytesIO(content), len(content))
        sha256 = hashlib.sha256(content).hexdigest()
        created = sha256 not in self.blobs
        self.blobs.setdefault(sha256, content)
        return StoredBlob(sha256, len(content), created), judged

    async def open(self, sha256: str) -> AsyncIterator[bytes]:
        if sha256 not in self.blobs:
            raise BlobNotFound(sha256)
        return self._chunks(self.blobs[sha256])

    @staticmethod
    async def _chunks(content: bytes) -> AsyncIterator[bytes]:
        for start in range(0, len(content), 1000):
            yield content[start : start + 1000]

    async def exists(self, sha256: str) -> bool:
        return sha256 in self.blobs

    async def verify(self, sha256: str) -> bool:
        if sha256 not in self.blobs:
            raise BlobNotFound(sha256)
        return hashlib.sha256(self.blobs[sha256]).hexdigest() == sha256

    async def walk(self) -> AsyncIterator[str]:
        for sha256 in sorted(self.blobs):
            yield sha256
