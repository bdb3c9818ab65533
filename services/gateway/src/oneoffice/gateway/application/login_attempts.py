"""May this login be attempted, and did it fail: the port the login form asks.

The login form (``POST /dang-nhap``) calls :meth:`LoginAttempts.begin` before it checks a password
and :meth:`LoginAttempts.end` after; the gateway gives it the token route's
:class:`~.login_throttle.LoginThrottle`, so guessing a password is slowed the same way, with the
same counters, through the form and through the API.
"""

from __future__ import annotations

from typing import Protocol


class LoginAttempts(Protocol):
    async def begin(self, username: str, client: str) -> int | None:
        """Seconds to wait before ``username`` may try again from ``client``; None: the attempt
        goes ahead now, and :meth:`end` must follow."""
        ...

    async def end(self, username: str, client: str, *, failed: bool) -> None:
        """The attempt is over; ``failed`` counts a wrong password (or a disabled account)."""
        ...


class UnlimitedLoginAttempts:
    """Every attempt may go ahead (tests that are not about rate limits)."""

    async def begin(self, username: str, client: str) -> int | None:
        return None

    async def end(self, username: str, client: str, *, failed: bool) -> None:
        return None
