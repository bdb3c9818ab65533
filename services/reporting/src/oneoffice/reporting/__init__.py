"""The reporting service: a write side for statistics (one figure per indicator, period and commune,
with conflict detection) and the read side: projections across communes, district and province
aggregation, pilot evaluation, audit replay.

Run it with ``python -m oneoffice.reporting serve``; :mod:`.bootstrap` is its composition root.
"""
