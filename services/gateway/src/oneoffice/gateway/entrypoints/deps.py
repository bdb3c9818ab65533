"""FastAPI dependencies: what ``create_app`` wired, handed to routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from oneoffice.eventcore.clock import Clock

from ..application.catalogue import CatalogueCache, FormCatalogue
from ..application.ports import DocumentsPort, ReportingPort, RequestContext
from ..application.readiness import ServiceHealth
from ..application.symbols import SymbolsPort
from .correlation import new_correlation_id

# Who asks when no user is authenticated yet (logging in, reading the catalogues for a form): the
# gateway itself. Routes that act for a user take their context from ``access.requires`` instead.
GATEWAY_ACTOR = "gateway"


def get_service_health(request: Request) -> ServiceHealth:
    health: ServiceHealth = request.app.state.service_health
    return health


def get_documents(request: Request) -> DocumentsPort:
    documents: DocumentsPort = request.app.state.documents
    return documents


def get_reporting(request: Request) -> ReportingPort:
    reporting: ReportingPort = request.app.state.reporting
    return reporting


def get_symbols(request: Request) -> SymbolsPort:
    symbols: SymbolsPort = request.app.state.symbols
    return symbols


def get_clock(request: Request) -> Clock:
    clock: Clock = request.app.state.clock
    return clock


def get_request_context(request: Request) -> RequestContext:
    """The gateway's own context (no user): the flow's correlation id, the gateway as the actor."""
    correlation_id = getattr(request.state, "correlation_id", None) or new_correlation_id()
    return RequestContext(actor=GATEWAY_ACTOR, correlation_id=correlation_id)


RequestContextDep = Annotated[RequestContext, Depends(get_request_context)]


async def get_catalogue(request: Request, context: RequestContextDep) -> FormCatalogue:
    """Raises a :class:`~..application.errors.ServiceError` while the documents service cannot say."""
    cache: CatalogueCache = request.app.state.form_catalogue
    return await cache.get(context)


ServiceHealthDep = Annotated[ServiceHealth, Depends(get_service_health)]
DocumentsDep = Annotated[DocumentsPort, Depends(get_documents)]
ReportingDep = Annotated[ReportingPort, Depends(get_reporting)]
CatalogueDep = Annotated[FormCatalogue, Depends(get_catalogue)]
ClockDep = Annotated[Clock, Depends(get_clock)]
SymbolsDep = Annotated[SymbolsPort, Depends(get_symbols)]
