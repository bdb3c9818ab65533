"""The gateway's gRPC channels: one per service, opened on first use, closed when the app stops.

Created by the composition root; a channel is opened only inside a running event loop, when a
request first needs its service (nothing connects at import or at app creation).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import grpc


class GrpcChannels:
    def __init__(self, targets: Mapping[str, str], *, interceptors: Sequence[Any] = ()) -> None:
        self._targets = dict(targets)
        self._interceptors = list(interceptors)
        self._channels: dict[str, grpc.aio.Channel] = {}

    def channel(self, service: str) -> grpc.aio.Channel:
        channel = self._channels.get(service)
        if channel is None:
            channel = grpc.aio.insecure_channel(
                self._targets[service], interceptors=self._interceptors or None
            )
            self._channels[service] = channel
        return channel

    async def aclose(self) -> None:
        channels, self._channels = self._channels, {}
        for channel in channels.values():
            await channel.close()
