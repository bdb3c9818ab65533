"""The JSON Schema of each event, as exported to ``contracts/schemas/events`` for non-Python readers.

Files are named ``<event_type>.v<schema_version>.json`` and identified by a URN (never a URL, so
nothing tries to fetch them): ``urn:oneoffice:event:<event_type>:v<schema_version>``.
"""

from __future__ import annotations

import json
from typing import Any

from oneoffice.eventcore.events import DomainEvent

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_id(cls: type[DomainEvent]) -> str:
    return f"urn:oneoffice:event:{cls.event_type}:v{cls.schema_version}"


def schema_filename(cls: type[DomainEvent]) -> str:
    return f"{cls.event_type}.v{cls.schema_version}.json"


def event_json_schema(cls: type[DomainEvent]) -> dict[str, Any]:
    """What a payload of this event type and version must look like to be accepted."""
    schema = cls.model_json_schema(mode="validation")
    schema.update(
        {
            "$schema": JSON_SCHEMA_DIALECT,
            "$id": schema_id(cls),
            "x-event-type": cls.event_type,
            "x-schema-version": cls.schema_version,
        }
    )
    return schema


def render(cls: type[DomainEvent]) -> str:
    """The exact text of the exported file: pretty, sorted keys, UTF-8 kept, trailing newline."""
    return json.dumps(event_json_schema(cls), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
