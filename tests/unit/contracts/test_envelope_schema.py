"""What Kafka carries is described for other languages: the envelope's schema and an AsyncAPI document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from oneoffice.contracts.asyncapi import DEAD_LETTER_HEADERS, EVENT_HEADERS
from oneoffice.contracts.events import ALL_EVENTS, documents, reporting, staff
from oneoffice.contracts.topics import dead_letter_topic, topic_for
from oneoffice.eventcore import relay
from oneoffice.eventcore.append_plan import new_event_ids
from oneoffice.eventcore.envelope import GENESIS_HASH, EnvelopeWriter, Metadata
from oneoffice.eventcore.events import DomainEvent

from .samples import SAMPLES

SCHEMAS = Path(__file__).resolve().parents[3] / "contracts" / "schemas"
EVENT_IDS = [cls.event_type for cls in ALL_EVENTS]


def _load(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _envelope_validator() -> Draft202012Validator:
    """The committed envelope schema, resolving its relative references to the committed files."""
    base = SCHEMAS.as_uri() + "/"
    resources = []
    for path in sorted((SCHEMAS / "events").glob("*.json")):
        resource = Resource.from_contents(_load(path))
        # By the file (the envelope's relative $ref) and by the schema's own $id (its inner $refs).
        resources += [(f"{base}events/{path.name}", resource), (resource.id() or path.name, resource)]
    envelope = Resource.from_contents(_load(SCHEMAS / "envelope.v1.json"))
    registry = Registry().with_resources([(f"{base}envelope.v1.json", envelope), *resources])
    schema = {"$ref": f"{base}envelope.v1.json"}
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    Draft202012Validator.check_schema(_load(SCHEMAS / "envelope.v1.json"))
    return _envelope_validator()


def _envelope(event: DomainEvent, **changes: Any) -> dict[str, Any]:
    """The envelope the store writes for ``event`` (the very bytes a relay publishes), decoded."""
    writer = EnvelopeWriter(
        stream_id="incoming-16876-2025-1",
        commune_id="16876",
        occurred_at="2025-07-01T08:00:00.000000Z",
        recorded_at="2025-07-01T08:00:00.123456Z",
        metadata=Metadata(
            actor="vanthu-16876",
            correlation_id="c0ffee",
            trace_context={"traceparent": "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"},
        ),
    )
    data = writer.write(
        event_id=new_event_ids(1)[0],
        event_type=event.event_type,
        schema_version=event.schema_version,
        stream_version=1,
        payload=event.to_payload(),
        prev_hash=GENESIS_HASH,
    )
    envelope: dict[str, Any] = json.loads(data)
    envelope.update(changes)
    return envelope


@pytest.mark.parametrize("cls", ALL_EVENTS, ids=EVENT_IDS)
def test_every_sample_event_s_envelope_validates_against_the_envelope_schema(
    validator: Draft202012Validator, cls: type[DomainEvent]
) -> None:
    validator.validate(_envelope(SAMPLES[cls]))


def test_an_envelope_whose_payload_does_not_fit_its_event_type_is_invalid(
    validator: Draft202012Validator,
) -> None:
    first, second = documents.EVENTS[0], staff.EVENTS[0]
    envelope = _envelope(SAMPLES[first], payload={**SAMPLES[first].to_payload(), "unexpected": 1})

    assert not validator.is_valid(envelope)
    assert not validator.is_valid(_envelope(SAMPLES[first], event_type=second.event_type))


def test_an_unknown_event_type_or_a_missing_field_is_invalid(validator: Draft202012Validator) -> None:
    sample = SAMPLES[ALL_EVENTS[0]]
    missing = _envelope(sample)
    del missing["prev_hash"]

    assert not validator.is_valid(_envelope(sample, event_type="documents.NoSuchEvent"))
    assert not validator.is_valid(_envelope(sample, schema_version=99))
    assert not validator.is_valid(missing)
    assert not validator.is_valid(_envelope(sample, occurred_at="1 July 2025"))


def test_the_envelope_schema_has_one_branch_per_event_type_referencing_its_payload_file() -> None:
    schema = _load(SCHEMAS / "envelope.v1.json")

    branches = {ref["$ref"].removeprefix("#/$defs/") for ref in schema["oneOf"]}
    assert branches == {f"{cls.event_type}.v{cls.schema_version}" for cls in ALL_EVENTS}
    for name in branches:
        payload_ref = schema["$defs"][name]["properties"]["payload"]["$ref"]
        assert (SCHEMAS / payload_ref).is_file(), payload_ref
    assert schema["discriminator"]["propertyName"] == "event_type"


def test_the_envelope_schema_names_every_field_the_store_writes() -> None:
    fields = _load(SCHEMAS / "envelope.v1.json")["$defs"]["envelope"]["required"]

    assert sorted(fields) == sorted(_envelope(SAMPLES[ALL_EVENTS[0]]))


def test_asyncapi_describes_every_topic_and_its_dead_letters_with_the_relay_s_headers() -> None:
    document = _load(SCHEMAS / "asyncapi.json")

    addresses = {channel["address"] for channel in document["channels"].values()}
    services = {"documents": documents.EVENTS, "staff": staff.EVENTS, "reporting": reporting.EVENTS}
    assert addresses == {t for s in services for t in (topic_for(s), dead_letter_topic(topic_for(s)))}
    for service, events in services.items():
        messages = document["channels"][service]["messages"]
        assert len(messages) == len(events)
    headers = document["components"]["schemas"]["EventHeaders"]["properties"]
    assert set(headers) == set(EVENT_HEADERS)
    dead_letter_headers = document["components"]["schemas"]["DeadLetterHeaders"]["properties"]
    assert set(dead_letter_headers) == set(DEAD_LETTER_HEADERS)
    assert document["components"]["messageBindings"]["ByCommune"]["key"]["type"] == "string"


def test_the_described_headers_are_the_ones_the_relay_writes_in_its_order() -> None:
    relay_headers = [
        relay.POSITION_HEADER,
        relay.EPOCH_HEADER,
        relay.HASH_HEADER,
        relay.EVENT_ID_HEADER,
        relay.EVENT_TYPE_HEADER,
        relay.SCHEMA_VERSION_HEADER,
        relay.COMMUNE_HEADER,
    ]
    assert list(EVENT_HEADERS)[: len(relay_headers)] == relay_headers


def test_asyncapi_message_payloads_point_at_envelope_branches_that_exist() -> None:
    document = _load(SCHEMAS / "asyncapi.json")
    envelope = _load(SCHEMAS / "envelope.v1.json")

    for message in document["components"]["messages"].values():
        ref = message["payload"]["$ref"]
        file, _, pointer = ref.partition("#")
        assert file == "envelope.v1.json"
        if pointer:
            assert pointer.removeprefix("/$defs/") in envelope["$defs"]
