"""How the reporting projections turn an envelope into its domain event: once per envelope in a pass.

A rebuild's pass (:func:`~.kafka_replay.replay_together`) hands the same envelope objects to every
projection; within :func:`decoded_once` (around each fetch) a payload is validated once per registry,
whichever projection asks first, and the others get the same (frozen) event. Outside it, each call
decodes. The projections share one registry by default (:func:`contract_registry`), so they share
the decoded events too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from oneoffice.contracts.events import build_registry
from oneoffice.eventcore.envelope import Envelope
from oneoffice.eventcore.events import DomainEvent, EventRegistry

# (registry, envelope) identities -> the envelope (kept: its identity is not reused meanwhile) and its event.
_Decoded = dict[tuple[int, int], tuple[Envelope, DomainEvent]]
_scope: ContextVar[_Decoded | None] = ContextVar("oneoffice_reporting_decoded_once", default=None)


@cache
def contract_registry() -> EventRegistry:
    """One registry of the contract events for the projections of this process (read only)."""
    return build_registry()


@contextmanager
def decoded_once() -> Iterator[None]:
    """Within: each envelope's payload is decoded once per registry (tasks started inside share it)."""
    decoded: _Decoded = {}
    token = _scope.set(decoded)
    try:
        yield
    finally:
        _scope.reset(token)
        # Emptied, not only dropped: a task or callback started inside keeps a copy of the context.
        decoded.clear()


def domain_event(registry: EventRegistry, envelope: Envelope) -> DomainEvent:
    """``envelope``'s domain event, as ``registry`` decodes it (upcast and validated)."""
    decoded = _scope.get()
    if decoded is None:
        return registry.decode(envelope.event_type, envelope.schema_version, envelope.payload)
    key = (id(registry), id(envelope))
    known = decoded.get(key)
    if known is not None and known[0] is envelope:
        return known[1]
    event = registry.decode(envelope.event_type, envelope.schema_version, envelope.payload)
    decoded[key] = (envelope, event)
    return event
