from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetDocumentHistoryRequest(_message.Message):
    __slots__ = ("commune_id", "document_id", "as_of")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    document_id: str
    as_of: str
    def __init__(self, commune_id: _Optional[str] = ..., document_id: _Optional[str] = ..., as_of: _Optional[str] = ...) -> None: ...

class DocumentHistoryEntry(_message.Message):
    __slots__ = ("position", "recorded_at", "actor", "event_type", "summary_vi", "summary_en", "changes_json")
    POSITION_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_VI_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_EN_FIELD_NUMBER: _ClassVar[int]
    CHANGES_JSON_FIELD_NUMBER: _ClassVar[int]
    position: int
    recorded_at: str
    actor: str
    event_type: str
    summary_vi: str
    summary_en: str
    changes_json: str
    def __init__(self, position: _Optional[int] = ..., recorded_at: _Optional[str] = ..., actor: _Optional[str] = ..., event_type: _Optional[str] = ..., summary_vi: _Optional[str] = ..., summary_en: _Optional[str] = ..., changes_json: _Optional[str] = ...) -> None: ...

class DocumentHistory(_message.Message):
    __slots__ = ("commune_id", "document_id", "as_of", "entries", "state_json")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    STATE_JSON_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    document_id: str
    as_of: str
    entries: _containers.RepeatedCompositeFieldContainer[DocumentHistoryEntry]
    state_json: str
    def __init__(self, commune_id: _Optional[str] = ..., document_id: _Optional[str] = ..., as_of: _Optional[str] = ..., entries: _Optional[_Iterable[_Union[DocumentHistoryEntry, _Mapping]]] = ..., state_json: _Optional[str] = ...) -> None: ...

class GetCommuneAsOfRequest(_message.Message):
    __slots__ = ("commune_id", "as_of", "offset", "limit")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    as_of: str
    offset: int
    limit: int
    def __init__(self, commune_id: _Optional[str] = ..., as_of: _Optional[str] = ..., offset: _Optional[int] = ..., limit: _Optional[int] = ...) -> None: ...

class CommuneAsOf(_message.Message):
    __slots__ = ("commune_id", "as_of", "documents", "total", "offset", "limit")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    as_of: str
    documents: _containers.RepeatedCompositeFieldContainer[DocumentHistory]
    total: int
    offset: int
    limit: int
    def __init__(self, commune_id: _Optional[str] = ..., as_of: _Optional[str] = ..., documents: _Optional[_Iterable[_Union[DocumentHistory, _Mapping]]] = ..., total: _Optional[int] = ..., offset: _Optional[int] = ..., limit: _Optional[int] = ...) -> None: ...
