"""The blob store's contract, run on the filesystem adapter and on the in-memory fake alike,
then what only a filesystem can show: the layout, atomic writes, a flipped byte found by verify."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from typing import BinaryIO

import pytest

from oneoffice.documents.adapters.filesystem_blob_store import FilesystemBlobStore
from oneoffice.documents.application.blob_store import BlobNotFound, BlobStore

from .blob_fakes import MemoryBlobStore

CONTENT = b"%PDF-1.7 scanned decision " * 5000


class Refused(Exception):
    pass


async def chunks_of(data: bytes, size: int = 4096, *, fail_after: int | None = None) -> AsyncIterator[bytes]:
    for n, start in enumerate(range(0, len(data), size)):
        if fail_after is not None and n == fail_after:
            raise ConnectionResetError("the client went away")
        yield data[start : start + size]


def head(file: BinaryIO, size: int) -> bytes:
    return file.read(8)


def refuse(file: BinaryIO, size: int) -> None:
    raise Refused()


async def read_all(store: BlobStore, sha256: str) -> bytes:
    return b"".join([chunk async for chunk in await store.open(sha256)])


@pytest.fixture(params=["filesystem", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> BlobStore:
    if request.param == "filesystem":
        return FilesystemBlobStore(tmp_path / "blobs", chunk_size=10_000)
    return MemoryBlobStore()


async def test_a_content_is_named_by_its_sha256_and_read_back_byte_for_byte(store: BlobStore) -> None:
    blob, seen = await store.put(chunks_of(CONTENT), head)

    assert blob.sha256 == hashlib.sha256(CONTENT).hexdigest()
    assert (blob.size, blob.created, seen) == (len(CONTENT), True, b"%PDF-1.7")
    assert await read_all(store, blob.sha256) == CONTENT
    assert await store.exists(blob.sha256)
    assert await store.verify(blob.sha256)


async def test_the_same_content_is_stored_once(store: BlobStore) -> None:
    first, _ = await store.put(chunks_of(CONTENT, 1000), head)
    second, _ = await store.put(chunks_of(CONTENT, 3000), head)

    assert first.sha256 == second.sha256
    assert (first.created, second.created) == (True, False)
    assert [name async for name in store.walk()] == [first.sha256]


async def test_a_content_the_inspection_refuses_is_not_kept(store: BlobStore) -> None:
    with pytest.raises(Refused):
        await store.put(chunks_of(CONTENT), refuse)

    assert [name async for name in store.walk()] == []
    assert not await store.exists(hashlib.sha256(CONTENT).hexdigest())


async def test_a_stream_that_fails_half_way_keeps_nothing(store: BlobStore) -> None:
    with pytest.raises(ConnectionResetError):
        await store.put(chunks_of(CONTENT, fail_after=3), head)

    assert [name async for name in store.walk()] == []


async def test_an_unknown_blob_is_not_found(store: BlobStore) -> None:
    with pytest.raises(BlobNotFound):
        await store.open("0" * 64)
    with pytest.raises(BlobNotFound):
        await store.verify("0" * 64)
    assert not await store.exists("0" * 64)


# What only the filesystem shows.


def files_under(root: Path) -> Iterable[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


async def test_blobs_lie_under_two_levels_of_their_name(tmp_path: Path) -> None:
    store = FilesystemBlobStore(tmp_path)

    blob, _ = await store.put(chunks_of(CONTENT), head)

    assert files_under(tmp_path) == [tmp_path / blob.sha256[:2] / blob.sha256[2:4] / blob.sha256]


async def test_no_temporary_file_is_left_by_a_refused_or_broken_upload(tmp_path: Path) -> None:
    store = FilesystemBlobStore(tmp_path)
    with pytest.raises(Refused):
        await store.put(chunks_of(CONTENT), refuse)
    with pytest.raises(ConnectionResetError):
        await store.put(chunks_of(CONTENT, fail_after=2), head)

    assert files_under(tmp_path) == []


async def test_a_content_is_under_its_name_only_once_whole(tmp_path: Path) -> None:
    store = FilesystemBlobStore(tmp_path)
    final = store.path_of(hashlib.sha256(CONTENT).hexdigest())
    seen_while_writing: list[bool] = []

    async def watched() -> AsyncIterator[bytes]:
        async for chunk in chunks_of(CONTENT):
            seen_while_writing.append(final.exists())
            yield chunk

    def inspected(file: BinaryIO, size: int) -> None:
        seen_while_writing.append(final.exists())

    await store.put(watched(), inspected)

    assert seen_while_writing and not any(seen_while_writing)
    assert final.read_bytes() == CONTENT


async def test_verify_finds_a_flipped_byte(tmp_path: Path) -> None:
    store = FilesystemBlobStore(tmp_path)
    blob, _ = await store.put(chunks_of(CONTENT), head)
    path = store.path_of(blob.sha256)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))

    assert not await store.verify(blob.sha256)


async def test_a_name_that_is_not_a_sha256_never_reaches_the_filesystem(tmp_path: Path) -> None:
    store = FilesystemBlobStore(tmp_path / "blobs")

    with pytest.raises(BlobNotFound):
        await store.open("../../etc/passwd")
    assert not await store.exists("../" * 3)
