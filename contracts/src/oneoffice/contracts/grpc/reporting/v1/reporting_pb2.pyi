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

class ListIncomingRegisterRequest(_message.Message):
    __slots__ = ("commune_id", "body_code", "year", "page_size", "page_token")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    body_code: str
    year: int
    page_size: int
    page_token: str
    def __init__(self, commune_id: _Optional[str] = ..., body_code: _Optional[str] = ..., year: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class IncomingRegisterRow(_message.Message):
    __slots__ = ("document_id", "received_date", "incoming_number", "issuer", "number_symbol", "document_date", "document_type", "summary", "urgency", "recipient", "recipient_kind", "passed_on", "passing_on_deadline", "passed_on_late", "passed_on_by")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_DATE_FIELD_NUMBER: _ClassVar[int]
    INCOMING_NUMBER_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    NUMBER_SYMBOL_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_DATE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_KIND_FIELD_NUMBER: _ClassVar[int]
    PASSED_ON_FIELD_NUMBER: _ClassVar[int]
    PASSING_ON_DEADLINE_FIELD_NUMBER: _ClassVar[int]
    PASSED_ON_LATE_FIELD_NUMBER: _ClassVar[int]
    PASSED_ON_BY_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    received_date: str
    incoming_number: int
    issuer: str
    number_symbol: str
    document_date: str
    document_type: str
    summary: str
    urgency: Urgency
    recipient: str
    recipient_kind: str
    passed_on: str
    passing_on_deadline: str
    passed_on_late: bool
    passed_on_by: str
    def __init__(self, document_id: _Optional[str] = ..., received_date: _Optional[str] = ..., incoming_number: _Optional[int] = ..., issuer: _Optional[str] = ..., number_symbol: _Optional[str] = ..., document_date: _Optional[str] = ..., document_type: _Optional[str] = ..., summary: _Optional[str] = ..., urgency: _Optional[_Union[Urgency, str]] = ..., recipient: _Optional[str] = ..., recipient_kind: _Optional[str] = ..., passed_on: _Optional[str] = ..., passing_on_deadline: _Optional[str] = ..., passed_on_late: _Optional[bool] = ..., passed_on_by: _Optional[str] = ...) -> None: ...

class ListIncomingRegisterResponse(_message.Message):
    __slots__ = ("rows", "next_page_token")
    ROWS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[IncomingRegisterRow]
    next_page_token: str
    def __init__(self, rows: _Optional[_Iterable[_Union[IncomingRegisterRow, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
