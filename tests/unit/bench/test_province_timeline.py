"""The synthetic province keeps each document's causes before their effects within a commune's log: a
document is registered before it is passed on and before a task is directed from it, and an outgoing
document is drafted before it is numbered (as the documents service enforces). A log that broke this
would make the event-by-event projections depend on where their batches end."""

from __future__ import annotations

from bench.province.timeline import DAYS, province
from oneoffice.contracts.events import documents as d


def test_every_effect_follows_its_cause_in_its_commune_s_log() -> None:
    seen: set[str] = set()
    checked = 0
    place = province(3, 3000, seed=13)
    for day in range(DAYS):
        for commune in place:
            for planned in commune.events_of(day):
                event = planned.build()
                match event:
                    case d.IncomingDocumentRegistered() | d.OutgoingDocumentDrafted():
                        seen.add(event.document_id)
                    case d.DocumentPassedOn() | d.OutgoingDocumentNumbered():
                        assert event.document_id in seen, event
                        checked += 1
                    case d.TaskCreated() if event.document_id is not None:
                        assert event.document_id in seen, event
                        checked += 1
                    case _:
                        pass
    assert checked > 1000
