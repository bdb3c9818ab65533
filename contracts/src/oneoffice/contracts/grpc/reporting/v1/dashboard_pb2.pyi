from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetUnitDashboardRequest(_message.Message):
    __slots__ = ("unit_code", "period", "as_of", "limit", "offset", "sort")
    UNIT_CODE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    SORT_FIELD_NUMBER: _ClassVar[int]
    unit_code: str
    period: str
    as_of: str
    limit: int
    offset: int
    sort: str
    def __init__(self, unit_code: _Optional[str] = ..., period: _Optional[str] = ..., as_of: _Optional[str] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ..., sort: _Optional[str] = ...) -> None: ...

class GetCommuneKpisRequest(_message.Message):
    __slots__ = ("commune_id", "period")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    period: str
    def __init__(self, commune_id: _Optional[str] = ..., period: _Optional[str] = ...) -> None: ...

class GetCommuneWorkloadRequest(_message.Message):
    __slots__ = ("commune_id",)
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    def __init__(self, commune_id: _Optional[str] = ...) -> None: ...

class DashboardPosition(_message.Message):
    __slots__ = ("source", "partition", "next_offset")
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    PARTITION_FIELD_NUMBER: _ClassVar[int]
    NEXT_OFFSET_FIELD_NUMBER: _ClassVar[int]
    source: str
    partition: int
    next_offset: int
    def __init__(self, source: _Optional[str] = ..., partition: _Optional[int] = ..., next_offset: _Optional[int] = ...) -> None: ...

class DashboardAsOf(_message.Message):
    __slots__ = ("positions", "read_at")
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    READ_AT_FIELD_NUMBER: _ClassVar[int]
    positions: _containers.RepeatedCompositeFieldContainer[DashboardPosition]
    read_at: str
    def __init__(self, positions: _Optional[_Iterable[_Union[DashboardPosition, _Mapping]]] = ..., read_at: _Optional[str] = ...) -> None: ...

class Kpis(_message.Message):
    __slots__ = ("documents_in", "documents_out", "direction_median_days", "direction_p90_days", "completion_median_days", "completion_p90_days", "completed", "on_time", "on_time_rate", "overdue", "coverage_events", "figures_in_conflict")
    DOCUMENTS_IN_FIELD_NUMBER: _ClassVar[int]
    DOCUMENTS_OUT_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_MEDIAN_DAYS_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_P90_DAYS_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_MEDIAN_DAYS_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_P90_DAYS_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_FIELD_NUMBER: _ClassVar[int]
    ON_TIME_FIELD_NUMBER: _ClassVar[int]
    ON_TIME_RATE_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    COVERAGE_EVENTS_FIELD_NUMBER: _ClassVar[int]
    FIGURES_IN_CONFLICT_FIELD_NUMBER: _ClassVar[int]
    documents_in: int
    documents_out: int
    direction_median_days: float
    direction_p90_days: float
    completion_median_days: float
    completion_p90_days: float
    completed: int
    on_time: int
    on_time_rate: float
    overdue: int
    coverage_events: int
    figures_in_conflict: int
    def __init__(self, documents_in: _Optional[int] = ..., documents_out: _Optional[int] = ..., direction_median_days: _Optional[float] = ..., direction_p90_days: _Optional[float] = ..., completion_median_days: _Optional[float] = ..., completion_p90_days: _Optional[float] = ..., completed: _Optional[int] = ..., on_time: _Optional[int] = ..., on_time_rate: _Optional[float] = ..., overdue: _Optional[int] = ..., coverage_events: _Optional[int] = ..., figures_in_conflict: _Optional[int] = ...) -> None: ...

class ModelAdoption(_message.Message):
    __slots__ = ("commune_id", "adopted_on", "wave", "pilot")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    ADOPTED_ON_FIELD_NUMBER: _ClassVar[int]
    WAVE_FIELD_NUMBER: _ClassVar[int]
    PILOT_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    adopted_on: str
    wave: str
    pilot: bool
    def __init__(self, commune_id: _Optional[str] = ..., adopted_on: _Optional[str] = ..., wave: _Optional[str] = ..., pilot: _Optional[bool] = ...) -> None: ...

class AdoptionWave(_message.Message):
    __slots__ = ("adopted_on", "wave", "pilot", "communes")
    ADOPTED_ON_FIELD_NUMBER: _ClassVar[int]
    WAVE_FIELD_NUMBER: _ClassVar[int]
    PILOT_FIELD_NUMBER: _ClassVar[int]
    COMMUNES_FIELD_NUMBER: _ClassVar[int]
    adopted_on: str
    wave: str
    pilot: bool
    communes: int
    def __init__(self, adopted_on: _Optional[str] = ..., wave: _Optional[str] = ..., pilot: _Optional[bool] = ..., communes: _Optional[int] = ...) -> None: ...

class CategoryCount(_message.Message):
    __slots__ = ("category", "count")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    category: str
    count: int
    def __init__(self, category: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class CommuneRow(_message.Message):
    __slots__ = ("commune_id", "name", "history", "adoption", "kpis", "headcount_before", "adopted", "headcount_after")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    ADOPTION_FIELD_NUMBER: _ClassVar[int]
    KPIS_FIELD_NUMBER: _ClassVar[int]
    HEADCOUNT_BEFORE_FIELD_NUMBER: _ClassVar[int]
    ADOPTED_FIELD_NUMBER: _ClassVar[int]
    HEADCOUNT_AFTER_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    name: str
    history: _containers.RepeatedScalarFieldContainer[str]
    adoption: ModelAdoption
    kpis: Kpis
    headcount_before: _containers.RepeatedCompositeFieldContainer[CategoryCount]
    adopted: bool
    headcount_after: _containers.RepeatedCompositeFieldContainer[CategoryCount]
    def __init__(self, commune_id: _Optional[str] = ..., name: _Optional[str] = ..., history: _Optional[_Iterable[str]] = ..., adoption: _Optional[_Union[ModelAdoption, _Mapping]] = ..., kpis: _Optional[_Union[Kpis, _Mapping]] = ..., headcount_before: _Optional[_Iterable[_Union[CategoryCount, _Mapping]]] = ..., adopted: _Optional[bool] = ..., headcount_after: _Optional[_Iterable[_Union[CategoryCount, _Mapping]]] = ...) -> None: ...

class UnitDashboard(_message.Message):
    __slots__ = ("unit_code", "unit_name", "period", "as_of", "viewed_on", "communes", "totals", "pilot", "others", "before_adoption", "after_adoption", "adoptions", "as_of_positions", "commune_count", "offset", "limit", "sort", "adoption_waves")
    UNIT_CODE_FIELD_NUMBER: _ClassVar[int]
    UNIT_NAME_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    AS_OF_FIELD_NUMBER: _ClassVar[int]
    VIEWED_ON_FIELD_NUMBER: _ClassVar[int]
    COMMUNES_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    PILOT_FIELD_NUMBER: _ClassVar[int]
    OTHERS_FIELD_NUMBER: _ClassVar[int]
    BEFORE_ADOPTION_FIELD_NUMBER: _ClassVar[int]
    AFTER_ADOPTION_FIELD_NUMBER: _ClassVar[int]
    ADOPTIONS_FIELD_NUMBER: _ClassVar[int]
    AS_OF_POSITIONS_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_COUNT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    SORT_FIELD_NUMBER: _ClassVar[int]
    ADOPTION_WAVES_FIELD_NUMBER: _ClassVar[int]
    unit_code: str
    unit_name: str
    period: str
    as_of: str
    viewed_on: str
    communes: _containers.RepeatedCompositeFieldContainer[CommuneRow]
    totals: Kpis
    pilot: Kpis
    others: Kpis
    before_adoption: Kpis
    after_adoption: Kpis
    adoptions: _containers.RepeatedCompositeFieldContainer[ModelAdoption]
    as_of_positions: DashboardAsOf
    commune_count: int
    offset: int
    limit: int
    sort: str
    adoption_waves: _containers.RepeatedCompositeFieldContainer[AdoptionWave]
    def __init__(self, unit_code: _Optional[str] = ..., unit_name: _Optional[str] = ..., period: _Optional[str] = ..., as_of: _Optional[str] = ..., viewed_on: _Optional[str] = ..., communes: _Optional[_Iterable[_Union[CommuneRow, _Mapping]]] = ..., totals: _Optional[_Union[Kpis, _Mapping]] = ..., pilot: _Optional[_Union[Kpis, _Mapping]] = ..., others: _Optional[_Union[Kpis, _Mapping]] = ..., before_adoption: _Optional[_Union[Kpis, _Mapping]] = ..., after_adoption: _Optional[_Union[Kpis, _Mapping]] = ..., adoptions: _Optional[_Iterable[_Union[ModelAdoption, _Mapping]]] = ..., as_of_positions: _Optional[_Union[DashboardAsOf, _Mapping]] = ..., commune_count: _Optional[int] = ..., offset: _Optional[int] = ..., limit: _Optional[int] = ..., sort: _Optional[str] = ..., adoption_waves: _Optional[_Iterable[_Union[AdoptionWave, _Mapping]]] = ...) -> None: ...

class BodyWorkload(_message.Message):
    __slots__ = ("body_code", "open", "done", "overdue")
    BODY_CODE_FIELD_NUMBER: _ClassVar[int]
    OPEN_FIELD_NUMBER: _ClassVar[int]
    DONE_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    body_code: str
    open: int
    done: int
    overdue: int
    def __init__(self, body_code: _Optional[str] = ..., open: _Optional[int] = ..., done: _Optional[int] = ..., overdue: _Optional[int] = ...) -> None: ...

class StaffWorkload(_message.Message):
    __slots__ = ("person_id", "name", "category", "allowance", "bodies", "open", "done", "overdue", "by_body")
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    ALLOWANCE_FIELD_NUMBER: _ClassVar[int]
    BODIES_FIELD_NUMBER: _ClassVar[int]
    OPEN_FIELD_NUMBER: _ClassVar[int]
    DONE_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    BY_BODY_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    name: str
    category: str
    allowance: str
    bodies: _containers.RepeatedScalarFieldContainer[str]
    open: int
    done: int
    overdue: int
    by_body: _containers.RepeatedCompositeFieldContainer[BodyWorkload]
    def __init__(self, person_id: _Optional[str] = ..., name: _Optional[str] = ..., category: _Optional[str] = ..., allowance: _Optional[str] = ..., bodies: _Optional[_Iterable[str]] = ..., open: _Optional[int] = ..., done: _Optional[int] = ..., overdue: _Optional[int] = ..., by_body: _Optional[_Iterable[_Union[BodyWorkload, _Mapping]]] = ...) -> None: ...

class CommuneWorkload(_message.Message):
    __slots__ = ("commune_id", "day", "staff", "headcount", "as_of_positions")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    DAY_FIELD_NUMBER: _ClassVar[int]
    STAFF_FIELD_NUMBER: _ClassVar[int]
    HEADCOUNT_FIELD_NUMBER: _ClassVar[int]
    AS_OF_POSITIONS_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    day: str
    staff: _containers.RepeatedCompositeFieldContainer[StaffWorkload]
    headcount: _containers.RepeatedCompositeFieldContainer[CategoryCount]
    as_of_positions: DashboardAsOf
    def __init__(self, commune_id: _Optional[str] = ..., day: _Optional[str] = ..., staff: _Optional[_Iterable[_Union[StaffWorkload, _Mapping]]] = ..., headcount: _Optional[_Iterable[_Union[CategoryCount, _Mapping]]] = ..., as_of_positions: _Optional[_Union[DashboardAsOf, _Mapping]] = ...) -> None: ...
