"""The composition root of the gateway: builds the app; every adapter is a parameter with a default."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from opentelemetry.sdk.trace import TracerProvider

from oneoffice.eventcore.clock import Clock, SystemClock
from oneoffice.eventcore.grpc_caller import channel_credentials, identity_codec
from oneoffice.eventcore.telemetry import instrument_fastapi
from oneoffice.eventcore.telemetry.service import ServiceTelemetry

from .adapters.grpc_attachments import GrpcAttachments
from .adapters.grpc_boards import GrpcBoards
from .adapters.grpc_channels import GrpcChannels
from .adapters.grpc_dashboard import GrpcDashboard
from .adapters.grpc_documents import GrpcDocuments
from .adapters.grpc_duties import GrpcDuties
from .adapters.grpc_figures import GrpcFigures
from .adapters.grpc_health import GrpcServiceHealth
from .adapters.grpc_history import GrpcHistory
from .adapters.grpc_outgoing import GrpcOutgoing
from .adapters.grpc_people import GrpcPeople
from .adapters.grpc_records import GrpcRecords
from .adapters.grpc_registers import GrpcRegisters
from .adapters.grpc_reporting import GrpcReporting
from .adapters.grpc_staff import GrpcStaff
from .adapters.grpc_symbols import GrpcSymbols
from .adapters.grpc_tasks import GrpcTasks
from .adapters.grpc_units import GrpcUnits
from .adapters.memory_idempotency import MemoryIdempotencyStore
from .application.attachments import AttachmentsPort
from .application.boards import BoardsPort
from .application.catalogue import CatalogueCache, FormCatalogue
from .application.dashboard import DashboardPort
from .application.duties import DutiesPort
from .application.errors import ServiceError
from .application.figures import FiguresPort
from .application.history import HistoryPort
from .application.idempotency import IdempotencyStore
from .application.login_attempts import LoginAttempts
from .application.login_throttle import LoginThrottle
from .application.outgoing import OutgoingPort
from .application.people import PeoplePort
from .application.ports import DocumentsPort, ReportingPort, StaffPort
from .application.readiness import ServiceHealth
from .application.records import RecordsPort
from .application.registers import RegistersPort
from .application.symbols import SymbolsPort
from .application.tasks import TasksPort
from .application.tokens import Tokens
from .application.units import UnitsPort
from .config import Settings
from .entrypoints import (
    access,
    accounts_api,
    attachments_api,
    attachments_pages,
    auth_api,
    authentication,
    boards_api,
    boards_pages,
    commune_as_of_api,
    commune_as_of_pages,
    dashboard_api,
    dashboard_pages,
    duties_api,
    duties_pages,
    figures_api,
    figures_pages,
    health_routes,
    history_api,
    history_pages,
    incoming_api,
    incoming_pages,
    login_pages,
    outgoing_api,
    outgoing_attachments_api,
    outgoing_document_pages,
    outgoing_pages,
    page_routes,
    people_api,
    people_pages,
    records_api,
    records_pages,
    reference_api,
    registers_api,
    registers_pages,
    symbols_api,
    symbols_pages,
    tasks_api,
    tasks_pages,
    units_api,
    units_pages,
)
from .entrypoints.correlation import CorrelationIdMiddleware
from .entrypoints.csrf import CsrfTokens
from .entrypoints.guards import install_guards
from .entrypoints.http_metrics import instrument_http
from .entrypoints.load_shedding import install_load_shedding
from .entrypoints.page_errors import install_page_error_handlers
from .entrypoints.problems import install_problem_handlers
from .entrypoints.rate_limits import trusted_networks
from .entrypoints.service_problems import service_error_handler

STATIC_DIR = Path(__file__).parent / "entrypoints" / "static"


def create_app(
    settings: Settings,
    *,
    health_port: ServiceHealth | None = None,
    documents: DocumentsPort | None = None,
    reporting: ReportingPort | None = None,
    staff: StaffPort | None = None,
    units: UnitsPort | None = None,
    people: PeoplePort | None = None,
    duties: DutiesPort | None = None,
    catalogue: FormCatalogue | None = None,
    clock: Clock | None = None,
    channels: GrpcChannels | None = None,
    telemetry: ServiceTelemetry | None = None,
    idempotency: IdempotencyStore | None = None,
    login_attempts: LoginAttempts | None = None,
    attachments: AttachmentsPort | None = None,
    symbols: SymbolsPort | None = None,
    outgoing: OutgoingPort | None = None,
    boards: BoardsPort | None = None,
    registers: RegistersPort | None = None,
    records: RecordsPort | None = None,
    tasks: TasksPort | None = None,
    figures: FiguresPort | None = None,
    dashboard: DashboardPort | None = None,
    history: HistoryPort | None = None,
) -> FastAPI:
    """The gateway app; connects to nothing until a request needs a service.

    The gRPC channels (one per service) open on first use and close when the app shuts down.
    """
    telemetry = telemetry or ServiceTelemetry.create("gateway", process_metrics=True)
    credentials = channel_credentials(settings)
    channels = channels or GrpcChannels(
        settings.service_targets(),
        codec=identity_codec(settings),
        interceptors=telemetry.grpc_client_interceptors(),
        credentials=credentials,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # What the app opens while it serves, closed in reverse order when it shuts down.
        async with AsyncExitStack() as resources:
            resources.push_async_callback(channels.aclose)
            yield

    app = FastAPI(
        title="OneOffice gateway",
        version="0.1.0",
        description="HTTP JSON API and Vietnamese web UI of OneOffice (Một văn phòng).",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.telemetry = telemetry
    # Prometheus metrics of the gateway at /metrics (health_routes; the services serve theirs on
    # their own ports).
    if isinstance(telemetry.tracer_provider, TracerProvider):
        instrument_fastapi(app, telemetry.tracer_provider, excluded_urls="healthz,readyz,metrics")
    app.state.grpc_channels = channels
    app.state.service_health = health_port or GrpcServiceHealth(
        settings.service_targets(), deadline=settings.health_deadline, credentials=credentials
    )
    app.state.documents = documents or GrpcDocuments(channels, timeout=settings.grpc_timeout)
    app.state.reporting = reporting or GrpcReporting(channels, timeout=settings.grpc_timeout)
    app.state.staff = staff or GrpcStaff(channels, timeout=settings.grpc_timeout)
    app.state.units = units or GrpcUnits(channels, timeout=settings.grpc_timeout)
    app.state.people = people or GrpcPeople(channels, timeout=settings.grpc_timeout)
    app.state.duties = duties or GrpcDuties(channels, timeout=settings.grpc_timeout)
    app.state.attachments = attachments or GrpcAttachments(channels, timeout=settings.grpc_timeout)
    app.state.symbols = symbols or GrpcSymbols(channels, timeout=settings.grpc_timeout)
    app.state.outgoing = outgoing or GrpcOutgoing(channels, timeout=settings.grpc_timeout)
    app.state.boards = boards or GrpcBoards(channels, timeout=settings.grpc_timeout)
    app.state.registers = registers or GrpcRegisters(channels, timeout=settings.grpc_timeout)
    app.state.records = records or GrpcRecords(channels, timeout=settings.grpc_timeout)
    app.state.tasks = tasks or GrpcTasks(channels, timeout=settings.grpc_timeout)
    app.state.figures = figures or GrpcFigures(channels, timeout=settings.grpc_timeout)
    app.state.dashboard = dashboard or GrpcDashboard(channels, timeout=settings.grpc_timeout)
    app.state.history = history or GrpcHistory(channels, timeout=settings.grpc_timeout)
    app.state.tokens = Tokens(
        settings.jwt_secret.get_secret_value(),
        lifetime=settings.access_token_lifetime,
        oidc=settings.oidc(),
    )
    app.state.csrf = CsrfTokens(settings.jwt_secret.get_secret_value())
    app.state.form_catalogue = CatalogueCache(app.state.documents, preloaded=catalogue)
    app.state.clock = clock or SystemClock()
    app.state.idempotency = idempotency or MemoryIdempotencyStore(
        ttl=settings.idempotency_ttl, max_entries=settings.idempotency_max_entries
    )
    app.state.login_throttle = LoginThrottle(
        per_username=settings.login_failures_per_username,
        per_address=settings.login_failures_per_address,
        storage_uri=settings.rate_limit_storage,
    )
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    # The login form counts its failures with the token route's throttle (tests may pass another).
    app.state.login_attempts = login_attempts or app.state.login_throttle
    app.state.trusted_proxies = trusted_networks(settings.trusted_proxies)
    install_guards(app, settings, idempotency=app.state.idempotency, login_throttle=app.state.login_throttle)
    app.add_middleware(CorrelationIdMiddleware)
    install_problem_handlers(app)
    app.add_exception_handler(ServiceError, service_error_handler)
    app.add_exception_handler(authentication.NotAuthenticated, authentication.not_authenticated_handler)
    install_page_error_handlers(app)
    app.include_router(health_routes.router)
    app.include_router(page_routes.router)
    app.include_router(login_pages.router)
    app.include_router(incoming_pages.router)
    app.include_router(incoming_api.router)
    app.include_router(reference_api.router)
    app.include_router(auth_api.router)
    app.include_router(accounts_api.router)
    app.include_router(units_api.router)
    app.include_router(units_pages.router)
    app.include_router(people_api.router)
    app.include_router(people_pages.router)
    app.include_router(duties_api.router)
    app.include_router(duties_pages.router)
    app.include_router(attachments_api.router)
    app.include_router(attachments_pages.router)
    app.include_router(symbols_api.router)
    app.include_router(symbols_pages.router)
    app.include_router(outgoing_api.router)
    app.include_router(outgoing_pages.router)
    app.include_router(outgoing_attachments_api.router)
    app.include_router(boards_api.router)
    app.include_router(boards_pages.router)
    app.include_router(records_api.router)
    app.include_router(records_pages.router)
    app.include_router(tasks_api.router)
    app.include_router(tasks_pages.router)
    app.include_router(figures_api.router)
    app.include_router(figures_pages.router)
    app.include_router(dashboard_api.router)
    app.include_router(dashboard_pages.router)
    app.include_router(outgoing_document_pages.router)
    app.include_router(registers_api.router)
    app.include_router(registers_pages.router)
    app.include_router(history_api.router)
    app.include_router(history_pages.router)
    app.include_router(commune_as_of_api.router)
    app.include_router(commune_as_of_pages.router)
    access.enforce_declarations(app)
    # Around everything (tracing included): a request beyond the limit is refused before any work.
    install_load_shedding(app, max_in_flight=settings.max_in_flight, registry=telemetry.registry)
    instrument_http(app, telemetry.registry)  # outermost: shed requests are counted too
    return app
