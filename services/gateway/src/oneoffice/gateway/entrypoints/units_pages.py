"""The administrative-units page (``/don-vi-hanh-chinh``): the tree of units on a chosen day and
the lineage of one unit. Public, like the data (administrative units are published by the State).

No inline script or style: the page's stylesheet is served beside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..application.calendar import office_today
from ..application.errors import ServiceError
from ..application.ports import RequestContext
from ..application.units import Unit, UnitBody, UnitLineage, UnitsPort
from .access import PUBLIC
from .deps import ClockDep, RequestContextDep
from .language import Language, page_language
from .messages_units import kind_name, text

PAGE = "/don-vi-hanh-chinh"
# Served with the other pages' stylesheets (a strict CSP allows no inline style).
STYLESHEET = "/static/units.css"
# Deeper than any real hierarchy (province, district, commune): a guard, not a rule.
MAX_DEPTH = 6

router = APIRouter(tags=["pages"], include_in_schema=False, dependencies=[PUBLIC])
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


@dataclass
class Node:
    unit: Unit
    kind: str
    children: list[Node] = field(default_factory=list)


def _vi_date(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


async def _tree(units: UnitsPort, parent: str | None, day: date, language: Language, ctx: RequestContext,
                depth: int = 0) -> list[Node]:  # fmt: skip
    if depth >= MAX_DEPTH:
        return []
    nodes = [Node(u, kind_name(language, u.kind)) for u in await units.list_units(parent, day, ctx)]
    for node in nodes:
        node.children = await _tree(units, node.unit.code, day, language, ctx, depth + 1)
    return nodes


def _steps(lineage: UnitLineage, language: Language) -> dict[str, list[str]]:
    def line(unit: Unit, kind: str, day: date) -> str:
        label = text(
            language,
            "step",
            kind=kind_name(language, unit.kind),
            name=unit.name,
            code=unit.code,
            day=_vi_date(day),
        )
        return f"{label} ({text(language, kind)})"

    return {
        "came_from": [line(s.predecessor, s.kind, s.effective) for s in lineage.came_from],
        "became": [line(s.successor, s.kind, s.effective) for s in lineage.became],
    }


def _alive(unit: Unit, day: date) -> bool:
    return unit.valid_from <= day and (unit.valid_to is None or day <= unit.valid_to)


def _bodies(bodies: list[UnitBody], language: Language) -> list[str]:
    lines = []
    for b in bodies:
        name = b.name_en if language == "en" else b.name_vi
        line = text(language, "body", name=name, code=b.code, since=_vi_date(b.since))
        if b.carried_from:
            line += " — " + text(language, "carried_from", units=", ".join(b.carried_from))
        lines.append(line)
    return lines


@router.get(PAGE, response_class=HTMLResponse)
async def units_page(request: Request, clock: ClockDep, context: RequestContextDep) -> HTMLResponse:
    """The tree of units on a day (``?as_of=YYYY-MM-DD``) and one unit's lineage (``?unit=CODE``)."""
    language = page_language(request)
    units: UnitsPort = request.app.state.units
    errors: list[str] = []
    try:
        day = date.fromisoformat(request.query_params.get("as_of", ""))
    except ValueError:
        if request.query_params.get("as_of"):
            errors.append(text(language, "bad_date"))
        day = office_today(clock.now())
    tree: list[Node] = []
    lineage, steps = None, None
    bodies: list[str] = []
    bodies_day: date | None = None
    try:
        tree = await _tree(units, None, day, language, context)
        if code := request.query_params.get("unit"):
            lineage = await units.get_lineage(code, context)
            steps = _steps(lineage, language)
            bodies_day = day if _alive(lineage.unit, day) else lineage.unit.valid_to
            bodies = _bodies(await units.get_unit_bodies(code, bodies_day, context), language)
    except ServiceError as error:
        errors.append(error.message_en if language == "en" else error.message_vi)
    page = {
        "lang": language,
        "other_lang": "vi" if language == "en" else "en",
        "t": {key: text(language, key) for key in _PAGE_KEYS},
        "tree_title": text(language, "tree", day=_vi_date(day)),
        "day": day.isoformat(),
        "tree": tree,
        "lang_suffix": "&lang=en" if language == "en" else "",
        "lineage": lineage,
        "steps": steps,
        "bodies": bodies,
        "bodies_title": text(language, "bodies_on", day=_vi_date(bodies_day)) if bodies_day else "",
        "errors": errors,
        "stylesheet": STYLESHEET,
    }
    if lineage is not None:
        unit = lineage.unit
        kind = kind_name(language, unit.kind)
        end = _vi_date(unit.valid_to) or text(language, "still")
        page["lineage_title"] = text(language, "lineage", kind=kind, name=unit.name, code=unit.code)
        page["lineage_valid"] = text(language, "valid", start=_vi_date(unit.valid_from), end=end)
    return templates.TemplateResponse(request, "units.html", page, headers={"Content-Language": language})


_PAGE_KEYS = (
    "title",
    "subtitle",
    "home",
    "other_language",
    "as_of",
    "show",
    "dashboard",
    "none",
    "synthetic",
    "synthetic_hint",
    "came_from",
    "became",
    "nothing",
    "bodies",
    "error",
)
