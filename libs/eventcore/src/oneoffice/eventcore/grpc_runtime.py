"""The gRPC runtime every service shares: a server with health and reflection, and a health probe.

A service hands :func:`build_grpc_server` its own servicers; the runtime adds the standard
``grpc.health.v1.Health`` service (``SERVING`` once started, ``NOT_SERVING`` while stopping, so load
balancers drain before the port closes) and server reflection (so ``grpcurl`` works without the
.proto files). :func:`probe_health` is the client side, used by CLI health checks and the gateway;
:func:`list_health` asks for every name the server reports (the health protocol's ``List``: each
Kafka connection and each halted subscription under its own name), for the gateway's ``/readyz``.

Needs grpcio, grpcio-health-checking and grpcio-reflection, which every gRPC service declares.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

import grpc
from grpc_health.v1 import health as health_v1
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

HEALTH_SERVICE = "grpc.health.v1.Health"
REFLECTION_SERVICE = "grpc.reflection.v1alpha.ServerReflection"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
# gRPC's default reconnect back-off grows to 120 s: after a service's outage a channel (and every
# channel sharing its subchannel: same target and options) could fail calls for a minute after the
# service answers again. Trying again every second at most puts calls back within about a second.
RECONNECT_OPTIONS: tuple[tuple[str, int], ...] = (
    ("grpc.initial_reconnect_backoff_ms", 1000),
    ("grpc.min_reconnect_backoff_ms", 1000),
    ("grpc.max_reconnect_backoff_ms", 1000),
)


class HealthStatus(StrEnum):
    """What a health probe learned: the gRPC serving status, or that nobody answered."""

    SERVING = "SERVING"
    NOT_SERVING = "NOT_SERVING"
    UNKNOWN = "UNKNOWN"
    SERVICE_UNKNOWN = "SERVICE_UNKNOWN"
    UNREACHABLE = "UNREACHABLE"


class ListingHealthServicer(health_v1.aio.HealthServicer):  # type: ignore[misc]
    """The standard health service, with the protocol's ``List`` that grpcio-health-checking 1.85
    declares but leaves UNIMPLEMENTED: every name this server reports and its status."""

    async def List(
        self, request: health_pb2.HealthListRequest, context: grpc.aio.ServicerContext[Any, Any]
    ) -> health_pb2.HealthListResponse:
        return health_pb2.HealthListResponse(
            statuses={
                name: health_pb2.HealthCheckResponse(status=status)
                for name, status in dict(self._server_status).items()
            }
        )


@dataclass(frozen=True, slots=True)
class ServiceRegistration:
    """One servicer to serve: its full proto name (for reflection and health) and how to add it."""

    full_name: str
    add_to_server: Callable[[Any], None]


@dataclass(slots=True)
class GrpcServer:
    """A built ``grpc.aio`` server, already bound to ``host:port`` (the real port when 0 was asked)."""

    server: Any
    health: health_v1.aio.HealthServicer
    host: str
    port: int
    health_names: tuple[str, ...]
    _stopped: bool = field(default=False, init=False)
    _started: bool = field(default=False, init=False)
    # Halted subscriptions (name -> reason): the server reports NOT_SERVING while there is one.
    _halted: dict[str, str] = field(default_factory=dict, init=False)
    # What needs Kafka (name -> connected): NOT_SERVING under its own name until connected.
    _sources: dict[str, bool] = field(default_factory=dict, init=False)
    _pending: set[asyncio.Task[None]] = field(default_factory=set, init=False)

    @property
    def target(self) -> str:
        return f"{self.host}:{self.port}"

    async def start(self) -> None:
        await self.server.start()
        self._started = True
        for name in self.health_names:
            await self.health.set(name, health_pb2.HealthCheckResponse.SERVING)
        await self._report_sources()
        await self._report_halted()

    def source_connection(self, name: str, connected: bool) -> None:
        """What needs Kafka (``name``) reports NOT_SERVING until it is connected; the service itself
        stays SERVING for what it answers from its own database."""
        self._sources[name] = connected
        if self._started and not self._stopped:
            self._spawn(self._report_sources())

    async def _report_sources(self) -> None:
        for name, connected in self._sources.items():
            if name in self._halted:
                continue  # halted for an operator: connecting again does not clear it
            status = (
                health_pb2.HealthCheckResponse.SERVING
                if connected
                else health_pb2.HealthCheckResponse.NOT_SERVING
            )
            await self.health.set(name, status)

    def _spawn(self, report: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(report)
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    def subscription_halted(self, subscription: str, reason: str) -> None:
        """A subscription stopped for an operator: the whole server and ``subscription`` turn NOT_SERVING.

        Both the service's own health name (what the gateway's ``/readyz`` and ``healthcheck`` ask) and
        one named after the subscription (which of them halted) report it until the process restarts.
        """
        self._halted[subscription] = reason
        if self._started and not self._stopped:
            self._spawn(self._report_halted())

    async def _report_halted(self) -> None:
        if not self._halted:
            return
        for name in (*self.health_names, *self._halted):
            await self.health.set(name, health_pb2.HealthCheckResponse.NOT_SERVING)

    async def stop(self, grace: float | None = 5.0) -> None:
        """Report NOT_SERVING, then let in-flight calls finish for up to ``grace`` seconds."""
        if self._stopped:
            return
        self._stopped = True
        await self.health.enter_graceful_shutdown()
        await self.server.stop(grace)


def build_grpc_server(
    host: str,
    port: int,
    *,
    health_names: Sequence[str],
    services: Sequence[ServiceRegistration] = (),
    interceptors: Sequence[Any] = (),
    credentials: grpc.ServerCredentials | None = None,
) -> GrpcServer:
    """Build and bind (not start) a server; ``health_names`` get SERVING on start, with "" and ``services``.

    With ``credentials`` the port speaks TLS only (:func:`~.grpc_caller.server_credentials`).

    Raises ``RuntimeError`` when the address cannot be bound.
    """
    # gRPC turns SO_REUSEPORT on by default on Linux: a second process on the same port would then
    # silently take half of the calls instead of failing to start.
    server = grpc.aio.server(options=[("grpc.so_reuseport", 0)], interceptors=list(interceptors))
    for registration in services:
        registration.add_to_server(server)
    health_servicer = ListingHealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    served = [registration.full_name for registration in services]
    reflection.enable_server_reflection([*served, HEALTH_SERVICE, REFLECTION_SERVICE], server)
    address = f"{host}:{port}"
    if credentials is None:
        bound = server.add_insecure_port(address)
    else:
        bound = server.add_secure_port(address, credentials)
    names = tuple(dict.fromkeys(["", *health_names, *served]))
    return GrpcServer(server=server, health=health_servicer, host=host, port=int(bound), health_names=names)


class HaltReports(Protocol):
    """Where halted subscriptions are announced (:class:`~.halting.SubscriptionHalts`)."""

    def listen(self, listener: Callable[[str, str], None]) -> None: ...


def report_halts(server: GrpcServer, halts: HaltReports) -> GrpcServer:
    """Let every halted subscription of ``halts`` turn ``server`` NOT_SERVING; returns ``server``."""
    halts.listen(server.subscription_halted)
    return server


class ConnectionReports(Protocol):
    """Where waiting for Kafka and connecting are announced (:class:`~.connections.SourceConnections`)."""

    def listen(self, listener: Callable[[str, bool], None]) -> None: ...


def report_connections(server: GrpcServer, connections: ConnectionReports) -> GrpcServer:
    """Let every part of the service that waits for Kafka report NOT_SERVING under its own name."""
    connections.listen(server.source_connection)
    return server


async def serve_until_signalled(
    server: GrpcServer, *, grace: float = 5.0, signals: Sequence[signal.Signals] = STOP_SIGNALS
) -> None:
    """Start ``server``, serve until one of ``signals`` arrives, then stop gracefully."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in signals:
        loop.add_signal_handler(sig, stop.set)
    try:
        await server.start()
        # Not server.wait_for_termination(): cancelling that wait breaks the server's later stop().
        await stop.wait()
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)
        await server.stop(grace)


def _probe_channel(target: str, credentials: grpc.ChannelCredentials | None) -> grpc.aio.Channel:
    """A fresh channel per probe: a long-lived one would sit in reconnect backoff after an outage and
    keep reporting the service down for a while after it came back."""
    if credentials is None:
        return grpc.aio.insecure_channel(target, options=RECONNECT_OPTIONS)
    return grpc.aio.secure_channel(target, credentials, options=RECONNECT_OPTIONS)


async def probe_health(
    target: str,
    service: str = "",
    *,
    deadline: float = 2.0,
    credentials: grpc.ChannelCredentials | None = None,
) -> HealthStatus:
    """Ask the gRPC health service at ``target`` about ``service`` ("" = the whole server).

    ``deadline`` is in seconds; ``credentials``: TLS, for a server of the mtls mode. Never raises
    for network trouble: a refused, failed or late call is ``UNREACHABLE``.
    """
    async with _probe_channel(target, credentials) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            response = await stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=deadline)
        except grpc.aio.AioRpcError as exc:
            if exc.code() == grpc.StatusCode.NOT_FOUND:
                return HealthStatus.SERVICE_UNKNOWN
            return HealthStatus.UNREACHABLE
    return _status_of(response.status)


async def list_health(
    target: str, *, deadline: float = 2.0, credentials: grpc.ChannelCredentials | None = None
) -> dict[str, HealthStatus]:
    """Every name the health service at ``target`` reports, with its status; empty when it does not
    answer or cannot list (a server without ``List``). Never raises for network trouble."""
    async with _probe_channel(target, credentials) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        try:
            response = await stub.List(health_pb2.HealthListRequest(), timeout=deadline)
        except grpc.aio.AioRpcError:
            return {}
    return {name: _status_of(answer.status) for name, answer in response.statuses.items()}


def _status_of(status: int) -> HealthStatus:
    try:
        return HealthStatus(health_pb2.HealthCheckResponse.ServingStatus.Name(status))
    except ValueError:  # a status added to the protocol after this client was written
        return HealthStatus.UNKNOWN
