"""The ``oneoffice.documents.v1.DocumentsService`` servicer: wire messages in, use cases, wire out.

Each call decides with the caller's identity (:mod:`oneoffice.eventcore.grpc_caller`): registering
needs ``incoming:register`` on the request's commune, reading ``incoming:read``; the reference data
is for any authenticated caller. The registering user recorded is the identity's username; the
request's deprecated ``actor`` field is never read.
"""

from __future__ import annotations

from typing import Any

from oneoffice.contracts.access import Permission
from oneoffice.contracts.grpc.documents.v1 import documents_pb2 as pb
from oneoffice.contracts.grpc.documents.v1 import documents_pb2_grpc as pb_grpc
from oneoffice.eventcore.grpc_caller import caller, require

from ..application.get_incoming import GetIncomingDocument, GetIncomingDocumentHandler
from ..application.ports import IncomingDocumentView
from ..application.register_incoming import (
    RegisterIncomingDocument,
    RegisterIncomingDocumentHandler,
    RegistrationResult,
)
from ..domain.catalogue import ReferenceCatalogue
from ..domain.document_symbols import SymbolParts
from ..domain.incoming_document import IncomingDocumentInput
from ..domain.incoming_symbol import RecordedSymbol
from .grpc_errors import abort_with

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["DocumentsService"].full_name
CORRELATION_HEADER = "x-correlation-id"


def _urgency_text(value: int) -> str:
    try:
        return str(pb.Urgency.Name(value)).removeprefix("URGENCY_")
    except ValueError:  # a value from a newer contract
        return str(value)


def _urgency_enum(text: str) -> Any:
    return pb.Urgency.Value(f"URGENCY_{text}")


def _correlation_id(context: Any) -> str:
    for key, value in context.invocation_metadata() or ():
        if key == CORRELATION_HEADER:
            return str(value)
    return ""


def _register_response(result: RegistrationResult) -> pb.RegisterIncomingDocumentResponse:
    response = pb.RegisterIncomingDocumentResponse(
        document_id=result.document_id,
        incoming_number=result.incoming_number,
        year=result.year,
    )
    response.registered_at.FromDatetime(result.registered_at)
    if result.duplicate_of is not None:
        response.duplicate_of = result.duplicate_of
    return response


def _symbol(symbol: RecordedSymbol) -> pb.DocumentSymbol:
    if not isinstance(symbol, SymbolParts):
        return pb.DocumentSymbol(recognised=False)
    message = pb.DocumentSymbol(
        recognised=True, family=symbol.family.value, number=symbol.number, issuer=symbol.issuer
    )
    if symbol.year is not None:
        message.year = symbol.year
    if symbol.type is not None:
        message.type = symbol.type
    if symbol.unit is not None:
        message.unit = symbol.unit
    return message


def _document(view: IncomingDocumentView) -> pb.IncomingDocument:
    message = pb.IncomingDocument(
        document_id=view.document_id,
        commune_id=view.commune_id,
        body_code=view.body_code,
        incoming_number=view.incoming_number,
        year=view.year,
        issuer=view.issuer,
        number_symbol=view.number_symbol,
        document_date=view.document_date.isoformat(),
        document_type=view.document_type,
        summary=view.summary,
        urgency=_urgency_enum(view.urgency),
        received_date=view.received_date.isoformat(),
        registered_by=view.registered_by,
    )
    message.registered_at.FromDatetime(view.registered_at)
    if view.duplicate_of is not None:
        message.duplicate_of = view.duplicate_of
    if view.symbol is not None:
        message.symbol.CopyFrom(_symbol(view.symbol))
    return message


def _reference_data(catalogue: ReferenceCatalogue) -> pb.ListReferenceDataResponse:
    return pb.ListReferenceDataResponse(
        bodies=[
            pb.Body(code=b.code, name_vi=b.name_vi, name_en=b.name_en, family=b.family)
            for b in catalogue.bodies.values()
        ],
        document_types=[
            pb.DocumentType(code=t.code, name_vi=t.name_vi, name_en=t.name_en, abbr=t.abbr)
            for t in catalogue.document_types.values()
        ],
    )


class DocumentsServicer(pb_grpc.DocumentsServiceServicer):
    def __init__(
        self,
        register: RegisterIncomingDocumentHandler,
        get: GetIncomingDocumentHandler,
        catalogue: ReferenceCatalogue,
    ) -> None:
        self._register = register
        self._get = get
        # Loaded once at start and never changed: the answer is built once too.
        self._reference_data = _reference_data(catalogue)

    async def RegisterIncomingDocument(  # the proto's method name
        self, request: pb.RegisterIncomingDocumentRequest, context: Any
    ) -> pb.RegisterIncomingDocumentResponse:
        identity = await require(context, Permission.INCOMING_REGISTER, request.commune_id)
        command = RegisterIncomingDocument(
            document=IncomingDocumentInput(
                commune_id=request.commune_id,
                body_code=request.body_code,
                issuer=request.issuer,
                number_symbol=request.number_symbol,
                document_date=request.document_date,
                document_type=request.document_type,
                summary=request.summary,
                urgency=_urgency_text(request.urgency),
                received_date=request.received_date,
                registered_by=identity.username,
            ),
            idempotency_key=request.idempotency_key,
            correlation_id=_correlation_id(context),
        )
        try:
            result = await self._register(command)
        except Exception as exc:
            await abort_with(context, exc)
        return _register_response(result)

    async def GetIncomingDocument(  # the proto's method name
        self, request: pb.GetIncomingDocumentRequest, context: Any
    ) -> pb.IncomingDocument:
        await require(context, Permission.INCOMING_READ, request.commune_id)
        try:
            view = await self._get(GetIncomingDocument(request.commune_id, request.document_id))
        except Exception as exc:
            await abort_with(context, exc)
        return _document(view)

    async def ListReferenceData(  # the proto's method name
        self, request: pb.ListReferenceDataRequest, context: Any
    ) -> pb.ListReferenceDataResponse:
        caller()  # any authenticated caller, the gateway itself included (the interceptor checked)
        return self._reference_data
