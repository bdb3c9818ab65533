"""Use cases of one set of figures: load → decide → save on the figure's own stream.

A figure (commune, indicator, period) is one stream, appended with the version it was loaded at;
a concurrent report is retried on what is then there, so a conflict is decided once. The catalogue
is one stream too; reports are checked against its latest version.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, timezone

from oneoffice.contracts.events.reporting import (
    CatalogueIndicator,
    FigureAdopted,
    IndicatorCatalogueVersionPublished,
)
from oneoffice.eventcore.clock import Clock
from oneoffice.eventcore.envelope import Metadata, StoredEvent
from oneoffice.eventcore.events import DomainEvent, EventRegistry
from oneoffice.eventcore.retry import retry_on_conflict

from ..domain.figure import Figure, FigureEvent, FigureStatus, parse_conflict_id
from ..domain.figure_errors import ConflictNotFound, FigureBusy
from ..domain.indicators import CATALOGUE_STREAM, IndicatorCatalogue, check_report
from .figure_ports import ConflictView, EventStorePort, FigureReader, FigureView

# The catalogue belongs to no one commune: its events carry no commune id.
NO_COMMUNE = ""
# The office's day is Vietnam's (UTC+7): a period begins at local midnight.
OFFICE_TIME = timezone(timedelta(hours=7), "ICT")


@dataclass(frozen=True, slots=True)
class Caller:
    """Who asks (recorded as the events' actor) and in which flow."""

    actor: str
    correlation_id: str = ""

    def metadata(self) -> Metadata:
        return Metadata(actor=self.actor, correlation_id=self.correlation_id or str(uuid.uuid4()))


@dataclass(frozen=True, slots=True)
class ReportDraft:
    indicator_code: str
    period: str
    body_code: str
    value: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class ReportOutcome:
    """The figure after the report: its status and value, and the conflict it raised or settled."""

    status: FigureStatus
    figure: Figure
    events: tuple[FigureEvent, ...]


class FigureService:
    def __init__(
        self,
        store: EventStorePort,
        registry: EventRegistry,
        clock: Clock,
        bodies: frozenset[str],
        reader: FigureReader,
        *,
        commune_bodies: Callable[[str], Awaitable[frozenset[str]]] | None = None,
        on_appended: Callable[[], None] = lambda: None,
        read_model_reached: Callable[[int], Awaitable[bool]] | None = None,
        max_attempts: int = 5,
        retry_delay: float = 0.005,
    ) -> None:
        self._store = store
        self._registry = registry
        self._clock = clock
        self._bodies = bodies
        self._commune_bodies = commune_bodies
        self._reader = reader
        self._on_appended = on_appended
        self._read_model_reached = read_model_reached
        self._attempts = max_attempts
        self._delay = retry_delay

    def today(self) -> date:
        return self._clock.now().astimezone(OFFICE_TIME).date()

    # -- the catalogue ---------------------------------------------------------------------------

    async def publish_catalogue(
        self, caller: Caller, indicators: Sequence[CatalogueIndicator]
    ) -> IndicatorCatalogueVersionPublished:
        """Publish ``indicators`` as the next version unless they are the latest version already."""

        async def attempt() -> IndicatorCatalogueVersionPublished:
            catalogue = await self.load_catalogue()
            event = catalogue.publish(indicators)
            if event is None:
                return catalogue.latest()
            await self._append(CATALOGUE_STREAM, NO_COMMUNE, [event], catalogue.version, caller)
            return event

        return await retry_on_conflict(
            attempt, attempts=self._attempts, delay=self._delay, give_up=FigureBusy
        )

    async def catalogue(self) -> IndicatorCatalogueVersionPublished:
        return (await self.load_catalogue()).latest()

    async def load_catalogue(self) -> IndicatorCatalogue:
        catalogue = IndicatorCatalogue()
        for envelope in await self._store.read_stream(CATALOGUE_STREAM):
            event = self._registry.decode(envelope.event_type, envelope.schema_version, envelope.payload)
            assert isinstance(event, IndicatorCatalogueVersionPublished)
            catalogue.apply(event)
        return catalogue

    # -- figures ---------------------------------------------------------------------------------

    async def report(self, caller: Caller, commune_id: str, draft: ReportDraft) -> ReportOutcome:
        latest = await self.catalogue()
        checked = check_report(
            latest,
            await self.bodies_of(commune_id),
            draft.indicator_code,
            draft.period,
            draft.body_code,
            draft.value,
            self.today(),
        )

        async def attempt() -> ReportOutcome:
            figure = await self.figure(commune_id, draft.indicator_code, checked.period.text)
            events = figure.report(checked, draft.note)
            await self._save(figure, events, caller)
            return ReportOutcome(figure.status, figure, tuple(events))

        return await retry_on_conflict(
            attempt, attempts=self._attempts, delay=self._delay, give_up=FigureBusy
        )

    async def bodies_of(self, commune_id: str) -> frozenset[str]:
        """The bodies that may report the commune's figures: those its office serves, as the staff
        events tell; the known bodies when they tell none of the commune (not followed, or not yet)."""
        known = await self._commune_bodies(commune_id) if self._commune_bodies is not None else frozenset()
        return known or self._bodies

    async def adopt(
        self, caller: Caller, commune_id: str, conflict_id: str, body_code: str, reason: str
    ) -> FigureAdopted:
        where = parse_conflict_id(commune_id, conflict_id)
        if where is None:
            raise ConflictNotFound(conflict_id)

        async def attempt() -> FigureAdopted:
            figure = await self.figure(commune_id, *where)
            event = figure.adopt(conflict_id, body_code, reason)
            await self._save(figure, [event], caller)
            return event

        return await retry_on_conflict(
            attempt, attempts=self._attempts, delay=self._delay, give_up=FigureBusy
        )

    async def figure(self, commune_id: str, indicator_code: str, period: str) -> Figure:
        figure = Figure(commune_id, indicator_code, period)
        for envelope in await self._store.read_stream(figure.stream_id):
            event = self._registry.decode(envelope.event_type, envelope.schema_version, envelope.payload)
            figure.apply(event)  # type: ignore[arg-type]
        return figure

    # -- queries (the read model) ----------------------------------------------------------------

    async def figures(
        self, commune_id: str, indicator_code: str | None, period: str | None
    ) -> list[FigureView]:
        return await self._reader.figures(commune_id, indicator_code, period)

    async def conflicts(self, commune_id: str, status: str | None) -> list[ConflictView]:
        return await self._reader.conflicts(commune_id, status)

    # -- saving ----------------------------------------------------------------------------------

    async def _save(self, figure: Figure, events: Sequence[FigureEvent], caller: Caller) -> None:
        """Append with the version ``figure`` was loaded at (raises ``ConcurrencyConflict``), then
        wait (bounded) until the read model has the events: what the caller reads next shows them."""
        stored = await self._append(figure.stream_id, figure.commune_id, events, figure.version, caller)
        for event in events:
            figure.apply(event)
        if stored and self._read_model_reached is not None:
            # Not reached in time: the answer stands (the events are saved); reads show them shortly.
            await self._read_model_reached(stored[-1][0])

    async def _append(
        self, stream_id: str, commune_id: str, events: Sequence[DomainEvent], version: int, caller: Caller
    ) -> list[StoredEvent]:
        stored = await self._store.append(
            stream_id,
            commune_id,
            events,
            expected_version=version,
            metadata=caller.metadata(),
            occurred_at=self._clock.now(),
        )
        self._on_appended()
        return stored
