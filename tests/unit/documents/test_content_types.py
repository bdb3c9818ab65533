"""What a file is, judged by its content: the eight kinds an office attaches, and what is refused."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest

from oneoffice.documents.domain import content_types as types
from oneoffice.documents.domain.content_types import judge_content
from tests import file_samples as samples

ALLOWED: list[tuple[Callable[[], bytes], str]] = [
    (samples.pdf, types.PDF),
    (samples.png, types.PNG),
    (samples.jpeg, types.JPEG),
    (samples.tiff, types.TIFF),
    (samples.doc, types.DOC),
    (samples.docx, types.DOCX),
    (samples.xlsx, types.XLSX),
    (samples.odt, types.ODT),
]
REFUSED: list[Callable[[], bytes]] = [
    samples.html,
    samples.xls,
    samples.pptx,
    samples.plain_zip,
    lambda: b"",
    lambda: b"PK\x03\x04 not really an archive",
]


@pytest.mark.parametrize(("make", "media_type"), ALLOWED, ids=[t for _, t in ALLOWED])
def test_each_allowed_kind_is_recognised_by_its_content(make: Callable[[], bytes], media_type: str) -> None:
    assert judge_content(io.BytesIO(make())) == media_type


@pytest.mark.parametrize("make", REFUSED, ids=["html", "xls", "pptx", "zip", "empty", "broken-zip"])
def test_other_contents_are_not_allowed(make: Callable[[], bytes]) -> None:
    assert judge_content(io.BytesIO(make())) is None


def test_a_word_stream_name_split_between_two_reads_is_still_found() -> None:
    name = "WordDocument".encode("utf-16-le")
    content = samples.OLE + b"\x00" * (1024 * 1024 - len(samples.OLE) - 5) + name

    assert judge_content(io.BytesIO(content)) == types.DOC
