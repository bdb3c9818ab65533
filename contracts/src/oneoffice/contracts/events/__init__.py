"""Every event a service publishes, and the registry that decodes them.

One module per publishing service lists its ``EVENTS`` and the ``UPCASTERS`` of their older
versions. Events are never edited: a change is a new schema version plus an upcaster from the
previous one, registered here through the module's ``UPCASTERS``.
"""

from __future__ import annotations

from oneoffice.contracts.events import documents, reporting, staff
from oneoffice.eventcore.events import DomainEvent, EventRegistry

ALL_EVENTS: tuple[type[DomainEvent], ...] = (*documents.EVENTS, *staff.EVENTS, *reporting.EVENTS)

_UPCASTERS = (*documents.UPCASTERS, *staff.UPCASTERS, *reporting.UPCASTERS)


def build_registry() -> EventRegistry:
    """A fresh registry holding every contract event and upcaster (services may add their own)."""
    registry = EventRegistry(ALL_EVENTS)
    for event_type, from_version, upcast in _UPCASTERS:
        registry.register_upcaster(event_type, from_version, upcast)
    return registry


__all__ = ["ALL_EVENTS", "build_registry"]
