"""Publishing stored events to Kafka: acks from all in-sync replicas, idempotent producer.

The relay talks to the ``EventProducer`` port; ``AiokafkaEventProducer`` is the real adapter. It
uses aiokafka directly rather than FastStream's publisher: the relay sends thousands of keyed
messages per batch and waits once for all their acknowledgements, and it writes the W3C trace
headers itself (which FastStream's telemetry middleware reads on the consuming side).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from aiokafka import AIOKafkaProducer

from .connecting import RETRY_BACKOFF_MS


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    key: bytes
    value: bytes
    headers: list[tuple[str, bytes]]


class EventProducer(Protocol):
    async def publish(self, topic: str, messages: Sequence[OutgoingMessage]) -> None:
        """Return once every message is acknowledged; raise if any was not."""
        ...


class AiokafkaEventProducer:
    def __init__(
        self,
        bootstrap_servers: str,
        *,
        client_id: str = "oneoffice-relay",
        request_timeout_ms: int = 30_000,
        max_message_bytes: int = 1 << 20,
    ):
        """``max_message_bytes``: what the topic takes per message (its ``max.message.bytes``); the
        store refuses larger events at append (:func:`~..append_plan.max_event_bytes`)."""
        self._bootstrap = bootstrap_servers
        self._client_id = client_id
        self._request_timeout_ms = request_timeout_ms
        self._max_message_bytes = max_message_bytes
        self._producer: AIOKafkaProducer | None = None
        # Starts and stops one at a time: a publish that starts the producer while another start (or a
        # stop) is under way would otherwise make a second client, or leave one unstopped.
        self._lifecycle = asyncio.Lock()

    async def start(self) -> None:
        async with self._lifecycle:
            await self._start()

    async def _start(self) -> None:
        if self._producer is not None:
            return
        producer = AIOKafkaProducer(
            bootstrap_servers=self._bootstrap,
            client_id=self._client_id,
            acks="all",
            enable_idempotence=True,
            linger_ms=5,
            # A batch never larger than the topic takes; no message larger than the store kept.
            max_batch_size=self._max_message_bytes,
            max_request_size=self._max_message_bytes,
            request_timeout_ms=self._request_timeout_ms,
            retry_backoff_ms=RETRY_BACKOFF_MS,
        )
        try:
            await producer.start()
        except BaseException:
            with contextlib.suppress(Exception):
                await producer.stop()  # what the failed start made; the relay tries again later
            raise
        self._producer = producer

    async def stop(self) -> None:
        async with self._lifecycle:
            if self._producer is not None:
                producer, self._producer = self._producer, None
                await producer.stop()

    async def publish(self, topic: str, messages: Sequence[OutgoingMessage]) -> None:
        if self._producer is None:
            await self.start()
        assert self._producer is not None
        # Bounded: with the broker away aiokafka retries a batch for as long as it takes; the relay
        # must fail the attempt (counted, backed off, lag reported) and send the page again later.
        async with asyncio.timeout(self._request_timeout_ms / 1000 + 1):
            futures = [
                await self._producer.send(topic, value=m.value, key=m.key, headers=m.headers)
                for m in messages
            ]
            await asyncio.gather(*futures)
