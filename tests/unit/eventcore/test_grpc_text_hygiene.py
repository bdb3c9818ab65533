"""The gRPC interceptor: every string of a request, however nested, is held to the hygiene rule."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import grpc
import pytest
from google.protobuf import struct_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from oneoffice.contracts.grpc.documents.v1 import documents_pb2 as pb
from oneoffice.eventcore.grpc_runtime import build_grpc_server
from oneoffice.eventcore.grpc_text_hygiene import TextHygieneInterceptor, forbidden_text
from oneoffice.eventcore.text_hygiene import ForbiddenCharacter


def test_a_clean_request_has_nothing_to_refuse() -> None:
    request = pb.RegisterIncomingDocumentRequest(issuer="UBND tỉnh Nghệ An", summary="dòng một\r\ndòng hai")

    assert list(forbidden_text(request)) == []


def test_top_level_strings_are_named_by_their_field() -> None:
    request = pb.RegisterIncomingDocumentRequest(issuer="UBND\x00", summary="ok", number_symbol="\u202e1")

    assert dict(forbidden_text(request)) == {
        "issuer": ForbiddenCharacter("\x00", 5),
        "number_symbol": ForbiddenCharacter("\u202e", 1),
    }


def test_strings_in_repeated_nested_messages_are_found_with_their_index() -> None:
    message = pb.ListReferenceDataResponse(
        bodies=[pb.Body(code="UBND"), pb.Body(code="HDND", name_vi="Hội đồng\x07")],
    )

    assert [path for path, _ in forbidden_text(message)] == ["bodies[1].name_vi"]


def test_map_keys_and_values_and_repeated_strings_are_checked() -> None:
    message = struct_pb2.Struct()
    message.update({"ok": "fine", "bad\x1b": "x", "nested": {"list": ["a", "b\u2069"]}})

    found = dict(forbidden_text(message))

    assert set(found) == {
        "fields['badU+001B'](key)",
        "fields['nested'].struct_value.fields['list'].list_value.values[1].string_value",
    }


@pytest.fixture
async def channel() -> AsyncIterator[grpc.aio.Channel]:
    server = build_grpc_server(
        "127.0.0.1", 0, health_names=["oneoffice.test.v1"], interceptors=[TextHygieneInterceptor()]
    )
    await server.start()
    try:
        async with grpc.aio.insecure_channel(server.target) as opened:
            yield opened
    finally:
        await server.stop(grace=None)


async def test_a_unary_call_with_a_nul_is_refused_as_invalid_argument_naming_the_field(
    channel: grpc.aio.Channel,
) -> None:
    health = health_pb2_grpc.HealthStub(channel)

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await health.Check(health_pb2.HealthCheckRequest(service="oneoffice\x00"))

    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert refused.value.details() == (
        "Trường «service» chứa ký tự không được phép (ký tự điều khiển U+0000, ở vị trí 10). "
        "Hãy xóa ký tự đó rồi gửi lại."
    )
    trailers = refused.value.trailing_metadata()
    assert trailers["error-code"] == "forbidden_character"
    assert trailers["message-en"].startswith("Field 'service' contains a character that is not allowed")
    [violation] = json.loads(trailers["field-violations-bin"])
    assert (violation["field"], violation["code"]) == ("service", "forbidden_character")


async def test_a_clean_unary_call_goes_through(channel: grpc.aio.Channel) -> None:
    health = health_pb2_grpc.HealthStub(channel)

    answer = await health.Check(health_pb2.HealthCheckRequest(service="oneoffice.test.v1"))

    assert answer.status == health_pb2.HealthCheckResponse.SERVING


async def test_a_server_streaming_call_is_checked_too(channel: grpc.aio.Channel) -> None:
    watch = health_pb2_grpc.HealthStub(channel).Watch(health_pb2.HealthCheckRequest(service="\u202e"))

    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await watch.read()

    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT


async def test_each_message_of_a_client_stream_is_checked(channel: grpc.aio.Channel) -> None:
    reflection = reflection_pb2_grpc.ServerReflectionStub(channel)
    ok = reflection_pb2.ServerReflectionRequest(list_services="")
    bad = reflection_pb2.ServerReflectionRequest(file_containing_symbol="grpc\x7f")

    responses = reflection.ServerReflectionInfo(iter([ok, bad]))
    first = await responses.read()
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await responses.read()

    assert first.HasField("list_services_response")
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "file_containing_symbol" in refused.value.details()
