import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DocumentKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DOCUMENT_KIND_UNSPECIFIED: _ClassVar[DocumentKind]
    DOCUMENT_KIND_INCOMING: _ClassVar[DocumentKind]
    DOCUMENT_KIND_OUTGOING: _ClassVar[DocumentKind]
DOCUMENT_KIND_UNSPECIFIED: DocumentKind
DOCUMENT_KIND_INCOMING: DocumentKind
DOCUMENT_KIND_OUTGOING: DocumentKind

class AttachmentHeader(_message.Message):
    __slots__ = ("commune_id", "document_kind", "document_id", "file_name")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_KIND_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    FILE_NAME_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    document_kind: DocumentKind
    document_id: str
    file_name: str
    def __init__(self, commune_id: _Optional[str] = ..., document_kind: _Optional[_Union[DocumentKind, str]] = ..., document_id: _Optional[str] = ..., file_name: _Optional[str] = ...) -> None: ...

class AddAttachmentRequest(_message.Message):
    __slots__ = ("header", "chunk")
    HEADER_FIELD_NUMBER: _ClassVar[int]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    header: AttachmentHeader
    chunk: bytes
    def __init__(self, header: _Optional[_Union[AttachmentHeader, _Mapping]] = ..., chunk: _Optional[bytes] = ...) -> None: ...

class Attachment(_message.Message):
    __slots__ = ("attachment_id", "document_id", "document_kind", "file_name", "media_type", "sha256", "size", "added_by", "added_at")
    ATTACHMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_KIND_FIELD_NUMBER: _ClassVar[int]
    FILE_NAME_FIELD_NUMBER: _ClassVar[int]
    MEDIA_TYPE_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    ADDED_BY_FIELD_NUMBER: _ClassVar[int]
    ADDED_AT_FIELD_NUMBER: _ClassVar[int]
    attachment_id: str
    document_id: str
    document_kind: DocumentKind
    file_name: str
    media_type: str
    sha256: str
    size: int
    added_by: str
    added_at: _timestamp_pb2.Timestamp
    def __init__(self, attachment_id: _Optional[str] = ..., document_id: _Optional[str] = ..., document_kind: _Optional[_Union[DocumentKind, str]] = ..., file_name: _Optional[str] = ..., media_type: _Optional[str] = ..., sha256: _Optional[str] = ..., size: _Optional[int] = ..., added_by: _Optional[str] = ..., added_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListAttachmentsRequest(_message.Message):
    __slots__ = ("commune_id", "document_kind", "document_id")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_KIND_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    document_kind: DocumentKind
    document_id: str
    def __init__(self, commune_id: _Optional[str] = ..., document_kind: _Optional[_Union[DocumentKind, str]] = ..., document_id: _Optional[str] = ...) -> None: ...

class ListAttachmentsResponse(_message.Message):
    __slots__ = ("attachments",)
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    attachments: _containers.RepeatedCompositeFieldContainer[Attachment]
    def __init__(self, attachments: _Optional[_Iterable[_Union[Attachment, _Mapping]]] = ...) -> None: ...

class DownloadAttachmentRequest(_message.Message):
    __slots__ = ("commune_id", "document_kind", "document_id", "attachment_id")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_KIND_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENT_ID_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    document_kind: DocumentKind
    document_id: str
    attachment_id: str
    def __init__(self, commune_id: _Optional[str] = ..., document_kind: _Optional[_Union[DocumentKind, str]] = ..., document_id: _Optional[str] = ..., attachment_id: _Optional[str] = ...) -> None: ...

class DownloadAttachmentResponse(_message.Message):
    __slots__ = ("attachment", "chunk")
    ATTACHMENT_FIELD_NUMBER: _ClassVar[int]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    attachment: Attachment
    chunk: bytes
    def __init__(self, attachment: _Optional[_Union[Attachment, _Mapping]] = ..., chunk: _Optional[bytes] = ...) -> None: ...
