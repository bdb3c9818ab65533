"""The blob store port: file contents kept once each, named by their SHA-256.

``put`` streams a content in, hashing it as it is written, and lets the caller look at the whole
content (``inspect``) before it is kept: a content refused there, or a stream that fails half-way,
leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Callable
from dataclasses import dataclass
from typing import BinaryIO, Protocol, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class StoredBlob:
    sha256: str
    size: int
    # False when the store already held the same content.
    created: bool


class BlobNotFound(LookupError):
    def __init__(self, sha256: str) -> None:
        super().__init__(f"no blob {sha256}")
        self.sha256 = sha256


class BlobStore(Protocol):
    async def put(
        self, chunks: AsyncIterable[bytes], inspect: Callable[[BinaryIO, int], T]
    ) -> tuple[StoredBlob, T]:
        """Store the content ``chunks`` make up, once.

        ``inspect(file, size)`` sees the whole content (a seekable file) before it is kept, in a
        worker thread; what it returns is returned, what it raises is raised and nothing is kept.
        An exception raised by ``chunks`` is raised as well, nothing kept.
        """
        ...

    async def open(self, sha256: str) -> AsyncIterator[bytes]:
        """The content in chunks; raises :class:`BlobNotFound` (before the first chunk)."""
        ...

    async def exists(self, sha256: str) -> bool: ...

    async def verify(self, sha256: str) -> bool:
        """Whether the content kept under ``sha256`` still hashes to it; raises :class:`BlobNotFound`."""
        ...

    def walk(self) -> AsyncIterator[str]:
        """The name (SHA-256) of every blob held, for an audit that verifies them all."""
        ...
