"""A synthetic nation for the dashboard benchmark: the dashboard projection's rows, written by COPY.

34 provinces over 3,321 communes (the counts after July 2025), each commune with a year (2025) of
what a commune office sees, in a real commune's proportions (``scale`` 1.0): about 1,100 incoming
documents (more at the start of the month and before the year's end), 40 % as many outgoing, a task
for most incoming documents (a tenth with two leads, a few tasks without a document), directed
within a week, done within a month (some late, some overdue, a few still open), a few coverage
events and figure conflicts, 22 staff. 3 % of the communes are pilots (adopted in 2017), 85 % adopted
on 1 July 2025, the rest have not yet.

The rows go into generation 1 of the projection (created as the service would: migrations, then the
projection runner), with checkpoints for its three sources so that answers state their "as of".
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import asyncpg
import sqlalchemy as sa

from oneoffice.eventcore.clock import SystemClock
from oneoffice.eventcore.database import create_engine
from oneoffice.eventcore.migrations import upgrade
from oneoffice.eventcore.projection import ProjectionRunner
from oneoffice.reporting.adapters.dashboard_projection import DashboardProjection, dashboard_tables

YEAR = 2025
FIRST, LAST = date(YEAR, 1, 1), date(YEAR, 12, 31)
FOUNDED = date(2015, 1, 1)
CHUNK = 60  # communes generated and copied at a time
CATEGORIES = ("cong_chuc", "cong_chuc", "cong_chuc", "khong_chuyen_trach", "can_bo")


@dataclass(frozen=True)
class Nation:
    communes: int = 3321
    provinces: int = 34
    scale: float = 1.0
    root: str = "VN"
    period: str = str(YEAR)

    def commune_codes(self) -> list[str]:
        return [f"{n:05d}" for n in range(1, self.communes + 1)]

    def province_of(self, index: int) -> str:
        return f"P{index % self.provinces + 1:02d}"


def _working_days() -> list[date]:
    days = [FIRST + timedelta(days=n) for n in range((LAST - FIRST).days + 1)]
    working = [d for d in days if d.weekday() < 5]
    # Bursts: the first days of each month and December weigh more.
    return working + [d for d in working if d.day <= 5 or d.month == 12]


class _Commune:
    def __init__(self, code: str, scale: float, rng: random.Random, days: list[date]) -> None:
        self.code, self.rng, self.days = code, rng, days
        self.incoming = max(1, int(rng.randint(800, 1400) * scale))
        self.outgoing = int(self.incoming * 0.4)
        self.staff = [f"{code}-nv{n:02d}" for n in range(22)]

    def facts(self) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """The documents (incoming with the days the projection derives from their tasks) and tasks."""
        rng, days = self.rng, self.days
        documents: list[tuple[Any, ...]] = []
        tasks: list[tuple[Any, ...]] = []
        for n in range(self.incoming):
            document_id, arrived = f"{self.code}-den-{n}", rng.choice(days)
            its = []
            if rng.random() >= 0.12:  # else filed without a task
                its = [self._task(f"{document_id}-t{lead}", document_id, arrived)
                       for lead in range(2 if rng.random() < 0.1 else 1)]  # fmt: skip
            tasks.extend(its)
            directed = min((t[5] for t in its), default=None)
            completed = max(t[9] for t in its) if its and all(t[8] for t in its) else None
            documents.append(("in", document_id, self.code, arrived, directed, completed))
        for n in range(self.outgoing):
            documents.append(("out", f"{self.code}-di-{n}", self.code, rng.choice(days), None, None))
        for n in range(int(self.incoming * 0.05)):
            tasks.append(self._task(f"{self.code}-viec-{n}", None, rng.choice(days)))
        return documents, tasks

    def _task(self, task_id: str, document_id: str | None, arrived: date) -> tuple[Any, ...]:
        rng = self.rng
        directed = arrived + timedelta(days=min(int(rng.expovariate(0.6)), 14))
        deadline = directed + timedelta(days=rng.choice((7, 10, 15, 15, 30)))
        completed: date | None = directed + timedelta(days=int(rng.expovariate(1 / 9)))
        overdue: date | None = None
        if rng.random() < 0.06 or (completed is not None and completed > LAST):
            completed = None
        if (completed is None or completed > deadline) and deadline < LAST:
            overdue = deadline + timedelta(days=1)
        lead = rng.choice(self.staff)
        body = rng.choice(("hdnd", "ubnd", "dang"))
        return (
            task_id,
            self.code,
            lead,
            document_id,
            body,
            directed,
            deadline,
            1,
            completed is not None,
            completed,
            overdue,
        )


async def write_nation(database_url: str, dsn: str, nation: Nation) -> dict[str, int]:
    """Creates the projection (as the service would) and COPYs the nation's rows; returns the counts."""
    engine = create_engine(database_url)
    await upgrade(engine)
    runner = ProjectionRunner(engine, DashboardProjection(), SystemClock())
    await runner.start()
    await engine.dispose()
    tables = dashboard_tables(sa.MetaData(), "_g1")  # the first generation, as runner.start() made it
    rng = random.Random(2025)
    days = _working_days()
    counts: dict[str, int] = {}
    conn = await asyncpg.connect(dsn)
    # The secondary indexes are built once the rows are in (faster than row by row).
    indexes = [index for table in tables.values() for index in table.indexes]
    for index in indexes:
        await conn.execute(f'DROP INDEX "{index.name}"')
    try:

        async def copy(logical: str, rows: list[tuple[Any, ...]]) -> None:
            table = tables[logical]
            await conn.copy_records_to_table(
                table.name, records=rows, columns=[c.name for c in table.columns]
            )
            counts[logical] = counts.get(logical, 0) + len(rows)

        codes = nation.commune_codes()
        provinces = sorted({nation.province_of(i) for i in range(len(codes))})
        units = [nation.root, *provinces, *codes]
        await copy("units", [(code, FOUNDED, None, None) for code in units])
        parents = [(nation.root, FOUNDED, None)] + [(p, FOUNDED, nation.root) for p in provinces]
        parents += [(code, FOUNDED, nation.province_of(i)) for i, code in enumerate(codes)]
        await copy("unit_parents", parents)
        names = [(nation.root, FOUNDED, "Việt Nam", "nation")]
        names += [(p, FOUNDED, f"Tỉnh {p}", "province") for p in provinces]
        names += [(c, FOUNDED, f"Xã {c}", "ward" if i % 5 == 0 else "commune") for i, c in enumerate(codes)]
        await copy("unit_names", names)
        adoptions = []
        for code in codes:
            draw = rng.random()
            if draw < 0.03:
                adoptions.append(
                    (code, date(2017, 3, 1) + timedelta(days=rng.randint(0, 60)), "thí điểm 2017")
                )
            elif draw < 0.88:
                adoptions.append((code, date(2025, 7, 1), "2025"))
        await copy("adoptions", adoptions)

        for first in range(0, len(codes), CHUNK):
            chunk = [_Commune(code, nation.scale, rng, days) for code in codes[first : first + CHUNK]]
            documents, tasks = [], []
            for commune in chunk:
                its_documents, its_tasks = commune.facts()
                documents.extend(its_documents)
                tasks.extend(its_tasks)
            await copy("documents", documents)
            await copy("tasks", tasks)
            people, stints, coverage, conflicts = [], [], [], []
            for commune in chunk:
                for person in commune.staff:
                    category = rng.choice(CATEGORIES)
                    people.append((person, f"Cán bộ {person}", category, "1.0", '["ubnd"]'))
                    joined = date(2020, 1, 1) if rng.random() < 0.9 else rng.choice(days)
                    stints.append((person, joined, commune.code, None))
                for n in range(rng.randint(2, 8)):
                    kind = "started" if n % 3 else "escalated"
                    coverage.append((f"{commune.code}-tt-{n}", kind, commune.code, rng.choice(days)))
                for n in range(rng.randint(0, 3)):
                    raised = datetime.combine(rng.choice(days), datetime.min.time(), UTC)
                    adopted = raised + timedelta(days=rng.randint(1, 30)) if n % 2 else None
                    quarter = (raised.month - 1) // 3 + 1
                    conflicts.append(
                        (f"{commune.code}-xd-{n}", commune.code, f"{YEAR}-Q{quarter}", raised, adopted)
                    )
            await copy("people", people)
            await copy("stints", stints)
            await copy("coverage", coverage)
            await copy("conflicts", conflicts)

        now = datetime.now(UTC)
        await conn.executemany(
            "INSERT INTO subscription_checkpoints (subscription, source, partition, next_offset,"
            " source_position, updated_at) VALUES ($1, $2, $3, $4, $5, $6)",
            [
                (DashboardProjection.name, f"oneoffice.{source}", p, 1000 + p, 1000 + p, now)
                for source in ("documents", "staff", "reporting")
                for p in range(3)
            ],
        )
        sync_engine = sa.create_mock_engine("postgresql://", executor=lambda *_: None)
        for index in indexes:
            await conn.execute(str(sa.schema.CreateIndex(index).compile(dialect=sync_engine.dialect)))
        await conn.execute("VACUUM ANALYZE")  # the visibility map: counts from the indexes alone
    finally:
        await conn.close()
    return counts
