from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetRegisterRequest(_message.Message):
    __slots__ = ("commune_id", "kind", "body_code", "year")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    BODY_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    kind: str
    body_code: str
    year: int
    def __init__(self, commune_id: _Optional[str] = ..., kind: _Optional[str] = ..., body_code: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class RegisterColumn(_message.Message):
    __slots__ = ("key", "title_vi", "title_en")
    KEY_FIELD_NUMBER: _ClassVar[int]
    TITLE_VI_FIELD_NUMBER: _ClassVar[int]
    TITLE_EN_FIELD_NUMBER: _ClassVar[int]
    key: str
    title_vi: str
    title_en: str
    def __init__(self, key: _Optional[str] = ..., title_vi: _Optional[str] = ..., title_en: _Optional[str] = ...) -> None: ...

class RegisterLine(_message.Message):
    __slots__ = ("cells",)
    CELLS_FIELD_NUMBER: _ClassVar[int]
    cells: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, cells: _Optional[_Iterable[str]] = ...) -> None: ...

class RegisterTable(_message.Message):
    __slots__ = ("kind", "commune_id", "body_code", "year", "title_vi", "title_en", "columns", "lines")
    KIND_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    TITLE_VI_FIELD_NUMBER: _ClassVar[int]
    TITLE_EN_FIELD_NUMBER: _ClassVar[int]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    kind: str
    commune_id: str
    body_code: str
    year: int
    title_vi: str
    title_en: str
    columns: _containers.RepeatedCompositeFieldContainer[RegisterColumn]
    lines: _containers.RepeatedCompositeFieldContainer[RegisterLine]
    def __init__(self, kind: _Optional[str] = ..., commune_id: _Optional[str] = ..., body_code: _Optional[str] = ..., year: _Optional[int] = ..., title_vi: _Optional[str] = ..., title_en: _Optional[str] = ..., columns: _Optional[_Iterable[_Union[RegisterColumn, _Mapping]]] = ..., lines: _Optional[_Iterable[_Union[RegisterLine, _Mapping]]] = ...) -> None: ...
