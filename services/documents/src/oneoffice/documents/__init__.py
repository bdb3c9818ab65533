"""The documents service. Today: the incoming register (văn bản đến) of every body of a commune,
numbered per body and year, with duplicate flagging, and the reference tables (bodies, document
types) it is configured with. To come (issues #11, #12): outgoing documents and their numbering,
format rules, tasks and deadlines, record files and retention.

Run it with ``python -m oneoffice.documents serve``; :mod:`.bootstrap` is its composition root.
"""
