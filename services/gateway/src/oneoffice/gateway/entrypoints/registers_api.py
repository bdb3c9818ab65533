"""JSON API's register export (#13): a body's register for a year as CSV, XLSX or printable HTML, with
the regulation's columns and Vietnamese headers (``lang=en``: English)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from oneoffice.contracts.access import Permission

from ..adapters.register_files import render_register
from ..application.calendar import office_year
from ..application.catalogue import FormCatalogue
from ..application.errors import InvalidRequest, NotFound
from ..application.ports import RequestContext
from ..application.registers import KINDS, RegisterFormat, RegistersPort
from .access import requires
from .deps import CatalogueDep, ClockDep
from .incoming_api_models import COMMUNE_ID_PATTERN
from .problems import PROBLEM_MEDIA_TYPE, Problem

router = APIRouter(prefix="/api/v1/communes/{commune_id}/registers", tags=["registers"])

CommuneId = Annotated[str, Path(pattern=COMMUNE_ID_PATTERN, examples=["16876"])]
Kind = Annotated[
    str,
    Path(
        max_length=32,
        description="incoming: sổ đăng ký văn bản đến; outgoing: sổ đăng ký văn bản đi; "
        "resolutions: sổ theo dõi giải quyết văn bản đến.",
        json_schema_extra={"enum": list(KINDS)},
    ),
]
# Reading the registers: incoming:read on the commune (the reporting service also asks outgoing:read
# for the outgoing register).
ReadsRegisters = Annotated[RequestContext, Depends(requires(Permission.INCOMING_READ))]
_PROBLEM = {"content": {PROBLEM_MEDIA_TYPE: {"schema": Problem.model_json_schema()}}}
_FILES = {
    "text/csv": {"schema": {"type": "string"}},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
        "schema": {"type": "string", "format": "binary"}
    },
    "text/html": {"schema": {"type": "string"}},
}
RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"description": "The register as a file", "content": _FILES},
    404: {"description": "No register of that kind", **_PROBLEM},
    422: {"description": "An unknown format or body, or a year out of range", **_PROBLEM},
    503: {"description": "The reporting service is not answering", **_PROBLEM},
}


def get_registers(request: Request) -> RegistersPort:
    registers: RegistersPort = request.app.state.registers
    return registers


RegistersDep = Annotated[RegistersPort, Depends(get_registers)]


def check_choice(kind: str, body: str, catalogue: FormCatalogue) -> None:
    """An unknown kind is a register that does not exist (404); an unknown body a bad query (422)."""
    if kind not in KINDS:
        names = ", ".join(KINDS)
        raise NotFound(
            "gateway",
            f"Không có loại sổ «{kind}»; các loại sổ: {names}.",
            f"There is no register kind {kind!r}; the kinds are: {names}.",
        )
    if catalogue.body(body) is None:
        raise InvalidRequest(
            "gateway",
            f"Xã không có cơ quan «{body}» (body).",
            f"The commune has no body {body!r} (body).",
        )


@router.get("/{kind}", response_class=Response, responses=RESPONSES)
async def export_register(
    commune_id: CommuneId,
    kind: Kind,
    registers: RegistersDep,
    catalogue: CatalogueDep,
    context: ReadsRegisters,
    clock: ClockDep,
    body: Annotated[str, Query(min_length=1, max_length=64, examples=["UBND"], description="Body code.")],
    year: Annotated[int | None, Query(ge=1900, le=2999, description="Default: the current year.")] = None,
    output: Annotated[RegisterFormat, Query(alias="format", description="csv, xlsx or html.")] = "csv",
    lang: Annotated[str, Query(pattern="^(vi|en)$", description="Language of the headers.")] = "vi",
) -> Response:
    """A body's register for a year as a file (csv UTF-8 with BOM, xlsx, or html to print on A4 landscape)."""
    check_choice(kind, body, catalogue)
    table = await registers.get_register(commune_id, kind, body, year or office_year(clock.now()), context)
    rendered = render_register(table, output, lang)
    disposition = "inline" if output == "html" else "attachment"
    return Response(
        content=rendered.content,
        media_type=rendered.media_type,
        headers={"Content-Disposition": f'{disposition}; filename="{rendered.file_name}"'},
    )
