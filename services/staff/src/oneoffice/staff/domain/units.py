"""Administrative units as values: their kinds, codes (official or synthetic) and names.

A unit's code identifies it for its whole life (a rename keeps it). Units without a published code
(most of those that ceased before 2025) get a synthetic one derived from their name and their
parent's name, so seeding twice gives the same code: ``TD-HOA-BINH`` is thị trấn Hòa Bình of
Tương Dương. Synthetic codes are marked as such wherever a unit is shown.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from .unit_errors import InvalidReorganisation

UNIT_CODE = re.compile(r"[0-9A-Za-z_-]{1,32}")
MAX_NAME = 200
MAX_NOTE = 2000


class UnitKind(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"  # xã
    WARD = "ward"  # phường
    TOWNSHIP = "township"  # thị trấn

    @property
    def rank(self) -> int:
        """Provinces above districts above the commune level (a parent always ranks higher)."""
        return {UnitKind.PROVINCE: 0, UnitKind.DISTRICT: 1}.get(self, 2)

    @property
    def is_commune_level(self) -> bool:
        return self.rank == 2

    @property
    def label_vi(self) -> str:
        return KIND_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return KIND_LABELS[self][1]


KIND_LABELS: dict[UnitKind, tuple[str, str]] = {
    UnitKind.PROVINCE: ("tỉnh", "province"),
    UnitKind.DISTRICT: ("huyện", "district"),
    UnitKind.COMMUNE: ("xã", "commune"),
    UnitKind.WARD: ("phường", "ward"),
    UnitKind.TOWNSHIP: ("thị trấn", "township"),
}


def check_kind(kind: str) -> UnitKind:
    try:
        return UnitKind(kind)
    except ValueError:
        allowed = ", ".join(k.value for k in UnitKind)
        raise InvalidReorganisation(
            "invalid_unit_kind",
            f"Loại đơn vị '{kind}' không có (chọn: {allowed}).",
            f"Unknown unit kind '{kind}' (one of: {allowed}).",
        ) from None


def check_code(code: str) -> str:
    if not UNIT_CODE.fullmatch(code):
        raise InvalidReorganisation(
            "invalid_unit_code",
            "Mã đơn vị hành chính không hợp lệ (chữ, số, '-' hoặc '_', tối đa 32 ký tự).",
            "Invalid administrative unit code (letters, digits, '-' or '_', at most 32 characters).",
        )
    return code


def check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME:
        raise InvalidReorganisation(
            "invalid_unit_name",
            f"Tên đơn vị không được để trống và tối đa {MAX_NAME} ký tự.",
            f"A unit's name must be 1 to {MAX_NAME} characters.",
        )
    return name


def check_note(note: str) -> str:
    if len(note) > MAX_NOTE:
        raise InvalidReorganisation(
            "invalid_note",
            f"Ghi chú tối đa {MAX_NOTE} ký tự.",
            f"A note has at most {MAX_NOTE} characters.",
        )
    return note.strip()


def ascii_fold(text: str) -> str:
    """Vietnamese without its marks: 'Tương Dương' → 'Tuong Duong' (đ is a letter, not a mark)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def synthetic_code(name: str, parent_name: str) -> str:
    """``<initials of the parent>-<NAME>``, e.g. ('Hòa Bình', 'Tương Dương') → 'TD-HOA-BINH'."""
    initials = "".join(word[0] for word in ascii_fold(parent_name).upper().split() if word[0].isalnum())
    slug = re.sub(r"[^0-9A-Z]+", "-", ascii_fold(name).upper()).strip("-")
    prefix = f"{initials or 'X'}-"
    return prefix + slug[: 32 - len(prefix)].rstrip("-")


@dataclass(frozen=True, slots=True)
class NewUnit:
    """A unit a reorganisation brings into being (by establishment, merger or split)."""

    code: str
    name: str
    kind: UnitKind
    parent: str | None
    synthetic: bool = False
    bodies: tuple[str, ...] = ()
