from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LinkedDocument(_message.Message):
    __slots__ = ("document_kind", "document_id")
    DOCUMENT_KIND_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    document_kind: str
    document_id: str
    def __init__(self, document_kind: _Optional[str] = ..., document_id: _Optional[str] = ...) -> None: ...

class RecordFile(_message.Message):
    __slots__ = ("file_id", "commune_id", "body_code", "year", "file_code", "title", "retention", "keeper", "status", "documents", "closed_on", "handover_due_on", "expires_on", "handover_notice_on", "handover_id", "handed_over_on", "receiver", "disposal_decision_number", "disposal_council", "disposed_on", "opened_by")
    FILE_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    FILE_CODE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    RETENTION_FIELD_NUMBER: _ClassVar[int]
    KEEPER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTS_FIELD_NUMBER: _ClassVar[int]
    CLOSED_ON_FIELD_NUMBER: _ClassVar[int]
    HANDOVER_DUE_ON_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_ON_FIELD_NUMBER: _ClassVar[int]
    HANDOVER_NOTICE_ON_FIELD_NUMBER: _ClassVar[int]
    HANDOVER_ID_FIELD_NUMBER: _ClassVar[int]
    HANDED_OVER_ON_FIELD_NUMBER: _ClassVar[int]
    RECEIVER_FIELD_NUMBER: _ClassVar[int]
    DISPOSAL_DECISION_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DISPOSAL_COUNCIL_FIELD_NUMBER: _ClassVar[int]
    DISPOSED_ON_FIELD_NUMBER: _ClassVar[int]
    OPENED_BY_FIELD_NUMBER: _ClassVar[int]
    file_id: str
    commune_id: str
    body_code: str
    year: int
    file_code: str
    title: str
    retention: str
    keeper: str
    status: str
    documents: _containers.RepeatedCompositeFieldContainer[LinkedDocument]
    closed_on: str
    handover_due_on: str
    expires_on: str
    handover_notice_on: str
    handover_id: str
    handed_over_on: str
    receiver: str
    disposal_decision_number: str
    disposal_council: str
    disposed_on: str
    opened_by: str
    def __init__(self, file_id: _Optional[str] = ..., commune_id: _Optional[str] = ..., body_code: _Optional[str] = ..., year: _Optional[int] = ..., file_code: _Optional[str] = ..., title: _Optional[str] = ..., retention: _Optional[str] = ..., keeper: _Optional[str] = ..., status: _Optional[str] = ..., documents: _Optional[_Iterable[_Union[LinkedDocument, _Mapping]]] = ..., closed_on: _Optional[str] = ..., handover_due_on: _Optional[str] = ..., expires_on: _Optional[str] = ..., handover_notice_on: _Optional[str] = ..., handover_id: _Optional[str] = ..., handed_over_on: _Optional[str] = ..., receiver: _Optional[str] = ..., disposal_decision_number: _Optional[str] = ..., disposal_council: _Optional[str] = ..., disposed_on: _Optional[str] = ..., opened_by: _Optional[str] = ...) -> None: ...

class CreateRecordFileRequest(_message.Message):
    __slots__ = ("commune_id", "body_code", "year", "file_code", "title", "retention", "keeper")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    FILE_CODE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    RETENTION_FIELD_NUMBER: _ClassVar[int]
    KEEPER_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    body_code: str
    year: int
    file_code: str
    title: str
    retention: str
    keeper: str
    def __init__(self, commune_id: _Optional[str] = ..., body_code: _Optional[str] = ..., year: _Optional[int] = ..., file_code: _Optional[str] = ..., title: _Optional[str] = ..., retention: _Optional[str] = ..., keeper: _Optional[str] = ...) -> None: ...

class ListRecordFilesRequest(_message.Message):
    __slots__ = ("commune_id", "body_code", "year")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    body_code: str
    year: int
    def __init__(self, commune_id: _Optional[str] = ..., body_code: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class ListRecordFilesResponse(_message.Message):
    __slots__ = ("files",)
    FILES_FIELD_NUMBER: _ClassVar[int]
    files: _containers.RepeatedCompositeFieldContainer[RecordFile]
    def __init__(self, files: _Optional[_Iterable[_Union[RecordFile, _Mapping]]] = ...) -> None: ...

class GetRecordFileRequest(_message.Message):
    __slots__ = ("commune_id", "file_id")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    FILE_ID_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    file_id: str
    def __init__(self, commune_id: _Optional[str] = ..., file_id: _Optional[str] = ...) -> None: ...

class CloseRecordFileRequest(_message.Message):
    __slots__ = ("commune_id", "file_id", "closed_on")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    FILE_ID_FIELD_NUMBER: _ClassVar[int]
    CLOSED_ON_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    file_id: str
    closed_on: str
    def __init__(self, commune_id: _Optional[str] = ..., file_id: _Optional[str] = ..., closed_on: _Optional[str] = ...) -> None: ...

class LinkDocumentRequest(_message.Message):
    __slots__ = ("commune_id", "file_id", "document_kind", "document_id")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    FILE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_KIND_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    file_id: str
    document_kind: str
    document_id: str
    def __init__(self, commune_id: _Optional[str] = ..., file_id: _Optional[str] = ..., document_kind: _Optional[str] = ..., document_id: _Optional[str] = ...) -> None: ...

class HandOverRequest(_message.Message):
    __slots__ = ("commune_id", "file_ids", "handed_over_on", "receiver")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    FILE_IDS_FIELD_NUMBER: _ClassVar[int]
    HANDED_OVER_ON_FIELD_NUMBER: _ClassVar[int]
    RECEIVER_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    file_ids: _containers.RepeatedScalarFieldContainer[str]
    handed_over_on: str
    receiver: str
    def __init__(self, commune_id: _Optional[str] = ..., file_ids: _Optional[_Iterable[str]] = ..., handed_over_on: _Optional[str] = ..., receiver: _Optional[str] = ...) -> None: ...

class HandOverResponse(_message.Message):
    __slots__ = ("handover_id", "files")
    HANDOVER_ID_FIELD_NUMBER: _ClassVar[int]
    FILES_FIELD_NUMBER: _ClassVar[int]
    handover_id: str
    files: _containers.RepeatedCompositeFieldContainer[RecordFile]
    def __init__(self, handover_id: _Optional[str] = ..., files: _Optional[_Iterable[_Union[RecordFile, _Mapping]]] = ...) -> None: ...

class DisposeRecordFileRequest(_message.Message):
    __slots__ = ("commune_id", "file_id", "decision_number", "council", "decided_on")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    FILE_ID_FIELD_NUMBER: _ClassVar[int]
    DECISION_NUMBER_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    file_id: str
    decision_number: str
    council: str
    decided_on: str
    def __init__(self, commune_id: _Optional[str] = ..., file_id: _Optional[str] = ..., decision_number: _Optional[str] = ..., council: _Optional[str] = ..., decided_on: _Optional[str] = ...) -> None: ...

class ListRetentionRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RetentionPeriod(_message.Message):
    __slots__ = ("code", "name_vi", "name_en", "years", "permanent")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_VI_FIELD_NUMBER: _ClassVar[int]
    NAME_EN_FIELD_NUMBER: _ClassVar[int]
    YEARS_FIELD_NUMBER: _ClassVar[int]
    PERMANENT_FIELD_NUMBER: _ClassVar[int]
    code: str
    name_vi: str
    name_en: str
    years: int
    permanent: bool
    def __init__(self, code: _Optional[str] = ..., name_vi: _Optional[str] = ..., name_en: _Optional[str] = ..., years: _Optional[int] = ..., permanent: _Optional[bool] = ...) -> None: ...

class RetentionGroup(_message.Message):
    __slots__ = ("name_vi", "name_en", "retention")
    NAME_VI_FIELD_NUMBER: _ClassVar[int]
    NAME_EN_FIELD_NUMBER: _ClassVar[int]
    RETENTION_FIELD_NUMBER: _ClassVar[int]
    name_vi: str
    name_en: str
    retention: str
    def __init__(self, name_vi: _Optional[str] = ..., name_en: _Optional[str] = ..., retention: _Optional[str] = ...) -> None: ...

class ListRetentionResponse(_message.Message):
    __slots__ = ("periods", "groups")
    PERIODS_FIELD_NUMBER: _ClassVar[int]
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    periods: _containers.RepeatedCompositeFieldContainer[RetentionPeriod]
    groups: _containers.RepeatedCompositeFieldContainer[RetentionGroup]
    def __init__(self, periods: _Optional[_Iterable[_Union[RetentionPeriod, _Mapping]]] = ..., groups: _Optional[_Iterable[_Union[RetentionGroup, _Mapping]]] = ...) -> None: ...
