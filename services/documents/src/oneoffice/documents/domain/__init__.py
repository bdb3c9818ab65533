"""The documents domain: aggregates, value objects and its own events (plain dataclasses).

Imports no framework: no pydantic, SQLAlchemy, gRPC or FastStream (a unit test scans the imports).
The contract events the service publishes are translated from the domain's at the store's edge.
"""
