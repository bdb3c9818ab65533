"""The HTML renderer, parsed back: every component in its place, escaped text, a stylesheet its CSP allows."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from oneoffice.documents.adapters.formal_html import CONTENT_SECURITY_POLICY, STYLESHEET, render_html
from oneoffice.documents.domain.formal_layout import FormalDocument, layout
from oneoffice.documents.domain.formal_styles import Component, Family
from tests.unit.documents.formal_samples import PARTY_RESOLUTION, SAMPLES, STATE_DECISION, STATE_LETTER


class _Components(HTMLParser):
    """Collects ``(component, text)`` for every element marked ``data-component``, the <style> text,
    the article's classes and every tag seen."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self.style = ""
        self.tags: list[str] = []
        self.article_classes: list[str] = []
        self._open: list[str | None] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if tag == "article":
            self.article_classes = (found.get("class") or "").split()
        self._in_style = tag == "style"
        if tag == "p":
            self._open.append(found.get("data-component"))
            self.found.append((found.get("data-component") or "", ""))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False
        if tag == "p":
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
        elif self._open and self._open[-1]:
            component, text = self.found[-1]
            self.found[-1] = (component, text + data)


def _parse(doc: FormalDocument) -> _Components:
    parser = _Components()
    parser.feed(render_html(doc))
    parser.close()
    return parser


def _expected(doc: FormalDocument) -> list[tuple[str, str]]:
    lines = layout(doc)
    seq: list[tuple[Component, str]] = [(Component.PARENT_BODY, t) for t in lines.parent_body]
    seq += [(Component.BODY_NAME, t) for t in lines.body_name]
    seq += [(Component.NATION, lines.nation)] + ([(Component.MOTTO, lines.motto)] if lines.motto else [])
    seq += [(Component.NUMBER, lines.number)]
    seq += [(Component.LETTER_SUBJECT, lines.letter_subject)] if lines.letter_subject else []
    seq += [(Component.CONFIDENTIALITY, lines.confidentiality)] if lines.confidentiality else []
    seq += [(Component.URGENCY, lines.urgency)] if lines.urgency else []
    seq += [(Component.PLACE_DATE, lines.place_date)]
    seq += (
        [(Component.TYPE_NAME, lines.type_name), (Component.SUMMARY, lines.summary)]
        if lines.type_name
        else []
    )
    seq += [(Component.BODY_TEXT, t) for t in lines.body]
    seq += [(Component.RECIPIENTS_HEADING, "Nơi nhận:")] + [
        (Component.RECIPIENT, t) for t in lines.recipients
    ]
    seq += [(Component.SIGNATURE_TITLE, t) for t in lines.signature] + [
        (Component.SIGNER_NAME, lines.signer_name)
    ]
    return [(c.value, t) for c, t in seq]


@pytest.mark.parametrize("name", SAMPLES)
def test_every_component_is_marked_in_reading_order(name: str) -> None:
    parsed = _parse(SAMPLES[name])

    assert [f for f in parsed.found if f[0]] == _expected(SAMPLES[name])


def test_the_state_decision_shows_motto_number_date_and_signature() -> None:
    found = dict(_parse(STATE_DECISION).found)

    assert found["nation"] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert found["motto"] == "Độc lập - Tự do - Hạnh phúc"
    assert found["number"] == "Số: 05/QĐ-UBND"
    assert found["place_date"] == "Tương Dương, ngày 05 tháng 3 năm 2026"
    assert found["signer_name"] == "Lô Văn Hùng"


def test_the_party_resolution_shows_the_partys_title_and_its_asterisk() -> None:
    parsed = _parse(PARTY_RESOLUTION)
    found = dict(parsed.found)

    assert found["nation"] == "ĐẢNG CỘNG SẢN VIỆT NAM" and "motto" not in found
    assert found["number"] == "Số 15-NQ/ĐU"
    assert ("", "") in parsed.found  # the asterisk paragraph carries no component
    assert "party" in parsed.article_classes


def test_the_letter_shows_its_subject_and_mark_beside_the_number() -> None:
    found = dict(_parse(STATE_LETTER).found)

    assert found["letter_subject"].startswith("V/v góp ý")
    assert found["confidentiality"] == "MẬT"
    assert "type_name" not in found


def test_text_from_the_document_is_escaped_never_markup() -> None:
    hostile = replace(STATE_DECISION, summary="<script>alert(1)</script> & <b>x</b>")

    parsed = _parse(hostile)

    assert "script" not in parsed.tags and "b" not in parsed.tags
    assert dict(parsed.found)["summary"] == "<script>alert(1)</script> & <b>x</b>"


@pytest.mark.parametrize("name", SAMPLES)
def test_the_stylesheet_is_the_only_style_and_its_hash_is_in_the_csp(name: str) -> None:
    parsed = _parse(SAMPLES[name])
    digest = base64.b64encode(hashlib.sha256(parsed.style.encode("utf-8")).digest()).decode()

    assert parsed.style == STYLESHEET
    assert f"style-src 'sha256-{digest}'" in CONTENT_SECURITY_POLICY
    assert "script-src" not in CONTENT_SECURITY_POLICY and "default-src 'none'" in CONTENT_SECURITY_POLICY
    assert "script" not in parsed.tags and "link" not in parsed.tags
    assert 'style="' not in render_html(SAMPLES[name])


def test_the_stylesheet_sets_a4_the_margins_and_each_familys_sizes() -> None:
    assert "@page{size:A4;margin:20mm 15mm 20mm 30mm}" in STYLESHEET
    assert "'Times New Roman'" in STYLESHEET
    assert re.search(r"\.state \[data-component=nation\]\{font-size:12pt;font-weight:bold", STYLESHEET)
    assert re.search(r"\.party \[data-component=nation\]\{font-size:15pt;font-weight:bold", STYLESHEET)
    assert re.search(r"\.state \[data-component=place_date\]\{[^}]*font-style:italic", STYLESHEET)
    assert {f".{f.value} " for f in Family} <= {
        m.group(0) for m in re.finditer(r"\.(state|party) ", STYLESHEET)
    }
