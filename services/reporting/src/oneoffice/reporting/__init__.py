"""The reporting service. Today: the read side's incoming-register projection, fed from the documents
events (Kafka, or the documents store in the embedded mode), rebuildable from the log. To come
(issue #13): a write side for statistics with conflict detection, district and province
aggregation, pilot evaluation, audit replay.

Run it with ``python -m oneoffice.reporting serve``; :mod:`.bootstrap` is its composition root.
"""
