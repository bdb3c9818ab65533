"""Events the reporting service publishes on ``oneoffice.reporting.events.v1`` (none yet).

The statistics write side (one figure per indicator, period and commune) will add its events here.
"""

from __future__ import annotations

from oneoffice.eventcore.events import DomainEvent, Upcaster

EVENTS: tuple[type[DomainEvent], ...] = ()
UPCASTERS: tuple[tuple[str, int, Upcaster], ...] = ()
