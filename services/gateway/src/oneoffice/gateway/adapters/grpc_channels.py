"""The gateway's gRPC channels: one per service, opened on first use, closed when the app stops.

Created by the composition root; a channel is opened only inside a running event loop, when a
request first needs its service (nothing connects at import or at app creation). Every call carries
:meth:`GrpcChannels.metadata`: the caller's identity, signed for the services
(:mod:`oneoffice.eventcore.caller_identity`), and the correlation id. In the mtls mode the channels
speak TLS and show the gateway's certificate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import grpc

from oneoffice.eventcore.caller_identity import GATEWAY, IdentityCodec
from oneoffice.eventcore.grpc_runtime import RECONNECT_OPTIONS

from ..application.ports import RequestContext

CORRELATION_HEADER = "x-correlation-id"
# Calls go to every address of a target in turn: a target listing a service's replicas
# (``ipv4:10.0.0.5:50051,10.0.0.6:50051``, or a ``dns:`` name with several addresses) spreads the
# load over them and skips one that is down. A one-address target behaves as before.
CHANNEL_OPTIONS = (("grpc.lb_policy_name", "round_robin"), *RECONNECT_OPTIONS)


class GrpcChannels:
    def __init__(
        self,
        targets: Mapping[str, str],
        *,
        codec: IdentityCodec,
        interceptors: Sequence[Any] = (),
        credentials: grpc.ChannelCredentials | None = None,
    ) -> None:
        self._targets = dict(targets)
        self._codec = codec
        self._interceptors = list(interceptors)
        self._credentials = credentials
        self._channels: dict[str, grpc.aio.Channel] = {}

    def channel(self, service: str) -> grpc.aio.Channel:
        channel = self._channels.get(service)
        if channel is None:
            target, interceptors = self._targets[service], self._interceptors or None
            if self._credentials is None:
                channel = grpc.aio.insecure_channel(target, CHANNEL_OPTIONS, interceptors=interceptors)
            else:
                channel = grpc.aio.secure_channel(
                    target, self._credentials, CHANNEL_OPTIONS, interceptors=interceptors
                )
            self._channels[service] = channel
        return channel

    def metadata(self, context: RequestContext) -> tuple[tuple[str, str], ...]:
        """What a call made for ``context`` carries: who asks (the gateway when nobody is logged in)."""
        return (
            self._codec.metadata(context.identity or GATEWAY),
            (CORRELATION_HEADER, context.correlation_id),
        )

    async def aclose(self) -> None:
        channels, self._channels = self._channels, {}
        for channel in channels.values():
            await channel.close()
