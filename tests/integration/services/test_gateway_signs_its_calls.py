"""The gateway's gRPC adapters sign who asks into every call, and the services decide with it.

documents, staff and reporting served for real (SQLite, loopback); the gateway's own adapters call
them as its composition root wires them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from oneoffice.contracts.access import Identity
from oneoffice.eventcore.grpc_caller import identity_codec
from oneoffice.gateway.adapters.grpc_channels import GrpcChannels
from oneoffice.gateway.adapters.grpc_documents import GrpcDocuments
from oneoffice.gateway.adapters.grpc_reporting import GrpcReporting
from oneoffice.gateway.adapters.grpc_staff import GrpcStaff
from oneoffice.gateway.application.errors import BackendFailure, Forbidden
from oneoffice.gateway.application.ports import IncomingDocumentDraft, RequestContext
from oneoffice.gateway.config import Settings as GatewaySettings

from .conftest import RunningService

pytestmark = pytest.mark.integration

COMMUNE = "16876"
DRAFT = IncomingDocumentDraft(
    body_code="UBND",
    issuer="UBND tỉnh Nghệ An",
    number_symbol="125/QĐ-UBND",
    document_date="2026-01-02",
    document_type="QD",
    summary="Về việc kiện toàn tổ chức bộ máy văn phòng xã sau sắp xếp",
    urgency="KHAN",
    received_date="2026-01-05",
)
CLERK = Identity("vanthu-16876", ("clerk",), (COMMUNE,))


def _channels(running: dict[str, RunningService], **settings: str) -> GrpcChannels:
    gateway = GatewaySettings(
        **{f"{name}_target": s.server.target for name, s in running.items()}, **settings
    )
    return GrpcChannels(gateway.service_targets(), codec=identity_codec(gateway))


@pytest.fixture
async def channels(running_services: dict[str, RunningService]) -> AsyncIterator[GrpcChannels]:
    opened = _channels(running_services)
    yield opened
    await opened.aclose()


async def test_a_registration_is_recorded_as_the_user_in_the_request_context(
    channels: GrpcChannels, running_services: dict[str, RunningService]
) -> None:
    context = RequestContext(actor="ignored", correlation_id="corr-signed", identity=CLERK)

    registration = await GrpcDocuments(channels).register_incoming(COMMUNE, DRAFT, "key-1", context)

    store = running_services["documents"].container.store
    (event,) = await store.read_stream(f"incoming-register:{COMMUNE}:UBND:2026")
    assert (event.actor, event.correlation_id) == ("vanthu-16876", "corr-signed")
    assert registration.incoming_number == 1


async def test_without_a_user_the_gateway_calls_as_itself_and_may_only_read_what_anyone_may(
    channels: GrpcChannels,
) -> None:
    context = RequestContext(actor="gateway", correlation_id="corr-anon")

    reference = await GrpcDocuments(channels).list_reference_data(context)
    with pytest.raises(Forbidden) as refused:
        await GrpcDocuments(channels).register_incoming(COMMUNE, DRAFT, "key-2", context)
    with pytest.raises(Forbidden):
        await GrpcReporting(channels).list_incoming_register(COMMUNE, "UBND", 2026, context)

    assert reference.bodies
    assert refused.value.message_vi == "Tài khoản gateway không có vai trò được phép làm việc này."
    assert refused.value.message_en == "Account gateway has no role allowed to do this."


async def test_a_user_of_another_commune_is_forbidden_by_the_service(channels: GrpcChannels) -> None:
    context = RequestContext("vanthu-16882", "c", Identity("vanthu-16882", ("clerk",), ("16882",)))

    with pytest.raises(Forbidden):
        await GrpcReporting(channels).list_incoming_register(COMMUNE, "UBND", 2026, context)


async def test_a_gateway_with_another_internal_secret_is_a_backend_failure_not_a_wrong_password(
    running_services: dict[str, RunningService],
) -> None:
    channels = _channels(running_services, internal_secret="a-secret-the-services-do-not-share-0123")
    context = RequestContext(actor="gateway", correlation_id="corr-wrong-secret")
    try:
        with pytest.raises(BackendFailure) as refused:
            await GrpcStaff(channels).authenticate("quantri", "demo", context)
    finally:
        await channels.aclose()

    assert "internal secret" in refused.value.message_en
