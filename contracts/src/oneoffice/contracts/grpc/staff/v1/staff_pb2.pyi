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

class Unit(_message.Message):
    __slots__ = ("code", "name", "kind", "parent", "synthetic", "valid_from", "valid_to", "bodies")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    SYNTHETIC_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_FIELD_NUMBER: _ClassVar[int]
    VALID_TO_FIELD_NUMBER: _ClassVar[int]
    BODIES_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    kind: str
    parent: str
    synthetic: bool
    valid_from: str
    valid_to: str
    bodies: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., parent: _Optional[str] = ..., synthetic: _Optional[bool] = ..., valid_from: _Optional[str] = ..., valid_to: _Optional[str] = ..., bodies: _Optional[_Iterable[str]] = ...) -> None: ...

class ListUnitsRequest(_message.Message):
    __slots__ = ("parent", "as_of")
    PARENT_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    parent: str
    as_of: str
    def __init__(self, parent: _Optional[str] = ..., as_of: _Optional[str] = ...) -> None: ...

class ListUnitsResponse(_message.Message):
    __slots__ = ("units",)
    UNITS_FIELD_NUMBER: _ClassVar[int]
    units: _containers.RepeatedCompositeFieldContainer[Unit]
    def __init__(self, units: _Optional[_Iterable[_Union[Unit, _Mapping]]] = ...) -> None: ...

class GetUnitRequest(_message.Message):
    __slots__ = ("code", "as_of")
    CODE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    code: str
    as_of: str
    def __init__(self, code: _Optional[str] = ..., as_of: _Optional[str] = ...) -> None: ...

class GetLineageRequest(_message.Message):
    __slots__ = ("code",)
    CODE_FIELD_NUMBER: _ClassVar[int]
    code: str
    def __init__(self, code: _Optional[str] = ...) -> None: ...

class LineageStep(_message.Message):
    __slots__ = ("kind", "effective", "predecessor", "successor")
    KIND_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_FIELD_NUMBER: _ClassVar[int]
    PREDECESSOR_FIELD_NUMBER: _ClassVar[int]
    SUCCESSOR_FIELD_NUMBER: _ClassVar[int]
    kind: str
    effective: str
    predecessor: Unit
    successor: Unit
    def __init__(self, kind: _Optional[str] = ..., effective: _Optional[str] = ..., predecessor: _Optional[_Union[Unit, _Mapping]] = ..., successor: _Optional[_Union[Unit, _Mapping]] = ...) -> None: ...

class Lineage(_message.Message):
    __slots__ = ("unit", "came_from", "became")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    CAME_FROM_FIELD_NUMBER: _ClassVar[int]
    BECAME_FIELD_NUMBER: _ClassVar[int]
    unit: Unit
    came_from: _containers.RepeatedCompositeFieldContainer[LineageStep]
    became: _containers.RepeatedCompositeFieldContainer[LineageStep]
    def __init__(self, unit: _Optional[_Union[Unit, _Mapping]] = ..., came_from: _Optional[_Iterable[_Union[LineageStep, _Mapping]]] = ..., became: _Optional[_Iterable[_Union[LineageStep, _Mapping]]] = ...) -> None: ...

class NewUnitSpec(_message.Message):
    __slots__ = ("code", "name", "kind", "parent", "bodies")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    BODIES_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    kind: str
    parent: str
    bodies: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., parent: _Optional[str] = ..., bodies: _Optional[_Iterable[str]] = ...) -> None: ...

class Establish(_message.Message):
    __slots__ = ("unit",)
    UNIT_FIELD_NUMBER: _ClassVar[int]
    unit: NewUnitSpec
    def __init__(self, unit: _Optional[_Union[NewUnitSpec, _Mapping]] = ...) -> None: ...

class Merge(_message.Message):
    __slots__ = ("units", "into_existing", "into_new")
    UNITS_FIELD_NUMBER: _ClassVar[int]
    INTO_EXISTING_FIELD_NUMBER: _ClassVar[int]
    INTO_NEW_FIELD_NUMBER: _ClassVar[int]
    units: _containers.RepeatedScalarFieldContainer[str]
    into_existing: str
    into_new: NewUnitSpec
    def __init__(self, units: _Optional[_Iterable[str]] = ..., into_existing: _Optional[str] = ..., into_new: _Optional[_Union[NewUnitSpec, _Mapping]] = ...) -> None: ...

class Split(_message.Message):
    __slots__ = ("unit", "into")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    INTO_FIELD_NUMBER: _ClassVar[int]
    unit: str
    into: _containers.RepeatedCompositeFieldContainer[NewUnitSpec]
    def __init__(self, unit: _Optional[str] = ..., into: _Optional[_Iterable[_Union[NewUnitSpec, _Mapping]]] = ...) -> None: ...

class Rename(_message.Message):
    __slots__ = ("unit", "name", "kind")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    unit: str
    name: str
    kind: str
    def __init__(self, unit: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ...) -> None: ...

class Reparent(_message.Message):
    __slots__ = ("unit", "parent")
    UNIT_FIELD_NUMBER: _ClassVar[int]
    PARENT_FIELD_NUMBER: _ClassVar[int]
    unit: str
    parent: str
    def __init__(self, unit: _Optional[str] = ..., parent: _Optional[str] = ...) -> None: ...

class Cease(_message.Message):
    __slots__ = ("unit",)
    UNIT_FIELD_NUMBER: _ClassVar[int]
    unit: str
    def __init__(self, unit: _Optional[str] = ...) -> None: ...

class ReorganiseRequest(_message.Message):
    __slots__ = ("reorganisation_id", "effective", "note", "establish", "merge", "split", "rename", "reparent", "cease")
    REORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    ESTABLISH_FIELD_NUMBER: _ClassVar[int]
    MERGE_FIELD_NUMBER: _ClassVar[int]
    SPLIT_FIELD_NUMBER: _ClassVar[int]
    RENAME_FIELD_NUMBER: _ClassVar[int]
    REPARENT_FIELD_NUMBER: _ClassVar[int]
    CEASE_FIELD_NUMBER: _ClassVar[int]
    reorganisation_id: str
    effective: str
    note: str
    establish: Establish
    merge: Merge
    split: Split
    rename: Rename
    reparent: Reparent
    cease: Cease
    def __init__(self, reorganisation_id: _Optional[str] = ..., effective: _Optional[str] = ..., note: _Optional[str] = ..., establish: _Optional[_Union[Establish, _Mapping]] = ..., merge: _Optional[_Union[Merge, _Mapping]] = ..., split: _Optional[_Union[Split, _Mapping]] = ..., rename: _Optional[_Union[Rename, _Mapping]] = ..., reparent: _Optional[_Union[Reparent, _Mapping]] = ..., cease: _Optional[_Union[Cease, _Mapping]] = ...) -> None: ...

class ReorganiseResponse(_message.Message):
    __slots__ = ("reorganisation_id", "kind", "effective", "note", "units", "recorded_now")
    REORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    UNITS_FIELD_NUMBER: _ClassVar[int]
    RECORDED_NOW_FIELD_NUMBER: _ClassVar[int]
    reorganisation_id: str
    kind: str
    effective: str
    note: str
    units: _containers.RepeatedScalarFieldContainer[str]
    recorded_now: bool
    def __init__(self, reorganisation_id: _Optional[str] = ..., kind: _Optional[str] = ..., effective: _Optional[str] = ..., note: _Optional[str] = ..., units: _Optional[_Iterable[str]] = ..., recorded_now: _Optional[bool] = ...) -> None: ...

class Person(_message.Message):
    __slots__ = ("person_id", "name", "title", "category", "bodies", "allowance", "commune_id", "joined_on", "left_on", "username")
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    BODIES_FIELD_NUMBER: _ClassVar[int]
    ALLOWANCE_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    JOINED_ON_FIELD_NUMBER: _ClassVar[int]
    LEFT_ON_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    name: str
    title: str
    category: str
    bodies: _containers.RepeatedScalarFieldContainer[str]
    allowance: str
    commune_id: str
    joined_on: str
    left_on: str
    username: str
    def __init__(self, person_id: _Optional[str] = ..., name: _Optional[str] = ..., title: _Optional[str] = ..., category: _Optional[str] = ..., bodies: _Optional[_Iterable[str]] = ..., allowance: _Optional[str] = ..., commune_id: _Optional[str] = ..., joined_on: _Optional[str] = ..., left_on: _Optional[str] = ..., username: _Optional[str] = ...) -> None: ...

class JoinStaffRequest(_message.Message):
    __slots__ = ("commune_id", "person_id", "name", "title", "category", "bodies", "allowance", "effective", "username")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    BODIES_FIELD_NUMBER: _ClassVar[int]
    ALLOWANCE_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    person_id: str
    name: str
    title: str
    category: str
    bodies: _containers.RepeatedScalarFieldContainer[str]
    allowance: str
    effective: str
    username: str
    def __init__(self, commune_id: _Optional[str] = ..., person_id: _Optional[str] = ..., name: _Optional[str] = ..., title: _Optional[str] = ..., category: _Optional[str] = ..., bodies: _Optional[_Iterable[str]] = ..., allowance: _Optional[str] = ..., effective: _Optional[str] = ..., username: _Optional[str] = ...) -> None: ...

class PersonReply(_message.Message):
    __slots__ = ("person", "recorded_now")
    PERSON_FIELD_NUMBER: _ClassVar[int]
    RECORDED_NOW_FIELD_NUMBER: _ClassVar[int]
    person: Person
    recorded_now: bool
    def __init__(self, person: _Optional[_Union[Person, _Mapping]] = ..., recorded_now: _Optional[bool] = ...) -> None: ...

class ListStaffRequest(_message.Message):
    __slots__ = ("commune_id", "as_of")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    as_of: str
    def __init__(self, commune_id: _Optional[str] = ..., as_of: _Optional[str] = ...) -> None: ...

class ListStaffResponse(_message.Message):
    __slots__ = ("people",)
    PEOPLE_FIELD_NUMBER: _ClassVar[int]
    people: _containers.RepeatedCompositeFieldContainer[Person]
    def __init__(self, people: _Optional[_Iterable[_Union[Person, _Mapping]]] = ...) -> None: ...

class GetPersonRequest(_message.Message):
    __slots__ = ("commune_id", "person_id", "as_of")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    person_id: str
    as_of: str
    def __init__(self, commune_id: _Optional[str] = ..., person_id: _Optional[str] = ..., as_of: _Optional[str] = ...) -> None: ...

class TransferPersonRequest(_message.Message):
    __slots__ = ("commune_id", "person_id", "to_commune", "effective")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    TO_COMMUNE_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    person_id: str
    to_commune: str
    effective: str
    def __init__(self, commune_id: _Optional[str] = ..., person_id: _Optional[str] = ..., to_commune: _Optional[str] = ..., effective: _Optional[str] = ...) -> None: ...

class LeaveStaffRequest(_message.Message):
    __slots__ = ("commune_id", "person_id", "effective")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    person_id: str
    effective: str
    def __init__(self, commune_id: _Optional[str] = ..., person_id: _Optional[str] = ..., effective: _Optional[str] = ...) -> None: ...

class OfficeTeam(_message.Message):
    __slots__ = ("commune_id", "exists", "decision_number", "decision_date", "lead", "members", "carried_from")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    EXISTS_FIELD_NUMBER: _ClassVar[int]
    DECISION_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DECISION_DATE_FIELD_NUMBER: _ClassVar[int]
    LEAD_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    CARRIED_FROM_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    exists: bool
    decision_number: str
    decision_date: str
    lead: str
    members: _containers.RepeatedScalarFieldContainer[str]
    carried_from: str
    def __init__(self, commune_id: _Optional[str] = ..., exists: _Optional[bool] = ..., decision_number: _Optional[str] = ..., decision_date: _Optional[str] = ..., lead: _Optional[str] = ..., members: _Optional[_Iterable[str]] = ..., carried_from: _Optional[str] = ...) -> None: ...

class GetOfficeTeamRequest(_message.Message):
    __slots__ = ("commune_id", "as_of")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    as_of: str
    def __init__(self, commune_id: _Optional[str] = ..., as_of: _Optional[str] = ...) -> None: ...

class ChangeOfficeTeamRequest(_message.Message):
    __slots__ = ("commune_id", "kind", "effective", "decision_number", "decision_date", "lead", "members", "person_id")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_FIELD_NUMBER: _ClassVar[int]
    DECISION_NUMBER_FIELD_NUMBER: _ClassVar[int]
    DECISION_DATE_FIELD_NUMBER: _ClassVar[int]
    LEAD_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    kind: str
    effective: str
    decision_number: str
    decision_date: str
    lead: str
    members: _containers.RepeatedScalarFieldContainer[str]
    person_id: str
    def __init__(self, commune_id: _Optional[str] = ..., kind: _Optional[str] = ..., effective: _Optional[str] = ..., decision_number: _Optional[str] = ..., decision_date: _Optional[str] = ..., lead: _Optional[str] = ..., members: _Optional[_Iterable[str]] = ..., person_id: _Optional[str] = ...) -> None: ...

class ModelAdoption(_message.Message):
    __slots__ = ("commune_id", "adopted_on", "wave", "decision", "recorded_now")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    ADOPTED_ON_FIELD_NUMBER: _ClassVar[int]
    WAVE_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    RECORDED_NOW_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    adopted_on: str
    wave: str
    decision: str
    recorded_now: bool
    def __init__(self, commune_id: _Optional[str] = ..., adopted_on: _Optional[str] = ..., wave: _Optional[str] = ..., decision: _Optional[str] = ..., recorded_now: _Optional[bool] = ...) -> None: ...

class AdoptModelRequest(_message.Message):
    __slots__ = ("commune_id", "adopted_on", "wave", "decision")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    ADOPTED_ON_FIELD_NUMBER: _ClassVar[int]
    WAVE_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    adopted_on: str
    wave: str
    decision: str
    def __init__(self, commune_id: _Optional[str] = ..., adopted_on: _Optional[str] = ..., wave: _Optional[str] = ..., decision: _Optional[str] = ...) -> None: ...

class ListModelAdoptionsRequest(_message.Message):
    __slots__ = ("as_of",)
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    as_of: str
    def __init__(self, as_of: _Optional[str] = ...) -> None: ...

class ListModelAdoptionsResponse(_message.Message):
    __slots__ = ("adoptions",)
    ADOPTIONS_FIELD_NUMBER: _ClassVar[int]
    adoptions: _containers.RepeatedCompositeFieldContainer[ModelAdoption]
    def __init__(self, adoptions: _Optional[_Iterable[_Union[ModelAdoption, _Mapping]]] = ...) -> None: ...

class GetUnitBodiesRequest(_message.Message):
    __slots__ = ("code", "as_of")
    CODE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    code: str
    as_of: str
    def __init__(self, code: _Optional[str] = ..., as_of: _Optional[str] = ...) -> None: ...

class UnitBody(_message.Message):
    __slots__ = ("code", "name_vi", "name_en", "since", "carried_from")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_VI_FIELD_NUMBER: _ClassVar[int]
    NAME_EN_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    CARRIED_FROM_FIELD_NUMBER: _ClassVar[int]
    code: str
    name_vi: str
    name_en: str
    since: str
    carried_from: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, code: _Optional[str] = ..., name_vi: _Optional[str] = ..., name_en: _Optional[str] = ..., since: _Optional[str] = ..., carried_from: _Optional[_Iterable[str]] = ...) -> None: ...

class UnitBodies(_message.Message):
    __slots__ = ("code", "as_of", "bodies")
    CODE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    BODIES_FIELD_NUMBER: _ClassVar[int]
    code: str
    as_of: str
    bodies: _containers.RepeatedCompositeFieldContainer[UnitBody]
    def __init__(self, code: _Optional[str] = ..., as_of: _Optional[str] = ..., bodies: _Optional[_Iterable[_Union[UnitBody, _Mapping]]] = ...) -> None: ...
