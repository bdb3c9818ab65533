"""A gRPC server interceptor refusing requests whose text breaks :mod:`~oneoffice.eventcore.text_hygiene`.

Every string of the request message is checked, however deep: nested messages, repeated fields and
map keys and values. A refused request ends with ``INVALID_ARGUMENT`` before the servicer runs, so
nothing is appended. The status follows the services' error convention: Vietnamese details,
``message-en`` (ASCII), ``error-code`` and ``field-violations-bin`` (UTF-8 JSON
``[{"field", "code", "message_vi", "message_en"}]``), which the gateway shows next to the field.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any

import grpc

from .text_hygiene import CODE, ForbiddenCharacter, escape_forbidden, find_forbidden

# A protobuf message and its field descriptors (protobuf ships no type hints mypy reads).
Message = Any


def _forbidden_in_value(field: Any, value: Any, path: str) -> Iterator[tuple[str, ForbiddenCharacter]]:
    if field.type == field.TYPE_STRING:
        if (found := find_forbidden(value)) is not None:
            yield path, found
    elif field.type == field.TYPE_MESSAGE:
        yield from forbidden_text(value, f"{path}.")


def forbidden_text(message: Message, prefix: str = "") -> Iterator[tuple[str, ForbiddenCharacter]]:
    """Each string of ``message`` the rule refuses, as (field path, character), e.g. ``items[2].name``."""
    for field, value in message.ListFields():
        path = f"{prefix}{field.name}"
        entry = field.message_type
        if entry is not None and entry.GetOptions().map_entry:
            key_field, value_field = entry.fields_by_name["key"], entry.fields_by_name["value"]
            for key in value:
                shown = escape_forbidden(key) if isinstance(key, str) else key
                item_path = f"{path}[{shown!r}]"
                yield from _forbidden_in_value(key_field, key, f"{item_path}(key)")
                yield from _forbidden_in_value(value_field, value[key], item_path)
        elif field.is_repeated:
            for index, item in enumerate(value):
                yield from _forbidden_in_value(field, item, f"{path}[{index}]")
        else:
            yield from _forbidden_in_value(field, value, path)


async def abort_for_forbidden_text(message: Message, context: Any) -> None:
    """End the call with ``INVALID_ARGUMENT`` naming each refused field; return if there is none."""
    found = list(forbidden_text(message))
    if not found:
        return
    violations = [
        {"field": path, "code": CODE, "message_vi": c.message_vi(path), "message_en": c.message_en(path)}
        for path, c in found
    ]
    metadata = (
        ("message-en", " ".join(v["message_en"] for v in violations).encode("ascii", "replace").decode()),
        ("error-code", CODE),
        ("field-violations-bin", json.dumps(violations, ensure_ascii=False).encode()),
    )
    await context.abort(
        grpc.StatusCode.INVALID_ARGUMENT, " ".join(v["message_vi"] for v in violations), metadata
    )


async def _checked(requests: AsyncIterator[Message], context: Any) -> AsyncIterator[Message]:
    async for request in requests:
        await abort_for_forbidden_text(request, context)
        yield request


def _checking(behavior: Callable[..., Any], request_streaming: bool) -> Callable[..., Any] | None:
    """``behavior`` checking its request(s) first, of the same kind (grpc.aio inspects the kind)."""
    if request_streaming:

        def requests_checked(requests: AsyncIterator[Message], context: Any) -> tuple[Any, Any]:
            return _checked(requests, context), context

        if inspect.isasyncgenfunction(behavior):

            async def stream_generator(requests: Any, context: Any) -> AsyncIterator[Any]:
                async for response in behavior(*requests_checked(requests, context)):
                    yield response

            return stream_generator
        if inspect.iscoroutinefunction(behavior):

            async def stream_coroutine(requests: Any, context: Any) -> Any:
                return await behavior(*requests_checked(requests, context))

            return stream_coroutine
        return None
    if inspect.isasyncgenfunction(behavior):

        async def unary_generator(request: Message, context: Any) -> AsyncIterator[Any]:
            await abort_for_forbidden_text(request, context)
            async for response in behavior(request, context):
                yield response

        return unary_generator
    if inspect.iscoroutinefunction(behavior):

        async def unary_coroutine(request: Message, context: Any) -> Any:
            await abort_for_forbidden_text(request, context)
            return await behavior(request, context)

        return unary_coroutine
    return None  # a synchronous handler: not used by our asyncio servers


_FACTORIES = {
    (False, False): ("unary_unary", grpc.unary_unary_rpc_method_handler),
    (False, True): ("unary_stream", grpc.unary_stream_rpc_method_handler),
    (True, False): ("stream_unary", grpc.stream_unary_rpc_method_handler),
    (True, True): ("stream_stream", grpc.stream_stream_rpc_method_handler),
}


class TextHygieneInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[misc]
    """Refuses, with ``INVALID_ARGUMENT``, any request holding text the hygiene rule refuses."""

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler
        kind, factory = _FACTORIES[(handler.request_streaming, handler.response_streaming)]
        checking = _checking(getattr(handler, kind), handler.request_streaming)
        if checking is None:
            return handler
        wrapped: grpc.RpcMethodHandler = factory(
            checking,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
        return wrapped
