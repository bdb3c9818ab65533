"""The duty events as the contract publishes them, and back: the translation at the store's edge."""

from __future__ import annotations

from oneoffice.contracts.events import staff as c
from oneoffice.eventcore.events import DomainEvent

from ..domain import duty_events as d


def catalogue_to_contract(event: d.CatalogueVersionPublished) -> DomainEvent:
    return c.DutyCatalogueVersionPublished(
        version=event.version,
        duties=[
            c.CatalogueDuty(
                code=x.code,
                name_vi=x.name_vi,
                name_en=x.name_en,
                description=x.description,
                bodies=list(x.bodies),
            )
            for x in event.duties
        ],
        note=event.note,
    )


def catalogue_from_contract(event: DomainEvent) -> d.CatalogueVersionPublished:
    assert isinstance(event, c.DutyCatalogueVersionPublished)
    duties = tuple(d.Duty(x.code, x.name_vi, x.name_en, x.description, tuple(x.bodies)) for x in event.duties)
    return d.CatalogueVersionPublished(event.version, duties, event.note)


def to_contract(event: d.RosterEvent) -> DomainEvent:
    match event:
        case d.CatalogueAdopted():
            return c.DutyCatalogueAdopted(
                commune_id=event.commune_id,
                version=event.version,
                duty_codes=list(event.duty_codes),
                effective=event.effective,
            )
        case d.DutyAssigned():
            return c.DutyAssigned(
                commune_id=event.commune_id,
                duty=event.duty,
                primary=event.primary,
                backup=event.backup,
                effective=event.effective,
            )
        case d.AbsenceRecorded():
            return c.AbsenceRecorded(
                commune_id=event.commune_id,
                absence_id=event.absence_id,
                person=event.person,
                kind=event.kind.value,
                start=event.start,
                end=event.end,
            )
        case d.CoverageStarted():
            return c.CoverageStarted(
                commune_id=event.commune_id,
                coverage_id=event.coverage_id,
                absence_id=event.absence_id,
                duty=event.duty,
                absent=event.absent,
                covered_by=event.covered_by,
                on=event.on,
            )
        case d.CoverageEscalated():
            return c.CoverageEscalated(
                commune_id=event.commune_id,
                coverage_id=event.coverage_id,
                absence_id=event.absence_id,
                duty=event.duty,
                absent=event.absent,
                backup=event.backup,
                team_lead=event.team_lead,
                on=event.on,
            )
        case d.CoverageEnded():
            return c.CoverageEnded(
                commune_id=event.commune_id,
                coverage_id=event.coverage_id,
                absence_id=event.absence_id,
                duty=event.duty,
                on=event.on,
            )


def from_contract(event: DomainEvent) -> d.RosterEvent:
    match event:
        case c.DutyCatalogueAdopted():
            return d.CatalogueAdopted(
                event.commune_id, event.version, tuple(event.duty_codes), event.effective
            )
        case c.DutyAssigned():
            return d.DutyAssigned(event.commune_id, event.duty, event.primary, event.backup, event.effective)
        case c.AbsenceRecorded():
            return d.AbsenceRecorded(
                event.commune_id,
                event.absence_id,
                event.person,
                d.AbsenceKind(event.kind),
                event.start,
                event.end,
            )
        case c.CoverageStarted():
            return d.CoverageStarted(
                event.commune_id,
                event.coverage_id,
                event.absence_id,
                event.duty,
                event.absent,
                event.covered_by,
                event.on,
            )
        case c.CoverageEscalated():
            return d.CoverageEscalated(
                event.commune_id,
                event.coverage_id,
                event.absence_id,
                event.duty,
                event.absent,
                event.backup,
                event.team_lead,
                event.on,
            )
        case c.CoverageEnded():
            return d.CoverageEnded(
                event.commune_id, event.coverage_id, event.absence_id, event.duty, event.on
            )
    raise TypeError(f"not a duty roster event: {event.event_type}")
