"""The lines the formal layout derives: place and date, signature block, recipients, the công văn's V/v."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneoffice.documents.adapters.reference_data import load_catalogue
from oneoffice.documents.domain.formal_layout import (
    BODY_PLACEHOLDER,
    PARTY_TITLE,
    STATE_MOTTO,
    STATE_NATION,
    URGENCY_MARK,
    YOUTH_UNION_TITLE,
    Authority,
    SignatureBlock,
    family_of_body,
    layout,
    letter_subject,
    place_and_date,
    recipient_lines,
    signature_lines,
)
from oneoffice.documents.domain.formal_styles import Family
from oneoffice.documents.domain.values import Urgency
from tests.unit.documents.formal_samples import PARTY_RESOLUTION, STATE_DECISION, STATE_LETTER

MONTH_TEXT = {
    1: "01",
    2: "02",
    3: "3",
    4: "4",
    5: "5",
    6: "6",
    7: "7",
    8: "8",
    9: "9",
    10: "10",
    11: "11",
    12: "12",
}


def test_place_and_date_reads_as_the_regulation_example() -> None:
    assert place_and_date("Tương Dương", date(2026, 3, 5)) == "Tương Dương, ngày 05 tháng 3 năm 2026"


@pytest.mark.parametrize("month", range(1, 13))
def test_only_january_and_february_take_a_leading_zero_among_the_months(month: int) -> None:
    text = place_and_date("Tương Dương", date(2026, month, 20))

    assert text == f"Tương Dương, ngày 20 tháng {MONTH_TEXT[month]} năm 2026"


@given(st.dates(min_value=date(1945, 9, 2), max_value=date(2200, 12, 31)))
def test_every_day_is_written_with_two_digits_and_reads_back_as_the_same_date(day: date) -> None:
    text = place_and_date("Nhôn Mai", day)
    words = text.removeprefix("Nhôn Mai, ").split()

    assert words[0] == "ngày" and words[2] == "tháng" and words[4] == "năm"
    assert len(words[1]) == 2
    assert (len(words[3]) == 2) == (day.month in (1, 2, 10, 11, 12))
    assert date(int(words[5]), int(words[3]), int(words[1])) == day


def test_a_draft_leaves_the_date_blank_to_be_filled_in() -> None:
    assert place_and_date(" Yên Na ", None) == "Yên Na, ngày … tháng … năm …"


@pytest.mark.parametrize(
    ("signature", "family", "lines"),
    [
        (SignatureBlock("A", "Chủ tịch"), Family.STATE, ("CHỦ TỊCH",)),
        (
            SignatureBlock("A", "Chủ tịch", Authority.TM, collective="Ủy ban nhân dân"),
            Family.STATE,
            ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        ),
        (
            SignatureBlock("A", "Phó Chủ tịch", Authority.KT, head_title="Chủ tịch"),
            Family.STATE,
            ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ),
        (
            SignatureBlock(
                "A", "Phó Chủ tịch", Authority.KT, collective="Ủy ban nhân dân", head_title="Chủ tịch"
            ),
            Family.STATE,
            ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ),
        (SignatureBlock("A", "", Authority.Q, head_title="Chủ tịch"), Family.STATE, ("Q. CHỦ TỊCH",)),
        (
            SignatureBlock("A", "Chánh Văn phòng", Authority.TL, head_title="Chủ tịch"),
            Family.STATE,
            ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
        ),
        (
            SignatureBlock("A", "Trưởng phòng Văn hóa - Xã hội", Authority.TUQ, head_title="Chủ tịch"),
            Family.STATE,
            ("TUQ. CHỦ TỊCH", "TRƯỞNG PHÒNG VĂN HÓA - XÃ HỘI"),
        ),
        (
            SignatureBlock("A", "Bí thư", Authority.T_M, collective="Ban Thường vụ"),
            Family.PARTY,
            ("T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
        ),
        (
            SignatureBlock("A", "Phó Bí thư", Authority.K_T, collective="Đảng ủy", head_title="Bí thư"),
            Family.PARTY,
            ("T/M ĐẢNG ỦY", "K/T BÍ THƯ", "PHÓ BÍ THƯ"),
        ),
    ],
    ids=["none", "TM", "KT", "TM-KT", "Q", "TL", "TUQ", "T/M", "T/M-K/T"],
)
def test_the_signature_lines_follow_the_authority(
    signature: SignatureBlock, family: Family, lines: tuple[str, ...]
) -> None:
    assert signature_lines(signature, family) == lines


def test_every_recipient_takes_a_dash_and_a_semicolon_and_the_last_a_full_stop() -> None:
    lines = recipient_lines(("Như Điều 3;", " - UBND tỉnh Nghệ An ", "", "Lưu: VT, VP."))

    assert lines == ("- Như Điều 3;", "- UBND tỉnh Nghệ An;", "- Lưu: VT, VP.")


@pytest.mark.parametrize("summary", ["góp ý dự thảo", "V/v góp ý dự thảo", "  v/v   góp ý dự thảo "])
def test_the_letter_subject_has_exactly_one_vv(summary: str) -> None:
    assert letter_subject(summary) == "V/v góp ý dự thảo"


def test_a_state_document_carries_the_national_motto_and_a_party_one_the_partys_title() -> None:
    state, party = layout(STATE_DECISION), layout(PARTY_RESOLUTION)

    assert (state.nation, state.motto) == (STATE_NATION, STATE_MOTTO)
    assert (party.nation, party.motto) == (PARTY_TITLE, "")


def test_names_titles_and_type_are_capitalised_and_the_body_name_keeps_its_line_break() -> None:
    lines = layout(STATE_DECISION)

    assert lines.body_name == ("ỦY BAN NHÂN DÂN", "XÃ TƯƠNG DƯƠNG")
    assert lines.type_name == "QUYẾT ĐỊNH"
    assert lines.urgency == "KHẨN"
    assert layout(PARTY_RESOLUTION).parent_body == ("ĐẢNG BỘ TỈNH NGHỆ AN",)


def test_a_letter_has_no_type_name_and_its_summary_goes_under_the_number() -> None:
    lines = layout(STATE_LETTER)

    assert (lines.type_name, lines.summary) == ("", "")
    assert lines.letter_subject == "V/v góp ý dự thảo quy chế làm việc của Ủy ban nhân dân xã"


@pytest.mark.parametrize(("family", "number"), [(Family.STATE, "Số: …"), (Family.PARTY, "Số …")])
def test_a_draft_shows_the_number_word_and_a_body_placeholder(family: Family, number: str) -> None:
    draft = replace(STATE_DECISION, family=family, number_text="", issued_on=None, body=("  ",))

    lines = layout(draft)

    assert lines.number == number
    assert lines.body == (BODY_PLACEHOLDER,)


def test_the_party_and_the_youth_union_lay_out_the_partys_way_every_other_body_the_states() -> None:
    families = {code: family_of_body(body.family) for code, body in load_catalogue().bodies.items()}

    assert {code for code, family in families.items() if family is Family.PARTY} == {"DANG_UY", "DOAN_TN"}
    assert families["MTTQ"] is Family.STATE and families["HOI_CCB"] is Family.STATE


def test_the_youth_union_prints_its_own_title_in_place_of_the_partys() -> None:
    youth = replace(PARTY_RESOLUTION, title="Đoàn TNCS Hồ Chí Minh", body_name="Đoàn xã Tương Dương")

    assert layout(youth).nation == YOUTH_UNION_TITLE
    assert layout(youth).motto == ""


@pytest.mark.parametrize(
    ("urgency", "mark"),
    [
        (Urgency.NORMAL, ""),
        (Urgency.KHAN, "KHẨN"),
        (Urgency.THUONG_KHAN, "THƯỢNG KHẨN"),
        (Urgency.HOA_TOC, "HỎA TỐC"),
    ],
)
def test_each_urgency_has_its_printed_mark(urgency: Urgency, mark: str) -> None:
    assert URGENCY_MARK[urgency] == mark
