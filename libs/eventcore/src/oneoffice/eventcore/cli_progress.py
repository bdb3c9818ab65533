"""Progress bars of the long command-line runs (rebuild, audit): events done, events/s, ETA.

Drawn with rich on stderr, so stdout carries only the result, and only when stderr is a terminal: a
log collector reading stderr gets the JSON log lines alone (``TTY_COMPATIBLE=1`` draws them anyway).
``advance(n)`` is the callback the replay and audit adapters call; they know nothing of rich.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

Advance = Callable[[int], None]


class EventRateColumn(ProgressColumn):
    """Events per second, as rich estimates it over the last seconds."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("– ev/s" if speed is None else f"{speed:,.0f} ev/s", style="progress.data.speed")


def progress_bars(console: Console | None = None) -> Progress:
    console = console or Console(stderr=True)
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        EventRateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
        disable=not console.is_terminal,
    )


@contextmanager
def event_progress(description: str, total: int | None, console: Console | None = None) -> Iterator[Advance]:
    """One bar; yields its ``advance(n)``. ``total`` None: the count is not known beforehand."""
    with progress_bars(console) as progress:
        task = progress.add_task(description, total=total)

        def advance(count: int) -> None:
            progress.update(task, advance=count)

        yield advance
        if total is not None:
            progress.update(task, completed=max(total, progress.tasks[task].completed))
