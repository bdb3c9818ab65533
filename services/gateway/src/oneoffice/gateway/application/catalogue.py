"""Choices the forms offer (bodies, document types, urgencies), with Vietnamese and English labels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Choice:
    code: str
    name_vi: str
    name_en: str

    def label(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_vi


URGENCIES: tuple[Choice, ...] = (
    Choice("NORMAL", "Thường", "Normal"),
    Choice("KHAN", "Khẩn", "Urgent (khẩn)"),
    Choice("THUONG_KHAN", "Thượng khẩn", "Very urgent (thượng khẩn)"),
    Choice("HOA_TOC", "Hỏa tốc", "Immediate (hỏa tốc)"),
)


@dataclass(frozen=True, slots=True)
class FormCatalogue:
    bodies: Sequence[Choice]
    document_types: Sequence[Choice]
    urgencies: Sequence[Choice] = URGENCIES

    def body(self, code: str) -> Choice | None:
        return next((c for c in self.bodies if c.code == code), None)

    def document_type(self, code: str) -> Choice | None:
        return next((c for c in self.document_types if c.code == code), None)

    def urgency(self, code: str) -> Choice | None:
        return next((c for c in self.urgencies if c.code == code), None)
