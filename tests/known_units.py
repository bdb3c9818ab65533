"""A hand-written ``UnitDirectory`` for tests: the units it is told of, each with its lifetime."""

from __future__ import annotations

from datetime import date

from oneoffice.documents.application.unit_directory import UnitLifetime

# The communes the tests register documents for (Tương Dương's 2025 communes, and others tests use).
TEST_COMMUNES = ("16876", "16882", "16885", "16903", "16906", "16909", "16912", "16933", "16936")


class KnownUnits:
    """Knows ``lifetimes``; ``KnownUnits.of(code, ...)`` knows codes that exist on every day."""

    def __init__(self, *lifetimes: UnitLifetime) -> None:
        self._lifetimes = {lifetime.code: lifetime for lifetime in lifetimes}
        self.asked: list[tuple[str, date]] = []

    @classmethod
    def of(cls, *codes: str) -> KnownUnits:
        return cls(*(UnitLifetime(code, date.min) for code in codes))

    @classmethod
    def test_communes(cls) -> KnownUnits:
        return cls.of(*TEST_COMMUNES)

    async def exists_on(self, code: str, day: date) -> bool:
        self.asked.append((code, day))
        lifetime = self._lifetimes.get(code)
        return lifetime is not None and lifetime.exists_on(day)

    async def knows_any(self) -> bool:
        return bool(self._lifetimes)
