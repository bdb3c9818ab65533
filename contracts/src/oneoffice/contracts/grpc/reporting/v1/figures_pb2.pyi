from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetIndicatorCatalogueRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Indicator(_message.Message):
    __slots__ = ("code", "name", "unit", "aggregation", "periodicity", "minimum", "maximum")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    AGGREGATION_FIELD_NUMBER: _ClassVar[int]
    PERIODICITY_FIELD_NUMBER: _ClassVar[int]
    MINIMUM_FIELD_NUMBER: _ClassVar[int]
    MAXIMUM_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    unit: str
    aggregation: str
    periodicity: str
    minimum: str
    maximum: str
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., unit: _Optional[str] = ..., aggregation: _Optional[str] = ..., periodicity: _Optional[str] = ..., minimum: _Optional[str] = ..., maximum: _Optional[str] = ...) -> None: ...

class IndicatorCatalogue(_message.Message):
    __slots__ = ("version", "indicators")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    INDICATORS_FIELD_NUMBER: _ClassVar[int]
    version: int
    indicators: _containers.RepeatedCompositeFieldContainer[Indicator]
    def __init__(self, version: _Optional[int] = ..., indicators: _Optional[_Iterable[_Union[Indicator, _Mapping]]] = ...) -> None: ...

class ReportFigureRequest(_message.Message):
    __slots__ = ("commune_id", "indicator", "period", "body", "value", "note")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    INDICATOR_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    indicator: str
    period: str
    body: str
    value: str
    note: str
    def __init__(self, commune_id: _Optional[str] = ..., indicator: _Optional[str] = ..., period: _Optional[str] = ..., body: _Optional[str] = ..., value: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class ReportFigureResponse(_message.Message):
    __slots__ = ("commune_id", "indicator", "period", "body", "value", "status", "figure_value", "conflict_id", "catalogue_version")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    INDICATOR_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FIGURE_VALUE_FIELD_NUMBER: _ClassVar[int]
    CONFLICT_ID_FIELD_NUMBER: _ClassVar[int]
    CATALOGUE_VERSION_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    indicator: str
    period: str
    body: str
    value: str
    status: str
    figure_value: str
    conflict_id: str
    catalogue_version: int
    def __init__(self, commune_id: _Optional[str] = ..., indicator: _Optional[str] = ..., period: _Optional[str] = ..., body: _Optional[str] = ..., value: _Optional[str] = ..., status: _Optional[str] = ..., figure_value: _Optional[str] = ..., conflict_id: _Optional[str] = ..., catalogue_version: _Optional[int] = ...) -> None: ...

class ListFiguresRequest(_message.Message):
    __slots__ = ("commune_id", "indicator", "period")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    INDICATOR_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    indicator: str
    period: str
    def __init__(self, commune_id: _Optional[str] = ..., indicator: _Optional[str] = ..., period: _Optional[str] = ...) -> None: ...

class FigureEntry(_message.Message):
    __slots__ = ("kind", "body", "value", "text", "actor", "recorded_at", "conflict_id")
    KIND_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    CONFLICT_ID_FIELD_NUMBER: _ClassVar[int]
    kind: str
    body: str
    value: str
    text: str
    actor: str
    recorded_at: str
    conflict_id: str
    def __init__(self, kind: _Optional[str] = ..., body: _Optional[str] = ..., value: _Optional[str] = ..., text: _Optional[str] = ..., actor: _Optional[str] = ..., recorded_at: _Optional[str] = ..., conflict_id: _Optional[str] = ...) -> None: ...

class Figure(_message.Message):
    __slots__ = ("commune_id", "indicator", "period", "status", "value", "open_conflict_id", "history")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    INDICATOR_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    OPEN_CONFLICT_ID_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    indicator: str
    period: str
    status: str
    value: str
    open_conflict_id: str
    history: _containers.RepeatedCompositeFieldContainer[FigureEntry]
    def __init__(self, commune_id: _Optional[str] = ..., indicator: _Optional[str] = ..., period: _Optional[str] = ..., status: _Optional[str] = ..., value: _Optional[str] = ..., open_conflict_id: _Optional[str] = ..., history: _Optional[_Iterable[_Union[FigureEntry, _Mapping]]] = ...) -> None: ...

class FigureList(_message.Message):
    __slots__ = ("figures",)
    FIGURES_FIELD_NUMBER: _ClassVar[int]
    figures: _containers.RepeatedCompositeFieldContainer[Figure]
    def __init__(self, figures: _Optional[_Iterable[_Union[Figure, _Mapping]]] = ...) -> None: ...

class ListFigureConflictsRequest(_message.Message):
    __slots__ = ("commune_id", "status")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    status: str
    def __init__(self, commune_id: _Optional[str] = ..., status: _Optional[str] = ...) -> None: ...

class BodyValue(_message.Message):
    __slots__ = ("body", "value")
    BODY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    body: str
    value: str
    def __init__(self, body: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...

class FigureConflict(_message.Message):
    __slots__ = ("conflict_id", "commune_id", "indicator", "period", "status", "values", "raised_at", "adopted_body", "adopted_value", "reason")
    CONFLICT_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    INDICATOR_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    RAISED_AT_FIELD_NUMBER: _ClassVar[int]
    ADOPTED_BODY_FIELD_NUMBER: _ClassVar[int]
    ADOPTED_VALUE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    conflict_id: str
    commune_id: str
    indicator: str
    period: str
    status: str
    values: _containers.RepeatedCompositeFieldContainer[BodyValue]
    raised_at: str
    adopted_body: str
    adopted_value: str
    reason: str
    def __init__(self, conflict_id: _Optional[str] = ..., commune_id: _Optional[str] = ..., indicator: _Optional[str] = ..., period: _Optional[str] = ..., status: _Optional[str] = ..., values: _Optional[_Iterable[_Union[BodyValue, _Mapping]]] = ..., raised_at: _Optional[str] = ..., adopted_body: _Optional[str] = ..., adopted_value: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class FigureConflictList(_message.Message):
    __slots__ = ("conflicts",)
    CONFLICTS_FIELD_NUMBER: _ClassVar[int]
    conflicts: _containers.RepeatedCompositeFieldContainer[FigureConflict]
    def __init__(self, conflicts: _Optional[_Iterable[_Union[FigureConflict, _Mapping]]] = ...) -> None: ...

class AdoptFigureRequest(_message.Message):
    __slots__ = ("commune_id", "conflict_id", "body", "reason")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    CONFLICT_ID_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    conflict_id: str
    body: str
    reason: str
    def __init__(self, commune_id: _Optional[str] = ..., conflict_id: _Optional[str] = ..., body: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class AdoptFigureResponse(_message.Message):
    __slots__ = ("commune_id", "conflict_id", "indicator", "period", "body", "value", "reason")
    COMMUNE_ID_FIELD_NUMBER: _ClassVar[int]
    CONFLICT_ID_FIELD_NUMBER: _ClassVar[int]
    INDICATOR_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    commune_id: str
    conflict_id: str
    indicator: str
    period: str
    body: str
    value: str
    reason: str
    def __init__(self, commune_id: _Optional[str] = ..., conflict_id: _Optional[str] = ..., indicator: _Optional[str] = ..., period: _Optional[str] = ..., body: _Optional[str] = ..., value: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...
