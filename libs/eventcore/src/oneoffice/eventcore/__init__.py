"""OneOffice event-sourcing runtime shared by every service.

Public pieces: :mod:`.events` (event base class, registry, upcasters), :mod:`.envelope`
(what is stored and published around each event), :mod:`.store` (the event store),
:mod:`.chain` (tamper evidence), :mod:`.migrations` (alembic schema of the store).
"""
