from __future__ import annotations

import json
from datetime import date
from typing import ClassVar

import pytest
from pydantic import ValidationError

from oneoffice.contracts import topics
from oneoffice.contracts.events import ALL_EVENTS, build_registry, documents, reporting, staff
from oneoffice.contracts.events.documents import IncomingDocumentRegistered
from oneoffice.eventcore.events import DomainEvent

from .samples import SAMPLES

EVENT_IDS = [cls.event_type for cls in ALL_EVENTS]


def test_every_contract_event_has_a_sample() -> None:
    assert set(SAMPLES) == set(ALL_EVENTS)


def test_every_service_module_contributes_its_events() -> None:
    assert ALL_EVENTS == (*documents.EVENTS, *staff.EVENTS, *reporting.EVENTS)
    assert len(set(ALL_EVENTS)) == len(ALL_EVENTS)


@pytest.mark.parametrize("cls", ALL_EVENTS, ids=EVENT_IDS)
def test_event_type_names_the_publishing_service_and_the_class(cls: type[DomainEvent]) -> None:
    service, name = cls.event_type.split(".")
    assert cls.__module__ == f"oneoffice.contracts.events.{service}"
    assert name == cls.__name__
    assert topics.topic_for(service) == f"oneoffice.{service}.events.v1"


@pytest.mark.parametrize("cls", ALL_EVENTS, ids=EVENT_IDS)
def test_event_is_frozen(cls: type[DomainEvent]) -> None:
    event = SAMPLES[cls]
    field = next(iter(cls.model_fields))
    with pytest.raises(ValidationError):
        setattr(event, field, getattr(event, field))


@pytest.mark.parametrize("cls", ALL_EVENTS, ids=EVENT_IDS)
def test_event_round_trips_through_the_registry(cls: type[DomainEvent]) -> None:
    event = SAMPLES[cls]
    payload = json.loads(json.dumps(event.to_payload()))  # exactly what the store keeps

    decoded = build_registry().decode(cls.event_type, cls.schema_version, payload)

    assert type(decoded) is cls
    assert decoded == event


@pytest.mark.parametrize("cls", ALL_EVENTS, ids=EVENT_IDS)
def test_unknown_payload_field_is_rejected(cls: type[DomainEvent]) -> None:
    payload = {**SAMPLES[cls].to_payload(), "unexpected": 1}
    with pytest.raises(ValidationError):
        cls.model_validate(payload)


def test_registry_holds_every_contract_event_at_its_version() -> None:
    registry = build_registry()
    assert set(registry.classes()) == {(cls.event_type, cls.schema_version) for cls in ALL_EVENTS}


def test_each_build_gives_an_independent_registry() -> None:
    class Extra(DomainEvent):
        event_type: ClassVar[str] = "documents.ExtraForTest"

    first = build_registry()
    first.register(Extra)
    assert ("documents.ExtraForTest", 1) not in build_registry().classes()


def test_incoming_document_payload_uses_iso_dates() -> None:
    payload = SAMPLES[IncomingDocumentRegistered].to_payload()
    assert payload["document_date"] == "2025-07-02"
    assert payload["received_date"] == "2025-07-04"
    assert payload["duplicate_of"] is None


def test_incoming_number_starts_at_one() -> None:
    payload = {**SAMPLES[IncomingDocumentRegistered].to_payload(), "incoming_number": 0}
    with pytest.raises(ValidationError):
        IncomingDocumentRegistered.model_validate(payload)


def test_urgency_outside_the_legal_levels_is_rejected() -> None:
    payload = {**SAMPLES[IncomingDocumentRegistered].to_payload(), "urgency": "URGENT"}
    with pytest.raises(ValidationError):
        IncomingDocumentRegistered.model_validate(payload)


def test_duplicate_of_defaults_to_none_when_absent() -> None:
    payload = SAMPLES[IncomingDocumentRegistered].to_payload()
    del payload["duplicate_of"]
    event = IncomingDocumentRegistered.model_validate(payload)
    assert event.duplicate_of is None
    assert event.document_date == date(2025, 7, 2)
