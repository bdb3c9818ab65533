"""The documents service: registers of incoming and outgoing documents for every body of a commune,
numbering, format rules, tasks and deadlines, record files and retention.

Run it with ``python -m oneoffice.documents serve``; :mod:`.bootstrap` is its composition root.
"""
