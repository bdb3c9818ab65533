"""Who is calling a service: the server interceptor that trusts only the gateway, and what handlers ask.

:class:`CallerIdentityInterceptor` reads the identity the gateway signed into the call's metadata
(:mod:`~.caller_identity`) before the servicer runs. A call without one, or with one the service
cannot verify, ends with ``UNAUTHENTICATED`` (health and reflection are exempt: probes and
``grpcurl`` carry no identity). In the mTLS mode a call whose peer showed no verified certificate
is refused too (the TLS handshake already refuses it; this is the second lock).

A handler asks :func:`caller` for the identity, or :func:`require` to decide a permission with
:mod:`oneoffice.contracts.access` and end the call with ``PERMISSION_DENIED`` when it is refused.
Errors follow the services' convention: Vietnamese details, ``message-en`` and ``error-code``.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable
from contextvars import ContextVar
from typing import Any, NoReturn

import grpc
import structlog

from oneoffice.contracts.access import Decision, Identity, Permission

from .caller_identity import IDENTITY_HEADER, IdentityCodec, InvalidCallerIdentity
from .grpc_errors import ascii_text
from .settings import InternalAuthSettings

# The trailer ``error-code`` of a call refused for its caller identity: the gateway tells this
# misconfiguration apart from a wrong password (staff's Authenticate also answers UNAUTHENTICATED).
CALLER_REFUSED = "caller_unauthenticated"
EXEMPT_PREFIXES = ("/grpc.health.v1.Health/", "/grpc.reflection.")

UNAUTHENTICATED_VI = (
    "Dịch vụ từ chối cuộc gọi: thiếu danh tính người gọi do cổng API ký, hoặc danh tính không hợp lệ."
)
UNAUTHENTICATED_EN = (
    "The service refuses the call: the caller identity signed by the gateway is missing or invalid."
)

log = structlog.get_logger("oneoffice.eventcore.grpc_caller")
_caller: ContextVar[Identity] = ContextVar("oneoffice_caller")


def caller() -> Identity:
    """The identity of the call being handled; only inside a handler behind the interceptor."""
    try:
        return _caller.get()
    except LookupError:
        raise RuntimeError("no caller identity: the server lacks CallerIdentityInterceptor") from None


async def abort_forbidden(
    context: Any, identity: Identity, decision: Decision, commune_id: str | None
) -> NoReturn:
    """End the call with ``PERMISSION_DENIED`` for a refused ``decision``."""
    who = identity.username
    if decision is Decision.OUT_OF_SCOPE and commune_id is not None:
        message_vi = f"Tài khoản {who} không được làm việc với đơn vị {commune_id}."
        message_en = f"Account {who} may not act on administrative unit {commune_id}."
    else:
        message_vi = f"Tài khoản {who} không có vai trò được phép làm việc này."
        message_en = f"Account {who} has no role allowed to do this."
    code = "out_of_scope" if decision is Decision.OUT_OF_SCOPE else "forbidden"
    await context.abort(
        grpc.StatusCode.PERMISSION_DENIED,
        message_vi,
        (("message-en", ascii_text(message_en)), ("error-code", code)),
    )
    raise AssertionError("context.abort returned")  # pragma: no cover - abort always raises


async def require(context: Any, permission: Permission, commune_id: str | None = None) -> Identity:
    """The caller, when it may ``permission`` (on ``commune_id``); else the call ends PERMISSION_DENIED."""
    identity = caller()
    decision = identity.decide(permission, commune_id)
    if decision is not Decision.ALLOWED:
        await abort_forbidden(context, identity, decision, commune_id)
    return identity


async def _abort_unauthenticated(context: Any) -> NoReturn:
    await context.abort(
        grpc.StatusCode.UNAUTHENTICATED,
        UNAUTHENTICATED_VI,
        (("message-en", UNAUTHENTICATED_EN), ("error-code", CALLER_REFUSED)),
    )
    raise AssertionError("context.abort returned")  # pragma: no cover - abort always raises


_FACTORIES = {
    (False, False): ("unary_unary", grpc.unary_unary_rpc_method_handler),
    (False, True): ("unary_stream", grpc.unary_stream_rpc_method_handler),
    (True, False): ("stream_unary", grpc.stream_unary_rpc_method_handler),
    (True, True): ("stream_stream", grpc.stream_stream_rpc_method_handler),
}


class CallerIdentityInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[misc]
    """Lets a call in only with an identity ``codec`` verifies (and, if asked, a client certificate)."""

    def __init__(self, codec: IdentityCodec, *, require_client_certificate: bool = False) -> None:
        self._codec = codec
        self._require_certificate = require_client_certificate

    def _identity(self, details: grpc.HandlerCallDetails) -> Identity | None:
        tokens = [value for key, value in details.invocation_metadata or () if key == IDENTITY_HEADER]
        if len(tokens) != 1 or not isinstance(tokens[0], str):
            log.warning("call refused: no caller identity", method=details.method, headers=len(tokens))
            return None
        try:
            return self._codec.decode(tokens[0])
        except InvalidCallerIdentity as exc:
            log.warning("call refused: invalid caller identity", method=details.method, reason=exc.reason)
            return None

    def _admits(self, context: Any) -> bool:
        return not self._require_certificate or bool(context.peer_identities())

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler:
        handler = await continuation(handler_call_details)
        if handler is None or handler_call_details.method.startswith(EXEMPT_PREFIXES):
            return handler
        identity = self._identity(handler_call_details)
        kind, factory = _FACTORIES[(handler.request_streaming, handler.response_streaming)]
        behavior = getattr(handler, kind)
        admits = self._admits

        if inspect.isasyncgenfunction(behavior):

            async def generator(request: Any, context: Any) -> AsyncIterator[Any]:
                if identity is None or not admits(context):
                    await _abort_unauthenticated(context)
                _caller.set(identity)  # this call's own task: nothing else sees it
                async for response in behavior(request, context):
                    yield response

            checked: Callable[..., Any] = generator
        else:

            async def coroutine(request: Any, context: Any) -> Any:
                if identity is None or not admits(context):
                    await _abort_unauthenticated(context)
                token = _caller.set(identity)
                try:
                    return await behavior(request, context)
                finally:
                    _caller.reset(token)

            checked = coroutine
        wrapped: grpc.RpcMethodHandler = factory(
            checked,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
        return wrapped


def _read(path: Any) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def identity_codec(settings: InternalAuthSettings) -> IdentityCodec:
    return IdentityCodec(settings.internal_secret.get_secret_value())


def caller_interceptor(settings: InternalAuthSettings) -> CallerIdentityInterceptor:
    """The interceptor a service installs, as its settings configure it."""
    return CallerIdentityInterceptor(
        identity_codec(settings), require_client_certificate=settings.internal_auth == "mtls"
    )


def server_credentials(settings: InternalAuthSettings) -> grpc.ServerCredentials | None:
    """TLS requiring a client certificate of the CA in the mtls mode; None (plaintext) otherwise."""
    if settings.internal_auth != "mtls":
        return None
    return grpc.ssl_server_credentials(
        [(_read(settings.internal_tls_key), _read(settings.internal_tls_cert))],
        root_certificates=_read(settings.internal_tls_ca),
        require_client_auth=True,
    )


def channel_credentials(settings: InternalAuthSettings) -> grpc.ChannelCredentials | None:
    """TLS showing this process's certificate in the mtls mode; None (plaintext) otherwise."""
    if settings.internal_auth != "mtls":
        return None
    return grpc.ssl_channel_credentials(
        root_certificates=_read(settings.internal_tls_ca),
        private_key=_read(settings.internal_tls_key),
        certificate_chain=_read(settings.internal_tls_cert),
    )
