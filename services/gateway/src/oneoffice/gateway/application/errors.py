"""What can go wrong behind the gateway, typed once by the adapters and mapped once at the HTTP edge."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldViolation:
    """One input a service refused; ``field`` as the service names it (None: the whole request)."""

    field: str | None
    code: str
    message_vi: str
    message_en: str


class ServiceError(Exception):
    """A call to a service failed; messages in Vietnamese and English."""

    def __init__(self, service: str, message_vi: str, message_en: str) -> None:
        super().__init__(message_en)
        self.service = service
        self.message_vi = message_vi
        self.message_en = message_en

    def message(self, language: str) -> str:
        return self.message_en if language == "en" else self.message_vi


class InvalidRequest(ServiceError):
    def __init__(
        self, service: str, message_vi: str, message_en: str, violations: Sequence[FieldViolation] = ()
    ) -> None:
        super().__init__(service, message_vi, message_en)
        self.violations = tuple(violations)


class UnsupportedContent(InvalidRequest):
    """A file whose content is not of an accepted type (HTTP 415)."""


class ContentTooLarge(InvalidRequest):
    """A file larger than the service accepts (HTTP 413)."""


class NotFound(ServiceError):
    pass


class Forbidden(ServiceError):
    """The caller's roles or scope do not allow the action (the gateway's check or a service's)."""


class Conflict(ServiceError):
    """The service's data moved on meanwhile; the same request may succeed if retried."""


class Unavailable(ServiceError):
    """The service did not answer (down, overloaded or too slow)."""


class NotImplementedByService(ServiceError):
    """The service runs but does not offer this operation (yet): an older version is deployed."""


class BackendFailure(ServiceError):
    """The service answered with an error it should not have (a bug to look at, not the user's)."""
