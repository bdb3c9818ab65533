"""The documents service's ``audit`` commands: the shared ``verify``/``checkpoint`` (with every
attachment blob checked against its SHA-256), and ``history``/``as-of`` rebuilt from the events."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Annotated, Any, TypeVar

import typer

from oneoffice.eventcore.audit import AuditFinding
from oneoffice.eventcore.audit_cli import audit_cli
from oneoffice.eventcore.cli_progress import event_progress
from oneoffice.eventcore.cli_settings import load_settings
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.store import EventStore

from ..adapters.blob_audit import blob_findings
from ..adapters.store_history import StoreCommuneEvents
from ..application.history import DocumentHistory, commune_as_of, document_history
from ..application.history_errors import parse_moment
from ..config import Settings
from ..domain.errors import DocumentsError

T = TypeVar("T")


async def _blobs(settings: Settings) -> list[AuditFinding]:
    with event_progress("documents: verifying attachment blobs", None) as advance:
        return await blob_findings(settings.blob_dir, on_blob=advance)


async def _on_store(settings: Settings, use: Callable[[EventStore], Awaitable[T]]) -> T:
    engine = create_engine(settings.database_url.get_secret_value())
    store = EventStore(engine)
    try:
        return await use(store)
    finally:
        await store.close()
        await engine.dispose()


def _run(call: Coroutine[Any, Any, T]) -> T:
    try:
        return asyncio.run(call)
    except DocumentsError as error:
        typer.echo(f"{error.message_vi}\n{error.message_en}", err=True)
        raise typer.Exit(1) from None


def _print(history: DocumentHistory) -> None:
    typer.echo(f"document {history.document_id} (commune {history.commune_id})")
    for entry in history.entries:
        typer.echo(
            f"  {entry.recorded_at.isoformat()}  {entry.actor}  {entry.event_type}  {entry.summary_vi}"
        )
    for name, value in sorted(history.state.items()):
        typer.echo(f"    {name} = {value}")


def documents_audit() -> typer.Typer:
    app = audit_cli("documents", Settings, checks=[_blobs])

    @app.command()
    def history(
        document: Annotated[str, typer.Argument(help="The document id.")],
        commune: Annotated[
            str | None, typer.Option(help="Its commune (default: every commune is searched).")
        ] = None,
        as_of: Annotated[
            str | None, typer.Option(help="ISO 8601 moment (default: now; no offset: UTC).")
        ] = None,
    ) -> None:
        """Who did what to a document, and its state, at any past moment."""
        settings = load_settings(Settings)

        async def find(store: EventStore) -> DocumentHistory:
            moment = parse_moment(as_of) if as_of else None
            events = StoreCommuneEvents(store)
            communes = [commune] if commune else await store.communes()
            for candidate in communes[:-1]:
                try:
                    return await document_history(events, candidate, document, moment)
                except DocumentsError as error:
                    if getattr(error, "code", "") != "document_not_found":
                        raise
            return await document_history(events, communes[-1] if communes else "", document, moment)

        _print(_run(_on_store(settings, find)))

    @app.command("as-of")
    def as_of(
        commune: Annotated[str, typer.Argument(help="The commune id.")],
        moment: Annotated[str, typer.Argument(help="ISO 8601 moment (no offset: UTC).")],
    ) -> None:
        """Every document of a commune as it stood at a past moment, with who did what."""
        settings = load_settings(Settings)

        async def rebuild(store: EventStore) -> list[DocumentHistory]:
            return await commune_as_of(StoreCommuneEvents(store), commune, parse_moment(moment))

        documents = _run(_on_store(settings, rebuild))
        for history in documents:
            _print(history)
        typer.echo(f"commune {commune} at {moment}: {len(documents)} documents")

    return app
