"""Password hashing: argon2 through pwdlib (as the FastAPI full-stack template does)."""

from __future__ import annotations

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher


class Argon2Passwords:
    def __init__(self, hasher: Argon2Hasher | None = None) -> None:
        self._hash = PasswordHash((hasher or Argon2Hasher(),))
        # Verified against when the username is unknown, so both answers take as long.
        self._dummy = self._hash.hash("oneoffice-dummy-password")

    def hash(self, password: str) -> str:
        return self._hash.hash(password)

    def verify(self, password: str, password_hash: str) -> bool:
        return self._hash.verify(password, password_hash)

    def dummy_verify(self) -> None:
        self._hash.verify("not-the-dummy-password", self._dummy)
