"""Choices the forms offer (bodies, document types, urgencies), with Vietnamese and English labels.

Bodies and document types are the documents service's reference data, asked for on first need and
kept (they change only when that service is redeployed); urgencies are fixed by the contract.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .ports import DocumentsPort, RequestContext


@dataclass(frozen=True, slots=True)
class Choice:
    code: str
    name_vi: str
    name_en: str

    def label(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_vi


URGENCIES: tuple[Choice, ...] = (
    Choice("NORMAL", "Thường", "Normal"),
    Choice("KHAN", "Khẩn", "Urgent (khẩn)"),
    Choice("THUONG_KHAN", "Thượng khẩn", "Very urgent (thượng khẩn)"),
    Choice("HOA_TOC", "Hỏa tốc", "Immediate (hỏa tốc)"),
)


@dataclass(frozen=True, slots=True)
class FormCatalogue:
    bodies: Sequence[Choice]
    document_types: Sequence[Choice]
    urgencies: Sequence[Choice] = URGENCIES

    def body(self, code: str) -> Choice | None:
        return next((c for c in self.bodies if c.code == code), None)

    def document_type(self, code: str) -> Choice | None:
        return next((c for c in self.document_types if c.code == code), None)

    def urgency(self, code: str) -> Choice | None:
        return next((c for c in self.urgencies if c.code == code), None)


class CatalogueCache:
    """The form catalogue, loaded from the documents service on first need and then kept.

    A failed load is not kept: the caller gets the service's error (a 503 when it is down) and the
    next request asks again.
    """

    def __init__(self, documents: DocumentsPort, *, preloaded: FormCatalogue | None = None) -> None:
        self._documents = documents
        self._catalogue = preloaded
        self._loading = asyncio.Lock()

    async def get(self, context: RequestContext) -> FormCatalogue:
        if self._catalogue is None:
            async with self._loading:  # concurrent first requests share one call
                if self._catalogue is None:
                    reference = await self._documents.list_reference_data(context)
                    self._catalogue = FormCatalogue(reference.bodies, reference.document_types)
        return self._catalogue
