from __future__ import annotations

from typing import ClassVar

import pytest

from oneoffice.eventcore.events import DomainEvent, EventRegistry, Payload, UnknownEventType

# Test-local history of one event: v1 had one `name`, v2 split it, v3 added `language`.


class GreetedV1(DomainEvent):
    event_type: ClassVar[str] = "test.Greeted"
    schema_version: ClassVar[int] = 1
    name: str


class GreetedV2(DomainEvent):
    event_type: ClassVar[str] = "test.Greeted"
    schema_version: ClassVar[int] = 2
    given_name: str
    family_name: str


class Greeted(DomainEvent):
    event_type: ClassVar[str] = "test.Greeted"
    schema_version: ClassVar[int] = 3
    given_name: str
    family_name: str
    language: str


def split_name(payload: Payload) -> Payload:
    family, _, given = payload.pop("name").partition(" ")
    return {**payload, "given_name": given, "family_name": family}


def add_language(payload: Payload) -> Payload:
    return {**payload, "language": "vi"}


def registry_with_history() -> EventRegistry:
    registry = EventRegistry([GreetedV1, GreetedV2, Greeted])
    registry.register_upcaster("test.Greeted", 1, split_name)
    registry.register_upcaster("test.Greeted", 2, add_language)
    return registry


def test_old_payload_is_upcast_to_latest_version() -> None:
    event = registry_with_history().decode("test.Greeted", 1, {"name": "Nguyễn Văn An"})

    assert event == Greeted(given_name="Văn An", family_name="Nguyễn", language="vi")


def test_middle_version_payload_runs_only_the_remaining_upcasters() -> None:
    event = registry_with_history().decode("test.Greeted", 2, {"given_name": "An", "family_name": "Lê"})

    assert event == Greeted(given_name="An", family_name="Lê", language="vi")


def test_latest_version_payload_is_decoded_as_is() -> None:
    payload = {"given_name": "An", "family_name": "Lê", "language": "en"}

    assert registry_with_history().decode("test.Greeted", 3, payload) == Greeted(**payload)


def test_latest_version_is_the_highest_registered_whatever_the_order() -> None:
    registry = EventRegistry([Greeted, GreetedV1])

    assert registry.latest_version("test.Greeted") == 3


def test_decoding_leaves_the_stored_payload_untouched() -> None:
    payload = {"name": "Nguyễn Văn An"}

    registry_with_history().decode("test.Greeted", 1, payload)

    assert payload == {"name": "Nguyễn Văn An"}


def test_upcaster_decorator_registers_the_function() -> None:
    registry = EventRegistry([Greeted])

    @registry.upcaster("test.Greeted", 2)
    def to_v3(payload: Payload) -> Payload:
        return {**payload, "language": "fr"}

    event = registry.decode("test.Greeted", 2, {"given_name": "An", "family_name": "Lê"})
    assert event == Greeted(given_name="An", family_name="Lê", language="fr")


def test_gap_in_the_upcaster_chain_raises_unknown_event_type() -> None:
    registry = EventRegistry([Greeted])
    registry.register_upcaster("test.Greeted", 2, add_language)

    with pytest.raises(UnknownEventType, match=r"no upcaster from test\.Greeted v1"):
        registry.decode("test.Greeted", 1, {"name": "Nguyễn Văn An"})


def test_unknown_event_type_raises() -> None:
    with pytest.raises(UnknownEventType):
        registry_with_history().decode("test.NeverRegistered", 1, {})


def test_unknown_event_type_has_no_latest_version() -> None:
    with pytest.raises(UnknownEventType):
        EventRegistry().latest_version("test.NeverRegistered")


def test_payload_newer_than_the_code_raises() -> None:
    with pytest.raises(UnknownEventType, match="newer than this code"):
        registry_with_history().decode("test.Greeted", 4, {"given_name": "An"})


def test_second_class_for_the_same_type_and_version_raises() -> None:
    class GreetedAgain(DomainEvent):
        event_type: ClassVar[str] = "test.Greeted"
        schema_version: ClassVar[int] = 3
        other: str

    registry = registry_with_history()

    with pytest.raises(ValueError, match="already registered"):
        registry.register(GreetedAgain)


def test_registering_the_same_class_twice_is_harmless() -> None:
    registry = EventRegistry([Greeted])

    registry.register(Greeted)

    assert registry.classes() == {("test.Greeted", 3): Greeted}


def test_second_upcaster_from_the_same_version_raises() -> None:
    registry = registry_with_history()

    with pytest.raises(ValueError, match="already registered"):
        registry.register_upcaster("test.Greeted", 1, split_name)
