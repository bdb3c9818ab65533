"""The gateway spreads its calls over a service's replicas (a target listing several addresses)."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator

import grpc
import pytest

from oneoffice.eventcore.caller_identity import IdentityCodec
from oneoffice.gateway.adapters.grpc_channels import GrpcChannels
from oneoffice.gateway.config import Settings

METHOD = "/oneoffice.test.v1.Replica/Name"


def _identity(value: bytes) -> bytes:
    return value


async def _replica(name: str) -> tuple[grpc.aio.Server, int]:
    """A gRPC server whose one method answers its own name."""

    async def answer(request: bytes, context: grpc.aio.ServicerContext[bytes, bytes]) -> bytes:
        return name.encode()

    server = grpc.aio.server()
    handler = grpc.unary_unary_rpc_method_handler(
        answer, request_deserializer=_identity, response_serializer=_identity
    )
    server.add_generic_rpc_handlers(
        (grpc.method_handlers_generic_handler("oneoffice.test.v1.Replica", {"Name": handler}),)
    )
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    return server, port


@pytest.fixture
async def replicas() -> AsyncIterator[list[int]]:
    started = [await _replica("one"), await _replica("two")]
    yield [port for _, port in started]
    for server, _ in started:
        await server.stop(None)


async def test_calls_to_a_target_listing_two_replicas_reach_both(replicas: list[int]) -> None:
    target = "ipv4:" + ",".join(f"127.0.0.1:{port}" for port in replicas)
    channels = GrpcChannels({"documents": target}, codec=IdentityCodec("x" * 32))
    try:
        call = channels.channel("documents").unary_unary(
            METHOD, request_serializer=_identity, response_deserializer=_identity
        )
        answered = Counter([(await call(b"", timeout=5)).decode() for _ in range(20)])
    finally:
        await channels.aclose()
    assert set(answered) == {"one", "two"}, answered
    assert min(answered.values()) >= 5, answered


def test_a_target_listing_loopback_replicas_is_not_by_itself_a_distributed_gateway() -> None:
    local = Settings(documents_target="ipv4:127.0.0.1:50051,127.0.0.1:50061")
    remote = Settings(
        documents_target="ipv4:10.0.0.5:50051,10.0.0.6:50051",
        jwt_secret="a-long-secret-of-this-deployment-only-0123456789",
        internal_secret="another-long-secret-of-this-deployment-0123456789",
    )
    assert not local.is_distributed()
    assert remote.is_distributed()
