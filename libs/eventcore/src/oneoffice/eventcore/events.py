"""Domain event base class, the (type, schema version) registry, and upcasters.

Events are frozen pydantic models. Each concrete event class declares its ``event_type`` and
``schema_version``; a registry maps both to the class. Old versions are never edited: a new version
is a new class (or the same class with a bumped version) plus an upcaster that turns the stored
payload of version N into version N+1 when it is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

Payload = dict[str, Any]
Upcaster = Callable[[Payload], Payload]


class DomainEvent(BaseModel):
    """Base of every event: immutable, versioned, serialisable to a JSON payload."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_type: ClassVar[str]
    schema_version: ClassVar[int] = 1

    def to_payload(self) -> Payload:
        return self.model_dump(mode="json")


class UnknownEventType(LookupError):
    """A stored event names a (type, version) that no registered class or upcaster covers."""


class EventRegistry:
    """Maps (event type, schema version) to classes and chains upcasters on read."""

    def __init__(self, classes: Iterable[type[DomainEvent]] = ()) -> None:
        self._classes: dict[tuple[str, int], type[DomainEvent]] = {}
        self._latest: dict[str, int] = {}
        self._upcasters: dict[tuple[str, int], Upcaster] = {}
        for cls in classes:
            self.register(cls)

    def register(self, cls: type[DomainEvent]) -> type[DomainEvent]:
        key = (cls.event_type, cls.schema_version)
        if key in self._classes and self._classes[key] is not cls:
            raise ValueError(f"event {key} is already registered to {self._classes[key].__name__}")
        self._classes[key] = cls
        self._latest[cls.event_type] = max(self._latest.get(cls.event_type, 0), cls.schema_version)
        return cls

    def register_upcaster(self, event_type: str, from_version: int, upcaster: Upcaster) -> None:
        """Register the function that turns a payload of ``from_version`` into ``from_version + 1``."""
        key = (event_type, from_version)
        if key in self._upcasters:
            raise ValueError(f"an upcaster from {key} is already registered")
        self._upcasters[key] = upcaster

    def upcaster(self, event_type: str, from_version: int) -> Callable[[Upcaster], Upcaster]:
        def decorate(fn: Upcaster) -> Upcaster:
            self.register_upcaster(event_type, from_version, fn)
            return fn

        return decorate

    def latest_version(self, event_type: str) -> int:
        try:
            return self._latest[event_type]
        except KeyError:
            raise UnknownEventType(f"no event class registered for type {event_type!r}") from None

    def classes(self) -> Mapping[tuple[str, int], type[DomainEvent]]:
        return dict(self._classes)

    def decode(self, event_type: str, schema_version: int, payload: Payload) -> DomainEvent:
        """Build the newest registered class for ``event_type`` from a payload of any known version."""
        target = self.latest_version(event_type)
        version = schema_version
        data = dict(payload)
        while version < target:
            step = self._upcasters.get((event_type, version))
            if step is None:
                raise UnknownEventType(f"no upcaster from {event_type} v{version} to v{version + 1}")
            data = step(data)
            version += 1
        if version != target:
            raise UnknownEventType(f"{event_type} v{schema_version} is newer than this code (v{target})")
        return self._classes[(event_type, target)].model_validate(data)
