"""Events the staff service publishes on ``oneoffice.staff.events.v1``."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from oneoffice.eventcore.events import DomainEvent, Upcaster

DocumentFamily = Literal["STATE", "PARTY", "FRONT", "YOUTH"]
"""Which rules a body's documents follow: State (NĐ 30/2020), Party (QĐ 66-QĐ/TW), Front (State-style
number, HD 91/HD-MTTW-BTT) or Youth Union (Party-style number, QĐ 367-QĐ/TWĐTN-VP). Mass
organisations with no rules of their own are STATE."""


class BodyRegistered(DomainEvent):
    """A body (Đảng ủy, HĐND, UBND, MTTQ, a mass organisation) joined those a commune office serves."""

    event_type: ClassVar[str] = "staff.BodyRegistered"
    schema_version: ClassVar[int] = 1

    commune_id: str = Field(description="Commune whose office serves the body.")
    body_code: str = Field(description="Stable code of the body, e.g. DANG_UY, HDND, UBND, MTTQ, DOAN_TN.")
    name: str = Field(description="Vietnamese name of the body, e.g. 'Ủy ban nhân dân'.")
    family: DocumentFamily = Field(description="Document family: header, number format and numbering scope.")


EVENTS: tuple[type[DomainEvent], ...] = (BodyRegistered,)
UPCASTERS: tuple[tuple[str, int, Upcaster], ...] = ()
