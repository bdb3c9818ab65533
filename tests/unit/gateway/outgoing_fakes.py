"""A hand-written fake of the gateway's outgoing-documents port: numbers per (body, year)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import httpx

from oneoffice.eventcore.clock import FixedClock
from oneoffice.gateway.application.errors import Conflict, FieldViolation, InvalidRequest, NotFound
from oneoffice.gateway.application.outgoing import (
    NumberGiven,
    OutgoingDocument,
    OutgoingDraft,
    RenderedDocument,
)
from oneoffice.gateway.application.people import Person
from oneoffice.gateway.application.ports import RequestContext
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings

from .conftest import NOW, signed_in_client
from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff
from .people_fakes import FakePeople

Open = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]

TODAY = date(2026, 3, 10)


class FakeOutgoing:
    def __init__(self) -> None:
        self.documents: dict[str, OutgoingDocument] = {}
        self.drafts: list[OutgoingDraft] = []
        self.actors: list[str] = []
        self.keys: list[str] = []
        self._last: dict[tuple[str, int], int] = {}
        self.rendered: list[tuple[str, str]] = []
        self.busy = False  # numbering answers Conflict: the register kept changing on every retry

    async def draft(
        self, commune_id: str, draft: OutgoingDraft, idempotency_key: str, context: RequestContext
    ) -> OutgoingDocument:
        self.actors.append(context.actor)
        self.keys.append(idempotency_key)
        self.drafts.append(draft)
        document_id = f"out-{len(self.documents) + 1}"
        document = OutgoingDocument(
            document_id=document_id,
            commune_id=commune_id,
            family="state",
            body_code=draft.body_code,
            body_name="Ủy ban nhân dân",
            parent_body_name="",
            document_type=draft.document_type,
            document_type_name="Quyết định",
            summary=draft.summary,
            drafting_unit=draft.drafting_unit,
            signer_id=draft.signer_id,
            signer_name=draft.signer_name,
            signer_title=draft.signer_title,
            authority=draft.authority,
            place_name=draft.place_name,
            recipients=draft.recipients,
            urgency=draft.urgency,
            confidentiality=draft.confidentiality,
            state="DRAFT",
            drafted_by=context.actor,
            drafted_at=datetime(2026, 3, 10, 2, 0, tzinfo=UTC),
            number=None,
            number_symbol="",
            formatted="",
            issued_on=None,
            period="",
            dispatched_on=None,
            channel="",
            dispatched_to=(),
            recall_reason="",
            imported=False,
            history=(),
        )
        self.documents[document_id] = document
        return document

    def _found(self, commune_id: str, document_id: str) -> OutgoingDocument:
        document = self.documents.get(document_id)
        if document is None or document.commune_id != commune_id:
            raise NotFound("documents", "Không tìm thấy văn bản đi.", "No such outgoing document.")
        return document

    async def number(
        self,
        commune_id: str,
        document_id: str,
        issued_on: date | None,
        number: int | None,
        register: str,
        context: RequestContext,
    ) -> NumberGiven:
        document = self._found(commune_id, document_id)
        if self.busy:
            raise Conflict("documents", "Sổ đăng ký đang được cập nhật đồng thời.", "The register is busy.")
        if document.number is not None:
            vi, en = "Văn bản đã được cấp số.", "The document already has a number."
            raise InvalidRequest(
                "documents", vi, en, [FieldViolation("document_id", "already_numbered", vi, en)]
            )
        day = issued_on or TODAY
        key = (document.body_code, day.year)
        given = number or self._last.get(key, 0) + 1
        self._last[key] = max(self._last.get(key, 0), given)
        symbol = f"{given:02d}/QĐ-{document.body_code}"
        self.documents[document_id] = replace(
            document, number=given, number_symbol=symbol, formatted=f"Số: {symbol}", issued_on=day,
            period=str(day.year), state="NUMBERED", imported=number is not None,
        )  # fmt: skip
        return NumberGiven(
            document_id, given, symbol, f"Số: {symbol}", day, str(day.year), number is not None
        )

    async def dispatch(
        self,
        commune_id: str,
        document_id: str,
        recipients: tuple[str, ...],
        dispatched_on: date | None,
        channel: str,
        context: RequestContext,
    ) -> OutgoingDocument:
        document = self._found(commune_id, document_id)
        if document.number is None:
            vi, en = "Văn bản chưa được cấp số.", "The document has no number yet."
            raise InvalidRequest("documents", vi, en, [FieldViolation("document_id", "not_numbered", vi, en)])
        self.documents[document_id] = replace(
            document, state="DISPATCHED", dispatched_on=dispatched_on or TODAY, channel=channel,
            dispatched_to=recipients or document.recipients,
        )  # fmt: skip
        return self.documents[document_id]

    async def recall(
        self, commune_id: str, document_id: str, reason: str, context: RequestContext
    ) -> OutgoingDocument:
        document = self._found(commune_id, document_id)
        self.documents[document_id] = replace(document, state="RECALLED", recall_reason=reason)
        return self.documents[document_id]

    async def get(self, commune_id: str, document_id: str, context: RequestContext) -> OutgoingDocument:
        return self._found(commune_id, document_id)

    async def render(
        self, commune_id: str, document_id: str, output: str, context: RequestContext
    ) -> RenderedDocument:
        """The document's summary as the file's content, so a test sees which document was laid out."""
        document = self._found(commune_id, document_id)
        self.rendered.append((document_id, output))
        if output == "html":
            return RenderedDocument(
                document.summary.encode(),
                "text/html; charset=utf-8",
                f"{document_id}.html",
                "default-src 'none'",
            )
        return RenderedDocument(document.summary.encode(), "application/octet-stream", f"{document_id}.docx")

    async def list(
        self,
        commune_id: str,
        body_code: str,
        year: int | None,
        numbered_only: bool,
        limit: int,
        offset: int,
        context: RequestContext,
    ) -> list[OutgoingDocument]:
        found = [
            d
            for d in self.documents.values()
            if d.commune_id == commune_id
            and (not body_code or d.body_code == body_code)
            and (year is None or (d.issued_on is not None and d.issued_on.year == year))
            and (not numbered_only or d.number is not None)
        ]
        found.sort(key=lambda d: (d.number is None, d.number or 0))
        return found[offset : offset + limit]


def people_with_a_chairman() -> FakePeople:
    """Staff: p-chu-tich of 16876, p-other of 16882."""
    people = FakePeople()
    for person_id, commune in (("p-chu-tich", "16876"), ("p-other", "16882")):
        people.people[person_id] = Person(
            person_id, "Lê Văn Hùng", "Chủ tịch UBND", "cán bộ", ("UBND",), Decimal("1.0"),
            commune, date(2025, 7, 1), None, None,
        )  # fmt: skip
    return people


def opener(outgoing: FakeOutgoing, people: FakePeople) -> Open:
    """Opens a client of an app over the fakes as the clerk (default) or the handler of 16876."""
    staff = FakeStaff()
    staff.add("vanthu-16876", roles=("clerk",), scope=("16876",))
    staff.add("canbo-16876", roles=("handler",), scope=("16876",))

    @asynccontextmanager
    async def opened(as_user: str = "vanthu-16876") -> AsyncIterator[httpx.AsyncClient]:
        app = create_app(
            Settings(),
            health_port=FakeServiceHealth(),
            documents=FakeDocuments(),
            reporting=FakeReporting(),
            staff=staff,
            people=people,
            outgoing=outgoing,
            clock=FixedClock(NOW),
        )
        async with signed_in_client(app, staff, as_user) as c:
            yield c

    return opened
