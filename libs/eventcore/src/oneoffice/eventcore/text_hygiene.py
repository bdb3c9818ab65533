"""The one rule for the text every edge accepts: no control characters, no bidirectional overrides.

Why refuse rather than store: PostgreSQL cannot hold U+0000 in a text column, so an event carrying
a NUL would become a dead letter in every read model; the other C0 controls and DEL garble
registers, logs and exports; bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069)
make a text read differently from what it holds (the "Trojan Source" trick, CVE-2021-42574); a lone
UTF-16 surrogate (U+D800–U+DFFF, which a JSON ``\ud800`` escape can carry) is no character at all and
cannot be encoded as UTF-8, so no protobuf message, database or log could hold it.

Allowed: tab (U+0009), line feed (U+000A), and carriage return (U+000D) only right before a line
feed. Browsers send a textarea's line breaks as CRLF, so a multi-line summary typed in a form stays
acceptable; a carriage return on its own is refused like any other control character. Everything
else passes untouched, Vietnamese in NFC or NFD alike: the rule refuses, it never rewrites.
The gateway (JSON API, web forms) and every gRPC service apply this same rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

CODE = "forbidden_character"
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]|\r(?!\n)")


@dataclass(frozen=True, slots=True)
class ForbiddenCharacter:
    """The first character of a text the rule refuses, and where it is (``position`` counts from 1)."""

    character: str
    position: int

    @property
    def code_point(self) -> str:
        return f"U+{ord(self.character):04X}"

    @property
    def is_bidirectional(self) -> bool:
        return _BIDI.fullmatch(self.character) is not None

    @property
    def is_surrogate(self) -> bool:
        return _SURROGATE.fullmatch(self.character) is not None

    def message_vi(self, field: str | None = None) -> str:
        kind = (
            "nửa cặp thay thế UTF-16 đơn lẻ"
            if self.is_surrogate
            else "ký tự điều khiển hướng chữ"
            if self.is_bidirectional
            else "ký tự điều khiển"
        )
        where = f"Trường «{field}»" if field else "Nội dung"
        return (
            f"{where} chứa ký tự không được phép ({kind} {self.code_point}, ở vị trí {self.position}). "
            "Hãy xóa ký tự đó rồi gửi lại."
        )

    def message_en(self, field: str | None = None) -> str:
        kind = (
            "a lone UTF-16 surrogate"
            if self.is_surrogate
            else "a bidirectional control"
            if self.is_bidirectional
            else "a control character"
        )
        where = f"Field '{field}'" if field else "The text"
        return (
            f"{where} contains a character that is not allowed ({kind}, {self.code_point}, "
            f"at position {self.position}). Remove it and send again."
        )


def find_forbidden(text: str) -> ForbiddenCharacter | None:
    """The first character of ``text`` the rule refuses, or None when the text is acceptable."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    return ForbiddenCharacter(found.group()[0], found.start() + 1)


def is_acceptable(text: str) -> bool:
    return _FORBIDDEN.search(text) is None


def forbidden_in(fields: Iterable[tuple[str, str]]) -> dict[str, ForbiddenCharacter]:
    """For (name, text) pairs: the first refused character of each field that has one."""
    found = {name: find_forbidden(text) for name, text in fields}
    return {name: character for name, character in found.items() if character is not None}


def escape_forbidden(text: str) -> str:
    """``text`` with each refused character written as ``U+XXXX``: safe to quote in a message."""
    return _FORBIDDEN.sub(lambda m: f"U+{ord(m.group()[0]):04X}", text)
