"""A hand-written fake of the gateway's record-files port: keeps files in memory, refuses what the
documents service would refuse (closing twice, disposing of a permanent file, an unknown file or
commune) with the same kinds of error."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date

from oneoffice.gateway.application.errors import InvalidRequest, NotFound
from oneoffice.gateway.application.ports import RequestContext
from oneoffice.gateway.application.records import (
    Disposal,
    DocumentKind,
    Handover,
    LinkedDocument,
    NewRecordFile,
    RecordFile,
    Retention,
    RetentionGroup,
    RetentionPeriod,
)

COMMUNES = {"16876", "16882"}
RETENTION = Retention(
    (
        RetentionPeriod("permanent", "Vĩnh viễn", "Permanent", None, True),
        RetentionPeriod("20y", "20 năm", "20 years", 20, False),
        RetentionPeriod("5y", "5 năm", "5 years", 5, False),
    ),
    (RetentionGroup("Hồ sơ kỷ luật", "Discipline files", "20y"),),
)


class FakeRecords:
    def __init__(self) -> None:
        self.files: dict[str, RecordFile] = {}
        self.calls: list[tuple[str, str]] = []
        self._ids = (f"file-{n}" for n in itertools.count(1))

    def _commune(self, commune_id: str) -> None:
        if commune_id not in COMMUNES:
            raise NotFound(
                "documents", f"Xã mã '{commune_id}' không tồn tại.", f"Commune {commune_id!r} does not exist."
            )

    def _file(self, commune_id: str, file_id: str) -> RecordFile:
        self._commune(commune_id)
        found = self.files.get(file_id)
        if found is None or found.commune_id != commune_id:
            raise NotFound(
                "documents", f"Không có hồ sơ «{file_id}».", f"There is no record file {file_id!r}."
            )
        return found

    async def create(self, commune_id: str, new: NewRecordFile, context: RequestContext) -> RecordFile:
        self._commune(commune_id)
        self.calls.append(("create", context.actor))
        made = RecordFile(
            next(self._ids),
            commune_id,
            new.body_code,
            new.year,
            new.file_code,
            new.title,
            new.retention,
            new.keeper,
            "open",
        )
        self.files[made.file_id] = made
        return made

    async def list(
        self, commune_id: str, body_code: str | None, year: int | None, context: RequestContext
    ) -> tuple[RecordFile, ...]:
        self._commune(commune_id)
        self.calls.append(("list", f"{body_code}/{year}"))
        return tuple(
            f
            for f in self.files.values()
            if f.commune_id == commune_id
            and (body_code is None or f.body_code == body_code)
            and (year is None or f.year == year)
        )

    async def get(self, commune_id: str, file_id: str, context: RequestContext) -> RecordFile:
        return self._file(commune_id, file_id)

    async def close(
        self, commune_id: str, file_id: str, closed_on: date, context: RequestContext
    ) -> RecordFile:
        f = self._file(commune_id, file_id)
        if f.closed_on is not None:
            raise InvalidRequest(
                "documents", "Hồ sơ đã kết thúc (đóng).", "The record file was already closed."
            )
        self.files[file_id] = dataclasses.replace(f, status="closed", closed_on=closed_on)
        return self.files[file_id]

    async def link(
        self, commune_id: str, file_id: str, kind: DocumentKind, document_id: str, context: RequestContext
    ) -> RecordFile:
        f = self._file(commune_id, file_id)
        self.files[file_id] = dataclasses.replace(
            f, documents=(*f.documents, LinkedDocument(kind, document_id))
        )
        return self.files[file_id]

    async def hand_over(
        self,
        commune_id: str,
        file_ids: tuple[str, ...],
        handed_over_on: date,
        receiver: str,
        context: RequestContext,
    ) -> Handover:
        files = [self._file(commune_id, f) for f in file_ids]
        handed = tuple(
            dataclasses.replace(
                f,
                status="handed_over",
                handover_id="handover-1",
                handed_over_on=handed_over_on,
                receiver=receiver,
            )
            for f in files
        )
        for f in handed:
            self.files[f.file_id] = f
        return Handover("handover-1", handed)

    async def dispose(
        self, commune_id: str, file_id: str, disposal: Disposal, context: RequestContext
    ) -> RecordFile:
        f = self._file(commune_id, file_id)
        if f.retention == "permanent":
            raise InvalidRequest(
                "documents",
                "Hồ sơ bảo quản vĩnh viễn: không được hủy.",
                "A permanent file may never be disposed of.",
            )
        self.files[file_id] = dataclasses.replace(
            f,
            status="disposed",
            disposal_decision_number=disposal.decision_number,
            disposal_council=disposal.council,
            disposed_on=disposal.decided_on,
        )
        return self.files[file_id]

    async def retention(self, context: RequestContext) -> Retention:
        return RETENTION
