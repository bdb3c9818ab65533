"""The one-office model adopted by communes (the 2017 pilot, later waves): one stream
``model-adoptions`` for the district's before/after and rollout views. A commune adopts once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .people import Exists, unit_missing
from .people_errors import InvalidStaffChange

ADOPTIONS_STREAM = "model-adoptions"


@dataclass(frozen=True, slots=True)
class ModelAdopted:
    commune_id: str
    adopted_on: date
    wave: str
    decision: str


@dataclass(slots=True)
class ModelAdoptions:
    version: int = 0
    adopted: dict[str, ModelAdopted] = field(default_factory=dict)

    def as_of(self, day: date | None) -> list[ModelAdopted]:
        found = [a for a in self.adopted.values() if day is None or a.adopted_on <= day]
        return sorted(found, key=lambda a: (a.adopted_on, a.commune_id))

    def adopt(
        self, commune_id: str, day: date, wave: str, decision: str, exists: Exists
    ) -> ModelAdopted | None:
        """None when this commune adopted the model on that day already (a retried request)."""
        earlier = self.adopted.get(commune_id)
        if earlier is not None:
            if earlier.adopted_on == day:
                return None
            raise InvalidStaffChange(
                "already_adopted",
                f"Đơn vị {commune_id} đã áp dụng mô hình từ ngày {earlier.adopted_on.strftime('%d/%m/%Y')}.",
                f"Unit {commune_id} adopted the model on {earlier.adopted_on.isoformat()} already.",
            )
        if not exists(commune_id, day):
            raise unit_missing(commune_id, day)
        return ModelAdopted(commune_id, day, wave.strip(), decision.strip())

    def apply(self, event: ModelAdopted) -> None:
        self.adopted[event.commune_id] = event
        self.version += 1
