"""Adapters of the reporting service: SQLAlchemy tables and repositories, Kafka and gRPC clients."""
