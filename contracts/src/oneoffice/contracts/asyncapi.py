"""The AsyncAPI 3.0 document of every OneOffice topic, generated from the contracts.

Each publishing service has one events topic (``oneoffice.<service>.events.v1``; a deployment may
prepend a prefix) and its dead-letter topic (``….dlq``). A message on an events topic is keyed by
commune id, its value is one envelope (``envelope.v1.json``, one message per event type and version)
and its headers repeat what a consumer reads without decoding the value.

Generated here rather than by FastStream: the relays publish through aiokafka directly (batches of
raw, already-canonical envelope bytes with their own headers) and the subscriptions consume raw
bytes, so no FastStream publisher or subscriber carries the payload types, headers or keys that
FastStream's generator would need. The contracts hold all of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from oneoffice.eventcore.events import DomainEvent

from .envelope_schema import ENVELOPE_FILENAME, branch_name
from .topics import DEAD_LETTER_SUFFIX, topic_for

ASYNCAPI_VERSION = "3.0.0"
ASYNCAPI_FILENAME = "asyncapi.json"
KAFKA_BINDING_VERSION = "0.5.0"

# The headers the outbox relay writes on every message (oneoffice.eventcore.relay), in this order.
EVENT_HEADERS: dict[str, str] = {
    "oneoffice-position": "The event's position in the publishing service's store (decimal).",
    "oneoffice-epoch": "The store's epoch: changes when a store is replaced, so positions restart.",
    "oneoffice-hash": "SHA-256 (hex) of the message value: the event's link in its commune's chain.",
    "oneoffice-event-id": "The envelope's event_id.",
    "oneoffice-event-type": "The envelope's event_type.",
    "oneoffice-schema-version": "The envelope's schema_version (decimal).",
    "oneoffice-commune-id": "The envelope's commune_id (also the key).",
    "traceparent": "W3C trace context of the publish span, when the event was recorded in a trace.",
    "tracestate": "W3C trace state, with traceparent, when there is one.",
}
REQUIRED_EVENT_HEADERS = list(EVENT_HEADERS)[:7]
# What a consumer adds when it parks a message it could not apply (oneoffice.eventcore.kafka).
DEAD_LETTER_HEADERS: dict[str, str] = {
    "oneoffice-dlq-topic": "The topic the message was consumed from.",
    "oneoffice-dlq-partition": "Its partition (decimal).",
    "oneoffice-dlq-offset": "Its offset (decimal).",
    "oneoffice-dlq-error": "Why it could not be applied (error class and ids only, at most 1000 bytes).",
    "oneoffice-dlq-subscription": "The subscription that gave up on it.",
}

_TEXT = {"type": "string"}


def _headers(described: Mapping[str, str], required: Sequence[str]) -> dict[str, Any]:
    return {
        "type": "object",
        "description": "Kafka record headers; values are UTF-8 text.",
        "properties": {name: {**_TEXT, "description": text} for name, text in described.items()},
        "required": list(required),
    }


def _message_id(cls: type[DomainEvent]) -> str:
    return branch_name(cls).replace(".", "_")


def asyncapi_document(topics: Mapping[str, Sequence[type[DomainEvent]]]) -> dict[str, Any]:
    """The document for ``topics``: each publishing service with the events it publishes."""
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for service, events in sorted(topics.items()):
        topic = topic_for(service)
        event_messages = {}
        for cls in sorted(events, key=branch_name):
            message_id = _message_id(cls)
            messages[message_id] = {
                "name": branch_name(cls),
                "title": f"{cls.event_type} (schema version {cls.schema_version})",
                "contentType": "application/json",
                "headers": {"$ref": "#/components/schemas/EventHeaders"},
                "payload": {"$ref": f"{ENVELOPE_FILENAME}#/$defs/{branch_name(cls)}"},
                "bindings": {"kafka": {"$ref": "#/components/messageBindings/ByCommune"}},
            }
            event_messages[message_id] = {"$ref": f"#/components/messages/{message_id}"}
        channels[service] = {
            "address": topic,
            "title": f"Events of the {service} service",
            "description": (
                f"Every event the {service} service records, in store order per commune (key = commune "
                "id), kept forever so a consumer can rebuild from the first one. A deployment may "
                "prepend a prefix to the address (KAFKA_TOPIC_PREFIX)."
            ),
            "messages": event_messages,
            "bindings": {
                "kafka": {
                    "topic": topic,
                    "topicConfiguration": {"cleanup.policy": ["delete"], "retention.ms": -1},
                    "bindingVersion": KAFKA_BINDING_VERSION,
                }
            },
        }
        channels[f"{service}DeadLetters"] = {
            "address": f"{topic}{DEAD_LETTER_SUFFIX}",
            "title": f"Dead letters of the {service} events topic",
            "description": (
                f"Messages of {topic} that a consumer could not apply after its bounded retries, "
                "value unchanged, with where they came from and why in their headers."
            ),
            "messages": {"DeadLetter": {"$ref": "#/components/messages/DeadLetter"}},
            "bindings": {
                "kafka": {
                    "topic": f"{topic}{DEAD_LETTER_SUFFIX}",
                    "topicConfiguration": {"cleanup.policy": ["delete"], "retention.ms": -1},
                    "bindingVersion": KAFKA_BINDING_VERSION,
                }
            },
        }
        operations[f"{service}Publishes"] = {
            "action": "send",
            "title": f"The {service} service's outbox relay publishes its recorded events",
            "channel": {"$ref": f"#/channels/{service}"},
            "messages": [{"$ref": f"#/channels/{service}/messages/{m}"} for m in event_messages],
        }
        operations[f"{service}EventsReceived"] = {
            "action": "receive",
            "title": f"A consumer follows the {service} events (its own consumer group)",
            "channel": {"$ref": f"#/channels/{service}"},
            "messages": [{"$ref": f"#/channels/{service}/messages/{m}"} for m in event_messages],
        }
        operations[f"{service}DeadLettered"] = {
            "action": "send",
            "title": f"A consumer of the {service} events parks a message it cannot apply",
            "channel": {"$ref": f"#/channels/{service}DeadLetters"},
            "messages": [{"$ref": f"#/channels/{service}DeadLetters/messages/DeadLetter"}],
        }
    messages["DeadLetter"] = {
        "name": "DeadLetter",
        "title": "A message a consumer could not apply",
        "summary": "The consumed value, unchanged: normally an envelope, possibly not even JSON. No key.",
        "contentType": "application/json",
        "headers": {"$ref": "#/components/schemas/DeadLetterHeaders"},
        "payload": {"$ref": ENVELOPE_FILENAME},
    }
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "info": {
            "title": "OneOffice events",
            "version": "1.0.0",
            "description": (
                "The Kafka topics of OneOffice: one per publishing service and a dead-letter topic for "
                "each. Message values are event envelopes (envelope.v1.json) whose payloads are "
                "described per event type in events/<type>.v<n>.json."
            ),
        },
        "defaultContentType": "application/json",
        "channels": channels,
        "operations": operations,
        "components": {
            "messages": messages,
            "schemas": {
                "EventHeaders": _headers(EVENT_HEADERS, REQUIRED_EVENT_HEADERS),
                "DeadLetterHeaders": _headers(DEAD_LETTER_HEADERS, list(DEAD_LETTER_HEADERS)),
            },
            "messageBindings": {
                "ByCommune": {
                    "key": {"type": "string", "description": "The commune id (the envelope's commune_id)."},
                    "bindingVersion": KAFKA_BINDING_VERSION,
                }
            },
        },
    }
