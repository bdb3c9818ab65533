"""The staff service: administrative units (with merges over time), the bodies of a commune, office
teams, staff, the district duty catalogue, duty assignments with backups, absences.

Run it with ``python -m oneoffice.staff serve``; :mod:`.bootstrap` is its composition root.
"""
