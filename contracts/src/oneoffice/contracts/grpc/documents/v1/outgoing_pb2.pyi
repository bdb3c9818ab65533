import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DraftOutgoingDocumentRequest(_message.Message):
    __slots__ = ("commune_id", "body_code", "document_type", "summary", "drafting_unit", "signer_id", "signer_name", "signer_title", "authority", "place_name", "recipients", "urgency", "confidentiality", "idempotency_key")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_CODE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    DRAFTING_UNIT_FIELD_NUMBER: _ClassVar[int]
    SIGNER_ID_FIELD_NUMBER: _ClassVar[int]
    SIGNER_NAME_FIELD_NUMBER: _ClassVar[int]
    SIGNER_TITLE_FIELD_NUMBER: _ClassVar[int]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    PLACE_NAME_FIELD_NUMBER: _ClassVar[int]
    RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    CONFIDENTIALITY_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    body_code: str
    document_type: str
    summary: str
    drafting_unit: str
    signer_id: str
    signer_name: str
    signer_title: str
    authority: str
    place_name: str
    recipients: _containers.RepeatedScalarFieldContainer[str]
    urgency: str
    confidentiality: str
    idempotency_key: str
    def __init__(self, commune_id: _Optional[str] = ..., body_code: _Optional[str] = ..., document_type: _Optional[str] = ..., summary: _Optional[str] = ..., drafting_unit: _Optional[str] = ..., signer_id: _Optional[str] = ..., signer_name: _Optional[str] = ..., signer_title: _Optional[str] = ..., authority: _Optional[str] = ..., place_name: _Optional[str] = ..., recipients: _Optional[_Iterable[str]] = ..., urgency: _Optional[str] = ..., confidentiality: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class NumberOutgoingDocumentRequest(_message.Message):
    __slots__ = ("commune_id", "document_id", "issued_on", "number", "register")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ISSUED_ON_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    REGISTER_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    document_id: str
    issued_on: str
    number: int
    register: str
    def __init__(self, commune_id: _Optional[str] = ..., document_id: _Optional[str] = ..., issued_on: _Optional[str] = ..., number: _Optional[int] = ..., register: _Optional[str] = ...) -> None: ...

class NumberOutgoingDocumentResponse(_message.Message):
    __slots__ = ("document_id", "number", "number_symbol", "formatted", "issued_on", "period", "imported")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    NUMBER_SYMBOL_FIELD_NUMBER: _ClassVar[int]
    FORMATTED_FIELD_NUMBER: _ClassVar[int]
    ISSUED_ON_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    IMPORTED_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    number: int
    number_symbol: str
    formatted: str
    issued_on: str
    period: str
    imported: bool
    def __init__(self, document_id: _Optional[str] = ..., number: _Optional[int] = ..., number_symbol: _Optional[str] = ..., formatted: _Optional[str] = ..., issued_on: _Optional[str] = ..., period: _Optional[str] = ..., imported: _Optional[bool] = ...) -> None: ...

class DispatchOutgoingDocumentRequest(_message.Message):
    __slots__ = ("commune_id", "document_id", "recipients", "dispatched_on", "channel")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    DISPATCHED_ON_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    document_id: str
    recipients: _containers.RepeatedScalarFieldContainer[str]
    dispatched_on: str
    channel: str
    def __init__(self, commune_id: _Optional[str] = ..., document_id: _Optional[str] = ..., recipients: _Optional[_Iterable[str]] = ..., dispatched_on: _Optional[str] = ..., channel: _Optional[str] = ...) -> None: ...

class RecallOutgoingDocumentRequest(_message.Message):
    __slots__ = ("commune_id", "document_id", "reason")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    document_id: str
    reason: str
    def __init__(self, commune_id: _Optional[str] = ..., document_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GetOutgoingDocumentRequest(_message.Message):
    __slots__ = ("commune_id", "document_id")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    document_id: str
    def __init__(self, commune_id: _Optional[str] = ..., document_id: _Optional[str] = ...) -> None: ...

class ListOutgoingDocumentsRequest(_message.Message):
    __slots__ = ("commune_id", "body_code", "year", "numbered_only", "limit", "offset")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    NUMBERED_ONLY_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    body_code: str
    year: int
    numbered_only: bool
    limit: int
    offset: int
    def __init__(self, commune_id: _Optional[str] = ..., body_code: _Optional[str] = ..., year: _Optional[int] = ..., numbered_only: _Optional[bool] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ...) -> None: ...

class ListOutgoingDocumentsResponse(_message.Message):
    __slots__ = ("documents",)
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    documents: _containers.RepeatedCompositeFieldContainer[OutgoingDocument]
    def __init__(self, documents: _Optional[_Iterable[_Union[OutgoingDocument, _Mapping]]] = ...) -> None: ...

class OutgoingHistoryEntry(_message.Message):
    __slots__ = ("at", "actor", "action", "detail")
    AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    at: _timestamp_pb2.Timestamp
    actor: str
    action: str
    detail: str
    def __init__(self, at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[str] = ..., action: _Optional[str] = ..., detail: _Optional[str] = ...) -> None: ...

class OutgoingDocument(_message.Message):
    __slots__ = ("document_id", "commune_id", "body_code", "body_name", "parent_body_name", "document_type", "document_type_name", "summary", "drafting_unit", "signer_id", "signer_name", "signer_title", "authority", "place_name", "recipients", "urgency", "confidentiality", "state", "drafted_by", "drafted_at", "number", "number_symbol", "formatted", "issued_on", "period", "dispatched_on", "channel", "dispatched_to", "recall_reason", "history", "family", "imported")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_CODE_FIELD_NUMBER: _ClassVar[int]
    BODY_NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_BODY_NAME_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_TYPE_NAME_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    DRAFTING_UNIT_FIELD_NUMBER: _ClassVar[int]
    SIGNER_ID_FIELD_NUMBER: _ClassVar[int]
    SIGNER_NAME_FIELD_NUMBER: _ClassVar[int]
    SIGNER_TITLE_FIELD_NUMBER: _ClassVar[int]
    AUTHORITY_FIELD_NUMBER: _ClassVar[int]
    PLACE_NAME_FIELD_NUMBER: _ClassVar[int]
    RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    CONFIDENTIALITY_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    DRAFTED_BY_FIELD_NUMBER: _ClassVar[int]
    DRAFTED_AT_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    NUMBER_SYMBOL_FIELD_NUMBER: _ClassVar[int]
    FORMATTED_FIELD_NUMBER: _ClassVar[int]
    ISSUED_ON_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    DISPATCHED_ON_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    DISPATCHED_TO_FIELD_NUMBER: _ClassVar[int]
    RECALL_REASON_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    FAMILY_FIELD_NUMBER: _ClassVar[int]
    IMPORTED_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    commune_id: str
    body_code: str
    body_name: str
    parent_body_name: str
    document_type: str
    document_type_name: str
    summary: str
    drafting_unit: str
    signer_id: str
    signer_name: str
    signer_title: str
    authority: str
    place_name: str
    recipients: _containers.RepeatedScalarFieldContainer[str]
    urgency: str
    confidentiality: str
    state: str
    drafted_by: str
    drafted_at: _timestamp_pb2.Timestamp
    number: int
    number_symbol: str
    formatted: str
    issued_on: str
    period: str
    dispatched_on: str
    channel: str
    dispatched_to: _containers.RepeatedScalarFieldContainer[str]
    recall_reason: str
    history: _containers.RepeatedCompositeFieldContainer[OutgoingHistoryEntry]
    family: str
    imported: bool
    def __init__(self, document_id: _Optional[str] = ..., commune_id: _Optional[str] = ..., body_code: _Optional[str] = ..., body_name: _Optional[str] = ..., parent_body_name: _Optional[str] = ..., document_type: _Optional[str] = ..., document_type_name: _Optional[str] = ..., summary: _Optional[str] = ..., drafting_unit: _Optional[str] = ..., signer_id: _Optional[str] = ..., signer_name: _Optional[str] = ..., signer_title: _Optional[str] = ..., authority: _Optional[str] = ..., place_name: _Optional[str] = ..., recipients: _Optional[_Iterable[str]] = ..., urgency: _Optional[str] = ..., confidentiality: _Optional[str] = ..., state: _Optional[str] = ..., drafted_by: _Optional[str] = ..., drafted_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., number: _Optional[int] = ..., number_symbol: _Optional[str] = ..., formatted: _Optional[str] = ..., issued_on: _Optional[str] = ..., period: _Optional[str] = ..., dispatched_on: _Optional[str] = ..., channel: _Optional[str] = ..., dispatched_to: _Optional[_Iterable[str]] = ..., recall_reason: _Optional[str] = ..., history: _Optional[_Iterable[_Union[OutgoingHistoryEntry, _Mapping]]] = ..., family: _Optional[str] = ..., imported: _Optional[bool] = ...) -> None: ...

class RenderOutgoingDocumentRequest(_message.Message):
    __slots__ = ("commune_id", "document_id", "format")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    document_id: str
    format: str
    def __init__(self, commune_id: _Optional[str] = ..., document_id: _Optional[str] = ..., format: _Optional[str] = ...) -> None: ...

class RenderedOutgoingDocument(_message.Message):
    __slots__ = ("content", "media_type", "file_name", "content_security_policy")
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    MEDIA_TYPE_FIELD_NUMBER: _ClassVar[int]
    FILE_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_SECURITY_POLICY_FIELD_NUMBER: _ClassVar[int]
    content: bytes
    media_type: str
    file_name: str
    content_security_policy: str
    def __init__(self, content: _Optional[bytes] = ..., media_type: _Optional[str] = ..., file_name: _Optional[str] = ..., content_security_policy: _Optional[str] = ...) -> None: ...
