from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Position(_message.Message):
    __slots__ = ("source", "partition", "next_offset")
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    PARTITION_FIELD_NUMBER: _ClassVar[int]
    NEXT_OFFSET_FIELD_NUMBER: _ClassVar[int]
    source: str
    partition: int
    next_offset: int
    def __init__(self, source: _Optional[str] = ..., partition: _Optional[int] = ..., next_offset: _Optional[int] = ...) -> None: ...

class AsOf(_message.Message):
    __slots__ = ("positions", "read_at")
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    READ_AT_FIELD_NUMBER: _ClassVar[int]
    positions: _containers.RepeatedCompositeFieldContainer[Position]
    read_at: str
    def __init__(self, positions: _Optional[_Iterable[_Union[Position, _Mapping]]] = ..., read_at: _Optional[str] = ...) -> None: ...

class Counts(_message.Message):
    __slots__ = ("open", "due_soon", "overdue", "untracked")
    OPEN_FIELD_NUMBER: _ClassVar[int]
    DUE_SOON_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    UNTRACKED_FIELD_NUMBER: _ClassVar[int]
    open: int
    due_soon: int
    overdue: int
    untracked: int
    def __init__(self, open: _Optional[int] = ..., due_soon: _Optional[int] = ..., overdue: _Optional[int] = ..., untracked: _Optional[int] = ...) -> None: ...

class KeyedCounts(_message.Message):
    __slots__ = ("key", "counts")
    KEY_FIELD_NUMBER: _ClassVar[int]
    COUNTS_FIELD_NUMBER: _ClassVar[int]
    key: str
    counts: Counts
    def __init__(self, key: _Optional[str] = ..., counts: _Optional[_Union[Counts, _Mapping]] = ...) -> None: ...

class Task(_message.Message):
    __slots__ = ("task_id", "commune_id", "title", "lead", "coordinators", "deadline", "deadline_number", "state", "body_code", "document_id", "percentage")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    LEAD_FIELD_NUMBER: _ClassVar[int]
    COORDINATORS_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    BODY_CODE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    PERCENTAGE_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    commune_id: str
    title: str
    lead: str
    coordinators: _containers.RepeatedScalarFieldContainer[str]
    deadline: str
    deadline_number: int
    state: str
    body_code: str
    document_id: str
    percentage: int
    def __init__(self, task_id: _Optional[str] = ..., commune_id: _Optional[str] = ..., title: _Optional[str] = ..., lead: _Optional[str] = ..., coordinators: _Optional[_Iterable[str]] = ..., deadline: _Optional[str] = ..., deadline_number: _Optional[int] = ..., state: _Optional[str] = ..., body_code: _Optional[str] = ..., document_id: _Optional[str] = ..., percentage: _Optional[int] = ...) -> None: ...

class Document(_message.Message):
    __slots__ = ("document_id", "commune_id", "body_code", "recipient_kind", "recipient", "passed_on", "untracked_on")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_CODE_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_KIND_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    PASSED_ON_FIELD_NUMBER: _ClassVar[int]
    UNTRACKED_ON_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    commune_id: str
    body_code: str
    recipient_kind: str
    recipient: str
    passed_on: str
    untracked_on: str
    def __init__(self, document_id: _Optional[str] = ..., commune_id: _Optional[str] = ..., body_code: _Optional[str] = ..., recipient_kind: _Optional[str] = ..., recipient: _Optional[str] = ..., passed_on: _Optional[str] = ..., untracked_on: _Optional[str] = ...) -> None: ...

class GetWorkBoardRequest(_message.Message):
    __slots__ = ("commune_id",)
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    def __init__(self, commune_id: _Optional[str] = ...) -> None: ...

class WorkBoard(_message.Message):
    __slots__ = ("commune_id", "totals", "by_handler", "by_body", "tasks", "untracked", "as_of")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    BY_HANDLER_FIELD_NUMBER: _ClassVar[int]
    BY_BODY_FIELD_NUMBER: _ClassVar[int]
    TASKS_FIELD_NUMBER: _ClassVar[int]
    UNTRACKED_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    totals: Counts
    by_handler: _containers.RepeatedCompositeFieldContainer[KeyedCounts]
    by_body: _containers.RepeatedCompositeFieldContainer[KeyedCounts]
    tasks: _containers.RepeatedCompositeFieldContainer[Task]
    untracked: _containers.RepeatedCompositeFieldContainer[Document]
    as_of: AsOf
    def __init__(self, commune_id: _Optional[str] = ..., totals: _Optional[_Union[Counts, _Mapping]] = ..., by_handler: _Optional[_Iterable[_Union[KeyedCounts, _Mapping]]] = ..., by_body: _Optional[_Iterable[_Union[KeyedCounts, _Mapping]]] = ..., tasks: _Optional[_Iterable[_Union[Task, _Mapping]]] = ..., untracked: _Optional[_Iterable[_Union[Document, _Mapping]]] = ..., as_of: _Optional[_Union[AsOf, _Mapping]] = ...) -> None: ...

class GetMyDayRequest(_message.Message):
    __slots__ = ("person_id",)
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    def __init__(self, person_id: _Optional[str] = ...) -> None: ...

class MyDay(_message.Message):
    __slots__ = ("person_id", "tasks", "due_soon", "overdue", "waiting_for_direction", "as_of")
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    TASKS_FIELD_NUMBER: _ClassVar[int]
    DUE_SOON_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    WAITING_FOR_DIRECTION_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    tasks: _containers.RepeatedCompositeFieldContainer[Task]
    due_soon: _containers.RepeatedCompositeFieldContainer[Task]
    overdue: _containers.RepeatedCompositeFieldContainer[Task]
    waiting_for_direction: _containers.RepeatedCompositeFieldContainer[Document]
    as_of: AsOf
    def __init__(self, person_id: _Optional[str] = ..., tasks: _Optional[_Iterable[_Union[Task, _Mapping]]] = ..., due_soon: _Optional[_Iterable[_Union[Task, _Mapping]]] = ..., overdue: _Optional[_Iterable[_Union[Task, _Mapping]]] = ..., waiting_for_direction: _Optional[_Iterable[_Union[Document, _Mapping]]] = ..., as_of: _Optional[_Union[AsOf, _Mapping]] = ...) -> None: ...
