"""May this login be attempted, and what a failed one counts: the port the login form asks.

The login form (``POST /dang-nhap``) asks :meth:`LoginAttempts.retry_after` before it checks a
password and tells :meth:`LoginAttempts.failed` after a wrong one; the rate limits of the token
route plug in here, so guessing a password through the form is slowed the same way. The default
limits nothing.
"""

from __future__ import annotations

from typing import Protocol


class LoginAttempts(Protocol):
    async def retry_after(self, username: str, client: str) -> int | None:
        """Seconds to wait before ``username`` may try again from ``client``; None: try now."""
        ...

    async def failed(self, username: str, client: str) -> None:
        """Count a wrong password for ``username`` from ``client``."""
        ...


class UnlimitedLoginAttempts:
    """Every attempt may go ahead (until the token route's rate limits are plugged in)."""

    async def retry_after(self, username: str, client: str) -> int | None:
        return None

    async def failed(self, username: str, client: str) -> None:
        return None
