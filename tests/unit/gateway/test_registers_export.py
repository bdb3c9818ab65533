"""The registers exported (#13): a register table rendered to CSV (UTF-8 with BOM), XLSX (read back with
openpyxl) and printable HTML; the export route and the page over a fake reporting service, and the
refusals: unknown kind (404), unknown format, body or a year out of range (422)."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator

import httpx
import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.adapters.register_files import render_register, to_csv, to_html, to_xlsx
from oneoffice.gateway.application.ports import RequestContext
from oneoffice.gateway.application.registers import RegisterColumn, RegisterTable
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .conftest import NOW, signed_in_client
from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff

EXPORT = "/api/v1/communes/16876/registers"
TABLE = RegisterTable(
    kind="outgoing",
    commune_id="16876",
    body_code="UBND",
    year=2026,
    title_vi="Sổ đăng ký văn bản đi",
    title_en="Outgoing documents register",
    columns=(
        RegisterColumn("number_symbol", "Số, ký hiệu văn bản", "Number, symbol"),
        RegisterColumn("issued_on", "Ngày tháng văn bản", "Document date"),
        RegisterColumn("type_summary", "Tên loại và trích yếu nội dung", "Type and summary"),
    ),
    rows=(
        ("05/QĐ-UBND", "05/03/2026", "QD: Về việc thành lập Tổ công tác chuyển đổi số"),
        ("06/QĐ-UBND", "06/03/2026", '=HYPERLINK("x") <b>không phải công thức</b>'),
    ),
)


class FakeRegisters:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str, int]] = []

    async def get_register(
        self, commune_id: str, kind: str, body_code: str, year: int, context: RequestContext
    ) -> RegisterTable:
        self.calls.append((commune_id, kind, body_code, year))
        return TABLE


def test_the_csv_starts_with_a_bom_and_has_the_vietnamese_headers_then_the_rows() -> None:
    content = to_csv(TABLE)

    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung"]
    assert rows[1] == list(TABLE.rows[0])
    assert rows[2][2] == "'" + TABLE.rows[1][2]  # kept as text: Excel does not run it


def test_the_xlsx_opens_again_with_the_headers_and_the_rows_as_text() -> None:
    sheet = load_workbook(io.BytesIO(to_xlsx(TABLE))).active

    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung"]
    assert values[1:] == [list(r) for r in TABLE.rows]
    assert sheet["C3"].data_type == "s"  # text as written, never a formula
    assert sheet.title == "Sổ đăng ký văn bản đi" and sheet.page_setup.orientation == "landscape"


def test_the_html_links_the_a4_landscape_stylesheet_and_escapes_the_cells() -> None:
    page = to_html(TABLE, "en").decode()

    assert '<link rel="stylesheet" href="/static/register-print.css">' in page
    assert "<th>Number, symbol</th>" in page and "style=" not in page
    assert "&lt;b&gt;không phải công thức&lt;/b&gt;" in page
    assert render_register(TABLE, "html").file_name == "so-outgoing-UBND-2026.html"


@pytest.fixture
async def client() -> AsyncIterator[tuple[httpx.AsyncClient, FakeRegisters]]:
    staff = FakeStaff()
    staff.add("vanthu-16876", roles=("clerk",), scope=("16876",))
    registers = FakeRegisters()
    app = create_app(
        Settings(),
        health_port=FakeServiceHealth(),
        documents=FakeDocuments(),
        reporting=FakeReporting(),
        staff=staff,
        registers=registers,
        clock=FixedClock(NOW),
    )
    async with signed_in_client(app, staff, "vanthu-16876") as c:
        yield c, registers


async def test_the_export_answers_the_register_as_a_file_of_the_chosen_format(
    client: tuple[httpx.AsyncClient, FakeRegisters],
) -> None:
    http, registers = client

    xlsx = await http.get(f"{EXPORT}/outgoing", params={"body": "UBND", "year": 2026, "format": "xlsx"})
    csv_file = await http.get(f"{EXPORT}/outgoing", params={"body": "UBND"})

    assert xlsx.status_code == 200, xlsx.text
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert xlsx.headers["content-disposition"] == 'attachment; filename="so-outgoing-UBND-2026.xlsx"'
    assert csv_file.headers["content-type"] == "text/csv; charset=utf-8"
    assert registers.calls == [("16876", "outgoing", "UBND", 2026), ("16876", "outgoing", "UBND", NOW.year)]


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("minutes", {"body": "UBND"}, 404),
        ("incoming", {"body": "UBND", "format": "pdf"}, 422),
        ("incoming", {"body": "UBND", "year": 1800}, 422),
        ("incoming", {"body": "KHONG_CO"}, 422),
    ],
)
async def test_an_unknown_kind_format_body_or_year_is_refused_with_a_problem(
    client: tuple[httpx.AsyncClient, FakeRegisters], path: str, params: dict[str, object], status: int
) -> None:
    http, registers = client

    answer = await http.get(f"{EXPORT}/{path}", params=params)

    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert registers.calls == []


async def test_the_page_offers_every_register_body_year_and_format_and_downloads(
    client: tuple[httpx.AsyncClient, FakeRegisters],
) -> None:
    http, _ = client

    page = await http.get("/communes/16876/so-dang-ky")
    file = await http.get(
        "/communes/16876/so-dang-ky/tai-ve",
        params={"kind": "outgoing", "body": "UBND", "year": 2026, "format": "csv"},
    )

    assert page.status_code == 200
    assert 'value="resolutions">Sổ theo dõi giải quyết văn bản đến</option>' in page.text
    assert 'action="/communes/16876/so-dang-ky/tai-ve"' in page.text
    assert file.status_code == 200 and file.content.startswith('\ufeff"Số, ký hiệu văn bản"'.encode())
