"""The JSON Schema of what Kafka carries: the event envelope, its payload referenced per event type.

A message's value on a service's topic is the canonical JSON of one envelope (see
``oneoffice.eventcore.envelope``): who, when, which stream and commune, the hash chain, the trace
context, and the event's ``payload``. The exported ``envelope.v1.json`` describes those fields once
(``$defs/envelope``) and, for every event type and schema version, a branch fixing ``event_type`` and
``schema_version`` and referencing the payload's own schema file (``events/<type>.v<n>.json``,
relative to the envelope's file). The envelope is ``oneOf`` those branches; the OpenAPI-style
``discriminator`` names ``event_type`` for generators that use it (validators ignore it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from oneoffice.eventcore.events import DomainEvent

from .json_schemas import JSON_SCHEMA_DIALECT, schema_filename

ENVELOPE_VERSION = 1
ENVELOPE_FILENAME = f"envelope.v{ENVELOPE_VERSION}.json"
EVENTS_FOLDER = "events"

_HASH = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
_INSTANT = {
    "type": "string",
    "format": "date-time",
    "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$",
}


def branch_name(cls: type[DomainEvent]) -> str:
    """The ``$defs`` key of one event type and version: ``documents.IncomingDocumentRegistered.v1``."""
    return f"{cls.event_type}.v{cls.schema_version}"


def _fields() -> dict[str, Any]:
    properties: dict[str, Any] = {
        "actor": {"type": "string", "description": "Who asked for the change (a username, or cli:…)."},
        "causation_id": {
            "type": ["string", "null"],
            "description": "The event or command that caused this one, if any.",
        },
        "commune_id": {
            "type": "string",
            "minLength": 1,
            "description": "The commune the event belongs to (its official code); also the message key.",
        },
        "correlation_id": {"type": "string", "description": "The flow (request) the event was recorded in."},
        "event_id": {"type": "string", "format": "uuid", "description": "Unique; a UUID (version 7)."},
        "event_type": {"type": "string", "description": "<service>.<EventName>; selects the payload schema."},
        "occurred_at": {**_INSTANT, "description": "When it happened (UTC, microseconds)."},
        "payload": {"type": "object", "description": "The event itself: see events/<type>.v<n>.json."},
        "prev_hash": {
            **_HASH,
            "description": "SHA-256 (hex) of the commune's previous envelope bytes; 64 zeros for its first.",
        },
        "recorded_at": {**_INSTANT, "description": "When the store recorded it (UTC, microseconds)."},
        "schema_version": {"type": "integer", "minimum": 1, "description": "The payload schema's version."},
        "stream_id": {"type": "string", "minLength": 1, "description": "The aggregate the event belongs to."},
        "stream_version": {"type": "integer", "minimum": 1, "description": "The event's rank in its stream."},
        "trace_context": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "description": "W3C trace context (traceparent, tracestate) of the recording request.",
        },
    }
    return {
        "type": "object",
        "description": (
            "One recorded event as it travels: the message value is the canonical JSON of this object "
            "(keys sorted, no whitespace, UTF-8); its SHA-256 is the event's hash (header oneoffice-hash)."
        ),
        "required": sorted(properties),
        "properties": properties,
        "additionalProperties": False,
    }


def _branch(cls: type[DomainEvent]) -> dict[str, Any]:
    return {
        "title": branch_name(cls),
        "allOf": [{"$ref": "#/$defs/envelope"}],
        "properties": {
            "event_type": {"const": cls.event_type},
            "schema_version": {"const": cls.schema_version},
            "payload": {"$ref": f"{EVENTS_FOLDER}/{schema_filename(cls)}"},
        },
    }


def envelope_json_schema(events: Iterable[type[DomainEvent]]) -> dict[str, Any]:
    """The envelope of any of ``events``, each payload checked against its own exported schema."""
    ordered = sorted(events, key=branch_name)
    latest: dict[str, type[DomainEvent]] = {}
    for cls in ordered:
        if cls.event_type not in latest or cls.schema_version > latest[cls.event_type].schema_version:
            latest[cls.event_type] = cls
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": "OneOffice event envelope",
        "description": (
            "What a OneOffice events topic carries in each message value. No $id: the payload "
            "schemas are referenced relative to this file (events/<type>.v<n>.json)."
        ),
        "x-envelope-version": ENVELOPE_VERSION,
        "oneOf": [{"$ref": f"#/$defs/{branch_name(cls)}"} for cls in ordered],
        "discriminator": {
            "propertyName": "event_type",
            # Each type maps to its newest version; schema_version tells older ones apart.
            "mapping": {event_type: f"#/$defs/{branch_name(cls)}" for event_type, cls in latest.items()},
        },
        "$defs": {"envelope": _fields(), **{branch_name(cls): _branch(cls) for cls in ordered}},
    }
