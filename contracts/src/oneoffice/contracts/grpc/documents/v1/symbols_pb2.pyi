from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ParseSymbolRequest(_message.Message):
    __slots__ = ("text",)
    TEXT_FIELD_NUMBER: _ClassVar[int]
    text: str
    def __init__(self, text: _Optional[str] = ...) -> None: ...

class ParsedSymbol(_message.Message):
    __slots__ = ("recognised", "family", "number", "year", "type", "issuer", "unit", "warnings", "text")
    RECOGNISED_FIELD_NUMBER: _ClassVar[int]
    FAMILY_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    WARNINGS_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    recognised: bool
    family: str
    number: int
    year: int
    type: str
    issuer: str
    unit: str
    warnings: _containers.RepeatedCompositeFieldContainer[SymbolWarning]
    text: str
    def __init__(self, recognised: _Optional[bool] = ..., family: _Optional[str] = ..., number: _Optional[int] = ..., year: _Optional[int] = ..., type: _Optional[str] = ..., issuer: _Optional[str] = ..., unit: _Optional[str] = ..., warnings: _Optional[_Iterable[_Union[SymbolWarning, _Mapping]]] = ..., text: _Optional[str] = ...) -> None: ...

class SymbolWarning(_message.Message):
    __slots__ = ("code", "message_vi", "message_en")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_VI_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_EN_FIELD_NUMBER: _ClassVar[int]
    code: str
    message_vi: str
    message_en: str
    def __init__(self, code: _Optional[str] = ..., message_vi: _Optional[str] = ..., message_en: _Optional[str] = ...) -> None: ...
