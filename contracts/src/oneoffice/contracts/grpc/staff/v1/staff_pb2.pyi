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

class Account(_message.Message):
    __slots__ = ("username", "display_name", "roles", "scope", "disabled")
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    DISABLED_FIELD_NUMBER: _ClassVar[int]
    username: str
    display_name: str
    roles: _containers.RepeatedScalarFieldContainer[str]
    scope: _containers.RepeatedScalarFieldContainer[str]
    disabled: bool
    def __init__(self, username: _Optional[str] = ..., display_name: _Optional[str] = ..., roles: _Optional[_Iterable[str]] = ..., scope: _Optional[_Iterable[str]] = ..., disabled: _Optional[bool] = ...) -> None: ...

class CreateAccountRequest(_message.Message):
    __slots__ = ("username", "display_name", "roles", "scope", "password")
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    username: str
    display_name: str
    roles: _containers.RepeatedScalarFieldContainer[str]
    scope: _containers.RepeatedScalarFieldContainer[str]
    password: str
    def __init__(self, username: _Optional[str] = ..., display_name: _Optional[str] = ..., roles: _Optional[_Iterable[str]] = ..., scope: _Optional[_Iterable[str]] = ..., password: _Optional[str] = ...) -> None: ...

class AuthenticateRequest(_message.Message):
    __slots__ = ("username", "password")
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    username: str
    password: str
    def __init__(self, username: _Optional[str] = ..., password: _Optional[str] = ...) -> None: ...

class GetAccountRequest(_message.Message):
    __slots__ = ("username",)
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    username: str
    def __init__(self, username: _Optional[str] = ...) -> None: ...

class DisableAccountRequest(_message.Message):
    __slots__ = ("username",)
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    username: str
    def __init__(self, username: _Optional[str] = ...) -> None: ...

class ChangePasswordRequest(_message.Message):
    __slots__ = ("username", "new_password")
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    NEW_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    username: str
    new_password: str
    def __init__(self, username: _Optional[str] = ..., new_password: _Optional[str] = ...) -> None: ...

class ChangeAccessRequest(_message.Message):
    __slots__ = ("username", "roles", "scope")
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    username: str
    roles: _containers.RepeatedScalarFieldContainer[str]
    scope: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, username: _Optional[str] = ..., roles: _Optional[_Iterable[str]] = ..., scope: _Optional[_Iterable[str]] = ...) -> None: ...

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
