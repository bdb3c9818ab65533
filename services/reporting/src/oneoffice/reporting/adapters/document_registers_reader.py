"""Reads the outgoing register and the resolution book from the active generation of their projection,
and the incoming register (its own projection) whole, for the register exports (#13)."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from oneoffice.eventcore.projection import ProjectionRunner

from ..application.incoming_register import IncomingRegisterReader
from ..domain.incoming_register import IncomingRegisterLine
from ..domain.registers import OutgoingRegisterLine, ResolutionLine
from .document_registers_projection import BOOK_DOCUMENTS, BOOK_TASKS, OUTGOING

_PAGE = 1000


class SqlRegistersReader:
    def __init__(
        self, engine: AsyncEngine, runner: ProjectionRunner, incoming: IncomingRegisterReader
    ) -> None:
        self._engine = engine
        self._runner = runner
        self._incoming = incoming

    async def incoming(self, commune_id: str, body_code: str, year: int) -> list[IncomingRegisterLine]:
        lines: list[IncomingRegisterLine] = []
        while True:
            after = lines[-1].incoming_number if lines else 0
            page = await self._incoming.read_page(
                commune_id, body_code, year, after_number=after, limit=_PAGE
            )
            lines.extend(page)
            if len(page) < _PAGE:
                return lines

    async def outgoing(self, commune_id: str, body_code: str, year: int) -> list[OutgoingRegisterLine]:
        async with self._engine.connect() as conn:
            t = (await self._runner.tables(conn))[OUTGOING]
            query = (
                sa.select(t)
                .where(t.c.commune_id == commune_id, t.c.body_code == body_code, t.c.year == year)
                .where(t.c.number.is_not(None))
                # Confidential documents keep their own sequence: listed after the others.
                .order_by(t.c.confidentiality != "NONE", t.c.issued_on, t.c.number, t.c.document_id)
            )
            rows = (await conn.execute(query)).mappings().all()
        return [
            OutgoingRegisterLine(
                document_id=r["document_id"],
                body_code=r["body_code"],
                number=r["number"],
                number_symbol=r["number_symbol"] or "",
                issued_on=r["issued_on"],
                document_type=r["document_type"],
                summary=r["summary"],
                signer_name=r["signer_name"],
                recipients=tuple(json.loads(r["recipients"])),
                confidentiality=r["confidentiality"],
                dispatched_on=r["dispatched_on"],
                dispatched_to=tuple(json.loads(r["dispatched_to"])) if r["dispatched_to"] else (),
                channel=r["channel"],
                dispatched_by=r["dispatched_by"],
                recall_reason=r["recall_reason"],
            )
            for r in rows
        ]

    async def resolutions(self, commune_id: str, body_code: str, year: int) -> list[ResolutionLine]:
        async with self._engine.connect() as conn:
            tables = await self._runner.tables(conn)
            d, t, o = tables[BOOK_DOCUMENTS], tables[BOOK_TASKS], tables[OUTGOING]
            query = (
                sa.select(d, t, o.c.number_symbol.label("reply_symbol"))
                .select_from(
                    d.join(t, t.c.document_id == d.c.document_id).outerjoin(
                        o, o.c.document_id == t.c.reply_document_id
                    )
                )
                .where(d.c.commune_id == commune_id, d.c.body_code == body_code, d.c.year == year)
                .order_by(d.c.incoming_number, t.c.task_id)
            )
            rows = (await conn.execute(query)).mappings().all()
        return [
            ResolutionLine(
                incoming_number=r["incoming_number"],
                document_type=r["document_type"],
                number_symbol=r["number_symbol"],
                document_date=r["document_date"],
                issuer=r["issuer"],
                summary=r["summary"],
                lead=r["lead"],
                deadline=r["deadline"],
                percentage=r["percentage"],
                progress_note=r["progress_note"],
                done_on=r["done_on"],
                reply_symbol=r["reply_symbol"],
                overdue=r["overdue"],
                extensions=r["extensions"],
            )
            for r in rows
        ]
