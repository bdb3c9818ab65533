"""Adapters of the documents service: SQLAlchemy tables and repositories, Kafka and gRPC clients."""
