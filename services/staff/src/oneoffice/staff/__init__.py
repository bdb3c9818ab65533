"""The staff service. Today: its event store and a gRPC server with health and reflection, nothing
more. To come (issues #9, #10): accounts, administrative units with merges over time, the bodies of
a commune, office teams, staff, the district duty catalogue, duty assignments with backups, absences.

Run it with ``python -m oneoffice.staff serve``; :mod:`.bootstrap` is its composition root.
"""
