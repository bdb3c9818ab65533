from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CatalogueDuty(_message.Message):
    __slots__ = ("code", "name_vi", "name_en", "description", "bodies")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_VI_FIELD_NUMBER: _ClassVar[int]
    NAME_EN_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    BODIES_FIELD_NUMBER: _ClassVar[int]
    code: str
    name_vi: str
    name_en: str
    description: str
    bodies: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, code: _Optional[str] = ..., name_vi: _Optional[str] = ..., name_en: _Optional[str] = ..., description: _Optional[str] = ..., bodies: _Optional[_Iterable[str]] = ...) -> None: ...

class DutyCatalogue(_message.Message):
    __slots__ = ("version", "note", "duties")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    DUTIES_FIELD_NUMBER: _ClassVar[int]
    version: int
    note: str
    duties: _containers.RepeatedCompositeFieldContainer[CatalogueDuty]
    def __init__(self, version: _Optional[int] = ..., note: _Optional[str] = ..., duties: _Optional[_Iterable[_Union[CatalogueDuty, _Mapping]]] = ...) -> None: ...

class GetDutyCatalogueRequest(_message.Message):
    __slots__ = ("version",)
    VERSION_FIELD_NUMBER: _ClassVar[int]
    version: int
    def __init__(self, version: _Optional[int] = ...) -> None: ...

class PublishDutyCatalogueRequest(_message.Message):
    __slots__ = ("duties", "note")
    DUTIES_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    duties: _containers.RepeatedCompositeFieldContainer[CatalogueDuty]
    note: str
    def __init__(self, duties: _Optional[_Iterable[_Union[CatalogueDuty, _Mapping]]] = ..., note: _Optional[str] = ...) -> None: ...

class AdoptDutyCatalogueRequest(_message.Message):
    __slots__ = ("commune_id", "version")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    version: int
    def __init__(self, commune_id: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class AssignDutyRequest(_message.Message):
    __slots__ = ("commune_id", "duty", "primary", "backup")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    DUTY_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_FIELD_NUMBER: _ClassVar[int]
    BACKUP_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    duty: str
    primary: str
    backup: str
    def __init__(self, commune_id: _Optional[str] = ..., duty: _Optional[str] = ..., primary: _Optional[str] = ..., backup: _Optional[str] = ...) -> None: ...

class GetDutyRosterRequest(_message.Message):
    __slots__ = ("commune_id",)
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    def __init__(self, commune_id: _Optional[str] = ...) -> None: ...

class Assignment(_message.Message):
    __slots__ = ("duty", "primary", "backup", "effective", "carried_from")
    DUTY_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_FIELD_NUMBER: _ClassVar[int]
    BACKUP_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_FIELD_NUMBER: _ClassVar[int]
    CARRIED_FROM_FIELD_NUMBER: _ClassVar[int]
    duty: str
    primary: str
    backup: str
    effective: str
    carried_from: str
    def __init__(self, duty: _Optional[str] = ..., primary: _Optional[str] = ..., backup: _Optional[str] = ..., effective: _Optional[str] = ..., carried_from: _Optional[str] = ...) -> None: ...

class DutyGap(_message.Message):
    __slots__ = ("duty", "has_primary", "has_backup")
    DUTY_FIELD_NUMBER: _ClassVar[int]
    HAS_PRIMARY_FIELD_NUMBER: _ClassVar[int]
    HAS_BACKUP_FIELD_NUMBER: _ClassVar[int]
    duty: str
    has_primary: bool
    has_backup: bool
    def __init__(self, duty: _Optional[str] = ..., has_primary: _Optional[bool] = ..., has_backup: _Optional[bool] = ...) -> None: ...

class Absence(_message.Message):
    __slots__ = ("absence_id", "person", "kind", "start", "end")
    ABSENCE_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    absence_id: str
    person: str
    kind: str
    start: str
    end: str
    def __init__(self, absence_id: _Optional[str] = ..., person: _Optional[str] = ..., kind: _Optional[str] = ..., start: _Optional[str] = ..., end: _Optional[str] = ...) -> None: ...

class DutyRoster(_message.Message):
    __slots__ = ("commune_id", "catalogue_version", "duties", "assignments", "gaps", "absences")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    CATALOGUE_VERSION_FIELD_NUMBER: _ClassVar[int]
    DUTIES_FIELD_NUMBER: _ClassVar[int]
    ASSIGNMENTS_FIELD_NUMBER: _ClassVar[int]
    GAPS_FIELD_NUMBER: _ClassVar[int]
    ABSENCES_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    catalogue_version: int
    duties: _containers.RepeatedScalarFieldContainer[str]
    assignments: _containers.RepeatedCompositeFieldContainer[Assignment]
    gaps: _containers.RepeatedCompositeFieldContainer[DutyGap]
    absences: _containers.RepeatedCompositeFieldContainer[Absence]
    def __init__(self, commune_id: _Optional[str] = ..., catalogue_version: _Optional[int] = ..., duties: _Optional[_Iterable[str]] = ..., assignments: _Optional[_Iterable[_Union[Assignment, _Mapping]]] = ..., gaps: _Optional[_Iterable[_Union[DutyGap, _Mapping]]] = ..., absences: _Optional[_Iterable[_Union[Absence, _Mapping]]] = ...) -> None: ...

class RecordAbsenceRequest(_message.Message):
    __slots__ = ("commune_id", "person", "kind", "start", "end")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    person: str
    kind: str
    start: str
    end: str
    def __init__(self, commune_id: _Optional[str] = ..., person: _Optional[str] = ..., kind: _Optional[str] = ..., start: _Optional[str] = ..., end: _Optional[str] = ...) -> None: ...

class GetCoverageRequest(_message.Message):
    __slots__ = ("commune_id", "on")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    on: str
    def __init__(self, commune_id: _Optional[str] = ..., on: _Optional[str] = ...) -> None: ...

class Cover(_message.Message):
    __slots__ = ("duty", "primary", "backup", "covered_by", "status", "absence_id", "carried_from")
    DUTY_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_FIELD_NUMBER: _ClassVar[int]
    BACKUP_FIELD_NUMBER: _ClassVar[int]
    COVERED_BY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ABSENCE_ID_FIELD_NUMBER: _ClassVar[int]
    CARRIED_FROM_FIELD_NUMBER: _ClassVar[int]
    duty: str
    primary: str
    backup: str
    covered_by: str
    status: str
    absence_id: str
    carried_from: str
    def __init__(self, duty: _Optional[str] = ..., primary: _Optional[str] = ..., backup: _Optional[str] = ..., covered_by: _Optional[str] = ..., status: _Optional[str] = ..., absence_id: _Optional[str] = ..., carried_from: _Optional[str] = ...) -> None: ...

class Coverage(_message.Message):
    __slots__ = ("commune_id", "on", "team_lead", "covers")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    TEAM_LEAD_FIELD_NUMBER: _ClassVar[int]
    COVERS_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    on: str
    team_lead: str
    covers: _containers.RepeatedCompositeFieldContainer[Cover]
    def __init__(self, commune_id: _Optional[str] = ..., on: _Optional[str] = ..., team_lead: _Optional[str] = ..., covers: _Optional[_Iterable[_Union[Cover, _Mapping]]] = ...) -> None: ...
