"""The rendered .docx opens in LibreOffice: converted headless to PDF, it shows the layout on 1–2 pages.

Needs LibreOffice Writer and poppler's tools (Debian: libreoffice-writer-nogui, poppler-utils), which
`make test` installs; missing, the test fails and says so rather than skipping.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from oneoffice.documents.adapters.formal_docx import render_docx
from oneoffice.documents.domain.formal_layout import layout
from tests.unit.documents.formal_samples import SAMPLES


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found: install Debian's {package} (`make test` does)")
    return path


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every sample rendered to .docx and converted to PDF by one LibreOffice run."""
    soffice = _tool("soffice", "libreoffice-writer-nogui")
    folder = tmp_path_factory.mktemp("formal-docx")
    docx = []
    for name, doc in SAMPLES.items():
        path = folder / f"{name}.docx"
        path.write_bytes(render_docx(doc))
        docx.append(str(path))
    # A profile of its own: a LibreOffice already running for someone else would take the job over.
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
         "--outdir", str(folder), *docx],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    return {name: folder / f"{name}.pdf" for name in SAMPLES}


def _text(pdf: Path) -> str:
    out = subprocess.run(
        [_tool("pdftotext", "poppler-utils"), "-enc", "UTF-8", str(pdf), "-"],
        check=True, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    return " ".join(unicodedata.normalize("NFC", out.stdout).split())


def _pages(pdf: Path) -> int:
    out = subprocess.run(
        [_tool("pdfinfo", "poppler-utils"), str(pdf)], check=True, capture_output=True, text=True, timeout=60
    )
    match = re.search(r"^Pages:\s+(\d+)$", out.stdout, re.MULTILINE)
    assert match, out.stdout
    return int(match.group(1))


@pytest.mark.parametrize("name", SAMPLES)
def test_the_docx_converts_to_a_pdf_of_one_or_two_pages_showing_the_layout(
    name: str, pdfs: dict[str, Path]
) -> None:
    lines = layout(SAMPLES[name])

    text = _text(pdfs[name])

    assert 1 <= _pages(pdfs[name]) <= 2
    for shown in (
        lines.nation,
        lines.motto,
        lines.number,
        lines.place_date,
        *lines.signature,
        lines.signer_name,
    ):
        assert shown in text
    for shown in (*lines.body_name, lines.type_name, lines.summary, lines.letter_subject, *lines.recipients):
        assert " ".join(shown.split()) in text
