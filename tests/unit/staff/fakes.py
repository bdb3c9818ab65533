"""Hand-written fakes of the staff service's ports."""

from __future__ import annotations


class PlainPasswords:
    """A reversible 'hash' (unit tests need no argon2 time); counts the verifications."""

    def __init__(self) -> None:
        self.verifications = 0

    def hash(self, password: str) -> str:
        return f"plain${password}"

    def verify(self, password: str, password_hash: str) -> bool:
        self.verifications += 1
        return password_hash == f"plain${password}"

    def dummy_verify(self) -> None:
        self.verifications += 1
