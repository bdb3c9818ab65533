"""What the incoming-documents page shows, worked out from the ports' answers (no HTTP here)."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..application.catalogue import FormCatalogue
from ..application.errors import ServiceError
from ..application.ports import RegisterRow, ReportingPort, RequestContext
from .language import Language
from .messages import text

REGISTER_PAGE_SIZE = 50


def display_date(value: date, language: Language) -> str:
    return value.isoformat() if language == "en" else value.strftime("%d/%m/%Y")


def selector_options(catalogue: FormCatalogue, language: Language) -> dict[str, list[dict[str, str]]]:
    def options(choices: Any) -> list[dict[str, str]]:
        return [{"code": c.code, "label": c.label(language)} for c in choices]

    return {
        "bodies": options(catalogue.bodies),
        "document_types": options(catalogue.document_types),
        "urgencies": options(catalogue.urgencies),
    }


def _row(row: RegisterRow, catalogue: FormCatalogue, language: Language) -> dict[str, Any]:
    kind = catalogue.document_type(row.document_type)
    urgency = catalogue.urgency(row.urgency)
    return {
        "document_id": row.document_id,
        "received_date": display_date(row.received_date, language),
        "number": row.incoming_number,
        "issuer": row.issuer,
        "number_symbol": row.number_symbol,
        "document_date": display_date(row.document_date, language),
        "type_name": kind.label(language) if kind else row.document_type,
        "summary": row.summary,
        "recipient": row.recipient or "",
        "passed_on": display_date(row.passed_on, language) if row.passed_on else "",
        "signature": row.passed_on_by or "",
        "late": row.passed_on_late,
        # Urgent documents are handled at once (Điều 4, 18, 23 NĐ 30/2020): say so on the line.
        "notes": "; ".join(
            note
            for note in (
                urgency.label(language) if urgency and urgency.code != "NORMAL" else "",
                text(
                    language,
                    "incoming.passed_on_late",
                    deadline=display_date(row.passing_on_deadline, language)
                    if row.passing_on_deadline
                    else "",
                )
                if row.passed_on_late
                else "",
            )
            if note
        ),
    }


async def register_table(
    reporting: ReportingPort,
    context: RequestContext,
    catalogue: FormCatalogue,
    commune_id: str,
    body: str,
    year: int,
    page_token: str,
    language: Language,
) -> dict[str, Any]:
    """Rows of one page of the register, or why they could not be shown (the form still works)."""
    try:
        page = await reporting.list_incoming_register(
            commune_id, body, year, context, page_size=REGISTER_PAGE_SIZE, page_token=page_token
        )
    except ServiceError as exc:
        reason = exc.message(language)
        return {"rows": [], "error": text(language, "incoming.register.unavailable", reason=reason)}
    return {
        "rows": [_row(r, catalogue, language) for r in page.rows],
        "error": None,
        "next_page_token": page.next_page_token,
    }
