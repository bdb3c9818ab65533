from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DocumentFamily(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DOCUMENT_FAMILY_UNSPECIFIED: _ClassVar[DocumentFamily]
    DOCUMENT_FAMILY_STATE: _ClassVar[DocumentFamily]
    DOCUMENT_FAMILY_PARTY: _ClassVar[DocumentFamily]
    DOCUMENT_FAMILY_FRONT: _ClassVar[DocumentFamily]
    DOCUMENT_FAMILY_YOUTH: _ClassVar[DocumentFamily]
DOCUMENT_FAMILY_UNSPECIFIED: DocumentFamily
DOCUMENT_FAMILY_STATE: DocumentFamily
DOCUMENT_FAMILY_PARTY: DocumentFamily
DOCUMENT_FAMILY_FRONT: DocumentFamily
DOCUMENT_FAMILY_YOUTH: DocumentFamily

class ListBodiesRequest(_message.Message):
    __slots__ = ("commune_id",)
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    def __init__(self, commune_id: _Optional[str] = ...) -> None: ...

class Body(_message.Message):
    __slots__ = ("code", "name", "family")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    FAMILY_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    family: DocumentFamily
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., family: _Optional[_Union[DocumentFamily, str]] = ...) -> None: ...

class ListBodiesResponse(_message.Message):
    __slots__ = ("bodies",)
    BODIES_FIELD_NUMBER: _ClassVar[int]
    bodies: _containers.RepeatedCompositeFieldContainer[Body]
    def __init__(self, bodies: _Optional[_Iterable[_Union[Body, _Mapping]]] = ...) -> None: ...
