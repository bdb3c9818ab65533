"""The reference data the rules are configured with: the bodies an office serves, the document types.

Loaded from tables (see :mod:`oneoffice.documents.adapters.reference_data`), so a new decree changes
data, not code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Body:
    """A body served by one commune office (Đảng ủy, HĐND, UBND, MTTQ, the mass organisations)."""

    code: str
    name_vi: str
    name_en: str
    family: str


@dataclass(frozen=True, slots=True)
class DocumentType:
    """A kind of document (NĐ 30/2020 Phụ lục III); ``abbr`` is empty for kinds without one."""

    code: str
    name_vi: str
    name_en: str
    abbr: str


@dataclass(frozen=True, slots=True)
class ReferenceCatalogue:
    bodies: Mapping[str, Body] = field(default_factory=dict)
    document_types: Mapping[str, DocumentType] = field(default_factory=dict)

    @classmethod
    def of(cls, bodies: Iterable[Body], document_types: Iterable[DocumentType]) -> ReferenceCatalogue:
        body_map = {b.code: b for b in bodies}
        type_map = {t.code: t for t in document_types}
        return cls(bodies=body_map, document_types=type_map)

    def has_body(self, code: str) -> bool:
        return code in self.bodies

    def has_document_type(self, code: str) -> bool:
        return code in self.document_types
