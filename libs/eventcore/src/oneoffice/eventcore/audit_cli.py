"""The ``audit`` commands every service's CLI mounts (``oneoffice-<service> audit verify|checkpoint``).

``verify`` walks the service's own store (:mod:`.audit`), beside its Kafka topic when Kafka is
configured and the signed checkpoint when one was written, then runs the service's extra checks
(documents: every attachment blob against its SHA-256). Findings go to stdout, one line each, and
the exit code is 1 when there is any; the progress bar and logs go to stderr.
``checkpoint`` verifies first, then signs each commune's head into the checkpoint file.
A service adds its own audit commands to the returned app (documents: ``history``, ``as-of``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from oneoffice.contracts.topics import topic_for

from .audit import AuditFinding, AuditReport, audit_store
from .audit_checkpoint import CheckpointInvalid, CommuneHead, read_checkpoint, write_checkpoint
from .cli_progress import event_progress
from .cli_settings import load_settings
from .database import create_engine
from .kafka.topic_copy import read_topic_copy
from .settings import GrpcServiceSettings
from .store import EventStore

AuditCheck = Callable[[Any], Awaitable[list[AuditFinding]]]
"""An extra check of a service, given its settings (documents: the attachment blobs)."""


def checkpoint_path(name: str, settings: GrpcServiceSettings, given: Path | None) -> Path:
    return given or settings.audit_checkpoint_file or Path(f"var/{name}-audit-checkpoint.json")


def audit_cli(
    name: str, settings_type: type[GrpcServiceSettings], *, checks: Sequence[AuditCheck] = ()
) -> typer.Typer:
    app = typer.Typer(
        help=f"Audit the {name} service's event store: hash chains, Kafka copy, signed checkpoint.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,  # never a traceback with local variables (settings, secrets)
    )

    @app.command()
    def verify(
        checkpoint: Annotated[
            Path | None, typer.Option(help="Signed checkpoint file (default: from the settings).")
        ] = None,
        kafka: Annotated[
            bool, typer.Option(help="Compare with the Kafka topic when Kafka is configured.")
        ] = True,
        use_checkpoint: Annotated[
            bool, typer.Option("--use-checkpoint/--no-checkpoint", help="Compare with the signed checkpoint.")
        ] = True,
    ) -> None:
        """Verify every hash chain of the store, its Kafka copy, its checkpoint and extra checks."""
        settings = load_settings(settings_type)
        path = checkpoint_path(name, settings, checkpoint) if use_checkpoint else None
        report = asyncio.run(_verify(name, settings, path, kafka, checks))
        _print(report)
        if not report.ok:
            raise typer.Exit(1)

    @app.command("checkpoint")
    def write(
        checkpoint: Annotated[
            Path | None, typer.Option(help="Where to write (default: from the settings).")
        ] = None,
    ) -> None:
        """Verify the store, then sign each commune's head hash into the checkpoint file."""
        settings = load_settings(settings_type)
        if settings.audit_checkpoint_key is None:
            typer.echo(
                f"Chưa cấu hình khóa ký ({settings.variable('audit_checkpoint_key')}).\n"
                f"No signing key configured ({settings.variable('audit_checkpoint_key')}).",
                err=True,
            )
            raise typer.Exit(2)
        path = checkpoint_path(name, settings, checkpoint)
        report = asyncio.run(_verify(name, settings, path, True, ()))
        if not report.ok:
            _print(report)
            typer.echo("Kho sự kiện bị hỏng: không ký.\nThe store is broken: nothing signed.", err=True)
            raise typer.Exit(1)
        key = settings.audit_checkpoint_key.get_secret_value().encode()
        write_checkpoint(path, name, report.heads, key, datetime.now(UTC))
        typer.echo(
            f"{name}: checkpoint of {len(report.heads)} communes, {report.events} events written to {path}"
        )

    return app


async def _verify(
    name: str, settings: GrpcServiceSettings, path: Path | None, kafka: bool, checks: Sequence[AuditCheck]
) -> AuditReport:
    heads: dict[str, CommuneHead] | None = None
    invalid: str | None = None
    if path is not None and await asyncio.to_thread(path.exists):
        if settings.audit_checkpoint_key is None:
            invalid = f"{path}: a checkpoint exists but no key is configured to check its signature"
        else:
            try:
                key = settings.audit_checkpoint_key.get_secret_value().encode()
                heads = await asyncio.to_thread(read_checkpoint, path, name, key)
            except CheckpointInvalid as exc:
                invalid = str(exc)
    copy = None
    if kafka and settings.kafka_bootstrap:
        topic = topic_for(name, settings.kafka_topic_prefix)
        with event_progress(f"{name}: reading {topic}", None) as advance:
            copy = await read_topic_copy(settings.kafka_bootstrap, topic, on_message=advance)
        copy = copy or {}
    engine = create_engine(settings.database_url.get_secret_value())
    store = EventStore(engine)
    try:
        with event_progress(f"{name}: verifying chains", await store.last_position()) as advance:
            report = await audit_store(name, store, kafka_copy=copy, heads=heads, on_event=advance)
    finally:
        await store.close()
        await engine.dispose()
    if invalid is not None:
        report.findings.insert(0, AuditFinding(name, "*", None, None, f"signed checkpoint: {invalid}"))
    for check in checks:
        report.findings.extend(await check(settings))
    return report


def _print(report: AuditReport) -> None:
    for note in report.notes:
        typer.echo(f"note: {note}", err=True)
    for finding in report.findings:
        typer.echo(f"BROKEN {finding.describe()}")
    verdict = "intact" if report.ok else f"{len(report.findings)} broken"
    typer.echo(f"{report.store}: {report.communes} communes, {report.events} events verified: {verdict}")
