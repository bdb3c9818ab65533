"""Adapters of the staff service: empty so far.

The service has no tables, repositories or clients of its own yet; ``bootstrap`` wires eventcore's
event store alone. Its SQLAlchemy repositories and read models, and any Kafka or gRPC clients, go here.
"""
