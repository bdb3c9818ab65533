"""The documents service decides again who may do what, with the identity the gateway signs.

Real gRPC server, real PostgreSQL: a call is let in only with an identity signed with the internal
secret; registering needs ``incoming:register`` on the request's commune, reading ``incoming:read``;
what is recorded as the registering user is the identity's username, never the request's ``actor``.
"""

from __future__ import annotations

import grpc
import pytest
import sqlalchemy as sa

from oneoffice.contracts.grpc.documents.v1 import documents_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import documents_pb2_grpc as pb_grpc
from oneoffice.eventcore.schema import events
from tests.caller import clerk, gateway, identity_metadata

from .conftest import COMMUNE, RunningDocuments, eventually, register_request

pytestmark = pytest.mark.integration

OTHER_COMMUNE = "16882"


async def _event_count(running: RunningDocuments) -> int:
    async with running.container.engine.connect() as conn:
        return int((await conn.scalar(sa.select(sa.func.count()).select_from(events))) or 0)


async def _refusal(call: object) -> grpc.aio.AioRpcError:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await call  # type: ignore[misc]
    return refused.value


async def test_a_call_without_an_identity_is_unauthenticated(documents: RunningDocuments) -> None:
    async with grpc.aio.insecure_channel(documents.server.target) as bare:
        stub = pb_grpc.DocumentsServiceStub(bare)  # type: ignore[no-untyped-call]
        error = await _refusal(stub.RegisterIncomingDocument(register_request("no-identity")))
        reference = await _refusal(stub.ListReferenceData(pb.ListReferenceDataRequest()))

    assert (error.code(), reference.code()) == (grpc.StatusCode.UNAUTHENTICATED,) * 2
    assert error.details().startswith("Dịch vụ từ chối cuộc gọi")
    trailers = dict(error.trailing_metadata() or ())
    assert (trailers["error-code"], trailers["message-en"].startswith("The service refuses")) == (
        "caller_unauthenticated",
        True,
    )
    assert await _event_count(documents) == 0


async def test_an_identity_signed_with_another_secret_is_unauthenticated(documents: RunningDocuments) -> None:
    forged = identity_metadata(
        "vanthu-16876", ["clerk"], [COMMUNE], secret="not-the-internal-secret-of-these-services"
    )

    error = await _refusal(
        documents.stub.RegisterIncomingDocument(register_request("forged"), metadata=forged)
    )

    assert error.code() == grpc.StatusCode.UNAUTHENTICATED
    assert await _event_count(documents) == 0


async def test_a_clerk_of_another_commune_cannot_register_here_and_nothing_is_appended(
    documents: RunningDocuments,
) -> None:
    error = await _refusal(
        documents.stub.RegisterIncomingDocument(register_request("elsewhere"), metadata=clerk(OTHER_COMMUNE))
    )

    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    assert error.details() == f"Tài khoản vanthu-{OTHER_COMMUNE} không được làm việc với đơn vị {COMMUNE}."
    trailers = dict(error.trailing_metadata() or ())
    assert (trailers["error-code"], trailers["message-en"]) == (
        "out_of_scope",
        f"Account vanthu-{OTHER_COMMUNE} may not act on administrative unit {COMMUNE}.",
    )
    assert await _event_count(documents) == 0


async def test_a_handler_of_the_commune_cannot_register(documents: RunningDocuments) -> None:
    handler = identity_metadata("canbo-16876", ["handler"], [COMMUNE])

    error = await _refusal(documents.stub.RegisterIncomingDocument(register_request("h"), metadata=handler))

    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
    assert dict(error.trailing_metadata() or ())["error-code"] == "forbidden"
    assert await _event_count(documents) == 0


async def test_the_registering_user_recorded_is_the_identity_even_when_the_request_names_another(
    documents: RunningDocuments,
) -> None:
    request = register_request("who", actor="somebody-else")

    registered = await documents.stub.RegisterIncomingDocument(
        request, metadata=clerk(COMMUNE, "nguyen.thi.b")
    )
    found = await eventually(
        lambda: documents.stub.GetIncomingDocument(
            pb.GetIncomingDocumentRequest(commune_id=COMMUNE, document_id=registered.document_id)
        )
    )

    assert found.registered_by == "nguyen.thi.b"
    stored = await documents.container.store.read_stream(f"incoming-register:{COMMUNE}:UBND:2026")
    assert [event.actor for event in stored] == ["nguyen.thi.b"]


async def test_an_auditor_reads_a_document_of_any_commune(documents: RunningDocuments) -> None:
    registered = await documents.stub.RegisterIncomingDocument(register_request("audited"))
    auditor = identity_metadata("kiemtoan", ["auditor"])
    request = pb.GetIncomingDocumentRequest(commune_id=COMMUNE, document_id=registered.document_id)

    found = await eventually(lambda: documents.stub.GetIncomingDocument(request, metadata=auditor))

    assert found.document_id == registered.document_id


async def test_a_reader_of_another_commune_is_refused_reading_here(documents: RunningDocuments) -> None:
    registered = await documents.stub.RegisterIncomingDocument(register_request("mine"))
    request = pb.GetIncomingDocumentRequest(commune_id=COMMUNE, document_id=registered.document_id)
    await eventually(lambda: documents.stub.GetIncomingDocument(request))

    error = await _refusal(documents.stub.GetIncomingDocument(request, metadata=clerk(OTHER_COMMUNE)))

    assert error.code() == grpc.StatusCode.PERMISSION_DENIED


async def test_a_document_of_another_commune_asked_for_under_ones_own_is_not_found(
    documents: RunningDocuments,
) -> None:
    registered = await documents.stub.RegisterIncomingDocument(register_request("theirs"))
    own = pb.GetIncomingDocumentRequest(commune_id=COMMUNE, document_id=registered.document_id)
    await eventually(lambda: documents.stub.GetIncomingDocument(own))
    under_other = pb.GetIncomingDocumentRequest(commune_id=OTHER_COMMUNE, document_id=registered.document_id)

    error = await _refusal(documents.stub.GetIncomingDocument(under_other, metadata=clerk(OTHER_COMMUNE)))

    assert error.code() == grpc.StatusCode.NOT_FOUND


async def test_the_gateway_itself_reads_the_reference_data(documents: RunningDocuments) -> None:
    found = await documents.stub.ListReferenceData(pb.ListReferenceDataRequest(), metadata=gateway())

    assert len(found.bodies) > 0 and len(found.document_types) > 0


async def test_the_gateway_itself_cannot_register(documents: RunningDocuments) -> None:
    error = await _refusal(
        documents.stub.RegisterIncomingDocument(register_request("gw"), metadata=gateway())
    )

    assert error.code() == grpc.StatusCode.PERMISSION_DENIED
