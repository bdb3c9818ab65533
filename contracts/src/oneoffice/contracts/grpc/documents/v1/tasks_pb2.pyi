import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PassOnRequest(_message.Message):
    __slots__ = ("commune_id", "document_id", "recipient_kind", "recipient", "passed_on", "needs_action")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_KIND_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    PASSED_ON_FIELD_NUMBER: _ClassVar[int]
    NEEDS_ACTION_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    document_id: str
    recipient_kind: str
    recipient: str
    passed_on: str
    needs_action: bool
    def __init__(self, commune_id: _Optional[str] = ..., document_id: _Optional[str] = ..., recipient_kind: _Optional[str] = ..., recipient: _Optional[str] = ..., passed_on: _Optional[str] = ..., needs_action: _Optional[bool] = ...) -> None: ...

class PassingOn(_message.Message):
    __slots__ = ("document_id", "recipient_kind", "recipient", "passed_on", "passing_on_deadline", "late", "needs_action", "passed_on_by")
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_KIND_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    PASSED_ON_FIELD_NUMBER: _ClassVar[int]
    PASSING_ON_DEADLINE_FIELD_NUMBER: _ClassVar[int]
    LATE_FIELD_NUMBER: _ClassVar[int]
    NEEDS_ACTION_FIELD_NUMBER: _ClassVar[int]
    PASSED_ON_BY_FIELD_NUMBER: _ClassVar[int]
    document_id: str
    recipient_kind: str
    recipient: str
    passed_on: str
    passing_on_deadline: str
    late: bool
    needs_action: bool
    passed_on_by: str
    def __init__(self, document_id: _Optional[str] = ..., recipient_kind: _Optional[str] = ..., recipient: _Optional[str] = ..., passed_on: _Optional[str] = ..., passing_on_deadline: _Optional[str] = ..., late: _Optional[bool] = ..., needs_action: _Optional[bool] = ..., passed_on_by: _Optional[str] = ...) -> None: ...

class GetDocumentWorkRequest(_message.Message):
    __slots__ = ("commune_id", "document_id")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    document_id: str
    def __init__(self, commune_id: _Optional[str] = ..., document_id: _Optional[str] = ...) -> None: ...

class DocumentWork(_message.Message):
    __slots__ = ("passing_on", "tasks")
    PASSING_ON_FIELD_NUMBER: _ClassVar[int]
    TASKS_FIELD_NUMBER: _ClassVar[int]
    passing_on: PassingOn
    tasks: _containers.RepeatedCompositeFieldContainer[Task]
    def __init__(self, passing_on: _Optional[_Union[PassingOn, _Mapping]] = ..., tasks: _Optional[_Iterable[_Union[Task, _Mapping]]] = ...) -> None: ...

class CreateTaskRequest(_message.Message):
    __slots__ = ("commune_id", "document_id", "title", "lead", "coordinators", "deadline", "note")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    LEAD_FIELD_NUMBER: _ClassVar[int]
    COORDINATORS_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    document_id: str
    title: str
    lead: str
    coordinators: _containers.RepeatedScalarFieldContainer[str]
    deadline: str
    note: str
    def __init__(self, commune_id: _Optional[str] = ..., document_id: _Optional[str] = ..., title: _Optional[str] = ..., lead: _Optional[str] = ..., coordinators: _Optional[_Iterable[str]] = ..., deadline: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class CreateTaskResponse(_message.Message):
    __slots__ = ("task_id",)
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    def __init__(self, task_id: _Optional[str] = ...) -> None: ...

class Task(_message.Message):
    __slots__ = ("task_id", "title", "document_id", "body_code", "lead", "coordinators", "deadline", "deadline_number", "status", "percentage", "directed_by", "directed_on", "completed_on")
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_CODE_FIELD_NUMBER: _ClassVar[int]
    LEAD_FIELD_NUMBER: _ClassVar[int]
    COORDINATORS_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PERCENTAGE_FIELD_NUMBER: _ClassVar[int]
    DIRECTED_BY_FIELD_NUMBER: _ClassVar[int]
    DIRECTED_ON_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_ON_FIELD_NUMBER: _ClassVar[int]
    task_id: str
    title: str
    document_id: str
    body_code: str
    lead: str
    coordinators: _containers.RepeatedScalarFieldContainer[str]
    deadline: str
    deadline_number: int
    status: str
    percentage: int
    directed_by: str
    directed_on: str
    completed_on: str
    def __init__(self, task_id: _Optional[str] = ..., title: _Optional[str] = ..., document_id: _Optional[str] = ..., body_code: _Optional[str] = ..., lead: _Optional[str] = ..., coordinators: _Optional[_Iterable[str]] = ..., deadline: _Optional[str] = ..., deadline_number: _Optional[int] = ..., status: _Optional[str] = ..., percentage: _Optional[int] = ..., directed_by: _Optional[str] = ..., directed_on: _Optional[str] = ..., completed_on: _Optional[str] = ...) -> None: ...

class ListTasksRequest(_message.Message):
    __slots__ = ("commune_id", "status", "handler", "body_code")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    HANDLER_FIELD_NUMBER: _ClassVar[int]
    BODY_CODE_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    status: str
    handler: str
    body_code: str
    def __init__(self, commune_id: _Optional[str] = ..., status: _Optional[str] = ..., handler: _Optional[str] = ..., body_code: _Optional[str] = ...) -> None: ...

class ListTasksResponse(_message.Message):
    __slots__ = ("tasks",)
    TASKS_FIELD_NUMBER: _ClassVar[int]
    tasks: _containers.RepeatedCompositeFieldContainer[Task]
    def __init__(self, tasks: _Optional[_Iterable[_Union[Task, _Mapping]]] = ...) -> None: ...

class GetTaskRequest(_message.Message):
    __slots__ = ("commune_id", "task_id")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    task_id: str
    def __init__(self, commune_id: _Optional[str] = ..., task_id: _Optional[str] = ...) -> None: ...

class HistoryEntry(_message.Message):
    __slots__ = ("event_type", "occurred_at", "actor", "details_json")
    EVENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    DETAILS_JSON_FIELD_NUMBER: _ClassVar[int]
    event_type: str
    occurred_at: _timestamp_pb2.Timestamp
    actor: str
    details_json: str
    def __init__(self, event_type: _Optional[str] = ..., occurred_at: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor: _Optional[str] = ..., details_json: _Optional[str] = ...) -> None: ...

class TaskDetails(_message.Message):
    __slots__ = ("task", "history")
    TASK_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    task: Task
    history: _containers.RepeatedCompositeFieldContainer[HistoryEntry]
    def __init__(self, task: _Optional[_Union[Task, _Mapping]] = ..., history: _Optional[_Iterable[_Union[HistoryEntry, _Mapping]]] = ...) -> None: ...

class NoteProgressRequest(_message.Message):
    __slots__ = ("commune_id", "task_id", "note", "percentage")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    PERCENTAGE_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    task_id: str
    note: str
    percentage: int
    def __init__(self, commune_id: _Optional[str] = ..., task_id: _Optional[str] = ..., note: _Optional[str] = ..., percentage: _Optional[int] = ...) -> None: ...

class CompleteTaskRequest(_message.Message):
    __slots__ = ("commune_id", "task_id", "result", "reply_document_id")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    REPLY_DOCUMENT_ID_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    task_id: str
    result: str
    reply_document_id: str
    def __init__(self, commune_id: _Optional[str] = ..., task_id: _Optional[str] = ..., result: _Optional[str] = ..., reply_document_id: _Optional[str] = ...) -> None: ...

class ReassignTaskRequest(_message.Message):
    __slots__ = ("commune_id", "task_id", "lead", "coordinators", "reason")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    LEAD_FIELD_NUMBER: _ClassVar[int]
    COORDINATORS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    task_id: str
    lead: str
    coordinators: _containers.RepeatedScalarFieldContainer[str]
    reason: str
    def __init__(self, commune_id: _Optional[str] = ..., task_id: _Optional[str] = ..., lead: _Optional[str] = ..., coordinators: _Optional[_Iterable[str]] = ..., reason: _Optional[str] = ...) -> None: ...

class ExtendTaskRequest(_message.Message):
    __slots__ = ("commune_id", "task_id", "deadline", "reason")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    task_id: str
    deadline: str
    reason: str
    def __init__(self, commune_id: _Optional[str] = ..., task_id: _Optional[str] = ..., deadline: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ReopenTaskRequest(_message.Message):
    __slots__ = ("commune_id", "task_id", "reason")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    TASK_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    task_id: str
    reason: str
    def __init__(self, commune_id: _Optional[str] = ..., task_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...
