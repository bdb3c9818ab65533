"""JSON API of the reference data: the bodies an office serves and the document types."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import APIRouter
from pydantic import BaseModel, Field

from ..application.catalogue import Choice, FormCatalogue
from .access import ReadsReference
from .deps import CatalogueDep
from .problems import PROBLEM_MEDIA_TYPE, Problem

router = APIRouter(prefix="/api/v1", tags=["reference data"])
_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}


class ChoiceOut(BaseModel):
    code: str = Field(description="What requests name, e.g. UBND or QD.")
    name_vi: str
    name_en: str

    @classmethod
    def all(cls, choices: Sequence[Choice]) -> list[ChoiceOut]:
        return [cls(code=c.code, name_vi=c.name_vi, name_en=c.name_en) for c in choices]


class ReferenceDataOut(BaseModel):
    bodies: list[ChoiceOut] = Field(description="Bodies whose registers an office keeps.")
    document_types: list[ChoiceOut] = Field(description="Document types (NĐ 30/2020 Phụ lục III).")

    @classmethod
    def of(cls, catalogue: FormCatalogue) -> ReferenceDataOut:
        return cls(
            bodies=ChoiceOut.all(catalogue.bodies), document_types=ChoiceOut.all(catalogue.document_types)
        )


@router.get(
    "/reference-data",
    response_model=ReferenceDataOut,
    responses={503: {"description": "The documents service is not answering", **_PROBLEM}},
)
async def get_reference_data(catalogue: CatalogueDep, _context: ReadsReference) -> ReferenceDataOut:
    """The bodies and document types requests may name, with their Vietnamese and English names."""
    return ReferenceDataOut.of(catalogue)
