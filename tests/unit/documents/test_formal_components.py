"""The layout's check of the mandatory components, per family (NĐ 30/2020 Điều 8, HD 36-HD/VPTW)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneoffice.documents.domain.formal_layout import (
    COMPONENT_LABELS,
    Authority,
    FormalDocument,
    SignatureBlock,
    validate_components,
)
from oneoffice.documents.domain.formal_styles import Family
from tests.unit.documents.formal_samples import PARTY_RESOLUTION, SAMPLES, STATE_DECISION, STATE_LETTER


@pytest.mark.parametrize("name", SAMPLES)
def test_a_complete_document_of_each_family_has_nothing_missing(name: str) -> None:
    assert validate_components(SAMPLES[name]) == []


def test_a_draft_without_number_date_or_body_is_complete_enough_to_number() -> None:
    draft = replace(STATE_DECISION, number_text="", issued_on=None, body=())

    assert validate_components(draft) == []


@pytest.mark.parametrize("sample", [STATE_DECISION, PARTY_RESOLUTION], ids=["state", "party"])
@pytest.mark.parametrize(
    ("changes", "missing"),
    [
        ({"body_name": " "}, "body_name"),
        ({"place": ""}, "place"),
        ({"type_name": ""}, "type_name"),
        ({"summary": "  "}, "summary"),
        ({"recipients": (" ", ";")}, "recipients"),
        ({"confidentiality_mark": "Bí mật"}, "confidentiality_mark"),
        ({"urgency_mark": "Gấp"}, "urgency_mark"),
    ],
)
def test_each_missing_or_unknown_component_is_named(
    sample: FormalDocument, changes: dict[str, Any], missing: str
) -> None:
    assert validate_components(replace(sample, **changes)) == [missing]


def test_a_letter_needs_no_type_name_but_its_subject() -> None:
    assert validate_components(replace(STATE_LETTER, type_name="")) == []
    assert validate_components(replace(STATE_LETTER, summary="V/v ")) == ["summary"]


@pytest.mark.parametrize(
    ("sample", "authority"),
    [
        (STATE_DECISION, Authority.K_T),
        (STATE_DECISION, Authority.T_M),
        (PARTY_RESOLUTION, Authority.TM),
        (PARTY_RESOLUTION, Authority.TUQ),
    ],
)
def test_an_authority_of_the_other_family_is_refused(sample: FormalDocument, authority: Authority) -> None:
    signature = replace(sample.signature, authority=authority, collective="Ban", head_title="Bí thư")

    assert validate_components(replace(sample, signature=signature)) == ["authority"]


@pytest.mark.parametrize(
    ("sample", "number"),
    [(STATE_DECISION, "Số 05-QĐ/UBND"), (PARTY_RESOLUTION, "Số: 15/NQ-ĐU")],
    ids=["party-style number on a state document", "state-style number on a party document"],
)
def test_a_number_written_the_other_familys_way_is_refused(sample: FormalDocument, number: str) -> None:
    assert validate_components(replace(sample, number_text=number)) == ["number_text"]


@pytest.mark.parametrize(
    ("signature", "missing"),
    [
        (SignatureBlock("Lô Văn Hùng", "Chủ tịch", Authority.TM), ["collective"]),
        (SignatureBlock("Lô Văn Hùng", "Phó Chủ tịch", Authority.KT), ["head_title"]),
        (SignatureBlock("Lô Văn Hùng", "", Authority.TL, head_title="Chủ tịch"), ["signer_title"]),
        (SignatureBlock("Lô Văn Hùng", "", Authority.Q, head_title="Chủ tịch"), []),
        (SignatureBlock("", "", Authority.TUQ), ["head_title", "signer_title", "signer_name"]),
    ],
    ids=[
        "TM without collective",
        "KT without head",
        "TL without title",
        "Q needs only the head",
        "TUQ empty",
    ],
)
def test_the_signature_block_needs_what_its_authority_prints(
    signature: SignatureBlock, missing: list[str]
) -> None:
    assert validate_components(replace(STATE_DECISION, signature=signature)) == missing


def test_every_broken_component_is_named_at_once_in_layout_order() -> None:
    empty = FormalDocument(
        family=Family.PARTY, body_name="", place="", summary="", signature=SignatureBlock(signer_name="")
    )

    assert validate_components(empty) == [
        "body_name", "place", "type_name", "summary", "signer_title", "signer_name", "recipients"
    ]  # fmt: skip


@given(st.sampled_from(list(SAMPLES.values())), st.sets(st.sampled_from(["body_name", "place", "summary"])))
def test_blanking_components_names_exactly_those(sample: FormalDocument, blanked: set[str]) -> None:
    broken = replace(sample, **dict.fromkeys(blanked, ""))

    assert set(validate_components(broken)) == blanked


def test_every_name_the_check_can_give_has_a_bilingual_label() -> None:
    broken_signatures = [
        SignatureBlock("", "", Authority.T_M),  # Party's authority on a State document, no collective
        SignatureBlock("", "", Authority.KT),
    ]
    named: set[str] = set()
    for signature in broken_signatures:
        broken = FormalDocument(
            family=Family.STATE, body_name="", place="", summary="", signature=signature,
            number_text="Số 5-QĐ/UBND", confidentiality_mark="x", urgency_mark="y",
        )  # fmt: skip
        named.update(validate_components(broken))

    assert named == set(COMPONENT_LABELS)
    assert COMPONENT_LABELS["signer_name"] == ("Họ tên người ký", "Signer's name")
    assert all(vi and en for vi, en in COMPONENT_LABELS.values())
