"""Errors of the event store get the same gRPC answer in every service."""

from __future__ import annotations

from typing import Any

import grpc
import pytest
from sqlalchemy.exc import OperationalError

from oneoffice.eventcore.errors import EventTooLarge
from oneoffice.eventcore.grpc_errors import abort_for_store_error, ascii_text

LATER_VI = "Tạm thời không được"


class Aborted(Exception):
    pass


class RecordingContext:
    """What a gRPC servicer context's ``abort`` was called with (it raises, as the real one does)."""

    def __init__(self) -> None:
        self.calls: list[tuple[grpc.StatusCode, str, tuple[tuple[str, str], ...]]] = []

    async def abort(self, code: grpc.StatusCode, details: str, metadata: Any) -> None:
        self.calls.append((code, details, tuple(metadata)))
        raise Aborted


async def _answer(exc: BaseException) -> RecordingContext:
    context = RecordingContext()
    try:
        await abort_for_store_error(
            context, exc, unavailable_vi="Tạm thời không được", unavailable_en="Later"
        )
    except Aborted:
        pass
    return context


async def test_an_event_the_store_refuses_is_invalid_argument_with_both_languages() -> None:
    context = await _answer(EventTooLarge(2_000_000, 1_000_000))

    [(code, details, metadata)] = context.calls
    assert code is grpc.StatusCode.INVALID_ARGUMENT
    assert details  # Vietnamese
    assert dict(metadata)["error-code"] == "event_too_large"
    assert dict(metadata)["message-en"].isascii()


async def test_a_database_that_is_away_is_unavailable() -> None:
    context = await _answer(OperationalError("SELECT 1", {}, ConnectionRefusedError()))

    [(code, details, metadata)] = context.calls
    assert code is grpc.StatusCode.UNAVAILABLE
    assert details == LATER_VI
    assert dict(metadata) == {"message-en": "Later", "error-code": "unavailable"}


@pytest.mark.parametrize("exc", [ValueError("a bug"), KeyError("k")])
async def test_other_errors_are_left_to_the_caller(exc: Exception) -> None:
    assert (await _answer(exc)).calls == []


def test_metadata_text_is_made_ascii() -> None:
    assert ascii_text("Văn thư") == "V\\u0103n th\\u01b0"


def test_metadata_text_escapes_ascii_controls_too() -> None:
    # grpc refuses to send a metadata value holding a tab: the call would end INTERNAL, unanswered.
    assert ascii_text("Unknown role: \t\n\x7f.") == "Unknown role: \\x09\\x0a\\x7f."
