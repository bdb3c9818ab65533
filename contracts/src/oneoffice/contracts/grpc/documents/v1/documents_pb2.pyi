import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Urgency(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    URGENCY_UNSPECIFIED: _ClassVar[Urgency]
    URGENCY_NORMAL: _ClassVar[Urgency]
    URGENCY_KHAN: _ClassVar[Urgency]
    URGENCY_THUONG_KHAN: _ClassVar[Urgency]
    URGENCY_HOA_TOC: _ClassVar[Urgency]
URGENCY_UNSPECIFIED: Urgency
URGENCY_NORMAL: Urgency
URGENCY_KHAN: Urgency
URGENCY_THUONG_KHAN: Urgency
URGENCY_HOA_TOC: Urgency

class RegisterIncomingDocumentRequest(_message.Message):
    __slots__ = ("commune_id", "body_code", "issuer", "number_symbol", "document_date", "document_type", "summary", "urgency", "received_date", "idempotency_key", "actor")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_CODE_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    NUMBER_SYMBOL_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_DATE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    body_code: str
    issuer: str
    number_symbol: str
    document_date: str
    document_type: str
    summary: str
    urgency: Urgency
    received_date: str
    idempotency_key: str
    actor: str
    def __init__(self, commune_id: _Optional[str] = ..., body_code: _Optional[str] = ..., issuer: _Optional[str] = ..., number_symbol: _Optional[str] = ..., document_date: _Optional[str] = ..., document_type: _Optional[str] = ..., summary: _Optional[str] = ..., urgency: _Optional[_Union[Urgency, str]] = ..., received_date: _Optional[str] = ..., idempotency_key: _Optional[str] = ..., actor: _Optional[str] = ...) -> None: ...

class RegisterIncomingDocumentResponse(_message.Message):
    __slots__ = ("document_id", "incoming_number", "year", "registered_at", "duplicate_of")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    INCOMING_NUMBER_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_AT_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_OF_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    incoming_number: int
    year: int
    registered_at: _timestamp_pb2.Timestamp
    duplicate_of: str
    def __init__(self, document_id: _Optional[str] = ..., incoming_number: _Optional[int] = ..., year: _Optional[int] = ..., registered_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., duplicate_of: _Optional[str] = ...) -> None: ...

class GetIncomingDocumentRequest(_message.Message):
    __slots__ = ("commune_id", "document_id")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    document_id: str
    def __init__(self, commune_id: _Optional[str] = ..., document_id: _Optional[str] = ...) -> None: ...

class IncomingDocument(_message.Message):
    __slots__ = ("document_id", "commune_id", "body_code", "incoming_number", "year", "issuer", "number_symbol", "document_date", "document_type", "summary", "urgency", "received_date", "registered_at", "registered_by", "duplicate_of", "symbol")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_CODE_FIELD_NUMBER: _ClassVar[int]
    INCOMING_NUMBER_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    NUMBER_SYMBOL_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_DATE_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_AT_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_BY_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_OF_FIELD_NUMBER: _ClassVar[int]
    SYMBOL_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    commune_id: str
    body_code: str
    incoming_number: int
    year: int
    issuer: str
    number_symbol: str
    document_date: str
    document_type: str
    summary: str
    urgency: Urgency
    received_date: str
    registered_at: _timestamp_pb2.Timestamp
    registered_by: str
    duplicate_of: str
    symbol: DocumentSymbol
    def __init__(self, document_id: _Optional[str] = ..., commune_id: _Optional[str] = ..., body_code: _Optional[str] = ..., incoming_number: _Optional[int] = ..., year: _Optional[int] = ..., issuer: _Optional[str] = ..., number_symbol: _Optional[str] = ..., document_date: _Optional[str] = ..., document_type: _Optional[str] = ..., summary: _Optional[str] = ..., urgency: _Optional[_Union[Urgency, str]] = ..., received_date: _Optional[str] = ..., registered_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., registered_by: _Optional[str] = ..., duplicate_of: _Optional[str] = ..., symbol: _Optional[_Union[DocumentSymbol, _Mapping]] = ...) -> None: ...

class DocumentSymbol(_message.Message):
    __slots__ = ("recognised", "family", "number", "year", "type", "issuer", "unit")
    RECOGNISED_FIELD_NUMBER: _ClassVar[int]
    FAMILY_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    recognised: bool
    family: str
    number: int
    year: int
    type: str
    issuer: str
    unit: str
    def __init__(self, recognised: _Optional[bool] = ..., family: _Optional[str] = ..., number: _Optional[int] = ..., year: _Optional[int] = ..., type: _Optional[str] = ..., issuer: _Optional[str] = ..., unit: _Optional[str] = ...) -> None: ...

class ListReferenceDataRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListReferenceDataResponse(_message.Message):
    __slots__ = ("bodies", "document_types")
    BODIES_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_TYPES_FIELD_NUMBER: _ClassVar[int]
    bodies: _containers.RepeatedCompositeFieldContainer[Body]
    document_types: _containers.RepeatedCompositeFieldContainer[DocumentType]
    def __init__(self, bodies: _Optional[_Iterable[_Union[Body, _Mapping]]] = ..., document_types: _Optional[_Iterable[_Union[DocumentType, _Mapping]]] = ...) -> None: ...

class Body(_message.Message):
    __slots__ = ("code", "name_vi", "name_en", "family")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_VI_FIELD_NUMBER: _ClassVar[int]
    NAME_EN_FIELD_NUMBER: _ClassVar[int]
    FAMILY_FIELD_NUMBER: _ClassVar[int]
    code: str
    name_vi: str
    name_en: str
    family: str
    def __init__(self, code: _Optional[str] = ..., name_vi: _Optional[str] = ..., name_en: _Optional[str] = ..., family: _Optional[str] = ...) -> None: ...

class DocumentType(_message.Message):
    __slots__ = ("code", "name_vi", "name_en", "abbr")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_VI_FIELD_NUMBER: _ClassVar[int]
    NAME_EN_FIELD_NUMBER: _ClassVar[int]
    ABBR_FIELD_NUMBER: _ClassVar[int]
    code: str
    name_vi: str
    name_en: str
    abbr: str
    def __init__(self, code: _Optional[str] = ..., name_vi: _Optional[str] = ..., name_en: _Optional[str] = ..., abbr: _Optional[str] = ...) -> None: ...
