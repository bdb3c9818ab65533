"""A register table as a file: CSV (UTF-8 with a BOM, so Excel reads Vietnamese right), XLSX (openpyxl)
or HTML printable on A4 landscape (the page size is in a static stylesheet: the pages' CSP allows no
inline style). Headers in Vietnamese, or in English on request."""

from __future__ import annotations

import csv
import io
from html import escape

from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]

from ..application.registers import RegisterFile, RegisterFormat, RegisterTable

PRINT_STYLESHEET = "/static/register-print.css"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel limits a sheet title to 31 characters.
_SHEET_TITLE = 31
_FORMULA_STARTS = ("=", "+", "@", "\t", "\r")


def _headers(table: RegisterTable, language: str) -> list[str]:
    return [c.title_en if language == "en" else c.title_vi for c in table.columns]


def _title(table: RegisterTable, language: str) -> str:
    name = table.title_en if language == "en" else table.title_vi
    return f"{name} — {table.body_code} — {table.year}"


def _inert(cell: str) -> str:
    """A cell Excel would run as a formula is kept as text (OWASP: CSV injection)."""
    return f"'{cell}" if cell[:1] in _FORMULA_STARTS else cell


def to_csv(table: RegisterTable, language: str = "vi") -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(_headers(table, language))
    writer.writerows([_inert(cell) for cell in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(table: RegisterTable, language: str = "vi") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = (table.title_en if language == "en" else table.title_vi)[:_SHEET_TITLE]
    sheet.append(_headers(table, language))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            # Text as written: a summary starting with "=" is not a formula for Excel to run.
            cell.data_type = "s"
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_html(table: RegisterTable, language: str = "vi") -> bytes:
    head = "".join(f"<th>{escape(h)}</th>" for h in _headers(table, language))
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in table.rows
    )
    title = escape(_title(table, language))
    page = (
        f'<!doctype html>\n<html lang="{"en" if language == "en" else "vi"}">\n'
        '<head>\n<meta charset="utf-8">\n'
        f'<title>{title}</title>\n<link rel="stylesheet" href="{PRINT_STYLESHEET}">\n</head>\n<body>\n'
        f'<h1>{title}</h1>\n<p class="commune">{escape(table.commune_id)}</p>\n'
        f'<table class="register" id="register"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>\n'
        "</body>\n</html>\n"
    )
    return page.encode("utf-8")


def render_register(table: RegisterTable, output: RegisterFormat, language: str = "vi") -> RegisterFile:
    name = f"so-{table.kind}-{table.body_code}-{table.year}".replace("/", "-")
    if output == "csv":
        return RegisterFile(to_csv(table, language), "text/csv; charset=utf-8", f"{name}.csv")
    if output == "xlsx":
        return RegisterFile(to_xlsx(table, language), XLSX, f"{name}.xlsx")
    return RegisterFile(to_html(table, language), "text/html; charset=utf-8", f"{name}.html")
