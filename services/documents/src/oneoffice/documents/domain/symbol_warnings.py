"""What the symbol parser tells the clerk about a symbol it kept, in Vietnamese and English.

Warnings never refuse: a symbol of an unknown shape is kept exactly as written.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SymbolWarning:
    code: str
    message_vi: str
    message_en: str


def empty() -> SymbolWarning:
    return SymbolWarning("empty_symbol", "Chưa nhập số, ký hiệu văn bản.", "The number and symbol are empty.")


def unknown_shape(text: str) -> SymbolWarning:
    return SymbolWarning(
        "unknown_shape",
        f"Không nhận dạng được số, ký hiệu «{text}» theo mẫu của Nhà nước (05/QĐ-UBND) hay của Đảng "
        "(15-NQ/ĐU); giữ nguyên như đã nhập.",
        f"{text!r} has neither the State shape (05/QĐ-UBND) nor the Party shape (15-NQ/ĐU); kept as written.",
    )


def unknown_type(abbr: str) -> SymbolWarning:
    return SymbolWarning(
        "unknown_type",
        f"Chữ viết tắt loại văn bản «{abbr}» không có trong danh mục loại văn bản.",
        f"The type abbreviation {abbr!r} is not in the catalogue of document types.",
    )


def type_of_other_family(abbr: str, family: str) -> SymbolWarning:
    vi_family = "Nhà nước" if family == "state" else "Đảng"
    return SymbolWarning(
        "type_of_other_family",
        f"Loại văn bản «{abbr}» không thuộc hệ thống văn bản của {vi_family} theo danh mục.",
        f"The catalogue does not list the type {abbr!r} for the {family} family.",
    )


def type_without_diacritics(written: str, abbr: str) -> SymbolWarning:
    return SymbolWarning(
        "type_without_diacritics",
        f"Chữ viết tắt «{written}» được hiểu là «{abbr}» (viết thiếu dấu).",
        f"{written!r} was read as {abbr!r} (written without diacritics).",
    )
