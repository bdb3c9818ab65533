"""The continuity check takes each event's own hash and commune from the relay when it sent them.

The database side of the check (loading and saving chain heads) is replaced by a dict: these
tests are about which hash is compared with which ``prev_hash``.
"""

from __future__ import annotations

from collections.abc import Iterator
from hashlib import sha256
from typing import Any

import pytest

from oneoffice.eventcore import continuity
from oneoffice.eventcore.continuity import ContinuityBroken, Segment, check_and_advance
from oneoffice.eventcore.envelope import GENESIS_HASH, EnvelopeWriter, Metadata

Heads = dict[tuple[str, str], str]


def chain(commune: str, count: int, hashes: list[str]) -> list[bytes]:
    """``count`` envelopes of ``commune`` linked by ``hashes`` (the hash each event is said to have)."""
    writer = EnvelopeWriter(
        stream_id=f"s-{commune}",
        commune_id=commune,
        occurred_at="2026-01-01T00:00:00.000000Z",
        recorded_at="2026-01-01T00:00:00.000000Z",
        metadata=Metadata(actor="a", correlation_id="c"),
    )
    prevs = [GENESIS_HASH, *hashes]
    return [
        writer.write(
            event_id=f"{commune}-{n}",
            event_type="t",
            schema_version=1,
            stream_version=n + 1,
            payload={"prev_hash": "ef" * 32, "n": n},
            prev_hash=prevs[n],
        )
        for n in range(count)
    ]


def real_chain(commune: str, count: int) -> list[bytes]:
    """Envelopes linked by their real SHA-256, as a store writes them."""
    hashes: list[str] = []
    for n in range(1, count + 1):
        datas = chain(commune, n, hashes)
        hashes.append(sha256(datas[-1]).hexdigest())
    return chain(commune, count, hashes)


@pytest.fixture
def heads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Heads]:
    stored: Heads = {}

    async def load(conn: Any, subscription: str, keys: set[tuple[str, str]]) -> Heads:
        return {key: stored[key] for key in keys if key in stored}

    async def save(conn: Any, subscription: str, changed: Heads) -> None:
        stored.update(changed)

    monkeypatch.setattr(continuity, "_load_heads", load)
    monkeypatch.setattr(continuity, "_save_heads", save)
    yield stored


def hex_of(n: int) -> str:
    return f"{n:064x}"


async def check(
    datas: list[bytes],
    hashes: list[bytes | None],
    communes: list[bytes | None],
    prevs: list[bytes | None] | None = None,
) -> None:
    segment = Segment("topic", 0, 0, len(datas), chain_checked=True)
    positions = list(range(1, len(datas) + 1))
    await check_and_advance(None, "sub", [segment], positions, datas, hashes, communes, prevs or [])  # type: ignore[arg-type]


async def test_a_batch_whose_relay_hashes_link_passes_without_hashing_or_parsing(
    heads: Heads, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Hashes that are not the SHA-256 of the bytes: passing proves the relay's hashes were used.
    said = [hex_of(n) for n in range(1, 4)]
    datas = chain("c1", 3, said)
    monkeypatch.setattr(continuity, "link", lambda data: pytest.fail("link() called on the fast path"))
    await check(datas, [h.encode() for h in said], [b"c1"] * 3)
    assert heads == {("topic", "c1"): said[-1]}


async def test_a_hole_is_detected_with_the_relay_hashes(heads: Heads) -> None:
    said = [hex_of(n) for n in range(1, 5)]
    datas = chain("c1", 4, said)
    del datas[2], said[2]  # the third event never arrived
    with pytest.raises(ContinuityBroken, match="topic/0 position 3 event c1-3 commune c1"):
        await check(datas, [h.encode() for h in said], [b"c1"] * 3)
    assert heads == {}


async def test_a_hole_across_batches_is_detected_with_the_relay_hashes(heads: Heads) -> None:
    said = [hex_of(n) for n in range(1, 5)]
    datas = chain("c1", 4, said)
    await check(datas[:2], [h.encode() for h in said[:2]], [b"c1"] * 2)
    with pytest.raises(ContinuityBroken):
        await check(datas[3:], [said[3].encode()], [b"c1"])
    assert heads == {("topic", "c1"): said[1]}


async def test_messages_without_the_hash_header_are_hashed_here(heads: Heads) -> None:
    datas = real_chain("c1", 3)
    await check(datas, [], [])
    assert heads == {("topic", "c1"): sha256(datas[-1]).hexdigest()}
    # Old messages and relay messages mixed in one batch, on two communes.
    more, other = real_chain("c1", 5)[3:], real_chain("c2", 2)
    own = [sha256(data).hexdigest().encode() for data in more]
    await check([more[0], other[0], more[1], other[1]], [own[0], None, None, None], [b"c1", None, None, None])
    assert heads == {("topic", "c1"): own[1].decode(), ("topic", "c2"): sha256(other[1]).hexdigest()}


async def test_a_message_without_the_hash_header_still_breaks_the_chain_when_it_does_not_link(
    heads: Heads,
) -> None:
    datas = real_chain("c1", 3)
    with pytest.raises(ContinuityBroken):
        await check([datas[0], datas[2]], [], [])


async def test_something_that_is_not_an_envelope_is_left_to_the_handler(heads: Heads) -> None:
    datas = real_chain("c1", 2)
    await check([datas[0], b"not json", datas[1]], [], [])
    assert heads == {("topic", "c1"): sha256(datas[1]).hexdigest()}


def encoded(hashes: list[str]) -> list[bytes | None]:
    return [h.encode() for h in hashes]


async def test_a_batch_whose_relay_prev_hashes_link_passes_without_reading_the_envelopes(
    heads: Heads, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = [hex_of(n) for n in range(1, 4)]
    # Bytes that hold no link at all: passing proves the relay's prev_hash headers were used.
    blanks = [b"{}"] * 3
    monkeypatch.setattr(continuity, "link", lambda data: pytest.fail("link() called on the fast path"))
    await check(blanks, encoded(said), [b"c1"] * 3, encoded([GENESIS_HASH, *said[:2]]))
    assert heads == {("topic", "c1"): said[-1]}


async def test_a_hole_is_detected_with_the_relay_prev_hashes(heads: Heads) -> None:
    said = [hex_of(n) for n in range(1, 5)]
    datas, prevs = chain("c1", 4, said), [GENESIS_HASH, *said[:3]]
    del datas[2], said[2], prevs[2]  # the third event never arrived
    with pytest.raises(ContinuityBroken, match="topic/0 position 3 event c1-3 commune c1"):
        await check(datas, encoded(said), [b"c1"] * 3, encoded(prevs))
    assert heads == {}


def _linked() -> tuple[list[bytes], list[str], list[str]]:
    said = [hex_of(n) for n in range(1, 5)]
    return chain("c1", 4, said), said, [GENESIS_HASH, *said[:3]]


def _hole() -> tuple[list[bytes], list[str], list[str]]:
    datas, said, prevs = _linked()
    del datas[1], said[1], prevs[1]
    return datas, said, prevs


def _wrong_header() -> tuple[list[bytes], list[str], list[str]]:
    datas, said, prevs = _linked()
    prevs[2] = hex_of(99)  # the envelope links: the header alone must not halt
    return datas, said, prevs


def _not_an_envelope() -> tuple[list[bytes], list[str], list[str]]:
    datas, said, prevs = _linked()
    datas[3], prevs[3] = b"not json", ""
    return datas, said, prevs


@pytest.mark.parametrize("case", [_linked, _hole, _wrong_header, _not_an_envelope])
@pytest.mark.parametrize("missing", [None, 1])
async def test_prev_hash_headers_give_the_verdict_and_heads_of_reading_the_envelopes(
    heads: Heads, case: Any, missing: int | None
) -> None:
    """With the relay's prev_hash headers (one of them missing, or none), as without them."""
    datas, said, prevs = case()
    given: list[bytes | None] = encoded(prevs)
    if missing is not None:
        given[missing] = None
    verdicts: list[tuple[str | None, Heads]] = []
    for claims in (given, None):
        heads.clear()
        try:
            await check(datas, encoded(said), [b"c1"] * len(datas), claims)
            verdicts.append((None, dict(heads)))
        except ContinuityBroken as exc:
            verdicts.append((str(exc), dict(heads)))
    assert verdicts[0] == verdicts[1]
