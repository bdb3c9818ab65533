"""The one character rule of every edge: no C0 controls but tab and line feed, no DEL, no bidi overrides."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneoffice.eventcore.text_hygiene import (
    ForbiddenCharacter,
    escape_forbidden,
    find_forbidden,
    forbidden_in,
    is_acceptable,
)

CONTROLS = [chr(c) for c in range(0x00, 0x20) if chr(c) not in "\t\n\r"]
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
VIETNAMESE = "Về việc kiện toàn tổ chức bộ máy Ủy ban nhân dân xã Tương Dương, tỉnh Nghệ An: Đảng ủy, Hỏa tốc"


@pytest.mark.parametrize("character", [*CONTROLS, "\x7f", *BIDI], ids=lambda c: f"U+{ord(c):04X}")
def test_each_forbidden_character_is_refused_wherever_it_is(character: str) -> None:
    for text, position in ((character, 1), (f"UBND{character}", 5), (f"a{character}b", 2)):
        assert find_forbidden(text) == ForbiddenCharacter(character, position)
        assert not is_acceptable(text)


def test_the_ranges_are_exactly_those_of_the_rule() -> None:
    refused = {chr(c) for c in range(0x3000) if not is_acceptable(chr(c))}

    assert refused == {*CONTROLS, "\r", "\x7f", *BIDI}


def test_tab_and_line_feed_are_allowed() -> None:
    assert is_acceptable("Trích yếu:\tdòng một\ndòng hai\n")


def test_a_carriage_return_is_allowed_only_before_a_line_feed() -> None:
    # Browsers send a textarea's line breaks as CRLF.
    assert is_acceptable("dòng một\r\ndòng hai\r\n")
    assert find_forbidden("dòng một\rdòng hai") == ForbiddenCharacter("\r", 9)
    assert find_forbidden("cuối\r") == ForbiddenCharacter("\r", 5)
    assert find_forbidden("a\r\r\nb") == ForbiddenCharacter("\r", 2)


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_vietnamese_with_diacritics_is_allowed_in_nfc_and_nfd(form: str) -> None:
    assert is_acceptable(unicodedata.normalize(form, VIETNAMESE))


def test_other_invisible_but_harmless_marks_are_allowed() -> None:
    # Non-breaking space, zero-width joiner, left-to-right mark: not overrides or isolates.
    assert is_acceptable("125/QĐ\u00a0UBND\u200d\u200e")


@given(st.text(alphabet=st.characters(exclude_categories=("Cc", "Cs")).filter(lambda c: c not in BIDI)))
def test_text_without_controls_or_bidi_overrides_is_always_acceptable(text: str) -> None:
    assert is_acceptable(text)


@given(st.text(), st.sampled_from([*CONTROLS, "\x7f", *BIDI]), st.text())
def test_any_text_holding_a_forbidden_character_is_refused(before: str, bad: str, after: str) -> None:
    found = find_forbidden(before + bad + after)

    assert found is not None and found.position <= len(before) + 1


def test_messages_are_vietnamese_and_english_naming_the_field_and_the_character() -> None:
    found = find_forbidden("UBND\x00")
    assert found is not None

    assert found.message_vi("issuer") == (
        "Trường «issuer» chứa ký tự không được phép (ký tự điều khiển U+0000, ở vị trí 5). "
        "Hãy xóa ký tự đó rồi gửi lại."
    )
    assert found.message_en("issuer") == (
        "Field 'issuer' contains a character that is not allowed (a control character, U+0000, "
        "at position 5). Remove it and send again."
    )
    assert found.message_vi().startswith("Nội dung chứa ký tự không được phép")


def test_bidirectional_controls_are_named_as_such() -> None:
    found = find_forbidden("abc\u202edef")
    assert found is not None

    assert "ký tự điều khiển hướng chữ U+202E" in found.message_vi()
    assert "a bidirectional control, U+202E" in found.message_en()


def test_each_field_is_reported_with_its_first_forbidden_character() -> None:
    found = forbidden_in([("issuer", "a\x00b\x01"), ("summary", "fine"), ("number_symbol", "\u2066x")])

    assert found == {
        "issuer": ForbiddenCharacter("\x00", 2),
        "number_symbol": ForbiddenCharacter("\u2066", 1),
    }


@pytest.mark.parametrize(
    "surrogate", ["\ud800", "\udbff", "\udc00", "\udfff"], ids=lambda c: f"U+{ord(c):04X}"
)
def test_a_lone_surrogate_is_refused_and_named_as_such(surrogate: str) -> None:
    # json.loads('"\\ud800"') gives one: no UTF-8 encoder (protobuf, PostgreSQL, logs) takes it.
    found = find_forbidden(f"UBND{surrogate}")

    assert found == ForbiddenCharacter(surrogate, 5)
    assert f"nửa cặp thay thế UTF-16 đơn lẻ U+{ord(surrogate):04X}" in found.message_vi()
    assert f"a lone UTF-16 surrogate, U+{ord(surrogate):04X}" in found.message_en()


def test_forbidden_characters_can_be_quoted_escaped() -> None:
    assert escape_forbidden("khóa\x00\u202e") == "khóaU+0000U+202E"
